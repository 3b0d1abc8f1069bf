/**
 * A fake Discord for end-to-end tests: an HTTP REST server and a WebSocket gateway on 127.0.0.1 that the real
 * discord.js Client connects to. It records every request the bot makes, dispatches gateway events (messages,
 * interactions), and can break the gateway connection (close codes, abrupt drops). Payloads follow
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
}

/** A stored message (the bot's replies and interaction responses) as Discord would return it. */
export type FakeMessage = Record<string, any> & { id: string; channel_id: string; components?: any[]; embeds?: any[]; flags?: number };

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

  private server!: Server;
  private wss!: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;
  private sessionId = 'session-' + randomBytes(4).toString('hex');
  private readonly waiters = new Set<() => void>();
  /** Interaction id → its token, and token → the id of the original response message. */
  private readonly interactionTokens = new Map<string, string>();
  private readonly originalByToken = new Map<string, string>();
  private readonly commandIds = new Map<string, string>();
  /** Interaction id → its channel, and → the message whose button was clicked. */
  private readonly interactionChannel = new Map<string, string>();
  private readonly clickedMessage = new Map<string, string>();

  /** REST answers that replace the normal route, first match wins (see respondWith). */
  private readonly overrides: Array<{ match: (r: RecordedRequest) => boolean; status: number; json: unknown }> = [];
  /** When set, the gateway answers IDENTIFY by closing with this code (4004 bad token, 4014 disallowed intents). */
  identifyCloseCode: number | undefined;

  private constructor() {}

  /** Makes REST requests that `match` fail with `status` and a Discord-shaped error body. */
  respondWith(match: (r: RecordedRequest) => boolean, status: number, json: unknown = { message: `fake-discord: ${status}`, code: 0 }): void {
    this.overrides.push({ match, status, json });
  }

  /** Starts the servers on a free port of 127.0.0.1. */
  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
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

  /** Client options that point discord.js at this fake and remove its identify throttling. */
  clientOptions(): Partial<ClientOptions> {
    return {
      rest: { api: this.api, retries: 0, timeout: 5000 },
      ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) } as ClientOptions['ws'],
      waitGuildTimeout: 1000,
    };
  }

  /** Closes every connection and both servers. */
  async stop(): Promise<void> {
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
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    this.send(socket, { op: 10, d: { heartbeat_interval: 41250 } });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: any };
      this.gatewayReceived.push({ op: payload.op, d: payload.d, at: Date.now() });
      this.notify();
      if (payload.op === 1) this.send(socket, { op: 11 });
      else if (payload.op === 2) this.identify(socket);
      else if (payload.op === 6) this.send(socket, { op: 0, t: 'RESUMED', s: ++this.seq, d: null });
    });
  }

  private identify(socket: WebSocket): void {
    if (this.identifyCloseCode !== undefined) {
      socket.close(this.identifyCloseCode, 'fake-discord');
      return;
    }
    this.sessionId = 'session-' + randomBytes(4).toString('hex');
    this.send(socket, {
      op: 0,
      s: ++this.seq,
      t: 'READY',
      d: {
        v: 10,
        user: this.userPayload(this.botUser),
        guilds: [{ id: this.guildId, unavailable: true }],
        session_id: this.sessionId,
        resume_gateway_url: `ws://127.0.0.1:${this.port}/resume`,
        application: { id: this.botUser.id, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
      },
    });
    this.send(socket, { op: 0, s: ++this.seq, t: 'GUILD_CREATE', d: this.guildPayload() });
  }

  /** Sends a dispatch to every connected client. */
  dispatch(t: string, d: unknown): void {
    const s = ++this.seq;
    for (const socket of this.sockets) this.send(socket, { op: 0, t, s, d });
  }

  /** Closes the gateway connections with a close code (4000: the client should resume). */
  closeGateway(code: number): void {
    for (const s of this.sockets) s.close(code, 'fake-discord');
  }

  /** Drops the gateway connections without a close frame (1006 on the client). */
  dropGateway(): void {
    for (const s of this.sockets) s.terminate();
  }

  /** How many sockets are open now. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Waits for the client to send a gateway op (2 IDENTIFY, 6 RESUME, …) after a point in time. */
  async waitForGatewayOp(op: number, since: number, timeout = 5000): Promise<{ op: number; d: any }> {
    return this.until(() => this.gatewayReceived.find((p) => p.op === op && p.at >= since), timeout, `gateway op ${op}`);
  }

  // ---------------------------------------------------------------- fixtures

  private userPayload(u: FakeUser) {
    return { id: u.id, username: u.username, discriminator: '0', global_name: u.username, avatar: null, bot: u.bot ?? false };
  }

  private channelPayload(id: string, name: string) {
    return { id, type: 0, name, guild_id: this.guildId, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, rate_limit_per_user: 0, last_message_id: null };
  }

  private guildPayload() {
    const role = (id: string, name: string, permissions: string, position: number) => ({
      id, name, permissions, position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null,
    });
    return {
      id: this.guildId,
      name: 'Fake guild',
      icon: null,
      owner_id: this.otherMember.id,
      unavailable: false,
      large: false,
      member_count: 4,
      joined_at: now(),
      features: [],
      roles: [role(this.guildId, '@everyone', '68608', 0), role(this.moderatorRoleId, 'Curators', '0', 1)],
      channels: [this.channelPayload(this.generalChannelId, 'general'), this.channelPayload(this.qaChannelId, 'qa')],
      threads: [
        {
          id: this.threadId,
          type: 11,
          name: 'a thread',
          guild_id: this.guildId,
          parent_id: this.generalChannelId,
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
    return actor.dm ? this.dmChannelId : (actor.channelId ?? this.generalChannelId);
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
      channel_type: actor.dm ? 1 : this.channelOf(actor) === this.threadId ? 11 : 0,
      ...(actor.dm ? {} : { guild_id: this.guildId, member: this.memberPayload(actor, false) }),
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
      ...(actor.replyTo ? { message_reference: { type: 0, message_id: actor.replyTo, channel_id: this.channelOf(actor), guild_id: this.guildId } } : {}),
      type: actor.replyTo ? 19 : 0,
      flags: 0,
    });
    return id;
  }

  private interaction(type: number, data: unknown, actor: Actor, extra: Record<string, unknown> = {}): string {
    const id = snowflake();
    const token = 'itok-' + randomBytes(12).toString('hex');
    this.interactionTokens.set(id, token);
    const channelId = this.channelOf(actor);
    this.interactionChannel.set(id, channelId);
    if (extra.message) this.clickedMessage.set(id, (extra.message as FakeMessage).id);
    const user = actor.user ?? this.member;
    const where = actor.dm
      ? { user: this.userPayload(user), channel: { id: channelId, type: 1, recipients: [this.userPayload(user)] }, context: 1 }
      : {
          guild_id: this.guildId,
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
      authorizing_integration_owners: { '0': actor.dm ? user.id : this.guildId },
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
    const reply = (status: number, json?: unknown) => {
      if (json === undefined) {
        res.writeHead(status).end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      }
    };
    try {
      this.route(request, reply);
    } catch (error) {
      reply(500, { message: String(error), code: 0 });
    }
    this.notify();
  }

  private route(r: RecordedRequest, reply: (status: number, json?: unknown) => void): void {
    let m: RegExpMatchArray | null;
    const override = this.overrides.find((o) => o.match(r));
    if (override) return reply(override.status, override.json);
    if (r.method === 'GET' && r.path === '/gateway/bot') {
      return reply(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 60_000, max_concurrency: 1 },
      });
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      this.interactionCallback(m[1]!, m[2]!, r.body);
      return reply(204);
    }
    if (r.method === 'PATCH' && (m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/))) {
      const id = m[3] === '@original' ? this.originalByToken.get(m[2]!) : m[3];
      const message = id ? this.messages.get(id) : undefined;
      if (!message) return reply(404, { message: 'Unknown Message', code: 10008 });
      Object.assign(message, this.messageFields(r.body), { edited_timestamp: now() });
      return reply(200, message);
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      const message = this.storeMessage(this.channelOfToken(m[2]!), r.body);
      return reply(200, message);
    }
    if (r.method === 'POST' && (m = r.path.match(/^\/channels\/(\d+)\/messages$/))) {
      return reply(200, this.storeMessage(m[1]!, r.body));
    }
    if (r.method === 'DELETE' && (m = r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      this.messages.delete(m[2]!);
      return reply(204);
    }
    if (r.method === 'PUT' && (m = r.path.match(/^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/))) {
      const list = (r.body as any[]).map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake(), guild_id: m![3] }));
      return reply(200, list);
    }
    return reply(404, { message: `fake-discord: no route for ${r.method} ${r.path}`, code: 0 });
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
      ...(channelId === this.dmChannelId ? {} : { guild_id: this.guildId }),
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
    return message;
  }

  private interactionCallback(interactionId: string, token: string, body: { type: number; data?: any }): void {
    const interaction = [...this.interactionTokens].find(([, t]) => t === token)?.[0] ?? interactionId;
    if (body.type === 4 || body.type === 5) {
      const channel = this.interactionChannel.get(interaction) ?? this.generalChannelId;
      const message = this.storeMessage(channel, body.data ?? {}, { interaction_id: interaction });
      this.originalByToken.set(token, message.id);
    } else if (body.type === 7) {
      const target = this.messages.get(this.clickedMessage.get(interaction) ?? '');
      if (target) Object.assign(target, this.messageFields(body.data), { edited_timestamp: now() });
    }
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
    const token = this.interactionTokens.get(interactionId);
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
    const token = this.interactionTokens.get(interactionId);
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
