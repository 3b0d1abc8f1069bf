/** Cold start: wall time from spawning the CLI (`npm run ask` runs `node dist/cli/ask.js`) to its exit after the first answer. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { CorpusInfo } from '../corpora.js';
import { CACHE, ROOT, median } from './util.js';

/** Cold-start times of one corpus, ms (medians of the runs). */
export interface ColdStartCorpus {
  corpus: string;
  runs: number;
  /** Empty data folder: read, clean, segment, index, write the snapshot, answer. */
  noSnapshotMs: number;
  /** Same corpus, snapshot present: load it and answer. */
  snapshotMs: number;
  noSnapshotAll: number[];
  snapshotAll: number[];
  /** Through `npm run ask` (npm's own start-up included), one run each. */
  npmNoSnapshotMs?: number;
  npmSnapshotMs?: number;
  answered: boolean;
  sampleOutput: string;
}

/** Cold-start results: the seed corpus and the largest real-text corpus. */
export interface ColdStartResult {
  question: string;
  seed: ColdStartCorpus | null;
  large: ColdStartCorpus | null;
  notes: string[];
}

const CLI = path.join(ROOT, 'dist', 'cli', 'ask.js');

function runOnce(cmd: string, args: string[], corpusDir: string, dataDir: string, timeoutMs: number): { ms: number; ok: boolean; out: string } {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DISCORD_TOKEN: '' },
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, ok: r.status === 0 && r.stdout.trim().length > 0, out: `${r.stdout}${r.stderr}`.trim() };
}

function measure(c: CorpusInfo, question: string, runs: number, npm: boolean, timeoutMs: number): ColdStartCorpus {
  const no: number[] = [];
  const yes: number[] = [];
  let answered = true;
  let sample = '';
  const base = path.join(CACHE, 'work');
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(path.join(base, 'data-'));
    const a = runOnce(process.execPath, [CLI, question], c.dir, dataDir, timeoutMs);
    const b = runOnce(process.execPath, [CLI, question], c.dir, dataDir, timeoutMs);
    no.push(a.ms);
    yes.push(b.ms);
    answered &&= a.ok && b.ok;
    sample ||= b.out.slice(0, 300);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const result: ColdStartCorpus = { corpus: c.name, runs, noSnapshotMs: median(no), snapshotMs: median(yes), noSnapshotAll: no, snapshotAll: yes, answered, sampleOutput: sample };
  if (npm) {
    const dataDir = mkdtempSync(path.join(base, 'data-'));
    result.npmNoSnapshotMs = runOnce('npm', ['run', '--silent', 'ask', '--', question], c.dir, dataDir, timeoutMs).ms;
    result.npmSnapshotMs = runOnce('npm', ['run', '--silent', 'ask', '--', question], c.dir, dataDir, timeoutMs).ms;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

/** Measures the seed corpus (several runs, and once through npm) and the large corpus (one run: a rebuild takes long). */
export async function coldStart(options: { seed: CorpusInfo; large: CorpusInfo | null; runs: number }): Promise<ColdStartResult | null> {
  const question = '煤电装机多少千瓦？';
  if (!existsSync(CLI)) return { question, seed: null, large: null, notes: ['dist/cli/ask.js not found: cold start not measured'] };
  const notes: string[] = [];
  const seed = measure(options.seed, question, options.runs, true, 120_000);
  // The large corpus is poetry: ask about a line of it (the question only has to reach an answer).
  const large = options.large ? measure(options.large, '秦川雄帝宅在哪里？', 1, false, 30 * 60_000) : null;
  if (!seed.answered) notes.push('seed: the CLI did not print an answer or exited non-zero');
  if (large && !large.answered) notes.push(`${large.corpus}: the CLI did not print an answer or exited non-zero`);
  return { question, seed, large, notes };
}
