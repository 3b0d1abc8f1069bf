/**
 * End to end with SHARDS=auto: discord.js's ShardingManager forks two real shard processes (src/main.ts under tsx)
 * against the fake Discord, whose /gateway/bot recommends 2 shards and routes each guild to shard (id >> 22) % 2.
 * A /reload in shard 0's guild rebuilds once, and a question in shard 1's guild then answers from the new corpus.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { snapshotPath } from '../../src/core/snapshot-file.js';
import { createLogger } from '../../src/logger.js';
import { startShards, type RunningShards } from '../../src/shard/manager.js';
import { FakeDiscord, shardOfGuild } from '../support/fake-discord.js';
import { HAMI_MD, makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const HAMI_QUESTION = '哈密市今年新增高效节水灌溉面积多少？';
let fake: FakeDiscord;
let corpus: TinyCorpus;
let shards: RunningShards | undefined;
let dataDir: string;
const output = new Map<number, string>();
const managerLogs: string[] = [];
const token = `FAKE.${randomBytes(18).toString('base64url')}.${randomBytes(20).toString('base64url')}`;

/** Asks with /ask in a guild of the shard and returns the reply's text. */
const ask = (shard: number, question: string): Promise<string> => fake.askOnShard(shard, question);

beforeAll(async () => {
  fake = await FakeDiscord.start({ shards: 2 });
  corpus = makeTinyCorpus('wenda-shards-');
  // The Hami document arrives later, with the reload.
  rmSync(path.join(corpus.corpusDir, 'hami-water.md'));
  writeFileSync(path.join(corpus.configDir, 'bot.json'), JSON.stringify({ moderatorRoles: [fake.moderatorRoleId], cooldownSeconds: 0 }));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'wenda-shards-data-'));
  const env = fake.botEnv({ token, corpusDir: corpus.corpusDir, configDir: corpus.configDir, dataDir }, { SHARDS: 'auto' });
  const config = loadConfig(env, corpus.root);
  const logger = createLogger('info', { secrets: [token], destination: new Writable({ write: (c: Buffer, _e, cb) => (managerLogs.push(c.toString('utf8')), cb()) }) });
  shards = await startShards({
    config,
    env,
    logger,
    script: path.join(REPO, 'src/main.ts'),
    spawnDelayMs: 0,
    respawn: false,
    onOutput: (shard, text) => output.set(shard, (output.get(shard) ?? '') + text),
  });
}, 120_000);

afterAll(async () => {
  await shards?.stop();
  await fake?.stop();
  corpus?.remove();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

test('auto asks /gateway/bot (through DISCORD_API_URL) for the count; each shard identifies as [id, 2] and serves its guilds', () => {
  expect(shards!.total).toBe(2);
  const identifies = fake.gatewayReceived.filter((p) => p.op === 2).map((p) => p.d.shard);
  expect(identifies.sort()).toEqual([[0, 2], [1, 2]]);
  expect(fake.guilds.map((g) => shardOfGuild(g.id, 2)).sort()).toEqual([0, 1]);
  // The first shard built and wrote the snapshot; the second loaded it instead of building.
  expect(output.get(0)).toContain('index snapshot written');
  expect(output.get(1)).toContain('index snapshot loaded');
  expect(output.get(1)).not.toContain('index snapshot written');
  expect(`${output.get(0)}${output.get(1)}${managerLogs.join('')}`).not.toContain(token);
});

test('/reload on shard 0 builds once; shard 1 swaps to the new snapshot and answers from the new corpus', async () => {
  expect(await ask(1, HAMI_QUESTION)).not.toContain('12.6');
  writeFileSync(path.join(corpus.corpusDir, 'hami-water.md'), HAMI_MD);
  const written = statSync(snapshotPath(dataDir)).mtimeMs;
  const before = output.get(1)!.length;

  const id = fake.command('reload', {}, { guild: fake.guildOnShard(0), roles: [fake.moderatorRoleId], permissions: '0' });
  const edit = await fake.editOf(id, 60_000);
  const embed = edit.body.embeds[0];
  expect(embed.title).toBe('重新加载完成 Reload complete');
  expect(embed.description).toContain('已重新加载，2/2 个分片已更新。 Reloaded: 2/2 shards updated.');
  expect(embed.description).toContain('**文档 Documents**: +1 −0 ~0');
  expect(statSync(snapshotPath(dataDir)).mtimeMs).toBeGreaterThan(written);
  // Shard 1 read the snapshot shard 0 wrote: no second build.
  const shard1 = output.get(1)!.slice(before);
  expect(shard1).toContain('index snapshot loaded');
  expect(shard1).not.toContain('index snapshot written');

  const answer = await ask(1, HAMI_QUESTION);
  expect(answer).toContain("12.6");
  expect(await ask(0, HAMI_QUESTION)).toContain('12.6');
});
