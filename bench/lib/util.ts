/** Small helpers shared by the benchmark runner and its workers: seeded random numbers, statistics, machine info, child processes. */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_SEMI_SPACE_MB } from '../../src/core/heap.js';

/** The repository root (bench/lib/util.ts is two levels below it). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The git-ignored cache for downloaded and generated data. */
export const CACHE = path.join(ROOT, 'bench', '.cache');

/** A deterministic PRNG (mulberry32): the same seed gives the same corpora and questions on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Latency summary of a list of durations in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of durations (ms). */
export function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
  return {
    n: s.length,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: s[s.length - 1] ?? Number.NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

/** The median of a few numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Milliseconds since `start` (a process.hrtime.bigint() value). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** What the results are worth knowing about the machine. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

/** CPU model (lscpu's "Model name" when available), cores, memory and Node version. */
export function machineInfo(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const out = execFileSync('lscpu', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /^Model name:\s*(.+)$/m.exec(out);
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    // lscpu is missing on some systems: os.cpus() is good enough there.
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
  };
}

/** Memory figures in MB. */
export interface Memory {
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
}

/** Current memory after a full GC when the process runs with --expose-gc. */
export function memory(): Memory {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
  const m = process.memoryUsage();
  const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external + m.arrayBuffers) };
}

/**
 * The Node options of `npm start` (package.json's start script) other than the script: the heap
 * settings the bot serves with (a small young generation: short scavenges, each of which costs more
 * the larger the heap, docs/performance.md). The serving process and the alternatives run with them.
 */
export const BOT_NODE_OPTIONS: readonly string[] = (
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/)
).filter((a) => a.startsWith('--'));

/**
 * The Node options that give a process the young generation of the bot's build worker (heap.ts's
 * buildWorkerLimits, which a process-wide flag would override): what the build measurements run with.
 */
export const BUILD_NODE_OPTIONS: readonly string[] = [`--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`];

/**
 * Runs `bench/worker.ts <task>` in a fresh Node process (so one measurement's heap does not
 * pollute the next), with --expose-gc, a heap cap and `nodeOptions` (default: npm start's); resolves
 * with the JSON it wrote.
 */
export function runWorker<T>(task: string, args: object, options: { timeoutMs: number; heapMB?: number; nodeOptions?: readonly string[] }): Promise<T> {
  const out = path.join(CACHE, 'work', `${task}-${process.pid}-${Date.now()}.json`);
  const argv = [
    '--expose-gc',
    `--max-old-space-size=${options.heapMB ?? 8192}`,
    // The bot's own V8 options (what `npm start` serves with), or the build's.
    ...(options.nodeOptions ?? BOT_NODE_OPTIONS),
    '--import',
    'tsx',
    path.join(ROOT, 'bench', 'worker.ts'),
    task,
    JSON.stringify({ ...args, out }),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    // Bounded in time: a runaway measurement is killed rather than hanging the run.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`worker ${task} failed (${signal ?? `exit ${code}`})`));
      try {
        const result = JSON.parse(readFileSync(out, 'utf8')) as T;
        rmSync(out, { force: true });
        resolve(result);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

/** Formats a number with a few significant figures for the table. */
export function fmt(n: number | undefined | null, digits = 3): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1000) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(digits)).toString();
}
