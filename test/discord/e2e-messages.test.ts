/** End to end through the real discord.js client: questions asked as channel messages. */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { formatMessage } from '../../src/core/errors.js';
import { discordMessage } from '../../src/discord/errors.js';
import { toTraditional } from '../../src/core/text.js';
import type { Engine } from '../../src/core/types.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { sleep } from '../support/fake-discord.js';
import { customIds, plain } from '../support/markdown.js';

const QUESTION = '昌吉州煤电装机多少？';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Every message or interaction response the bot sent since a time. */
const sentSince = (at: number) =>
  h.fake.requestsSince(at, (r) => (r.method === 'POST' || r.method === 'PATCH') && (r.path.includes('/messages') || r.path.includes('/callback')));

describe('a question in a channel', () => {
  test('a mention is answered with a reply: direct answer first, best passage in bold, citation, source footer, buttons, no pings', async () => {
    const id = h.fake.postMessage(QUESTION, { mention: true });
    const reply = await h.fake.replyTo(id);
    const expected = h.store.current.answer(QUESTION);
    const best = expected.passages[0]!;
    const doc = h.store.current.source.documents.find((d) => d.id === best.doc)!;

    expect(reply.path).toBe(`/channels/${h.fake.generalChannelId}/messages`);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const [embed] = reply.body.embeds;
    const description: string = embed.description;
    // The direct answer comes first, in bold.
    expect(description.startsWith(`**${expected.answer}`)).toBe(true);
    // The best passage follows, its matched words and figures in bold, with the citation marker [1].
    expect(plain(description)).toContain(best.text);
    for (const word of best.matched) expect(description).toMatch(new RegExp(`\\*\\*[^*]*${word}[^*]*\\*\\*`));
    for (const figure of expected.figures.filter((f) => f.passage === best.id)) expect(description).toMatch(new RegExp(`\\*\\*[^*]*${figure.text}[^*]*\\*\\*`));
    expect(description).toContain('[1]');
    // The marker names the document and the passage.
    const sources = embed.fields.find((f: any) => f.name.includes('Sources'));
    expect(sources.value).toContain(`[1] 《${doc.title}》`);
    expect(sources.value).toContain(best.id);
    expect(embed.footer.text).toBe(`${doc.title} · ${doc.source} · ${doc.date}`);
    expect(customIds(reply.body.components).map((c) => c.split(':')[0])).toEqual(['more', 'show', 'fb', 'fb']);
    for (const c of customIds(reply.body.components)) expect(c.length).toBeLessThanOrEqual(100);
  });

  test('a message in a configured Q&A channel is answered without a mention', async () => {
    const id = h.fake.postMessage(QUESTION, { channelId: h.fake.qaChannelId });
    const reply = await h.fake.replyTo(id);
    expect(reply.path).toBe(`/channels/${h.fake.qaChannelId}/messages`);
    expect(reply.body.embeds[0].description).toContain(h.store.current.answer(QUESTION).answer);
  });

  test('a mention in a thread is answered in the thread', async () => {
    const id = h.fake.postMessage(QUESTION, { mention: true, channelId: h.fake.threadId });
    const reply = await h.fake.replyTo(id);
    expect(reply.path).toBe(`/channels/${h.fake.threadId}/messages`);
    expect(reply.body.embeds).toHaveLength(1);
  });

  test('ordinary messages elsewhere, other bots and the bot itself are ignored', async () => {
    const at = Date.now();
    h.fake.postMessage(QUESTION, { channelId: h.fake.generalChannelId });
    h.fake.postMessage(QUESTION, { mention: true, user: h.fake.otherBot });
    h.fake.postMessage(QUESTION, { channelId: h.fake.qaChannelId, user: h.fake.otherBot });
    h.fake.postMessage(QUESTION, { mention: true, user: h.fake.botUser });
    await sleep(400);
    expect(sentSince(at)).toEqual([]);
  });

  test('@everyone: a message that only pings everyone is ignored; a question with it is answered without any ping', async () => {
    const at = Date.now();
    h.fake.postMessage(`@everyone ${QUESTION}`, { mentionEveryone: true });
    const id = h.fake.postMessage(`@everyone **${QUESTION}** @here`, { mention: true, mentionEveryone: true });
    const reply = await h.fake.replyTo(id);
    await sleep(200);
    const sent = sentSince(at);
    expect(sent).toHaveLength(1);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // The echoed question has its markdown escaped and @everyone/@here defused.
    const title: string = reply.body.embeds[0].title;
    expect(title).not.toMatch(/@everyone|@here/);
    expect(title).toContain('@\u200beveryone');
    expect(title).toContain('\\*\\*');
  });

  test('a traditional question is answered in traditional', async () => {
    const question = '昌吉州煤電裝機多少？';
    const id = h.fake.postMessage(question, { mention: true });
    const reply = await h.fake.replyTo(id);
    const expected = h.store.current.answer(question);
    expect(expected.script).toBe('traditional');
    const description = plain(reply.body.embeds[0].description);
    expect(description).toContain(expected.answer);
    const best = expected.passages[0]!;
    expect(toTraditional(best.text)).not.toBe(best.text);
    expect(description).toContain(toTraditional(best.text));
    expect(description).not.toContain(best.text);
    expect(reply.body.embeds[0].fields[0].name).toBe(toTraditional('出处 Sources'));
  });

  test('a 5,000-character question gets the too-long message, within Discord limits, and nothing echoed', async () => {
    const long = '煤电装机'.repeat(1250);
    const id = h.fake.postMessage(long, { mention: true });
    const reply = await h.fake.replyTo(id);
    expect(reply.body.content).toBe(formatMessage('QUESTION_TOO_LONG', { max: h.settings.maxQuestionLength }));
    expect(reply.body.content.length).toBeLessThanOrEqual(2000);
    expect(reply.body.embeds ?? []).toEqual([]);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('a mention without a question gets the catalog message', async () => {
    const id = h.fake.postMessage('', { mention: true });
    const reply = await h.fake.replyTo(id);
    expect(reply.body.content).toBe(formatMessage('EMPTY_QUESTION'));
  });

  test('DMs are politely refused when allowDMs is false', async () => {
    const id = h.fake.postMessage(QUESTION, { dm: true });
    const reply = await h.fake.replyTo(id);
    expect(reply.path).toBe(`/channels/${h.fake.dmChannelId}/messages`);
    expect(reply.body.content).toBe(discordMessage('DM_DISABLED'));
  });

  test('slash commands from a DM are refused ephemerally when allowDMs is false', async () => {
    const cb = await h.fake.callbackOf(h.fake.command('ask', { question: QUESTION }, { dm: true }));
    expect(cb.body.data).toMatchObject({ content: discordMessage('DM_DISABLED'), flags: 64 });
  });

  test('a bug in a handler is logged with context and answered with the apology; the bot keeps answering', async () => {
    const real = h.store.current;
    const broken: Engine = Object.assign(Object.create(real) as Engine, {
      answer: () => {
        throw new TypeError('simulated bug');
      },
    });
    const spy = vi.spyOn(h.store, 'current', 'get').mockReturnValue(broken as never);
    const id = h.fake.postMessage(QUESTION, { mention: true });
    const reply = await h.fake.replyTo(id);
    spy.mockRestore();
    expect(reply.body.content).toBe(formatMessage('INTERNAL'));
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.messageId === id && l.level === 50);
    expect(line).toMatchObject({ msg: 'handler failed', channelId: h.fake.generalChannelId, userId: h.fake.member.id });
    expect(line.err.message).toBe('simulated bug');

    const again = h.fake.postMessage(QUESTION, { mention: true });
    expect((await h.fake.replyTo(again)).body.embeds).toHaveLength(1);
  });

  test('the token never appears in the logs', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('')).not.toContain(h.token);
  });
});
