/** Starts the Discord bot: the discord.js client, its intents, and the wiring of events to handlers. */
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { BotContext, BotSettings, StoreLike } from './context.js';
import { Cooldown } from './cooldown.js';
import { FeedbackLog } from './feedback.js';
import { handleInteraction, handleMessage, type NoticeTimers } from './handlers.js';
import { NO_PINGS } from './respond.js';
import { TextRefs } from './state.js';

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
}

/** A running bot. */
export interface RunningBot {
  readonly client: Client<true>;
  readonly context: BotContext;
  /** Disconnects and releases timers. */
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
    ...overrides,
    rest: { ...overrides.rest },
    ws: { ...overrides.ws },
  });
  const context: BotContext = {
    store: options.store,
    settings,
    logger,
    cooldown: new Cooldown(settings.cooldownSeconds, options.now),
    feedback: new FeedbackLog(options.dataDir),
    refs: new TextRefs(),
  };
  const timers: NoticeTimers = new Set();
  const log = logger.child({ component: 'discord' });

  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.MessageCreate, (message) => {
    void handleMessage(message, context, client.user!.id, timers).catch((err: unknown) => log.error({ err }, 'message handler failed'));
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, context).catch((err: unknown) => log.error({ err }, 'interaction handler failed'));
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const readyClient = await ready;
  log.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'connected to Discord');
  return {
    client: readyClient,
    context,
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await client.destroy();
    },
  };
}
