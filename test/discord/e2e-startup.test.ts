/**
 * End to end: a start that Discord refuses (bad token, privileged intent not enabled) or that
 * cannot reach it ends with one catalog error saying what to fix, instead of hanging or a stack.
 */
import { Writable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStore, type EngineStore } from '../../src/core/engine-store.js';
import { startBot } from '../../src/discord/bot.js';
import { createLogger } from '../../src/logger.js';
import { FakeDiscord } from '../support/fake-discord.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'FAKE.startup.token-value-0123456789';
let store: EngineStore;
let dataDir: string;
let fake: FakeDiscord;
const logs: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wenda-startup-'));
  store = await createStore({ corpusDir: path.join(REPO, 'corpus'), configDir: path.join(REPO, 'config'), maxQuestionLength: 500 });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  await fake?.stop();
  logs.length = 0;
});

/** Starts the real bot against `fake` (or a REST base given), with a log that records lines. */
function start(clientOptions = fake.clientOptions(), token = TOKEN) {
  const settings = loadConfig({}, REPO).bot;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  return startBot({ token, store, settings, dataDir, logger: createLogger('debug', { secrets: [token], destination: sink }), clientOptions });
}

test('a token Discord rejects (401 on /gateway/bot): DISCORD_TOKEN_REJECTED', async () => {
  fake = await FakeDiscord.start();
  fake.respondWith((r) => r.path === '/gateway/bot', 401, { message: '401: Unauthorized', code: 0 });
  await expect(start()).rejects.toMatchObject({ code: 'DISCORD_TOKEN_REJECTED', message: expect.stringMatching(/check DISCORD_TOKEN/) });
});

test('the gateway closes with 4014 (Message Content not enabled in the portal): DISCORD_INTENT_DISABLED, logged too', async () => {
  fake = await FakeDiscord.start();
  fake.identifyCloseCode = 4014;
  await expect(start()).rejects.toMatchObject({ code: 'DISCORD_INTENT_DISABLED', message: expect.stringMatching(/messageContentIntent/) });
  expect(logs.join('')).toMatch(/Privileged Gateway Intents/);
  expect(logs.join('')).not.toContain(TOKEN);
});

test('the gateway closes with 4004 (authentication failed): DISCORD_TOKEN_REJECTED', async () => {
  fake = await FakeDiscord.start();
  fake.identifyCloseCode = 4004;
  await expect(start()).rejects.toMatchObject({ code: 'DISCORD_TOKEN_REJECTED' });
});

test('nothing listening where Discord should be: DISCORD_UNREACHABLE', async () => {
  fake = await FakeDiscord.start();
  const options = fake.clientOptions();
  await expect(start({ ...options, rest: { ...options.rest, api: 'http://127.0.0.1:9/api' } })).rejects.toMatchObject({
    code: 'DISCORD_UNREACHABLE',
    message: expect.stringMatching(/ECONNREFUSED/),
  });
});
