/**
 * End to end through the real entry point: `src/main.ts` started as a process (tsx's loader) with SHARDS=2 runs the
 * sharding manager itself, which forks two shard processes against the fake Discord. Checks main()'s own sharding
 * path (startShards is tested directly in e2e-shards.test.ts): the ready line, one IDENTIFY per shard, an answer in
 * each shard's guild, and SIGTERM stopping the manager and both shard processes (exit 0, no orphans).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FakeDiscord, shardOfGuild } from '../support/fake-discord.js';
import { makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const token = `FAKE.${randomBytes(18).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
let fake: FakeDiscord;
let corpus: TinyCorpus;
let dataDir: string;
let manager: ChildProcess | undefined;
let exited: Promise<number | null>;
let out = '';
let err = '';

/** Whether a process with this pid still exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The shard processes' pids, from the manager's "shard process started" log lines (pino JSON on stderr). */
function shardPids(): Map<number, number> {
  const pids = new Map<number, number>();
  for (const line of err.split('\n')) {
    if (!line.includes('shard process started')) continue;
    try {
      const entry = JSON.parse(line) as { shard?: number; pid?: number };
      if (typeof entry.shard === 'number' && typeof entry.pid === 'number') pids.set(entry.shard, entry.pid);
    } catch {
      // A shard's own output interleaved: not the manager's line.
    }
  }
  return pids;
}

/** Asks with /ask in a guild of the shard and returns the reply's text. */
const ask = (shard: number, question: string): Promise<string> => fake.askOnShard(shard, question);

beforeAll(async () => {
  fake = await FakeDiscord.start({ shards: 2 });
  corpus = makeTinyCorpus('wenda-main-shards-');
  writeFileSync(path.join(corpus.configDir, 'bot.json'), JSON.stringify({ cooldownSeconds: 0 }));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'wenda-main-shards-data-'));
  const loader = pathToFileURL(path.join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  // cwd is the repository: the manager forks each shard with `--import tsx`, which resolves from there.
  manager = spawn(process.execPath, ['--import', loader, path.join(REPO, 'src/main.ts')], {
    cwd: REPO,
    env: fake.botEnv({ token, corpusDir: corpus.corpusDir, configDir: corpus.configDir, dataDir }, { SHARDS: '2' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  manager.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  manager.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const proc = manager;
  exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('Sharding manager:')) {
    if (Date.now() - started > 100_000 || proc.exitCode !== null) throw new Error(`the manager did not get ready: ${err.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 120_000);

afterAll(async () => {
  // A failed test must not leave processes behind.
  for (const pid of shardPids().values()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  manager?.kill('SIGKILL');
  await fake?.stop();
  corpus?.remove();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

test('SHARDS=2 through main(): the ready line, each shard identifies as [id, 2] and answers in its guild', async () => {
  expect(out).toContain('Sharding manager: 2 shards ready\n');
  // The shards' own startup lines (their stdout is the manager's). Each comes through its own pipe, so
  // one may arrive after the manager's line: waited for, up to 10 s.
  for (const line of [', shard 1/2)', ', shard 2/2)']) {
    const started = Date.now();
    while (!out.includes(line) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain(line);
  }
  const identifies = fake.gatewayReceived.filter((p) => p.op === 2).map((p) => p.d.shard);
  expect(identifies.sort()).toEqual([[0, 2], [1, 2]]);
  expect(fake.guilds.map((g) => shardOfGuild(g.id, 2)).sort()).toEqual([0, 1]);
  expect([...shardPids().keys()].sort()).toEqual([0, 1]);

  expect(await ask(0, '哈密市今年新增高效节水灌溉面积多少？')).toContain('12.6');
  expect(await ask(1, '乌苏市完成工业固投多少？')).toContain('231.5');
  expect(`${out}${err}`).not.toContain(token);
});

test('SIGTERM: the manager and both shard processes exit, code 0', async () => {
  const pids = [...shardPids().values()];
  expect(pids).toHaveLength(2);
  for (const pid of pids) expect(alive(pid)).toBe(true);
  manager!.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 25_000))]);
  expect(code).toBe(0);
  // The manager waits for its shards' exits before its own: none is left behind.
  for (const pid of pids) expect(alive(pid)).toBe(false);
}, 30_000);
