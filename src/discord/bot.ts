/** Starts the Discord bot: the discord.js client, its intents, and the wiring of events to handlers. */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Events, GatewayIntentBits, Partials, RESTEvents, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { BotError } from '../core/errors.js';
import type { BotContext, BotSettings, StoreLike } from './context.js';
import { Conversations } from './conversations.js';
import { Cooldown } from './cooldown.js';
import { explainDiscordFailure, explainGatewayClose } from './failures.js';
import { FeedbackLog } from './feedback.js';
import { handleInteraction, handleMessage } from './handlers.js';
import { timerLater, type Later } from './later.js';
import { NO_PINGS } from './respond.js';
import { TextRefs } from './text-refs.js';

/** What startBot needs; `clientOptions` lets tests point the client at a fake Discord. */
export interface StartBotOptions {
  token: string;
  store: StoreLike;
  settings: BotSettings;
  logger: Logger;
  /** Folder of the feedback log. */
  dataDir: string;
  /** Merged over the defaults (e.g. `rest: { api }`, `ws: { buildIdentifyThrottler }`). */
  clientOptions?: Partial<ClientOptions>;
  /** Clock of the cooldown (tests). */
  now?: () => number;
  /** Deferred work (tests run it at once); default: unref'd timers. */
  later?: Later;
  /** REST base for a proxy in front of Discord (`DISCORD_API_URL`); discord.js's default otherwise. */
  apiUrl?: string;
  /** Longest wait for in-flight replies when stopping (default 10 s). */
  drainMs?: number;
}

/** A running bot. */
export interface RunningBot {
  readonly client: Client<true>;
  readonly context: BotContext;
  /** Settles with the catalog error of a gateway close discord.js will not recover from (4004, 4010–4014) after ready. */
  readonly fatal: Promise<BotError>;
  /** Stops taking events, waits for the replies in flight (up to `drainMs`) and the button texts, then disconnects. */
  stop(): Promise<void>;
}

/** The gateway intents the bot needs; Message Content only when configured (it is privileged). */
export function botIntents(settings: Pick<BotSettings, 'messageContentIntent'>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (settings.messageContentIntent) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/** Logs in and resolves once the client is ready. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { logger, settings } = options;
  const overrides = options.clientOptions ?? {};
  const client = new Client({
    intents: botIntents(settings),
    // DM channels are not cached until used: without this partial, DMs are dropped silently.
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    // Every message carries a nonce Discord enforces: a send retried after a 5xx or a timeout is not posted twice.
    enforceNonce: true,
    ...overrides,
    rest: { ...(options.apiUrl ? { api: options.apiUrl } : {}), ...overrides.rest },
    ws: { ...overrides.ws },
  });
  const context: BotContext = {
    store: options.store,
    settings,
    logger,
    cooldown: new Cooldown(settings.cooldownSeconds, options.now),
    feedback: new FeedbackLog(options.dataDir),
    // Button texts survive a restart: buttons on earlier answers keep working after a deploy.
    refs: new TextRefs(2000, { file: path.join(options.dataDir, 'button-texts.jsonl'), onError: (err) => logger.warn({ err }, 'button text log: could not read or write') }),
    later: options.later ?? timerLater(),
    // Conversations survive a restart too: a reply to an answer sent before it still follows up.
    conversations: new Conversations({
      followUpMinutes: settings.followUpMinutes,
      file: path.join(options.dataDir, 'conversations.jsonl'),
      onError: (err) => logger.warn({ err }, 'conversation log: could not read or write'),
      ...(options.now ? { now: options.now } : {}),
    }),
  };
  const log = logger.child({ component: 'discord' });

  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn(message));
  let resolveFatal!: (error: BotError) => void;
  const fatal = new Promise<BotError>((resolve) => (resolveFatal = resolve));
  let running = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    // A close discord.js will not recover from (bad token, disallowed intents) is an error with advice.
    const failure = explainGatewayClose(event.code);
    if (failure) log.error({ shard, code: event.code }, failure.message);
    else log.warn({ shard, code: event.code }, 'gateway disconnected');
    if (failure && running) resolveFatal(failure);
  });
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  // Rate limits and retries are Discord's normal weather: warnings with the route and the wait, not failures.
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }, 'rate limited by Discord: request queued'),
  );
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after') ?? 0) * 1000;
      log.warn({ route: request.route, method: request.method, status: 429, retryAfterMs: retryAfter, global: response.headers.has('x-ratelimit-global'), scope: response.headers.get('x-ratelimit-scope') }, 'rate limited by Discord: retrying after the wait');
    } else if (response.status >= 500) {
      log.warn({ route: request.route, method: request.method, status: response.status, attempt: request.retries + 1 }, 'Discord answered a server error: retrying');
    } else if (request.retries > 0) {
      // A retry after a timeout or a 5xx; a message send carries its nonce, so Discord does not post it twice.
      log.warn({ route: request.route, method: request.method, status: response.status, attempt: request.retries + 1 }, 'request retried');
    }
  });
  // Handlers in flight, so that stop() can let them finish their replies.
  const inflight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };
  client.on(Events.MessageCreate, (message) => {
    track(handleMessage(message, context, client.user!.id).catch((err: unknown) => log.error({ err }, 'message handler failed')));
  });
  client.on(Events.InteractionCreate, (interaction) => {
    track(handleInteraction(interaction, context).catch((err: unknown) => log.error({ err }, 'interaction handler failed')));
  });

  // Such a close during the start ends it with the close's explanation (login() itself rejects
  // with a bare "Used disallowed intents", or `ready` would wait for ever).
  let closed: BotError | undefined;
  const ready = new Promise<Client<true>>((resolve, reject) => {
    client.once(Events.ClientReady, resolve);
    client.on(Events.ShardDisconnect, (event) => {
      closed ??= explainGatewayClose(event.code);
      if (closed) reject(closed);
    });
  });
  // Handled below; this keeps a rejection during login() from counting as unhandled meanwhile.
  ready.catch(() => undefined);
  let readyClient: Client<true>;
  try {
    await client.login(options.token);
    readyClient = await ready;
  } catch (error) {
    await client.destroy();
    // Bad token, refused intents or no network: one catalog error the operator can act on.
    throw closed ?? explainDiscordFailure(error) ?? error;
  }
  log.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'connected to Discord');
  running = true;
  let stopping: Promise<void> | undefined;
  return {
    client: readyClient,
    context,
    fatal,
    stop() {
      stopping ??= (async () => {
        running = false;
        context.later.cancelAll();
        // No new events from here on; REST stays up so the replies in flight can still be sent.
        // (WebSocketManager.destroy is public in the JS, private in the typings; client.destroy() calls it again harmlessly.)
        await (client.ws as unknown as { destroy(): Promise<void> }).destroy();
        if (inflight.size > 0) {
          log.info({ inflight: inflight.size }, 'stopping: waiting for replies in flight');
          const drained = await Promise.race([Promise.allSettled([...inflight]).then(() => true), sleep(options.drainMs ?? 10_000, false, { ref: false })]);
          if (!drained) log.warn({ inflight: inflight.size }, 'stopping: replies still in flight after the drain time');
        }
        // Texts of buttons just sent are on disk before the process goes.
        await context.refs.settled();
        await context.conversations?.settled();
        await client.destroy();
      })();
      return stopping;
    },
  };
}
