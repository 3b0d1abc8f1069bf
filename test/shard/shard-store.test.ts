/** A shard's store: swaps only to the snapshot key it was told (else refuses), maps a busy manager to RELOAD_IN_PROGRESS. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BotError } from '../../src/core/errors.js';
import { snapshotKey } from '../../src/core/snapshot-key.js';
import { createStore, type EngineStore } from '../../src/core/engine-store.js';
import { recommendedShardCount } from '../../src/shard/manager.js';
import { PROTOCOL, type ShardToManager } from '../../src/shard/protocol.js';
import { ShardedStore } from '../../src/shard/shard-store.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

let corpus: TinyCorpus;
let inner: EngineStore;
let store: ShardedStore;
const sent: ShardToManager[] = [];
let deliver: (m: unknown) => void = () => undefined;

beforeAll(async () => {
  corpus = makeTinyCorpus('wenda-shard-store-');
  inner = await createStore({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
  store = new ShardedStore(inner, { send: (m) => sent.push(m), subscribe: (fn) => ((deliver = fn), () => undefined) }, corpus);
});
afterAll(() => {
  store?.close();
  corpus?.remove();
});

const ackOf = async (id: string) => {
  for (let i = 0; i < 200 && !sent.some((m) => m.type === 'swap-ack' && m.id === id); i++) await new Promise((r) => setTimeout(r, 10));
  return sent.find((m) => m.type === 'swap-ack' && m.id === id);
};

test('a swap to another key than this corpus and config make is refused: the engine serving stays', async () => {
  const serving = store.current;
  deliver({ protocol: PROTOCOL, type: 'swap', id: 's1', key: 'not-this-corpus' });
  expect(await ackOf('s1')).toMatchObject({ ok: false, error: expect.stringContaining('changed') });
  expect(store.current).toBe(serving);
});

test('a swap to the key of this corpus reloads and acks', async () => {
  const serving = store.current;
  deliver({ protocol: PROTOCOL, type: 'swap', id: 's2', key: await snapshotKey(corpus) });
  expect(await ackOf('s2')).toMatchObject({ ok: true });
  expect(store.current).not.toBe(serving);
  expect(store.lastReload).not.toBeNull();
});

test('a reload the manager refuses (another shard reloading) is RELOAD_IN_PROGRESS', async () => {
  const pending = store.reload();
  const request = sent.find((m) => m.type === 'reload-request')!;
  deliver({ protocol: PROTOCOL, type: 'reload-busy', id: request.id });
  await expect(pending).rejects.toMatchObject({ code: 'RELOAD_IN_PROGRESS' });
  await expect(pending).rejects.toBeInstanceOf(BotError);
});

test('SHARDS=auto: the count from /gateway/bot through the REST base; a rejected token or no answer is a catalog error', async () => {
  const fake = await FakeDiscord.start({ shards: 3 });
  const api = fake.api;
  try {
    expect(await recommendedShardCount('FAKE.token', fake.api)).toBe(3);
    fake.respondWith((r) => r.path === '/gateway/bot', 401, { message: '401: Unauthorized', code: 0 });
    await expect(recommendedShardCount('FAKE.token', fake.api)).rejects.toMatchObject({ code: 'DISCORD_TOKEN_REJECTED' });
  } finally {
    await fake.stop();
  }
  // The fake is gone: nothing listens on its port any more.
  await expect(recommendedShardCount('FAKE.token', api)).rejects.toMatchObject({ code: 'SHARD_COUNT_UNKNOWN' });
});
