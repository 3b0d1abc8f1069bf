/**
 * The sharded /reload, over the sharding manager's IPC: typed messages and both ends of the exchange.
 *
 *   shard S → manager   reload-request {id}          S wants to reload (a moderator ran /reload on it)
 *   manager → S         reload-busy {id}             another reload is running: S answers RELOAD_IN_PROGRESS
 *   manager → S         reload-go {id}               S holds the cluster's one reload: it builds (its worker thread),
 *                                                    which writes the snapshot, and swaps its own engine
 *   S → manager         reload-built {id, key}       done; the snapshot in DATA_DIR has this key
 *   S → manager         reload-failed {id, message}  not built (the old engines keep serving everywhere)
 *   manager → others    swap {id, key}               load snapshot <key> (worker thread), then swap one reference
 *   others → manager    swap-ack {id, shard, ok}     swapped (ok) or not (error)
 *   manager → S         reload-done {id, updated, total, failed}
 *
 * One build per reload for the whole cluster; every other shard only reads the snapshot. The manager side
 * (ReloadCoordinator) and the shard side (ShardReloader) take send functions, so both are unit-tested without processes.
 */
import { randomUUID } from 'node:crypto';

/** Tag of this protocol's messages: discord.js's own IPC messages (_eval, _ready, …) travel on the same channel. */
export const PROTOCOL = 'wenda-shards/1';

/** What a shard sends the manager. */
export type ShardToManager =
  | { protocol: typeof PROTOCOL; type: 'reload-request'; id: string }
  | { protocol: typeof PROTOCOL; type: 'reload-built'; id: string; key: string }
  | { protocol: typeof PROTOCOL; type: 'reload-failed'; id: string; message: string }
  | { protocol: typeof PROTOCOL; type: 'swap-ack'; id: string; ok: boolean; error?: string };

/** What the manager sends a shard. */
export type ManagerToShard =
  | { protocol: typeof PROTOCOL; type: 'reload-busy'; id: string }
  | { protocol: typeof PROTOCOL; type: 'reload-go'; id: string }
  | { protocol: typeof PROTOCOL; type: 'swap'; id: string; key: string }
  | { protocol: typeof PROTOCOL; type: 'reload-done'; id: string; updated: number; total: number; failed: number[] };

/** Distributes Omit over a union (TypeScript's Omit would merge the members). */
type Body<T> = T extends unknown ? Omit<T, 'protocol'> : never;

/** A shard's message, tagged. */
export function toManager(body: Body<ShardToManager>): ShardToManager {
  return { protocol: PROTOCOL, ...body } as ShardToManager;
}

/** The manager's message, tagged. */
export function toShard(body: Body<ManagerToShard>): ManagerToShard {
  return { protocol: PROTOCOL, ...body } as ManagerToShard;
}

const SHARD_TYPES = new Set(['reload-request', 'reload-built', 'reload-failed', 'swap-ack']);
const MANAGER_TYPES = new Set(['reload-busy', 'reload-go', 'swap', 'reload-done']);

function tagged(value: unknown, types: Set<string>): value is { type: string; id: string } {
  const v = value as { protocol?: unknown; type?: unknown; id?: unknown } | null;
  return !!v && typeof v === 'object' && v.protocol === PROTOCOL && typeof v.type === 'string' && types.has(v.type) && typeof v.id === 'string';
}

/** Whether an IPC message is one of ours from a shard (anything else on the channel is discord.js's). */
export function isShardMessage(value: unknown): value is ShardToManager {
  return tagged(value, SHARD_TYPES);
}

/** Whether an IPC message is one of ours from the manager. */
export function isManagerMessage(value: unknown): value is ManagerToShard {
  return tagged(value, MANAGER_TYPES);
}

/** How many shards took a reload: what the /reload reply reports. */
export interface ShardsUpdated {
  updated: number;
  total: number;
  /** Ids of the shards that did not swap (failed, timed out, or gone). */
  failed: number[];
}

/** Options of the manager side. */
export interface CoordinatorOptions {
  /** Ids of the shards the manager runs now. */
  shards: () => number[];
  /** Sends a message to one shard; a rejection counts as that shard not updated. */
  send: (shard: number, m: ManagerToShard) => Promise<unknown> | void;
  /** Longest wait for the shards' acks after a build (loading a snapshot of 1M passages takes seconds; default 10 min). */
  ackTimeoutMs?: number;
  log?: (obj: object, msg: string) => void;
}

/** The manager side: one reload at a time for the whole cluster, then a broadcast swap and a count of the acks. */
export class ReloadCoordinator {
  private active: { id: string; from: number; acks?: Map<number, (ok: boolean) => void> } | null = null;

  constructor(private readonly options: CoordinatorOptions) {}

  /** Whether a reload is running (between a granted request and its reload-done). */
  get busy(): boolean {
    return this.active !== null;
  }

  /** Handles one message from shard `from`. */
  handle(from: number, m: ShardToManager): void {
    const log = this.options.log ?? (() => undefined);
    if (m.type === 'reload-request') {
      if (this.active) {
        void this.sendTo(from, toShard({ type: 'reload-busy', id: m.id }));
        return;
      }
      this.active = { id: m.id, from };
      log({ shard: from, id: m.id }, 'sharded reload: building on the requesting shard');
      void this.sendTo(from, toShard({ type: 'reload-go', id: m.id }));
    } else if (m.type === 'reload-failed') {
      if (this.active?.id === m.id) this.active = null;
      log({ shard: from, id: m.id, reason: m.message }, 'sharded reload: build failed, nothing swapped');
    } else if (m.type === 'reload-built') {
      if (this.active?.id !== m.id) return;
      void this.broadcastSwap(this.active, m.key);
    } else if (m.type === 'swap-ack') {
      this.active?.acks?.get(from)?.(m.ok);
      if (!m.ok) log({ shard: from, id: m.id, error: m.error }, 'sharded reload: a shard did not swap');
    }
  }

  /** A shard process died or was killed: a build it held is abandoned, a swap it owed counts as failed. */
  shardGone(shard: number): void {
    if (!this.active) return;
    if (this.active.from === shard && !this.active.acks) this.active = null;
    else this.active.acks?.get(shard)?.(false);
  }

  private async broadcastSwap(active: NonNullable<ReloadCoordinator['active']>, key: string): Promise<void> {
    const others = this.options.shards().filter((s) => s !== active.from);
    const acks = new Map<number, (ok: boolean) => void>();
    active.acks = acks;
    const timeoutMs = this.options.ackTimeoutMs ?? 600_000;
    const results = await Promise.all(
      others.map(
        (shard) =>
          new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            timer.unref?.();
            acks.set(shard, (ok) => {
              clearTimeout(timer);
              acks.delete(shard);
              resolve(ok);
            });
            void this.sendTo(shard, toShard({ type: 'swap', id: active.id, key })).then((sent) => {
              if (!sent) acks.get(shard)?.(false);
            });
          }),
      ),
    );
    const failed = others.filter((_, i) => !results[i]);
    const total = others.length + 1;
    this.active = null;
    this.options.log?.({ id: active.id, updated: total - failed.length, total, failed }, 'sharded reload: done');
    await this.sendTo(active.from, toShard({ type: 'reload-done', id: active.id, updated: total - failed.length, total, failed }));
  }

  /** Sends, turning a failure (a shard mid-respawn) into false. */
  private async sendTo(shard: number, m: ManagerToShard): Promise<boolean> {
    try {
      await this.options.send(shard, m);
      return true;
    } catch {
      return false;
    }
  }
}

/** Options of the shard side. */
export interface ShardReloaderOptions {
  /** Sends a message to the manager. */
  send: (m: ShardToManager) => void;
  /** Subscribes to the manager's messages; returns the unsubscribe. */
  subscribe: (listener: (m: unknown) => void) => () => void;
  /** The local rebuild (the store's reload: worker build, snapshot written, swap); resolves with its report. */
  build: () => Promise<unknown>;
  /** The key of the snapshot the local build wrote (what the other shards must load). */
  key: () => Promise<string>;
  /** Loads the snapshot with this key and swaps it in (worker thread); throws when it is not that snapshot. */
  swap: (key: string) => Promise<void>;
  /** Longest wait for the manager's go and done (default 15 min). */
  timeoutMs?: number;
}

/** The error of a reload the manager refused because another one runs (the caller maps it to RELOAD_IN_PROGRESS). */
export class ReloadBusy extends Error {
  constructor() {
    super('another shard is reloading');
  }
}

/** The shard side: asks the manager before building, reports the key, answers swaps, waits for the count. */
export class ShardReloader {
  private readonly waiting = new Map<string, (m: ManagerToShard) => void>();
  private readonly unsubscribe: () => void;
  private swaps: Promise<void> = Promise.resolve();

  constructor(private readonly options: ShardReloaderOptions) {
    this.unsubscribe = options.subscribe((m) => {
      if (!isManagerMessage(m)) return;
      if (m.type === 'swap') {
        // One swap at a time: a second broadcast waits for the first (the manager sends one per reload anyway).
        this.swaps = this.swaps.then(() => this.answerSwap(m.id, m.key));
        return;
      }
      this.waiting.get(m.id)?.(m);
    });
  }

  /** Runs a cluster reload from this shard: resolves with the local build's result and how many shards took it. */
  async reload<R>(): Promise<{ report: R; shards: ShardsUpdated }> {
    const id = randomUUID();
    const go = await this.next(id, () => this.options.send(toManager({ type: 'reload-request', id })));
    if (go.type === 'reload-busy') throw new ReloadBusy();
    let report: R;
    let key: string;
    try {
      report = (await this.options.build()) as R;
      key = await this.options.key();
    } catch (error) {
      this.options.send(toManager({ type: 'reload-failed', id, message: String((error as Error)?.message ?? error) }));
      throw error;
    }
    const done = await this.next(id, () => this.options.send(toManager({ type: 'reload-built', id, key })));
    if (done.type !== 'reload-done') throw new Error(`unexpected ${done.type} from the shard manager`);
    return { report, shards: { updated: done.updated, total: done.total, failed: done.failed } };
  }

  /** Stops listening to the manager. */
  close(): void {
    this.unsubscribe();
  }

  /** Sends, then waits for the manager's next message about this reload. */
  private next(id: string, send: () => void): Promise<ManagerToShard> {
    return new Promise<ManagerToShard>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error('the shard manager did not answer'));
      }, this.options.timeoutMs ?? 900_000);
      timer.unref?.();
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(m);
      });
      try {
        send();
      } catch (error) {
        clearTimeout(timer);
        this.waiting.delete(id);
        reject(error as Error);
      }
    });
  }

  private async answerSwap(id: string, key: string): Promise<void> {
    try {
      await this.options.swap(key);
      this.options.send(toManager({ type: 'swap-ack', id, ok: true }));
    } catch (error) {
      this.options.send(toManager({ type: 'swap-ack', id, ok: false, error: String((error as Error)?.message ?? error) }));
    }
  }
}
