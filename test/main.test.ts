/** `npm start`: with a token the bot connects (to the fake Discord here) and prints one startup line; without, the console mode. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatMessage } from '../src/core/errors.js';
import { snapshotPath } from '../src/core/snapshot-file.js';
import { snapshotKey } from '../src/core/snapshot-key.js';
import { run, startupLine } from '../src/main.js';
import { FakeDiscord } from './support/fake-discord.js';

let root = '';
let env: NodeJS.ProcessEnv = {};
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wenda-main-'));
  await cp(path.resolve(import.meta.dirname, '../corpus'), path.join(root, 'corpus'), { recursive: true });
  await cp(path.resolve(import.meta.dirname, '../config'), path.join(root, 'config'), { recursive: true });
  env = { CORPUS_DIR: path.join(root, 'corpus'), CONFIG_DIR: path.join(root, 'config'), DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'info' };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) }), text: () => chunks.join('') };
}

test('startupLine names documents, passages, figures and the time', () => {
  expect(startupLine({ documents: 2, passages: 30, figures: 7 }, 1234.4, 'console')).toBe('Ready (console): 2 documents, 30 passages, 7 figures in 1234 ms');
  expect(startupLine({ documents: 1, passages: 1, figures: 0 }, 5, 'console')).toBe('Ready (console): 1 document, 1 passage, 0 figures in 5 ms');
});

test('without a token: one startup line, one line saying so, then the console answers', async () => {
  const out = sink();
  const stdin = new PassThrough();
  const running = run({ env: { ...env, DISCORD_TOKEN: '' }, cwd: root, stdin, stdout: out.stream, logDestination: sink().stream });
  stdin.end('昌吉州煤电装机多少？\n');
  expect(await running).toBeNull();
  const lines = out.text().split('\n');
  expect(lines[0]).toMatch(/^Ready \(console\): 1 document, \d+ passages, \d+ figures in \d+ ms$/);
  expect(lines[1]).toMatch(/^No DISCORD_TOKEN set/);
  expect(lines.slice(2).join('\n').length).toBeGreaterThan(0);
});

test('console mode logs at warn unless LOG_LEVEL says otherwise, one readable line when stderr is a terminal', async () => {
  const quiet = sink();
  const stdin = new PassThrough();
  const { LOG_LEVEL: _level, ...noLevel } = env;
  const dataDir = path.join(root, 'data-console-level');
  const running = run({ env: { ...noLevel, DATA_DIR: dataDir, DISCORD_TOKEN: '' }, cwd: root, stdin, stdout: sink().stream, logDestination: quiet.stream });
  stdin.end('');
  await running;
  // A fresh data folder: the build wrote a snapshot, which is logged at info, so not here.
  expect(quiet.text()).toBe('');

  const loud = sink();
  Object.assign(loud.stream, { isTTY: true });
  const stdin2 = new PassThrough();
  const again = run({ env: { ...noLevel, LOG_LEVEL: 'info', DATA_DIR: dataDir, DISCORD_TOKEN: '' }, cwd: root, stdin: stdin2, stdout: sink().stream, logDestination: loud.stream });
  stdin2.end('');
  await again;
  const lines = loud.text().split('\n').filter(Boolean);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.find((l) => l.includes('index snapshot loaded'))).toMatch(/^\d\d:\d\d:\d\d INFO  index snapshot loaded bytes=\d+ createdAt=/);
  expect(loud.text()).not.toContain('{"level"');
});

test('an empty file in the corpus: the others are served, and the skipped file is reported on stdout and as a log warning', async () => {
  const out = sink();
  const logs = sink();
  const empty = path.join(env.CORPUS_DIR!, 'empty-draft.txt');
  await writeFile(empty, '');
  try {
    const stdin = new PassThrough();
    const running = run({ env: { ...env, DISCORD_TOKEN: '' }, cwd: root, stdin, stdout: out.stream, logDestination: logs.stream });
    stdin.end('昌吉州煤电装机多少？\n');
    expect(await running).toBeNull();
    const lines = out.text().split('\n');
    expect(lines[0]).toMatch(/^Ready \(console\): 1 document, /);
    expect(lines[1]).toBe(`已跳过 skipped empty-draft.txt: ${formatMessage('DOCUMENT_EMPTY', { path: 'empty-draft.txt' })}`);
    expect(out.text()).toContain('超3200万千瓦');
    const warning = logs.text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'document skipped');
    expect(warning).toMatchObject({ level: 40, file: 'empty-draft.txt', code: 'DOCUMENT_EMPTY' });
  } finally {
    await rm(empty, { force: true });
  }
});

test('with a token: connects through discord.js and prints the startup line; the token is not logged', async () => {
  const fake = await FakeDiscord.start();
  const out = sink();
  const logs = sink();
  const token = 'FAKE.main-test-token.0123456789abcdef';
  const bot = await run({ env: { ...env, DISCORD_TOKEN: token }, cwd: root, stdout: out.stream, logDestination: logs.stream, clientOptions: fake.clientOptions() });
  try {
    expect(bot).not.toBeNull();
    expect(out.text()).toMatch(/^Ready \(Discord as wenda\): 1 document, \d+ passages, \d+ figures in \d+ ms\n$/);
    const identify = fake.gatewayReceived.find((p) => p.op === 2)!;
    expect(identify.d.token).toBe(token);
    // Guilds, GuildMessages, DirectMessages and (config default) MessageContent.
    expect(identify.d.intents).toBe(1 | 512 | 4096 | 32768);
    const id = fake.postMessage('昌吉州煤电装机多少？', { mention: true });
    expect((await fake.replyTo(id)).body.embeds).toHaveLength(1);
    expect(logs.text()).toContain('connected to Discord');
    expect(logs.text()).not.toContain(token);
  } finally {
    await bot?.stop();
    await fake.stop();
  }
});

test('DISCORD_API_URL: the client takes REST, and the gateway URL from /gateway/bot, from that base', async () => {
  const fake = await FakeDiscord.start();
  const { rest, ...options } = fake.clientOptions();
  const bot = await run({
    env: { ...env, DISCORD_TOKEN: 'FAKE.main-proxy-token.0123456789abcdef', DISCORD_API_URL: fake.api + '/' },
    cwd: root,
    stdout: sink().stream,
    logDestination: sink().stream,
    // Everything but the REST base: that comes from the environment.
    clientOptions: { ...options, rest: { retries: rest!.retries!, timeout: rest!.timeout! } },
  });
  try {
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot' });
    const id = fake.postMessage('昌吉州煤电装机多少？', { mention: true });
    expect((await fake.replyTo(id)).body.embeds).toHaveLength(1);
  } finally {
    await bot?.stop();
    await fake.stop();
  }
});

test('with a token: /reload of a changed corpus writes a new snapshot; on an unchanged one it loads it', async () => {
  const fake = await FakeDiscord.start();
  const logs = sink();
  const token = 'FAKE.main-reload-token.0123456789abcdef';
  const header = async () => JSON.parse((await readFile(snapshotPath(env.DATA_DIR!), 'utf8')).split('\n')[0]!) as { key: string };
  const bot = await run({ env: { ...env, DISCORD_TOKEN: token }, cwd: root, stdout: sink().stream, logDestination: logs.stream, clientOptions: fake.clientOptions() });
  const extra = path.join(env.CORPUS_DIR!, 'reload-test.txt');
  try {
    const before = await header();
    // A second document (made up, simplified) arrives; a moderator (Manage Server) reloads.
    await writeFile(extra, '乌苏市推进风电建设\n2024-03-05 10:00:00 来源：天山网\n乌苏市风电装机超2800万千瓦。\n');
    expect((await fake.editOf(fake.command('reload', {}, { permissions: '32' }), 30_000)).body.embeds[0].description).toContain('+1');
    const after = await header();
    expect(after.key).not.toBe(before.key);
    expect(after.key).toBe(await snapshotKey({ corpusDir: env.CORPUS_DIR!, configDir: env.CONFIG_DIR! }));
    const id = fake.postMessage('乌苏市风电装机多少？', { mention: true });
    expect((await fake.replyTo(id)).body.embeds[0].description).toContain('2800万千瓦');

    // Nothing changed: the reload serves the snapshot it just wrote instead of rebuilding.
    const loadedBefore = logs.text().split('index snapshot loaded').length;
    await fake.editOf(fake.command('reload', {}, { permissions: '32' }), 30_000);
    expect(logs.text().split('index snapshot loaded').length).toBe(loadedBefore + 1);
    expect((await header()).key).toBe(after.key);
  } finally {
    await bot?.stop();
    await fake.stop();
    await rm(extra, { force: true });
  }
});
