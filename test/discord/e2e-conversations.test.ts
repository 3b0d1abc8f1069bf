/** End to end through the real discord.js client: follow-up questions (replies, threads, the same user in a channel, /ask), kept per user, expiring, surviving a restart. */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { RunningBot } from '../../src/discord/bot.js';
import { startHarness, type Harness } from '../support/bot-harness.js';

const FIRST = '昌吉州GDP增速是多少？';
const FOLLOW = '那克拉玛依市呢？';
const UNDERSTOOD = '（理解为：克拉玛依市GDP增速是多少？）';
const MINUTE = 60_000;

let h: Harness;
let clock = Date.now();
let second: RunningBot | undefined;

beforeAll(async () => {
  h = await startHarness({ followUpMinutes: 10 }, { now: () => clock });
});
afterAll(async () => {
  await second?.stop();
  await h?.fake.stop();
  if (h) await rm(h.root, { recursive: true, force: true });
});

/** Asks by mention and returns the bot's reply request and the stored reply message. */
async function ask(content: string, actor: Parameters<Harness['fake']['postMessage']>[1] = {}) {
  const id = h.fake.postMessage(content, { mention: true, ...actor });
  const reply = await h.fake.replyTo(id);
  return { reply, message: h.fake.replyMessageOf(id) };
}

describe('follow-up questions in Discord', () => {
  test('a reply to one of the bot\'s answers continues its conversation, even after the follow-up window', async () => {
    const { message } = await ask(FIRST);
    clock += 60 * MINUTE;
    const { reply } = await ask(FOLLOW, { replyTo: message.id });
    expect(reply.body.content).toBe(UNDERSTOOD);
    expect(reply.body.embeds[0].description).toBeTruthy();
  });

  test('a question in a thread where the bot answered continues the conversation there', async () => {
    clock += 60 * MINUTE;
    await ask('昌吉州煤电装机多少？', { channelId: h.fake.threadId });
    clock += 30 * MINUTE;
    const { reply } = await ask('新能源呢？', { channelId: h.fake.threadId });
    expect(reply.body.content).toMatch(/^（理解为：昌吉州新能源.*）$/u);
    expect(reply.body.embeds[0].description).toContain('4200万千瓦');
  });

  test('the same user\'s next question in the channel continues within followUpMinutes, and not after', async () => {
    clock += 60 * MINUTE;
    await ask(FIRST);
    clock += 5 * MINUTE;
    expect((await ask(FOLLOW)).reply.body.content).toBe(UNDERSTOOD);
    clock += 11 * MINUTE;
    // Expired: the same words now stand alone, and nothing says they were rewritten.
    expect((await ask(FOLLOW)).reply.body.content).toBeUndefined();
  });

  test('two people asking at once in one channel never mix their conversations', async () => {
    clock += 60 * MINUTE;
    const other = { user: h.fake.otherMember };
    await ask(FIRST);
    await ask('昌吉州煤电装机多少？', other);
    const mine = await ask(FOLLOW);
    const theirs = await ask('新能源呢？', other);
    expect(mine.reply.body.content).toBe(UNDERSTOOD);
    expect(theirs.reply.body.content).toMatch(/^（理解为：昌吉州新能源.*）$/u);
    expect(theirs.reply.body.content).not.toContain('GDP');
  });

  test('/ask continues the user\'s conversation in that channel', async () => {
    clock += 60 * MINUTE;
    await h.fake.callbackOf(h.fake.command('ask', { question: FIRST }));
    const cb = await h.fake.callbackOf(h.fake.command('ask', { question: FOLLOW }));
    expect(cb.body.data.content).toBe(UNDERSTOOD);
  });

  test('a reply to an /ask answer (the interaction\'s response message) continues its conversation, even after the follow-up window', async () => {
    clock += 60 * MINUTE;
    const id = h.fake.command('ask', { question: FIRST });
    const cb = await h.fake.callbackOf(id);
    // Asked with ?with_response=true: Discord returns the message it created, whose id keys the conversation.
    expect(cb.query.get('with_response')).toBe('true');
    const answer = h.fake.responseOf(id);
    clock += 60 * MINUTE;
    const { reply } = await ask(FOLLOW, { replyTo: answer.id });
    expect(reply.body.content).toBe(UNDERSTOOD);
  });

  test('a reply to a late /ask answer (deferred, then edited) continues its conversation too', async () => {
    clock += 60 * MINUTE;
    h.fake.interactionAgeMs = 2000;
    try {
      const id = h.fake.command('ask', { question: FIRST });
      expect((await h.fake.callbackOf(id)).body.type).toBe(5);
      await h.fake.editOf(id);
      const answer = h.fake.responseOf(id);
      clock += 60 * MINUTE;
      const { reply } = await ask(FOLLOW, { replyTo: answer.id });
      expect(reply.body.content).toBe(UNDERSTOOD);
    } finally {
      h.fake.interactionAgeMs = 0;
    }
  });

  test('a reply to an answer sent before a restart still continues its conversation', async () => {
    clock += 60 * MINUTE;
    const { message } = await ask(FIRST);
    // The answer's conversation is on disk once the reply is sent: wait for that line, then restart.
    const log = path.join(h.dataDir, 'conversations.jsonl');
    await vi.waitFor(() => expect(readFileSync(log, 'utf8')).toContain(`m:${message.id}`), { timeout: 5000 });
    second = await h.restart();
    clock += 24 * 60 * MINUTE;
    const { reply } = await ask(FOLLOW, { replyTo: message.id });
    expect(reply.body.content).toBe(UNDERSTOOD);
  });
});
