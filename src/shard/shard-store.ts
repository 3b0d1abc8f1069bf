/** A shard process's store: serves its own engine, but /reload goes through the manager so every shard swaps. */
import type { EngineStore } from '../core/engine-store.js';
import { BotError } from '../core/errors.js';
import { snapshotKey } from '../core/snapshot-key.js';
import type { ReloadReport } from '../core/types.js';
import type { StoreLike } from '../discord/context.js';
import { ReloadBusy, ShardReloader, type ShardToManager, type ShardsUpdated } from './protocol.js';

/** A reload report with how many shards took it (only in sharded mode). */
export type ShardedReloadReport = ReloadReport & { shards?: ShardsUpdated };

/** The IPC channel to the manager (a forked child's `process.send` / `process.on('message')`). */
export interface ManagerChannel {
  send(m: ShardToManager): void;
  subscribe(listener: (m: unknown) => void): () => void;
}

/** The channel of a process forked by discord.js's ShardingManager; null when this process was not. */
export function processChannel(): ManagerChannel | null {
  const send = process.send?.bind(process);
  if (!send || !process.env.SHARDING_MANAGER) return null;
  return {
    send: (m) => void send(m),
    subscribe(listener) {
      process.on('message', listener);
      return () => void process.off('message', listener);
    },
  };
}

/** The store of one shard: `current` is its engine; `reload()` rebuilds once for the cluster and reports the shards updated. */
export class ShardedStore implements StoreLike {
  private readonly reloader: ShardReloader;

  constructor(
    private readonly inner: EngineStore,
    channel: ManagerChannel,
    folders: { corpusDir: string; configDir: string },
  ) {
    const key = () => snapshotKey(folders);
    this.reloader = new ShardReloader({
      send: (m) => channel.send(m),
      subscribe: (fn) => channel.subscribe(fn),
      // The store's own reload: a worker build that writes the snapshot, then the one-reference swap.
      build: () => inner.reload(),
      key,
      swap: async (wanted) => {
        // The same corpus and config give the same key, so the store's worker loads the snapshot just written
        // instead of building; a corpus changed again since would make this shard build something else: refused.
        if ((await key()) !== wanted) throw new Error('the corpus or config changed after the snapshot was written');
        await inner.reload();
      },
    });
  }

  /** The engine serving now. */
  get current() {
    return this.inner.current;
  }

  /** The last reload this shard took (its own or a swap). */
  get lastReload() {
    return this.inner.lastReload;
  }

  /** Rebuilds once (here), has every other shard swap to the new snapshot, and says how many did. */
  async reload(): Promise<ShardedReloadReport> {
    try {
      const { report, shards } = await this.reloader.reload<ReloadReport>();
      return { ...report, shards };
    } catch (error) {
      if (error instanceof ReloadBusy) throw new BotError('RELOAD_IN_PROGRESS');
      throw error;
    }
  }

  /** Stops listening to the manager. */
  close(): void {
    this.reloader.close();
  }
}
