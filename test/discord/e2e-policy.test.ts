/** End to end through the real discord.js client: the per-user cooldown, and DMs when they are allowed. */
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { formatMessage } from '../../src/core/errors.js';
import { startHarness, type Harness } from '../support/bot-harness.js';

const QUESTION = '昌吉州煤电装机多少？';
const COOLDOWN = 30;
let h: Harness;
let clock = 1_700_000_000_000;
/** Deferred work the bot asked for, run by the test when it chooses. */
const pending: Array<{ ms: number; fn: () => void }> = [];

beforeAll(async () => {
  const later = { after: (ms: number, fn: () => void) => void pending.push({ ms, fn }), cancelAll: () => void (pending.length = 0) };
  h = await startHarness({ cooldownSeconds: COOLDOWN, allowDMs: true }, { now: () => clock, later });
});
afterAll(async () => {
  await h?.stop();
});

test('a second question within the cooldown gets a friendly notice; other users are not affected; it ends', async () => {
  const first = h.fake.postMessage(QUESTION, { mention: true });
  expect((await h.fake.replyTo(first)).body.embeds).toHaveLength(1);

  clock += 10_000;
  const second = h.fake.postMessage(QUESTION, { mention: true });
  const notice = await h.fake.replyTo(second);
  expect(notice.body.content).toBe(formatMessage('COOLDOWN', { seconds: COOLDOWN - 10 }));
  expect(notice.body.embeds ?? []).toEqual([]);
  expect(notice.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  // The notice removes itself when the cooldown is over (20 s left here): the bot deletes it.
  const noticeId = [...h.fake.messages.values()].find((m) => m.content === notice.body.content)!.id;
  // Scheduled once the notice is sent (after Discord's answer to the POST).
  await vi.waitFor(() => expect(pending.map((p) => p.ms)).toEqual([(COOLDOWN - 10) * 1000]));
  pending.shift()!.fn();
  await h.fake.waitForRequest((r) => r.method === 'DELETE' && r.path === `/channels/${h.fake.generalChannelId}/messages/${noticeId}`);
  expect(h.fake.messages.has(noticeId)).toBe(false);

  // The slash command shares the cooldown and says so ephemerally.
  const slash = await h.fake.callbackOf(h.fake.command('ask', { question: QUESTION }));
  expect(slash.body.data).toMatchObject({ content: formatMessage('COOLDOWN', { seconds: COOLDOWN - 10 }), flags: 64 });

  // Someone else is answered.
  const other = h.fake.postMessage(QUESTION, { mention: true, user: h.fake.otherMember });
  expect((await h.fake.replyTo(other)).body.embeds).toHaveLength(1);

  // Lookups that are not questions (/passage, /source) are not limited.
  const lookup = await h.fake.callbackOf(h.fake.command('source'));
  expect(lookup.body.data.embeds).toHaveLength(1);

  clock += COOLDOWN * 1000;
  const later = h.fake.postMessage(QUESTION, { mention: true });
  expect((await h.fake.replyTo(later)).body.embeds).toHaveLength(1);
});

test('with allowDMs, a DM is answered in the DM channel', async () => {
  clock += COOLDOWN * 1000;
  const id = h.fake.postMessage(QUESTION, { dm: true });
  const reply = await h.fake.replyTo(id);
  expect(reply.path).toBe(`/channels/${h.fake.dmChannelId}/messages`);
  expect(reply.body.embeds[0].description).toContain(h.store.current.answer(QUESTION).answer);
});

test('with allowDMs, slash commands work in DMs too', async () => {
  clock += COOLDOWN * 1000;
  const cb = await h.fake.callbackOf(h.fake.command('ask', { question: QUESTION }, { dm: true }));
  expect(cb.body.type).toBe(4);
  expect(cb.body.data.embeds[0].description).toContain(h.store.current.answer(QUESTION).answer);
});
