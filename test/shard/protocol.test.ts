/** The sharded /reload protocol: one build for the cluster, a broadcast swap, acks counted; busy, failures and gone shards. */
import { describe, expect, it } from 'vitest';
import { PROTOCOL, ReloadBusy, ReloadCoordinator, ShardReloader, isManagerMessage, isShardMessage, type ManagerToShard, type ShardToManager } from '../../src/shard/protocol.js';

/** A manager and `n` shards wired in memory; messages are delivered asynchronously, as over IPC. */
function cluster(n: number, opts: { swap?: (shard: number, key: string) => Promise<void>; build?: (shard: number) => Promise<unknown>; ackTimeoutMs?: number; alive?: Set<number> } = {}) {
  const alive = opts.alive ?? new Set(Array.from({ length: n }, (_, i) => i));
  const listeners = new Map<number, (m: unknown) => void>();
  const builds: number[] = [];
  const swaps: Array<{ shard: number; key: string }> = [];
  const log: string[] = [];
  const coordinator = new ReloadCoordinator({
    shards: () => Array.from({ length: n }, (_, i) => i),
    send: async (shard, m: ManagerToShard) => {
      if (!alive.has(shard)) throw new Error('channel closed');
      setImmediate(() => listeners.get(shard)?.(structuredClone(m)));
    },
    ...(opts.ackTimeoutMs ? { ackTimeoutMs: opts.ackTimeoutMs } : {}),
    log: (_, msg) => log.push(msg),
  });
  const shards = Array.from(
    { length: n },
    (_, id) =>
      new ShardReloader({
        send: (m: ShardToManager) => setImmediate(() => coordinator.handle(id, structuredClone(m))),
        subscribe: (fn) => {
          listeners.set(id, fn);
          return () => listeners.delete(id);
        },
        build: async () => {
          builds.push(id);
          return (opts.build ?? (async () => ({ built: id })))(id);
        },
        key: async () => 'key-after-build',
        swap: async (key) => {
          swaps.push({ shard: id, key });
          await opts.swap?.(id, key);
        },
      }),
  );
  return { coordinator, shards, builds, swaps, log, alive };
}

describe('sharded reload protocol', () => {
  it('builds once on the requesting shard, every other shard swaps to its key, the count comes back', async () => {
    const c = cluster(3);
    const result = await c.shards[1]!.reload<{ built: number }>();
    expect(result.report).toEqual({ built: 1 });
    expect(result.shards).toEqual({ updated: 3, total: 3, failed: [] });
    expect(c.builds).toEqual([1]);
    expect(c.swaps.sort((a, b) => a.shard - b.shard)).toEqual([
      { shard: 0, key: 'key-after-build' },
      { shard: 2, key: 'key-after-build' },
    ]);
    expect(c.coordinator.busy).toBe(false);
  });

  it('a second reload while one runs is refused (busy), and the next one after it runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = cluster(2, { build: async (id) => (id === 0 ? gate.then(() => 'first') : 'second') });
    const first = c.shards[0]!.reload();
    await new Promise((r) => setTimeout(r, 20));
    await expect(c.shards[1]!.reload()).rejects.toBeInstanceOf(ReloadBusy);
    release();
    expect((await first).shards.updated).toBe(2);
    expect((await c.shards[1]!.reload()).report).toBe('second');
    expect(c.builds).toEqual([0, 1]);
  });

  it('a shard that cannot swap is counted out and named; the others still swap', async () => {
    const c = cluster(3, { swap: async (shard) => { if (shard === 2) throw new Error('snapshot changed'); } });
    const { shards } = await c.shards[0]!.reload();
    expect(shards).toEqual({ updated: 2, total: 3, failed: [2] });
    expect(c.log).toContain('sharded reload: a shard did not swap');
  });

  it('a failed build rejects on the requesting shard, swaps nothing, and frees the cluster for the next reload', async () => {
    let fail = true;
    const c = cluster(2, { build: async () => { if (fail) throw new Error('broken file'); return 'ok'; } });
    await expect(c.shards[0]!.reload()).rejects.toThrow('broken file');
    expect(c.swaps).toEqual([]);
    await new Promise((r) => setTimeout(r, 10));
    expect(c.coordinator.busy).toBe(false);
    fail = false;
    expect((await c.shards[0]!.reload()).shards.updated).toBe(2);
  });

  it('a shard that is gone (send fails) or never acks counts as not updated, without hanging the reload', async () => {
    const gone = cluster(3, { alive: new Set([0, 1]) });
    expect((await gone.shards[0]!.reload()).shards).toEqual({ updated: 2, total: 3, failed: [2] });
    const silent = cluster(2, { swap: () => new Promise(() => undefined), ackTimeoutMs: 50 });
    expect((await silent.shards[0]!.reload()).shards).toEqual({ updated: 1, total: 2, failed: [1] });
  });

  it('a shard process dying while it owes an ack ends its wait at once', async () => {
    // eslint-disable-next-line prefer-const
    let c!: ReturnType<typeof cluster>;
    c = cluster(2, { swap: () => { setImmediate(() => c.coordinator.shardGone(1)); return new Promise(() => undefined); } });
    const started = Date.now();
    expect((await c.shards[0]!.reload()).shards.failed).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("tells its own messages from discord.js's on the same channel", () => {
    expect(isShardMessage({ protocol: PROTOCOL, type: 'reload-request', id: 'x' })).toBe(true);
    expect(isManagerMessage({ protocol: PROTOCOL, type: 'reload-request', id: 'x' })).toBe(false);
    expect(isManagerMessage({ protocol: PROTOCOL, type: 'swap', id: 'x', key: 'k' })).toBe(true);
    for (const other of [{ _ready: true }, { _eval: '1+1' }, { _sFetchProp: 'guilds.cache.size' }, null, 'text', { protocol: 'other', type: 'swap', id: 'x' }]) {
      expect(isShardMessage(other)).toBe(false);
      expect(isManagerMessage(other)).toBe(false);
    }
  });
});
