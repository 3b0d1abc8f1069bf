/** Starts the real bot (real store over a temp copy of corpus/ and config/, real discord.js Client) against the fake Discord. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { createStore, type EngineStore, type StoreOptions } from '../../src/core/engine-store.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import type { BotSettings } from '../../src/discord/context.js';
import type { Later } from '../../src/discord/later.js';
import { createLogger } from '../../src/logger.js';
import { FakeDiscord, type FakeOptions } from './fake-discord.js';

/** A running bot, its fake Discord, and where its files and logs are. */
export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  store: EngineStore;
  settings: BotSettings;
  /** The temp folder holding corpus/, config/ and data/. */
  root: string;
  corpusDir: string;
  dataDir: string;
  /** The bot's token (fake), to check it never reaches the logs. */
  token: string;
  /** Every log line the bot wrote. */
  logs: string[];
  /** Stops the bot (as on a deploy) and starts a new one on the same store, data folder and fake Discord; the caller stops it. */
  restart(): Promise<RunningBot>;
  stop(): Promise<void>;
}

const REPO = path.resolve(import.meta.dirname, '../..');

/** Copies the repository's corpus and config into a temp folder, builds the store, starts the fake and the bot. */
export async function startHarness(
  overrides: Partial<BotSettings> = {},
  options: { now?: () => number; later?: Later; fake?: FakeOptions; restTimeout?: number; build?: StoreOptions['build'] } = {},
): Promise<Harness> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wenda-e2e-'));
  const corpusDir = path.join(root, 'corpus');
  const configDir = path.join(root, 'config');
  const dataDir = path.join(root, 'data');
  await cp(path.join(REPO, 'corpus'), corpusDir, { recursive: true });
  await cp(path.join(REPO, 'config'), configDir, { recursive: true });
  const config = loadConfig({ CORPUS_DIR: corpusDir, CONFIG_DIR: configDir, DATA_DIR: dataDir }, root);
  const fake = await FakeDiscord.start(options.fake);
  const settings: BotSettings = {
    ...config.bot,
    cooldownSeconds: 0,
    allowDMs: false,
    messageContentIntent: true,
    qaChannels: [fake.qaChannelId],
    moderatorRoles: [fake.moderatorRoleId],
    ...overrides,
  };
  const store = await createStore({ corpusDir, configDir, maxQuestionLength: settings.maxQuestionLength, ...(options.build ? { build: options.build } : {}) });
  const token = `FAKE.${randomBytes(18).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = createLogger('debug', { secrets: [token], destination: sink });
  const start = () =>
    startBot({ token, store, settings, logger, dataDir, clientOptions: fake.clientOptions({ ...(options.restTimeout ? { timeout: options.restTimeout } : {}) }), ...(options.now ? { now: options.now } : {}), ...(options.later ? { later: options.later } : {}) });
  const bot = await start();
  return {
    fake,
    bot,
    store,
    settings,
    root,
    corpusDir,
    dataDir,
    token,
    logs,
    async restart() {
      await bot.stop();
      return start();
    },
    async stop() {
      await bot.stop();
      await fake.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
