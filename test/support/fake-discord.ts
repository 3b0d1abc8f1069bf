/**
 * A fake Discord for end-to-end tests, as strict as Discord: an HTTP REST server and a WebSocket gateway on
 * 127.0.0.1 that the real discord.js Client connects to. It records every request the bot makes, dispatches
 * gateway events (messages, interactions) and enforces what real Discord enforces: RESUME replays the dispatches
 * after the client's seq (op 9 when the session cannot be resumed), heartbeats are ACKed unless a test stops them,
 * an interaction acknowledged after 3 s is unknown (10062) and a second acknowledgement is refused (40060), a
 * message sent with `enforce_nonce` is created once per nonce, and rate limits answer 429 with Discord's headers.
 * Faults are injectable per route (5xx before or after processing, slow responses). Payloads follow
 * /work/shared/notes/fake-discord.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { SnowflakeUtil, type ClientOptions } from 'discord.js';

/** A request the bot sent to the REST API. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON (or the `payload_json` of a multipart body); null when empty. */
  body: any;
  at: number;
}

/** A user of the fake guild. */
export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

/** Who performs an action and where. */
export interface Actor {
  user?: FakeUser;
  /** Role ids of the member. */
  roles?: string[];
  /** The member's permissions as a bit-field string (interactions). */
  permissions?: string;
  channelId?: string;
  /** From a DM instead of the guild. */
  dm?: boolean;
  /** In this guild (default the first); its general channel unless channelId says otherwise. */
  guild?: FakeGuild;
}

/** A stored message (the bot's replies and interaction responses) as Discord would return it. */
export type FakeMessage = Record<string, any> & { id: string; channel_id: string; components?: any[]; embeds?: any[]; flags?: number };

/** Matches the requests a rate limit or a fault applies to. */
export type RouteMatch = (r: RecordedRequest) => boolean;

/** A fault injected on matching requests (see FakeDiscord.fault). */
export interface Fault {
  /**
   * `error-before`: answer `status` without doing anything; `error-after`: do the work, then answer `status`
   * (the case a retry without a nonce turns into a double post); `slow`: do the work, answer after `delayMs`
   * (past the client's timeout it aborts and retries).
   */
  kind: 'error-before' | 'error-after' | 'slow';
  /** HTTP status of the error kinds (default 500). */
  status?: number;
  /** Delay of `slow` (default 1000 ms). */
  delayMs?: number;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  times?: number;
}

/** A 429 injected on matching requests (see FakeDiscord.rateLimit). */
export interface RateLimit {
  /** Seconds the client must wait (Discord's `retry_after`). */
  retryAfter: number;
  /** A global limit (`x-ratelimit-global`), for every route. */
  global?: boolean;
  /** `x-ratelimit-scope`: user (default), shared (per resource, e.g. a channel), global. */
  scope?: 'user' | 'shared' | 'global';
  /** How many matching requests are refused (default 1). */
  times?: number;
}

/** An interaction the fake dispatched, and what became of its acknowledgement. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** When the dispatch was sent (the 3 s deadline counts from here). */
  createdAt: number;
  /** When the first accepted acknowledgement arrived. */
  ackedAt?: number;
  /** Acknowledgements refused: too late (10062) or a second one (40060). */
  refused: Array<{ code: 10062 | 40060; at: number }>;
  channelId: string;
  clickedMessage?: string;
  /** The interaction type (2 command, 3 component, 4 autocomplete). */
  type: number;
}

/** Options of FakeDiscord.start. */
export interface FakeOptions {
  /** HELLO's heartbeat interval (default Discord's 41250 ms; short to test zombie detection). */
  heartbeatInterval?: number;
  /** The interaction acknowledgement deadline (default 3000 ms, Discord's). */
  ackDeadlineMs?: number;
  /**
   * Gateway shards (default 1): `/gateway/bot` recommends this many, IDENTIFY must carry `shard: [id, count]` with this
   * count (else close 4010 Invalid shard, or 4011 Sharding required), and each guild's events go to the connection of
   * shard `(guild_id >> 22) % count` only. With more than one, the fake has one guild per shard (see guildOnShard).
   */
  shards?: number;
}

/** A guild of the fake, with its channels. */
export interface FakeGuild {
  id: string;
  generalChannelId: string;
  qaChannelId: string;
  threadId: string;
}

/** Discord's routing rule: the shard that receives a guild's events. */
export function shardOfGuild(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shards));
}

/** One gateway session (one per shard): its sequence, the dispatches it can replay, whether it can be resumed. */
interface Session {
  id: string;
  seq: number;
  history: Array<{ s: number; t: string; d: unknown }>;
  resumable: boolean;
}

const snowflake = () => SnowflakeUtil.generate().toString();
const now = () => new Date().toISOString();

/** A running fake Discord. */
export class FakeDiscord {
  readonly guildId = snowflake();
  readonly botUser: FakeUser = { id: snowflake(), username: 'wenda', bot: true };
  readonly member: FakeUser = { id: snowflake(), username: 'member' };
  readonly otherMember: FakeUser = { id: snowflake(), username: 'other' };
  readonly otherBot: FakeUser = { id: snowflake(), username: 'otherbot', bot: true };
  readonly moderatorRoleId = snowflake();
  readonly generalChannelId = snowflake();
  readonly qaChannelId = snowflake();
  readonly threadId = snowflake();
  readonly dmChannelId = snowflake();
  /** Every REST request, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload the client sent (op codes, with the time). */
  readonly gatewayReceived: Array<{ op: number; d: any; at: number }> = [];
  /** Messages the bot has sent (channel messages and interaction responses), by id. */
  readonly messages = new Map<string, FakeMessage>();

  /** Every interaction dispatched, by id: when it was created, acknowledged, refused. */
  readonly interactions = new Map<string, InteractionRecord>();
  /** Every message created by a POST (channel messages and webhook follow-ups), in order; a deduplicated nonce adds none. */
  readonly created: FakeMessage[] = [];
  /** Channel-message POSTs answered with an earlier message because their nonce was already used (enforce_nonce). */
  nonceHits = 0;
  /**
   * How long ago Discord "created" the next interactions (their snowflake and the 3 s deadline both count from
   * then): an interaction that reaches the bot late, as behind a lagging gateway or a busy event loop.
   */
  interactionAgeMs = 0;
  /** Whether heartbeats are ACKed (false: the connection looks like a zombie to the client). */
  ackHeartbeats = true;

  private server!: Server;
  private wss!: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  /** Sockets that identified or resumed: only they receive dispatches. */
  private readonly live = new Set<WebSocket>();
  /**
   * The current session of each shard: dispatches are replayed on RESUME after the client's seq (also those sent
   * while it was away); once invalidated (resumable false) a RESUME gets op 9 `d:false`.
   */
  private readonly sessions = new Map<number, Session>();
  /** The shard each identified (or resumed) socket serves. */
  private readonly shardOfSocket = new Map<WebSocket, number>();
  /** How many shards the gateway expects. */
  readonly shardCount: number;
  /** Every guild: the first is `guildId` with the channels above; with shards, one more per shard not yet covered. */
  readonly guilds: FakeGuild[];
  private readonly waiters = new Set<() => void>();
  /** Token → the id of the original response message. */
  private readonly originalByToken = new Map<string, string>();
  private readonly commandIds = new Map<string, string>();
  /** `channel:nonce` → the message created with it (enforce_nonce). */
  private readonly byNonce = new Map<string, FakeMessage>();
  /** Responses held back by `slow` faults, released on stop. */
  private readonly held = new Set<NodeJS.Timeout>();

  /** REST answers that replace the normal route, first match wins (see respondWith). */
  private readonly overrides: Array<{ match: RouteMatch; status: number; json: unknown }> = [];
  private readonly observers: Array<(r: RecordedRequest) => void> = [];
  private readonly faults: Array<{ match: RouteMatch; fault: Fault; left: number }> = [];
  private readonly limits: Array<{ match: RouteMatch; limit: RateLimit; left: number }> = [];
  /** When set, the gateway answers IDENTIFY by closing with this code (4004 bad token, 4014 disallowed intents). */
  identifyCloseCode: number | undefined;
  readonly heartbeatInterval: number;
  /** The acknowledgement deadline in ms (a test may shorten it). */
  ackDeadlineMs: number;

  private constructor(options: FakeOptions) {
    this.heartbeatInterval = options.heartbeatInterval ?? 41_250;
    this.ackDeadlineMs = options.ackDeadlineMs ?? 3000;
    this.shardCount = options.shards ?? 1;
    this.guilds = [{ id: this.guildId, generalChannelId: this.generalChannelId, qaChannelId: this.qaChannelId, threadId: this.threadId }];
    // A guild id's shard is its creation time in ms modulo the count: ids a few ms apart cover every shard.
    for (let t = Date.now() + 1; this.guilds.length < this.shardCount; t++) {
      const id = SnowflakeUtil.generate({ timestamp: t }).toString();
      if (this.guilds.some((g) => shardOfGuild(g.id, this.shardCount) === shardOfGuild(id, this.shardCount))) continue;
      this.guilds.push({ id, generalChannelId: snowflake(), qaChannelId: snowflake(), threadId: snowflake() });
    }
  }

  /** A guild whose events go to shard `shard`. */
  guildOnShard(shard: number): FakeGuild {
    const guild = this.guilds.find((g) => shardOfGuild(g.id, this.shardCount) === shard);
    if (!guild) throw new Error(`fake-discord: no guild on shard ${shard}`);
    return guild;
  }

  /** The env of a bot process that talks to this fake: its token, its folders, and any settings more (SHARDS …). */
  botEnv(bot: { token: string; corpusDir: string; configDir: string; dataDir: string }, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: bot.token,
      DISCORD_API_URL: this.api,
      CORPUS_DIR: bot.corpusDir,
      CONFIG_DIR: bot.configDir,
      DATA_DIR: bot.dataDir,
      LOG_LEVEL: 'info',
      ...more,
    };
  }

  /** Asks with /ask in the guild of shard `shard` and returns the reply's text (embeds included; a deferred reply's edit). */
  async askOnShard(shard: number, question: string, timeoutMs = 20_000): Promise<string> {
    const id = this.command('ask', { question }, { guild: this.guildOnShard(shard) });
    const cb = await this.callbackOf(id, timeoutMs);
    if (cb.body.type === 5) return JSON.stringify((await this.editOf(id, timeoutMs)).body);
    return JSON.stringify(cb.body.data);
  }

  /** The guild a channel belongs to (the first guild for DMs and unknown channels). */
  private guildOfChannel(channelId: string): FakeGuild {
    return this.guilds.find((g) => [g.generalChannelId, g.qaChannelId, g.threadId].includes(channelId)) ?? this.guilds[0]!;
  }

  /** Makes REST requests that `match` fail with `status` and a Discord-shaped error body. */
  respondWith(match: RouteMatch, status: number, json: unknown = { message: `fake-discord: ${status}`, code: 0 }): void {
    this.overrides.push({ match, status, json });
  }

  /** Injects a fault on the next `times` requests that match (5xx before/after doing the work, slow answers). */
  fault(match: RouteMatch, fault: Fault): void {
    this.faults.push({ match, fault, left: fault.times ?? 1 });
  }

  /** Answers the next `times` matching requests with 429 and Discord's rate-limit headers and body. */
  rateLimit(match: RouteMatch, limit: RateLimit): void {
    this.limits.push({ match, limit, left: limit.times ?? 1 });
  }

  /** Calls `fn` with each request the moment it arrives (before any answer), e.g. to check what is on disk then. */
  observe(fn: (r: RecordedRequest) => void): void {
    this.observers.push(fn);
  }

  /** Removes every injected fault and rate limit. */
  clearFaults(): void {
    this.faults.length = 0;
    this.limits.length = 0;
  }

  /** Starts the servers on a free port of 127.0.0.1. */
  static async start(options: FakeOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.server = createServer((req, res) => void fake.handleHttp(req, res));
    fake.wss = new WebSocketServer({ server: fake.server });
    fake.wss.on('connection', (socket) => fake.handleSocket(socket));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The port the fake listens on. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The REST API base for `new Client({ rest: { api } })`. */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /**
   * Client options that point discord.js at this fake and remove its identify throttling. REST keeps
   * discord.js's retries (as in production); its timeout is shortened so a slow answer is retried in
   * tests without waiting 15 s.
   */
  clientOptions(rest: { timeout?: number } = {}): Partial<ClientOptions> {
    return {
      rest: { api: this.api, retries: 3, timeout: rest.timeout ?? 4000 },
      ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) } as ClientOptions['ws'],
      waitGuildTimeout: 1000,
    };
  }

  /** Closes every connection and both servers. */
  async stop(): Promise<void> {
    for (const t of this.held) clearTimeout(t);
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- gateway

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  private handleSocket(socket: WebSocket): void {
    this.sockets.add(socket);
    const gone = () => {
      this.sockets.delete(socket);
      this.live.delete(socket);
      this.shardOfSocket.delete(socket);
    };
    socket.on('close', gone);
    socket.on('error', gone);
    this.send(socket, { op: 10, d: { heartbeat_interval: this.heartbeatInterval } });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: any };
      this.gatewayReceived.push({ op: payload.op, d: payload.d, at: Date.now() });
      this.notify();
      if (payload.op === 1) {
        if (this.ackHeartbeats) this.send(socket, { op: 11 });
      } else if (payload.op === 2) this.identify(socket, payload.d);
      else if (payload.op === 6) this.resume(socket, payload.d);
    });
  }

  private identify(socket: WebSocket, d: { shard?: unknown } | undefined): void {
    if (this.identifyCloseCode !== undefined) {
      socket.close(this.identifyCloseCode, 'fake-discord');
      return;
    }
    // As Discord: a sharded bot must say which shard of how many this connection is.
    const shard = d?.shard;
    if (shard === undefined && this.shardCount > 1) return socket.close(4011, 'Sharding required.');
    const [id, count] = Array.isArray(shard) ? (shard as unknown[]) : [0, 1];
    if (!Number.isInteger(id) || count !== this.shardCount || (id as number) < 0 || (id as number) >= this.shardCount) return socket.close(4010, 'Invalid shard.');
    // A new session of that shard: its sequence starts again and nothing of the old one is replayed.
    const session: Session = { id: 'session-' + randomBytes(4).toString('hex'), seq: 0, history: [], resumable: true };
    this.sessions.set(id as number, session);
    this.shardOfSocket.set(socket, id as number);
    this.live.add(socket);
    const guilds = this.guilds.filter((g) => shardOfGuild(g.id, this.shardCount) === id);
    this.dispatchTo(id as number, 'READY', {
      v: 10,
      user: this.userPayload(this.botUser),
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      shard: [id, this.shardCount],
      session_id: session.id,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/resume`,
      application: { id: this.botUser.id, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
    });
    for (const g of guilds) this.dispatch('GUILD_CREATE', this.guildPayload(g));
  }

  /** RESUME: replays every dispatch after the client's seq, then RESUMED; op 9 `d:false` when the session is gone. */
  private resume(socket: WebSocket, d: { session_id?: string; seq?: number }): void {
    const found = [...this.sessions].find(([, x]) => x.id === d.session_id);
    if (!found || !found[1].resumable) {
      this.send(socket, { op: 9, d: false });
      return;
    }
    const [shard, session] = found;
    const after = d.seq ?? 0;
    for (const event of session.history) if (event.s > after) this.send(socket, { op: 0, ...event });
    this.shardOfSocket.set(socket, shard);
    this.live.add(socket);
    const s = ++session.seq;
    session.history.push({ s, t: 'RESUMED', d: null });
    this.send(socket, { op: 0, t: 'RESUMED', s, d: null });
  }

  /**
   * Sends a dispatch to the identified client of the shard its guild is on (DMs: shard 0, as Discord does); kept for
   * RESUME, so one sent while the client is away is replayed.
   */
  dispatch(t: string, d: unknown): void {
    const data = d as { guild_id?: string; id?: string } | null;
    const guild = t === 'GUILD_CREATE' ? data?.id : data?.guild_id;
    this.dispatchTo(guild ? shardOfGuild(guild, this.shardCount) : 0, t, d);
  }

  /** Sends a dispatch on one shard's session. */
  private dispatchTo(shard: number, t: string, d: unknown): void {
    let session = this.sessions.get(shard);
    if (!session) this.sessions.set(shard, (session = { id: 'session-' + randomBytes(4).toString('hex'), seq: 0, history: [], resumable: true }));
    const s = ++session.seq;
    session.history.push({ s, t, d });
    for (const socket of this.live) if ((this.shardOfSocket.get(socket) ?? 0) === shard) this.send(socket, { op: 0, t, s, d });
  }

  /** Closes the gateway connections with a close code (4000: the client should resume). */
  closeGateway(code: number): void {
    for (const s of this.sockets) {
      this.live.delete(s);
      s.close(code, 'fake-discord');
    }
  }

  /** Drops the gateway connections without a close frame (1006 on the client). */
  dropGateway(): void {
    for (const s of this.sockets) {
      this.live.delete(s);
      s.terminate();
    }
  }

  /** Op 7: asks the client to reconnect and resume. */
  requestReconnect(): void {
    for (const s of this.sockets) {
      this.live.delete(s);
      this.send(s, { op: 7, d: null });
    }
  }

  /** Op 9: the session is invalid; `resumable` false also refuses a later RESUME (the client must identify anew). */
  invalidateSession(resumable = false): void {
    if (!resumable) for (const session of this.sessions.values()) session.resumable = false;
    for (const s of this.sockets) {
      this.live.delete(s);
      this.send(s, { op: 9, d: resumable });
    }
  }

  /** How many sockets are open now. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Whether a client is connected and receiving dispatches. */
  get connected(): boolean {
    return this.live.size > 0;
  }

  /** Waits for the client to send a gateway op (2 IDENTIFY, 6 RESUME, …) after a point in time. */
  async waitForGatewayOp(op: number, since: number, timeout = 5000): Promise<{ op: number; d: any }> {
    return this.until(() => this.gatewayReceived.find((p) => p.op === op && p.at >= since), timeout, `gateway op ${op}`);
  }

  // ---------------------------------------------------------------- fixtures

  private userPayload(u: FakeUser) {
    return { id: u.id, username: u.username, discriminator: '0', global_name: u.username, avatar: null, bot: u.bot ?? false };
  }

  private channelPayload(id: string, name: string, guildId = this.guildOfChannel(id).id) {
    return { id, type: 0, name, guild_id: guildId, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, rate_limit_per_user: 0, last_message_id: null };
  }

  private guildPayload(g: FakeGuild = this.guilds[0]!) {
    const role = (id: string, name: string, permissions: string, position: number) => ({
      id, name, permissions, position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null,
    });
    return {
      id: g.id,
      name: g.id === this.guildId ? 'Fake guild' : `Fake guild ${this.guilds.indexOf(g) + 1}`,
      icon: null,
      owner_id: this.otherMember.id,
      unavailable: false,
      large: false,
      member_count: 4,
      joined_at: now(),
      features: [],
      roles: [role(g.id, '@everyone', '68608', 0), role(this.moderatorRoleId, 'Curators', '0', 1)],
      channels: [this.channelPayload(g.generalChannelId, 'general', g.id), this.channelPayload(g.qaChannelId, 'qa', g.id)],
      threads: [
        {
          id: g.threadId,
          type: 11,
          name: 'a thread',
          guild_id: g.id,
          parent_id: g.generalChannelId,
          owner_id: this.member.id,
          message_count: 0,
          member_count: 1,
          rate_limit_per_user: 0,
          thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now(), locked: false },
        },
      ],
      members: [{ user: this.userPayload(this.botUser), roles: [], joined_at: now(), deaf: false, mute: false, flags: 0 }],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private memberPayload(actor: Actor, withUser: boolean) {
    const user = actor.user ?? this.member;
    return {
      ...(withUser ? { user: this.userPayload(user) } : {}),
      roles: actor.roles ?? [],
      joined_at: now(),
      deaf: false,
      mute: false,
      flags: 0,
      ...(actor.permissions !== undefined ? { permissions: actor.permissions } : {}),
    };
  }

  private channelOf(actor: Actor): string {
    return actor.dm ? this.dmChannelId : (actor.channelId ?? (actor.guild ?? this.guilds[0]!).generalChannelId);
  }

  private guildIdOf(actor: Actor): string {
    return actor.guild?.id ?? this.guildOfChannel(this.channelOf(actor)).id;
  }

  // ---------------------------------------------------------------- events sent to the bot

  /** Posts a message (MESSAGE_CREATE); returns its id. `mention` adds `<@bot>` to the content and mentions. */
  postMessage(content: string, actor: Actor & { mention?: boolean; mentionEveryone?: boolean; replyTo?: string } = {}): string {
    const id = snowflake();
    const user = actor.user ?? this.member;
    const text = actor.mention ? `<@${this.botUser.id}> ${content}` : content;
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: this.channelOf(actor),
      // Discord sends channel_type; without it discord.js cannot build an uncached DM channel and drops the message.
      channel_type: actor.dm ? 1 : this.guilds.some((g) => g.threadId === this.channelOf(actor)) ? 11 : 0,
      ...(actor.dm ? {} : { guild_id: this.guildIdOf(actor), member: this.memberPayload(actor, false) }),
      author: this.userPayload(user),
      content: text,
      timestamp: now(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: actor.mentionEveryone ?? false,
      mentions: actor.mention ? [{ ...this.userPayload(this.botUser), member: { roles: [], joined_at: now(), deaf: false, mute: false } }] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      // A reply (type 19) names the message it answers, as Discord sends it.
      ...(actor.replyTo ? { message_reference: { type: 0, message_id: actor.replyTo, channel_id: this.channelOf(actor), guild_id: this.guildIdOf(actor) } } : {}),
      type: actor.replyTo ? 19 : 0,
      flags: 0,
    });
    return id;
  }

  private interaction(type: number, data: unknown, actor: Actor, extra: Record<string, unknown> = {}): string {
    const createdAt = Date.now() - this.interactionAgeMs;
    const id = SnowflakeUtil.generate({ timestamp: createdAt }).toString();
    const token = 'itok-' + randomBytes(12).toString('hex');
    const channelId = this.channelOf(actor);
    this.interactions.set(id, {
      id,
      token,
      createdAt,
      refused: [],
      channelId,
      type,
      ...(extra.message ? { clickedMessage: (extra.message as FakeMessage).id } : {}),
    });
    const user = actor.user ?? this.member;
    const where = actor.dm
      ? { user: this.userPayload(user), channel: { id: channelId, type: 1, recipients: [this.userPayload(user)] }, context: 1 }
      : {
          guild_id: this.guildIdOf(actor),
          member: { ...this.memberPayload(actor, true), permissions: actor.permissions ?? '68608' },
          channel: { ...this.channelPayload(channelId, 'general') },
          guild_locale: 'en-US',
          context: 0,
        };
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.botUser.id,
      type,
      token,
      version: 1,
      channel_id: channelId,
      ...where,
      data,
      app_permissions: '2147567616',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': actor.dm ? user.id : this.guildIdOf(actor) },
      attachment_size_limit: 8_388_608,
      ...extra,
    });
    return id;
  }

  private commandId(name: string): string {
    let id = this.commandIds.get(name);
    if (!id) this.commandIds.set(name, (id = snowflake()));
    return id;
  }

  /** Runs a slash command with string options; returns the interaction id. */
  command(name: string, options: Record<string, string> = {}, actor: Actor = {}): string {
    const opts = Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value }));
    return this.interaction(2, { id: this.commandId(name), name, type: 1, options: opts }, actor);
  }

  /** Sends an autocomplete request with the focused option's partial value. */
  autocomplete(name: string, focused: string, value: string, actor: Actor = {}): string {
    return this.interaction(4, { id: this.commandId(name), name, type: 1, options: [{ name: focused, type: 3, value, focused: true }] }, actor);
  }

  /** Clicks a button of a message the bot sent. */
  click(message: FakeMessage, customId: string, actor: Actor = {}): string {
    return this.interaction(3, { custom_id: customId, component_type: 2 }, { channelId: message.channel_id, ...actor }, { message });
  }

  /** Picks values in a string select menu of a message (component type 3). */
  select(message: FakeMessage, customId: string, values: string[], actor: Actor = {}): string {
    return this.interaction(3, { custom_id: customId, component_type: 3, values }, { channelId: message.channel_id, ...actor }, { message });
  }

  /** Submits a modal (interaction type 5) with text inputs. */
  submitModal(customId: string, fields: Record<string, string>, actor: Actor = {}): string {
    const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    return this.interaction(5, { custom_id: customId, components }, actor);
  }

  // ---------------------------------------------------------------- REST

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
    let body: any = null;
    const type = req.headers['content-type'] ?? '';
    if (raw.length > 0 && type.includes('application/json')) body = JSON.parse(raw.toString('utf8'));
    else if (raw.length > 0 && type.includes('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      body = JSON.parse(String(form.get('payload_json') ?? 'null'));
    }
    const request: RecordedRequest = { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body, at: Date.now() };
    this.requests.push(request);
    for (const fn of this.observers) fn(request);
    const write = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      // The client may have given up (timeout) before a slow answer: nothing to write to.
      if (res.destroyed || res.headersSent) return;
      if (json === undefined) res.writeHead(status, headers).end();
      else res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    const limited = this.take(this.limits, request);
    if (limited) {
      this.tooMany(limited.limit, write);
      return this.notify();
    }
    const fault = this.take(this.faults, request)?.fault;
    if (fault?.kind === 'error-before') {
      write(fault.status ?? 500, { message: 'fake-discord: injected error', code: 0 });
      return this.notify();
    }
    // The work is done now, whatever the client is told afterwards.
    let answer: { status: number; json?: unknown };
    try {
      answer = this.route(request);
    } catch (error) {
      answer = { status: 500, json: { message: String(error), code: 0 } };
    }
    this.notify();
    if (fault?.kind === 'error-after') return write(fault.status ?? 500, { message: 'fake-discord: injected error after processing', code: 0 });
    if (fault?.kind === 'slow') {
      const timer = setTimeout(() => {
        this.held.delete(timer);
        write(answer.status, answer.json);
      }, fault.delayMs ?? 1000);
      this.held.add(timer);
      return;
    }
    write(answer.status, answer.json);
  }

  /** The first rule matching a request that has uses left (and uses one). */
  private take<T extends { match: RouteMatch; left: number }>(rules: T[], r: RecordedRequest): T | undefined {
    const rule = rules.find((x) => x.left > 0 && x.match(r));
    if (rule) rule.left--;
    return rule;
  }

  /** A 429 as Discord sends it: `retry_after` in the body, seconds in `retry-after`, the `x-ratelimit-*` headers. */
  private tooMany(limit: RateLimit, write: (status: number, json?: unknown, headers?: Record<string, string>) => void): void {
    const scope = limit.global ? 'global' : (limit.scope ?? 'user');
    const headers: Record<string, string> = {
      'retry-after': String(limit.retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String((Date.now() / 1000 + limit.retryAfter).toFixed(3)),
      'x-ratelimit-reset-after': String(limit.retryAfter),
      'x-ratelimit-bucket': 'fake-bucket-' + scope,
      'x-ratelimit-scope': scope,
      ...(limit.global ? { 'x-ratelimit-global': 'true' } : {}),
    };
    write(429, { message: 'You are being rate limited.', retry_after: limit.retryAfter, global: !!limit.global, code: 0 }, headers);
  }

  private route(r: RecordedRequest): { status: number; json?: unknown } {
    let m: RegExpMatchArray | null;
    const override = this.overrides.find((o) => o.match(r));
    if (override) return { status: override.status, json: override.json };
    if (r.method === 'GET' && r.path === '/gateway/bot') {
      return {
        status: 200,
        json: {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: this.shardCount,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 60_000, max_concurrency: 1 },
        },
      };
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      return this.interactionCallback(m[1]!, m[2]!, r.body, r.query.get('with_response') === 'true');
    }
    if (r.method === 'GET' && (m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/))) {
      // fetchReply(): the original response (or a follow-up) as Discord stores it.
      const id = m[3] === '@original' ? this.originalByToken.get(m[2]!) : m[3];
      const message = id ? this.messages.get(id) : undefined;
      return message ? { status: 200, json: message } : { status: 404, json: { message: 'Unknown Message', code: 10008 } };
    }
    if (r.method === 'PATCH' && (m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/))) {
      const id = m[3] === '@original' ? this.originalByToken.get(m[2]!) : m[3];
      const message = id ? this.messages.get(id) : undefined;
      if (!message) return { status: 404, json: { message: 'Unknown Message', code: 10008 } };
      Object.assign(message, this.messageFields(r.body), { edited_timestamp: now() });
      return { status: 200, json: message };
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      if (!this.originalByToken.has(m[2]!)) return { status: 404, json: { message: 'Unknown Webhook', code: 10015 } };
      return { status: 200, json: this.storeMessage(this.channelOfToken(m[2]!), r.body) };
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/channels\/(\d+)\/messages$/))) {
      // enforce_nonce: a repeat of a nonce (a retry after a 5xx or a timeout) returns the first message.
      const key = r.body?.nonce !== undefined && r.body?.enforce_nonce ? `${m[1]}:${r.body.nonce}` : undefined;
      const first = key ? this.byNonce.get(key) : undefined;
      if (first) {
        this.nonceHits++;
        return { status: 200, json: first };
      }
      const message = this.storeMessage(m[1]!, r.body, r.body?.nonce !== undefined ? { nonce: r.body.nonce } : {});
      if (key) this.byNonce.set(key, message);
      return { status: 200, json: message };
    }
    if (r.method === 'DELETE' && (m = r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      if (!this.messages.delete(m[2]!)) return { status: 404, json: { message: 'Unknown Message', code: 10008 } };
      return { status: 204 };
    }
    if (r.method === 'PUT' && (m = r.path.match(/^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/))) {
      const list = (r.body as any[]).map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake(), guild_id: m![3] }));
      return { status: 200, json: list };
    }
    return { status: 404, json: { message: `fake-discord: no route for ${r.method} ${r.path}`, code: 0 } };
  }

  private channelOfToken(token: string): string {
    const original = this.originalByToken.get(token);
    return (original && this.messages.get(original)?.channel_id) || this.generalChannelId;
  }

  private messageFields(body: any): Partial<FakeMessage> {
    const out: Partial<FakeMessage> = {};
    for (const key of ['content', 'embeds', 'components', 'flags', 'allowed_mentions'] as const) if (body && key in body) out[key] = body[key];
    return out;
  }

  private storeMessage(channelId: string, body: any, extra: Partial<FakeMessage> = {}): FakeMessage {
    const message: FakeMessage = {
      id: snowflake(),
      channel_id: channelId,
      ...(channelId === this.dmChannelId ? {} : { guild_id: this.guildOfChannel(channelId).id }),
      author: this.userPayload(this.botUser),
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: now(),
      edited_timestamp: null,
      type: body?.message_reference ? 19 : 0,
      flags: 0,
      ...this.messageFields(body),
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
      ...extra,
    };
    this.messages.set(message.id, message);
    if (!extra.interaction_id) this.created.push(message);
    return message;
  }

  /** An acknowledgement: refused when late (10062) or a second one (40060), as Discord does. */
  private interactionCallback(interactionId: string, token: string, body: { type: number; data?: any }, withResponse = false): { status: number; json?: unknown } {
    const interaction = this.interactions.get(interactionId);
    if (!interaction || interaction.token !== token) return { status: 404, json: { message: 'Unknown interaction', code: 10062 } };
    const at = Date.now();
    if (interaction.ackedAt !== undefined) {
      interaction.refused.push({ code: 40060, at });
      return { status: 400, json: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    }
    if (at - interaction.createdAt > this.ackDeadlineMs) {
      interaction.refused.push({ code: 10062, at });
      return { status: 404, json: { message: 'Unknown interaction', code: 10062 } };
    }
    interaction.ackedAt = at;
    let created: FakeMessage | undefined;
    if (body.type === 4 || body.type === 5) {
      const message = this.storeMessage(interaction.channelId, body.data ?? {}, { interaction_id: interactionId });
      this.originalByToken.set(token, message.id);
      created = message;
    } else if (body.type === 6 || body.type === 7) {
      // A component's message is the original response of its follow-ups.
      const target = this.messages.get(interaction.clickedMessage ?? '');
      if (target) {
        this.originalByToken.set(token, target.id);
        if (body.type === 7) Object.assign(target, this.messageFields(body.data), { edited_timestamp: now() });
      }
    }
    // ?with_response=true: Discord answers 200 with the interaction callback and the message it created.
    if (withResponse) {
      const ephemeral = ((created?.flags ?? 0) & 64) !== 0;
      return {
        status: 200,
        json: {
          interaction: { id: interactionId, type: interaction.type, response_message_id: created?.id ?? null, response_message_loading: body.type === 5, response_message_ephemeral: ephemeral },
          resource: created ? { type: body.type, message: created } : { type: body.type },
        },
      };
    }
    return { status: 204 };
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  // ---------------------------------------------------------------- waiting for what the bot sent

  /** Resolves with the first value `find` returns that is not undefined, re-checking on every request; rejects after `timeout` ms. */
  async until<T>(find: () => T | undefined, timeout = 5000, what = 'condition'): Promise<T> {
    const first = find();
    if (first !== undefined) return first;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value !== undefined) {
          done();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`fake-discord: timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** The first request matching a predicate (past or future). */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeout = 5000, what = 'a request'): Promise<RecordedRequest> {
    return this.until(() => this.requests.find(predicate), timeout, what);
  }

  /** The interaction callback (reply, defer, update, autocomplete) of an interaction. */
  callbackOf(interactionId: string, timeout = 5000): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interactionId}/`), timeout, `callback of ${interactionId}`);
  }

  /** The edit of an interaction's original response (after a defer). */
  editOf(interactionId: string, timeout = 5000): Promise<RecordedRequest> {
    const token = this.interactions.get(interactionId)?.token;
    return this.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${this.botUser.id}/${token}/messages/@original`, timeout, `edit of ${interactionId}`);
  }

  /** The channel message replying to a message. */
  replyTo(messageId: string, timeout = 5000): Promise<RecordedRequest> {
    return this.waitForRequest(
      (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.body?.message_reference?.message_id === messageId,
      timeout,
      `reply to ${messageId}`,
    );
  }

  /** The stored message of an interaction's original response (to click its buttons). */
  responseOf(interactionId: string): FakeMessage {
    const token = this.interactions.get(interactionId)?.token;
    const id = token ? this.originalByToken.get(token) : undefined;
    const message = id ? this.messages.get(id) : undefined;
    if (!message) throw new Error(`fake-discord: no response stored for interaction ${interactionId}`);
    return message;
  }

  /** The stored message the bot sent in reply to a channel message. */
  replyMessageOf(messageId: string): FakeMessage {
    const message = [...this.messages.values()].find((m) => m.message_reference?.message_id === messageId);
    if (!message) throw new Error(`fake-discord: no reply stored for message ${messageId}`);
    return message;
  }

  /** Requests made after a point in time that match a predicate (to assert that nothing was sent). */
  requestsSince(at: number, predicate: (r: RecordedRequest) => boolean = () => true): RecordedRequest[] {
    return this.requests.filter((r) => r.at >= at && predicate(r));
  }
}

/** Waits a few milliseconds (to let the bot NOT answer). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
