/** Starts the Discord bot: the discord.js client, its intents, and the wiring of events to handlers. */
import path from 'node:path';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
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
  /** Deferred work (tests run it at once); default: unref'd timers. */
  later?: Later;
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
  client.on(Events.ShardDisconnect, (event, shard) => {
    // A close discord.js will not recover from (bad token, disallowed intents) is an error with advice.
    const failure = explainGatewayClose(event.code);
    if (failure) log.error({ shard, code: event.code }, failure.message);
    else log.warn({ shard, code: event.code }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.MessageCreate, (message) => {
    void handleMessage(message, context, client.user!.id).catch((err: unknown) => log.error({ err }, 'message handler failed'));
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, context).catch((err: unknown) => log.error({ err }, 'interaction handler failed'));
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
  return {
    client: readyClient,
    context,
    async stop() {
      context.later.cancelAll();
      // Texts of buttons just sent are on disk before the process goes.
      await context.refs.settled();
      await context.conversations?.settled();
      await client.destroy();
    },
  };
}
