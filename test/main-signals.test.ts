/**
 * `npm start` as a process against the strict fake Discord: SIGTERM lets the reply in flight reach Discord and
 * exits 0; a fatal gateway close while running (4014) exits non-zero with its one-line reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { discordMessage } from '../src/discord/errors.js';
import { FakeDiscord, type RecordedRequest } from './support/fake-discord.js';

const REPO = path.resolve(import.meta.dirname, '..');
let root = '';
let fake: FakeDiscord | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wenda-signals-'));
  await cp(path.join(REPO, 'corpus'), path.join(root, 'corpus'), { recursive: true });
  await cp(path.join(REPO, 'config'), path.join(root, 'config'), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await fake?.stop();
});

/** Starts `src/main.ts` in its own process pointed at the fake (through DISCORD_API_URL); resolves once it is ready. */
async function startProcess(f: FakeDiscord): Promise<{ proc: ChildProcess; stderr: () => string; exited: Promise<number | null> }> {
  let err = '';
  let out = '';
  // tsx's loader by path: the process runs in the temp folder, where `--import tsx` would not resolve.
  const loader = pathToFileURL(path.join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  const proc = spawn(process.execPath, ['--import', loader, path.join(REPO, 'src/main.ts')], {
    cwd: root,
    env: f.botEnv({ token: 'FAKE.signals-token.0123456789abcdef', corpusDir: path.join(root, 'corpus'), configDir: path.join(root, 'config'), dataDir: path.join(root, 'data') }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('Ready (Discord')) {
    if (Date.now() - started > 60_000 || proc.exitCode !== null) throw new Error(`the process did not get ready: ${err.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, stderr: () => err, exited };
}

const isChannelPost = (r: RecordedRequest) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path);

test('SIGTERM while a reply waits out a rate limit: the reply is sent, then the process exits 0', async () => {
  fake = await FakeDiscord.start();
  const running = await startProcess(fake);
  child = running.proc;
  fake.rateLimit(isChannelPost, { retryAfter: 1.5 });
  const id = fake.postMessage('昌吉州煤电装机多少？', { mention: true });
  // The first send got its 429: the reply is in flight, waiting.
  await fake.until(() => (fake!.requests.some((r) => isChannelPost(r) && r.body?.message_reference?.message_id === id) ? true : undefined), 10_000);
  child.kill('SIGTERM');
  const code = await running.exited;
  expect(code).toBe(0);
  expect(fake.created.filter((m) => m.message_reference?.message_id === id)).toHaveLength(1);
  expect(running.stderr()).toContain('waiting for replies in flight');
}, 90_000);

test('a fatal close while running (4014): exits 1 with the one-line reason', async () => {
  fake = await FakeDiscord.start();
  const running = await startProcess(fake);
  child = running.proc;
  fake.closeGateway(4014);
  const code = await Promise.race([running.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  expect(code).toBe(1);
  expect(running.stderr().split('\n')).toContain(discordMessage('DISCORD_INTENT_DISABLED'));
}, 90_000);
