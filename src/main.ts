/** Entry point: loads the config, builds the index, then runs the Discord bot (with a token) or the console mode (without). */
import 'dotenv/config';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ClientOptions } from 'discord.js';
import { loadConfig, type Config } from './config.js';
import { isBotError } from './core/errors.js';
import { buildInWorker } from './core/build-worker.js';
import { createStore } from './core/engine-store.js';
import { runConsole } from './console/console.js';
import { counts as formatCounts, formatSkipped } from './console/format.js';
import { startBot, type RunningBot } from './discord/bot.js';
import { createLogger } from './logger.js';
import { startShards, type RunningShards } from './shard/manager.js';
import { ShardedStore, processChannel, type ManagerChannel } from './shard/shard-store.js';

/** The one startup line: what is served and how long it took to be ready. */
export function startupLine(counts: { documents: number; passages: number; figures: number }, ms: number, mode: string): string {
  return `Ready (${mode}): ${formatCounts(counts.documents, counts.passages, counts.figures)} in ${Math.round(ms)} ms`;
}

/** Where run() reads and writes; tests pass their own streams, env and client options. */
export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  /** Where logs go (stderr by default). */
  logDestination?: NodeJS.WritableStream;
  /** discord.js client overrides (tests point the client at a fake Discord). */
  clientOptions?: Partial<ClientOptions>;
  /** The config, when the caller has loaded it already (main decides between manager and bot with it). */
  config?: Config;
  /** The IPC channel to the sharding manager in a shard process (default: this process's, when forked by one). */
  shardChannel?: ManagerChannel | null;
}

/** Runs the product: returns the running bot in Discord mode, or null once the console input ends. */
export async function run(options: RunOptions = {}): Promise<RunningBot | null> {
  const started = performance.now();
  const stdout = options.stdout ?? process.stdout;
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig(env, options.cwd ?? process.cwd());
  const logDestination = options.logDestination ?? process.stderr;
  // The console shares the terminal with the answers: only warnings and errors, unless LOG_LEVEL asks for more.
  const level = !config.token && !env.LOG_LEVEL?.trim() ? 'warn' : config.logLevel;
  const baseLogger = createLogger(level, {
    secrets: [config.token],
    destination: logDestination,
    pretty: (logDestination as { isTTY?: boolean }).isTTY === true,
  });
  // The shards' logs share one terminal or collector: each line says which shard wrote it.
  const logger = config.shard ? baseLogger.child({ shard: config.shard.id }) : baseLogger;
  const store = await createStore({
    corpusDir: config.corpusDir,
    configDir: config.configDir,
    maxQuestionLength: config.bot.maxQuestionLength,
    // Start and /reload go through the index snapshot: an unchanged corpus loads in a fraction of
    // a build; a changed one (or a stale/corrupt snapshot) is rebuilt and a new snapshot written.
    // Both run in a worker thread, so a long build never stalls the gateway or the 3 s interaction deadline.
    build: (o) => buildInWorker({ ...o, dataDir: config.dataDir }, logger),
    onWarning: (err) => logger.warn({ err }, 'store warning'),
  });
  // Files a first start left out: the rest is served, and each one is reported where an operator looks.
  const skipped = store.current.source.skipped ?? [];
  for (const f of skipped) logger.warn({ file: f.file, code: f.code, reason: f.message }, 'document skipped');
  const skippedLines = skipped.map((f) => `${formatSkipped(f)}\n`).join('');
  const counts = () => {
    const s = store.current.source;
    return { documents: s.documents.length, passages: s.passages, figures: s.figures };
  };

  if (!config.token) {
    stdout.write(startupLine(counts(), performance.now() - started, 'console') + '\n' + skippedLines);
    stdout.write('No DISCORD_TOKEN set: running the console mode (set it in .env to connect to Discord).\n');
    await runConsole(store, options.stdin ?? process.stdin, stdout);
    return null;
  }

  // A shard process: /reload asks the manager, so the cluster builds once and every shard swaps to the new snapshot.
  const channel = config.shard ? (options.shardChannel !== undefined ? options.shardChannel : processChannel()) : null;
  const served = channel ? new ShardedStore(store, channel, { corpusDir: config.corpusDir, configDir: config.configDir }) : store;
  const bot = await startBot({
    token: config.token,
    store: served,
    settings: config.bot,
    logger,
    dataDir: config.dataDir,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  const where = config.shard ? `, shard ${config.shard.id + 1}/${config.shard.count}` : '';
  stdout.write(startupLine(counts(), performance.now() - started, `Discord as ${bot.client.user.tag}${where}`) + '\n' + skippedLines);
  return bot;
}

/**
 * Keeps a running bot until SIGTERM/SIGINT (drain the replies in flight, flush the logs, exit 0) or a fatal
 * gateway close (its one-line reason on stderr, exit 1, so a supervisor restarts or alerts).
 */
export function superviseBot(bot: RunningBot, io: { exit: (code: number) => void; stderr: NodeJS.WritableStream; flushLogs?: () => void } = { exit: (c) => process.exit(c), stderr: process.stderr }): void {
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void bot
      .stop()
      .catch((err: unknown) => io.stderr.write(`stop failed: ${String((err as Error)?.message ?? err)}\n`))
      .finally(() => {
        io.flushLogs?.();
        io.exit(code);
      });
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  void bot.fatal.then((error) => {
    io.stderr.write(`${error.message}\n`);
    stop(1);
  });
}

/**
 * SHARDS=auto|N: runs discord.js's ShardingManager here, one process per shard (each this same entry point),
 * until SIGTERM/SIGINT stops them all (each drains its replies); exits 1 if the shards cannot start.
 */
export async function runShardManager(options: { config?: Config; env?: NodeJS.ProcessEnv; cwd?: string; script?: string; logDestination?: NodeJS.WritableStream } = {}): Promise<RunningShards> {
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig(env, options.cwd ?? process.cwd());
  const destination = options.logDestination ?? process.stderr;
  const logger = createLogger(config.logLevel, { secrets: [config.token], destination, pretty: (destination as { isTTY?: boolean }).isTTY === true });
  return startShards({ config, env, logger, script: options.script ?? fileURLToPath(import.meta.url) });
}

async function main(): Promise<void> {
  process.on('unhandledRejection', (err) => process.stderr.write(`unhandled rejection: ${String((err as Error)?.stack ?? err)}\n`));
  const config = loadConfig(process.env, process.cwd());
  if (config.token && config.shards !== 1 && !config.shard) {
    const shards = await runShardManager({ config });
    process.stdout.write(`Sharding manager: ${shards.total} shards ready\n`);
    const stop = () => void shards.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  // A shard whose manager went away (killed, crashed) stops too, instead of serving on as an orphan.
  if (config.shard) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  const bot = await run({ config });
  if (!bot) return;
  superviseBot(bot, { exit: (c) => process.exit(c), stderr: process.stderr, flushLogs: () => bot.context.logger.flush() });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    // Catalog errors (bad config, missing corpus) are explained in one line; anything else with its stack.
    process.stderr.write(`${isBotError(error) ? error.message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
}
