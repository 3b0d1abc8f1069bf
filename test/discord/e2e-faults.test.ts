/**
 * End to end against the strict fake Discord: what real Discord does to a bot that the lenient fake hid.
 * Gateway: RESUME replays what was missed, op 7, op 9, zombie connections. REST: 5xx before and after the
 * work, answers slower than the client's timeout, 429s; interactions: the 3 s deadline and the refused second
 * acknowledgement. Each fault ends with every question answered exactly once, logged at warn, never as a failure.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discordMessage } from '../../src/discord/errors.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import type { RecordedRequest } from '../support/fake-discord.js';

const QUESTION = '昌吉州煤电装机多少？';
/** The client's REST timeout here: a `slow` fault past it makes discord.js abort and retry. */
const REST_TIMEOUT = 600;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({}, { restTimeout: REST_TIMEOUT, fake: { heartbeatInterval: 400 } });
});
afterAll(async () => {
  await h?.stop();
});

const isChannelPost = (r: RecordedRequest) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path);
/** The messages the fake created in reply to a message (a deduplicated retry creates none). */
const repliesTo = (id: string) => h.fake.created.filter((m) => m.message_reference?.message_id === id);
/** Log lines (parsed) written since a count of lines. */
const logsFrom = (n: number) => h.logs.slice(n).map((l) => JSON.parse(l) as Record<string, any>);
const ready = () => h.fake.until(() => (h.bot.client.ws.status === 0 && h.fake.connected ? true : undefined), 10_000, 'client ready again');

describe('gateway', () => {
  test('questions sent while the connection is down are replayed on RESUME and answered once each', async () => {
    const at = Date.now();
    h.fake.dropGateway();
    const ids = [h.fake.postMessage(QUESTION, { mention: true }), h.fake.postMessage('昌吉州GDP增速是多少', { mention: true })];
    await h.fake.waitForGatewayOp(6, at, 10_000);
    for (const id of ids) await h.fake.replyTo(id, 10_000);
    await ready();
    for (const id of ids) expect(repliesTo(id)).toHaveLength(1);
  });

  test('op 7 (reconnect): the client resumes, and a question sent meanwhile is answered', async () => {
    const at = Date.now();
    h.fake.requestReconnect();
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.waitForGatewayOp(6, at, 10_000);
    await h.fake.replyTo(id, 10_000);
    expect(repliesTo(id)).toHaveLength(1);
    await ready();
  });

  test('op 9 not resumable: the client identifies anew and answers what is asked after', async () => {
    const at = Date.now();
    h.fake.invalidateSession(false);
    await h.fake.waitForGatewayOp(2, at, 10_000);
    await ready();
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.replyTo(id, 10_000);
    expect(repliesTo(id)).toHaveLength(1);
  });

  test('a zombie connection (heartbeats no longer ACKed) is left and resumed', async () => {
    const at = Date.now();
    h.fake.ackHeartbeats = false;
    const resume = await h.fake.waitForGatewayOp(6, at, 10_000);
    h.fake.ackHeartbeats = true;
    expect(resume.d.session_id).toBeTruthy();
    await ready();
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.replyTo(id, 10_000);
    expect(repliesTo(id)).toHaveLength(1);
  });
});

describe('no double posts', () => {
  test('a 500 after Discord created the message: the retry carries the same nonce and is not posted twice', async () => {
    const n = h.logs.length;
    h.fake.fault(isChannelPost, { kind: 'error-after', status: 500 });
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.until(() => (h.fake.requests.filter((r) => isChannelPost(r) && r.body?.message_reference?.message_id === id).length >= 2 ? true : undefined));
    const posts = h.fake.requests.filter((r) => isChannelPost(r) && r.body?.message_reference?.message_id === id);
    expect(posts.map((p) => [p.body.nonce, p.body.enforce_nonce])).toEqual([
      [id, true],
      [id, true],
    ]);
    await h.fake.until(() => (logsFrom(n).some((l) => l.status === 500) ? true : undefined));
    expect(repliesTo(id)).toHaveLength(1);
    const warn = logsFrom(n).find((l) => l.status === 500)!;
    expect(warn).toMatchObject({ level: 40, route: '/channels/:id/messages', method: 'POST' });
    expect(logsFrom(n).filter((l) => l.level >= 50)).toEqual([]);
  });

  test('an answer slower than the client timeout: discord.js retries, Discord returns the first message', async () => {
    h.fake.fault(isChannelPost, { kind: 'slow', delayMs: REST_TIMEOUT + 400 });
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.until(() => (h.fake.requests.filter((r) => isChannelPost(r) && r.body?.message_reference?.message_id === id).length >= 2 ? true : undefined), 5000);
    expect(repliesTo(id)).toHaveLength(1);
    expect(h.fake.nonceHits).toBeGreaterThanOrEqual(1);
  });

  test('a 502 before the work is done: retried, posted once', async () => {
    h.fake.fault(isChannelPost, { kind: 'error-before', status: 502 });
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.until(() => (repliesTo(id).length > 0 ? true : undefined));
    expect(repliesTo(id)).toHaveLength(1);
  });

  test('an interaction callback answered 500 after it was received: the retry is refused (40060), logged at warn, no apology', async () => {
    const n = h.logs.length;
    h.fake.fault((r) => r.method === 'POST' && r.path.endsWith('/callback'), { kind: 'error-after', status: 500 });
    const id = h.fake.command('ask', { question: QUESTION });
    const record = h.fake.interactions.get(id)!;
    await h.fake.until(() => (record.refused.length > 0 ? true : undefined));
    await h.fake.until(() => (logsFrom(n).some((l) => l.code === 40060) ? true : undefined));
    expect(record.refused.map((r) => r.code)).toEqual([40060]);
    expect(h.fake.responseOf(id).embeds).toHaveLength(1);
    const lines = logsFrom(n);
    expect(lines.find((l) => l.code === 40060)).toMatchObject({ level: 40, interactionId: id, method: 'POST', route: '/api/v10/interactions/:id/:token/callback' });
    expect(h.logs.slice(n).join('')).not.toContain(record.token);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    // No follow-up apology (which would fail too).
    const token = record.token;
    expect(h.fake.requests.filter((r) => r.path.includes(`/webhooks/`) && r.path.includes(token))).toEqual([]);
  });
});

describe('rate limits and deadlines', () => {
  test('a 429 on the route: waited out, answered once, logged at warn with the route and the wait', async () => {
    const n = h.logs.length;
    h.fake.rateLimit(isChannelPost, { retryAfter: 0.3, scope: 'shared' });
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.until(() => (repliesTo(id).length > 0 ? true : undefined));
    expect(repliesTo(id)).toHaveLength(1);
    const warn = logsFrom(n).find((l) => l.status === 429)!;
    expect(warn).toMatchObject({ level: 40, route: '/channels/:id/messages', retryAfterMs: 300, scope: 'shared' });
  });

  test('a global 429: every request waits, the question is answered once', async () => {
    const n = h.logs.length;
    h.fake.rateLimit(isChannelPost, { retryAfter: 0.2, global: true });
    const id = h.fake.postMessage(QUESTION, { mention: true });
    await h.fake.until(() => (repliesTo(id).length > 0 ? true : undefined));
    expect(repliesTo(id)).toHaveLength(1);
    expect(logsFrom(n).find((l) => l.status === 429)).toMatchObject({ global: true });
  });

  test('an interaction acknowledged after 3 s is unknown (10062): logged at warn, no apology', async () => {
    const n = h.logs.length;
    // The deadline is shortened so that the bot's normal answer arrives after it.
    h.fake.ackDeadlineMs = -1;
    try {
      const id = h.fake.command('source');
      const record = h.fake.interactions.get(id)!;
      await h.fake.until(() => (logsFrom(n).some((l) => l.code === 10062) ? true : undefined));
      expect(record.refused.map((r) => r.code)).toEqual([10062]);
      expect(logsFrom(n).filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      h.fake.ackDeadlineMs = 3000;
    }
  });
});

describe('late arrivals', () => {
  test('a command that reaches the bot 2 s after Discord created it is deferred first, then answered by an edit', async () => {
    h.fake.interactionAgeMs = 2000;
    try {
      const ask = h.fake.command('ask', { question: QUESTION });
      const source = h.fake.command('source');
      expect((await h.fake.callbackOf(ask)).body).toEqual({ type: 5, data: { flags: 0 } });
      expect((await h.fake.callbackOf(source)).body).toEqual({ type: 5, data: { flags: 64 } });
      expect((await h.fake.editOf(ask)).body.embeds[0].description).toContain(h.store.current.answer(QUESTION).answer);
      expect((await h.fake.editOf(source)).body.embeds).toHaveLength(1);
      for (const id of [ask, source]) expect(h.fake.interactions.get(id)!.refused).toEqual([]);
    } finally {
      h.fake.interactionAgeMs = 0;
    }
  });

  test('on time, the same command is answered directly (no deferral)', async () => {
    expect((await h.fake.callbackOf(h.fake.command('ask', { question: QUESTION }))).body.type).toBe(4);
  });
});

describe('everything echoed is escaped; other interactions are answered', () => {
  test('/passage id:@everyone and a markdown link are echoed escaped', async () => {
    for (const raw of ['@everyone', '[x](https://evil.example) **y**']) {
      const cb = await h.fake.callbackOf(h.fake.command('passage', { id: raw }));
      const content: string = cb.body.data.content;
      expect(content).not.toContain(raw);
      expect(content).not.toMatch(/(^|[^\\])@everyone/);
      expect(content).not.toMatch(/(^|[^\\])\[x\]\(/);
      expect(content).not.toMatch(/(^|[^\\])\*\*y/);
    }
  });

  test('a button id carrying @everyone is echoed escaped too', async () => {
    const ask = h.fake.command('ask', { question: QUESTION });
    await h.fake.callbackOf(ask);
    const cb = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(ask), 'show:s:@everyone [x](https://evil.example)'));
    const content: string = cb.body.data.content;
    expect(content).toContain('@\u200beveryone');
    expect(content).not.toMatch(/(^|[^\\])\[x\]\(/);
  });

  test('a select menu and a modal get a polite ephemeral answer', async () => {
    const ask = h.fake.command('ask', { question: QUESTION });
    await h.fake.callbackOf(ask);
    const select = await h.fake.callbackOf(h.fake.select(h.fake.responseOf(ask), 'menu:1', ['a']));
    expect(select.body).toEqual({ type: 4, data: expect.objectContaining({ content: discordMessage('UNSUPPORTED_INTERACTION'), flags: 64 }) });
    const modal = await h.fake.callbackOf(h.fake.submitModal('form:1', { q: QUESTION }));
    expect(modal.body.data).toMatchObject({ content: discordMessage('UNSUPPORTED_INTERACTION'), flags: 64 });
  });
});
