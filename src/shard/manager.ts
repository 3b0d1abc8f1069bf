/**
 * SHARDS=auto|N: discord.js's ShardingManager runs one process per gateway shard, each the normal bot (src/main.ts)
 * serving the same engine from the snapshot in DATA_DIR; the manager relays the sharded /reload (protocol.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { ShardingManager, type Shard } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { BotError } from '../core/errors.js';
import { discordError } from '../discord/errors.js';
import { ReloadCoordinator, isShardMessage } from './protocol.js';

/** What startShards needs besides the config; tests set the script, fast spawns and where the shards' output goes. */
export interface ShardManagerOptions {
  config: Config;
  /** The environment every shard process gets (plus discord.js's SHARDING_MANAGER, SHARDS, SHARD_COUNT). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The shard processes' entry point (dist/main.js, or src/main.ts with tsx). */
  script: string;
  /** Node options of the shard processes (default: shardExecArgv, this process's heap sizes and tsx's loader for a .ts script). */
  execArgv?: string[];
  /** Wait between two shards' starts (default discord.js's 5.5 s: Discord allows one IDENTIFY per 5 s per bucket). */
  spawnDelayMs?: number;
  /** Longest wait for a shard to be ready (default 1 h: the first one may build a large corpus). */
  readyTimeoutMs?: number;
  /** Restart a shard process that dies (default true). */
  respawn?: boolean;
  /** Receives the shards' stdout/stderr instead of this process's (tests). */
  onOutput?: (shard: number, text: string) => void;
  /** Longest wait for the shards' swap acks after a reload (default 10 min). */
  ackTimeoutMs?: number;
}

/** A running set of shard processes. */
export interface RunningShards {
  readonly manager: ShardingManager;
  /** How many shards run. */
  readonly total: number;
  readonly coordinator: ReloadCoordinator;
  /** SIGTERM to every shard (each drains its replies, as a single bot does), then waits for them to exit. */
  stop(): Promise<void>;
}

/** Discord's recommended shard count for the bot, from `/gateway/bot` (through DISCORD_API_URL when set). */
export async function recommendedShardCount(token: string, apiUrl?: string): Promise<number> {
  // discord.js's own fetchRecommendedShardCount always asks discord.com, ignoring a REST proxy.
  const url = `${apiUrl ?? 'https://discord.com/api'}/v10/gateway/bot`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bot ${token}` } });
  } catch (error) {
    throw discordError('SHARD_COUNT_UNKNOWN', { reason: String((error as Error)?.message ?? error) });
  }
  if (response.status === 401) throw discordError('DISCORD_TOKEN_REJECTED');
  if (!response.ok) throw discordError('SHARD_COUNT_UNKNOWN', { reason: `HTTP ${response.status}` });
  const shards = ((await response.json()) as { shards?: unknown }).shards;
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1) throw discordError('SHARD_COUNT_UNKNOWN', { reason: 'no shard count in the answer' });
  return shards;
}

/** The keys discord.js's ShardingManager constructor writes into this process's env. */
const MANAGER_ENV = ['SHARDING_MANAGER', 'SHARDING_MANAGER_MODE', 'DISCORD_TOKEN'] as const;

/** Starts the shard processes one after the other (each waits for the previous one's ready) and relays /reload between them. */
export async function startShards(options: ShardManagerOptions): Promise<RunningShards> {
  const { config, logger } = options;
  if (!config.token) throw new BotError('CONFIG_INVALID', { reason: 'SHARDS needs DISCORD_TOKEN' });
  const log = logger.child({ component: 'shards' });
  const total = config.shards === 'auto' ? await recommendedShardCount(config.token, config.apiUrl) : config.shards;
  // The constructor marks this process as a shard (SHARDING_MANAGER=true) and copies the token into process.env;
  // the manager is not a shard, and a test process running it must not become one: restored right after.
  const saved = MANAGER_ENV.map((k) => [k, process.env[k]] as const);
  const manager = new ShardingManager(options.script, {
    totalShards: total,
    token: config.token,
    mode: 'process',
    respawn: options.respawn ?? true,
    silent: !!options.onOutput,
    execArgv: options.execArgv ?? shardExecArgv(options.script, process.execArgv),
  });
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const coordinator = new ReloadCoordinator({
    shards: () => [...manager.shards.keys()],
    send: (id, m) => {
      const shard = manager.shards.get(id);
      if (!shard) throw new Error(`no shard ${id}`);
      return shard.send(m);
    },
    ...(options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
    log: (obj, msg) => log.info(obj, msg),
  });
  const children = new Map<number, ChildProcess>();
  manager.on('shardCreate', (shard: Shard) => {
    // The shards get the configured environment (the same as this process's in production), plus discord.js's keys.
    shard.env = {
      ...options.env,
      SHARDING_MANAGER: 'true',
      SHARDING_MANAGER_MODE: 'process',
      SHARDS: String(shard.id),
      SHARD_COUNT: String(total),
      DISCORD_TOKEN: config.token,
    };
    shard.on('spawn', (spawned) => {
      // Mode 'process': a ChildProcess (a Worker only in discord.js's 'worker' mode).
      const child = spawned as ChildProcess;
      children.set(shard.id, child);
      log.info({ shard: shard.id, total, pid: child.pid }, 'shard process started');
      if (options.onOutput) {
        child.stdout?.on('data', (b: Buffer) => options.onOutput!(shard.id, b.toString('utf8')));
        child.stderr?.on('data', (b: Buffer) => options.onOutput!(shard.id, b.toString('utf8')));
      }
    });
    shard.on('ready', () => log.info({ shard: shard.id, total }, 'shard ready'));
    shard.on('death', () => {
      // Expected while stopping; otherwise discord.js respawns it (respawn) and it loads the current snapshot.
      if (stopRequested) log.info({ shard: shard.id }, 'shard process stopped');
      else log.warn({ shard: shard.id }, 'shard process exited');
      coordinator.shardGone(shard.id);
    });
    shard.on('message', (m: unknown) => {
      if (isShardMessage(m)) coordinator.handle(shard.id, m);
    });
  });
  let stopping: Promise<void> | undefined;
  // Set before the kills: discord.js's kill() emits 'death' synchronously.
  let stopRequested = false;
  const stop = () =>
    (stopping ??= (async () => {
      stopRequested = true;
      await Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          const child = children.get(shard.id);
          // kill() also unhooks discord.js's respawn-on-exit.
          shard.kill();
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          await new Promise<void>((resolve) => {
            const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
          });
        }),
      );
    })());
  try {
    log.info({ total }, 'starting shards');
    await manager.spawn({ amount: total, delay: options.spawnDelayMs ?? 5500, timeout: options.readyTimeoutMs ?? 3_600_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { manager, total, coordinator, stop };
}

/** V8's heap-size options (`npm start` sets the young generation's: see package.json). */
const HEAP_OPTION = /^--max-(?:semi|old)-space-size=\d+$/;

/**
 * A shard process's Node options: the heap sizes this process runs with (a shard serves answers as a
 * single process would, so it gets the same young generation), and tsx's loader for a .ts script.
 */
export function shardExecArgv(script: string, parentArgv: readonly string[]): string[] {
  return [...parentArgv.filter((a) => HEAP_OPTION.test(a)), ...(script.endsWith('.ts') ? ['--import', 'tsx'] : [])];
}
