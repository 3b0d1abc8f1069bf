/** The fake gateway's sharding, against the real discord.js client in-process: IDENTIFY's shard is checked, guilds are routed. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { discordMessage } from '../../src/discord/errors.js';
import { createStore, type EngineStore } from '../../src/core/engine-store.js';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/discord/bot.js';
import { createLogger } from '../../src/logger.js';
import { FakeDiscord, shardOfGuild } from '../support/fake-discord.js';
import { makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

let corpus: TinyCorpus;
let store: EngineStore;
const logger = createLogger('silent', { destination: new Writable({ write: (_c, _e, cb) => cb() }) });

beforeAll(async () => {
  corpus = makeTinyCorpus('wenda-shard-routing-');
  store = await createStore({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
});
afterAll(() => corpus?.remove());

async function start(fake: FakeDiscord, shard?: { id: number; count: number }) {
  const settings = loadConfig({ CONFIG_DIR: corpus.configDir }, corpus.root).bot;
  const clientOptions = { ...fake.clientOptions(), ...(shard ? { shards: [shard.id], shardCount: shard.count } : {}) };
  return startBot({ token: 'FAKE.token.x', store, settings, logger, dataDir: corpus.root, clientOptions });
}

test('a bot without sharding is refused by a gateway that requires it (4010 Invalid shard), with a catalog error', async () => {
  const fake = await FakeDiscord.start({ shards: 2 });
  try {
    // discord.js always sends shard [0, 1]: the wrong count for a 2-shard gateway.
    await expect(start(fake)).rejects.toMatchObject({ code: 'DISCORD_GATEWAY_REFUSED', message: discordMessage('DISCORD_GATEWAY_REFUSED', { code: 4010 }) });
    expect(fake.gatewayReceived.find((p) => p.op === 2)!.d.shard).toEqual([0, 1]);
  } finally {
    await fake.stop();
  }
});

test('shard 1 of 2 receives only the guilds with (id >> 22) % 2 = 1, and answers there', async () => {
  const fake = await FakeDiscord.start({ shards: 2 });
  const bot = await start(fake, { id: 1, count: 2 });
  try {
    const mine = fake.guildOnShard(1);
    expect([...bot.client.guilds.cache.keys()]).toEqual([mine.id]);
    expect(shardOfGuild(mine.id, 2)).toBe(1);
    const id = fake.command('ask', { question: '乌苏市风电装机多少？' }, { guild: mine });
    expect(JSON.stringify((await fake.callbackOf(id)).body)).toContain('2800');
    // A question in shard 0's guild never reaches this client.
    const other = fake.command('ask', { question: '乌苏市风电装机多少？' }, { guild: fake.guildOnShard(0) });
    await expect(fake.callbackOf(other, 500)).rejects.toThrow(/timed out/);
  } finally {
    await bot.stop();
    await fake.stop();
  }
});
