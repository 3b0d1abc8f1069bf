/** End to end through the real discord.js client: slash commands, autocomplete and every button. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatMessage } from '../../src/core/errors.js';
import { EXPIRED, THANKS } from '../../src/discord/buttons.js';
import { FIGURES_PER_PAGE, figureValue } from '../../src/discord/embeds/figures.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { button, customIds, plain } from '../support/markdown.js';

const QUESTION = '昌吉州煤电装机多少？';
const EPHEMERAL = 64;
const MODERATOR = { roles: [] as string[] };
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  MODERATOR.roles = [h.fake.moderatorRoleId];
});
afterAll(async () => {
  await h?.stop();
});

/** A query whose results span more than one page. */
function multiPageQuery(): string {
  const candidates = ['昌吉州', '发展', '产业', '新疆', '项目', '准东开发区'];
  const found = candidates.find((q) => h.store.current.search(q, { limit: 1 }).total > h.settings.pageSize);
  if (!found) throw new Error('no candidate query has more than one page of results in the corpus');
  return found;
}

describe('/ask', () => {
  test('answers with the same embed and buttons as a question in a channel', async () => {
    const msg = h.fake.postMessage(QUESTION, { mention: true });
    const channelReply = await h.fake.replyTo(msg);
    const id = h.fake.command('ask', { question: QUESTION });
    const cb = await h.fake.callbackOf(id);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags ?? 0).toBe(0);
    expect(cb.body.data.embeds).toEqual(channelReply.body.embeds);
    expect(cb.body.data.components).toEqual(channelReply.body.components);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('a 5,000-character question is refused ephemerally', async () => {
    const id = h.fake.command('ask', { question: '装'.repeat(5000) });
    const cb = await h.fake.callbackOf(id);
    expect(cb.body.data.content).toBe(formatMessage('QUESTION_TOO_LONG', { max: h.settings.maxQuestionLength }));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
  });

  test('a question without searchable text gets the catalog message', async () => {
    const id = h.fake.command('ask', { question: '？？？' });
    const cb = await h.fake.callbackOf(id);
    expect(cb.body.data.content).toBe(formatMessage('NO_SEARCHABLE_TEXT'));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
  });
});

describe('/search and its buttons', () => {
  test('lists the top passages with citations, show buttons and pagination; next/previous update the message', async () => {
    const query = multiPageQuery();
    const size = h.settings.pageSize;
    const expected = h.store.current.search(query, { limit: size, offset: 0 });
    const id = h.fake.command('search', { query });
    const cb = await h.fake.callbackOf(id);
    expect(cb.body.type).toBe(4);
    const embed = cb.body.data.embeds[0];
    for (const [i, p] of expected.passages.entries()) {
      expect(embed.description).toContain(`**${i + 1}.**`);
      expect(embed.description).toContain(p.id);
    }
    expect(embed.footer.text).toContain(`${expected.total} matches`);
    const ids = customIds(cb.body.data.components);
    expect(ids.filter((c) => c.startsWith('show:'))).toHaveLength(expected.passages.length);
    expect(button(cb.body.data.components, 'page:0:').disabled).toBe(true);

    // Next page: the message is updated in place (callback type 7) with the following passages.
    const next = button(cb.body.data.components, 'page:1:');
    const click = h.fake.click(h.fake.responseOf(id), next.custom_id);
    const update = await h.fake.callbackOf(click);
    expect(update.body.type).toBe(7);
    const page2 = h.store.current.search(query, { limit: size, offset: size });
    for (const p of page2.passages) expect(update.body.data.embeds[0].description).toContain(p.id);
    expect(update.body.data.embeds[0].description).toContain(`**${size + 1}.**`);

    // And back.
    const prev = button(update.body.data.components, 'page:0:');
    expect(prev.disabled).toBeUndefined();
    const back = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(id), prev.custom_id));
    expect(back.body.data.embeds[0]).toEqual(embed);
  });

  test('a show button opens the passage whole, ephemerally', async () => {
    const query = multiPageQuery();
    const id = h.fake.command('search', { query });
    const cb = await h.fake.callbackOf(id);
    const show = button(cb.body.data.components, 'show:');
    const passageId = show.custom_id.slice('show:s:'.length);
    const res = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(id), show.custom_id));
    expect(res.body.type).toBe(4);
    expect(res.body.data.flags).toBe(EPHEMERAL);
    expect(plain(res.body.data.embeds[0].description)).toBe(h.store.current.passage(passageId)!.text);
  });

  test('autocomplete suggests what was typed, then matching passages, within Discord limits', async () => {
    const typed = '煤电';
    const id = h.fake.autocomplete('search', 'query', typed);
    const cb = await h.fake.callbackOf(id);
    expect(cb.body.type).toBe(8);
    const choices: Array<{ name: string; value: string }> = cb.body.data.choices;
    expect(choices[0]).toEqual({ name: `🔎 ${typed}`, value: typed });
    const suggested = h.store.current.suggest(typed, 24);
    expect(suggested.length).toBeGreaterThan(0);
    expect(choices.length).toBe(Math.min(25, 1 + suggested.length));
    for (const [i, p] of suggested.slice(0, 24).entries()) expect(choices[i + 1]!.name).toContain(p.id.slice(p.id.indexOf('#') + 1));
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    // Choosing a suggestion searches for its text, and that passage comes first.
    const chosen = choices[1]!;
    expect(h.store.current.search(chosen.value, { limit: 1 }).passages[0]!.id).toBe(suggested[0]!.id);
  });

  test('autocomplete with nothing typed returns no choices', async () => {
    const cb = await h.fake.callbackOf(h.fake.autocomplete('search', 'query', ''));
    expect(cb.body.data.choices).toEqual([]);
  });
});

describe('/passage', () => {
  test('shows one passage whole with buttons to its neighbours, which update the message', async () => {
    const all = h.store.current.passages();
    const middle = all[Math.floor(all.length / 2)]!;
    const id = h.fake.command('passage', { id: middle.id });
    const cb = await h.fake.callbackOf(id);
    expect(cb.body.type).toBe(4);
    const embed = cb.body.data.embeds[0];
    expect(plain(embed.description)).toBe(middle.text);
    for (const f of middle.figures) expect(embed.description).toContain(`**${f.text}`);
    const { previous, next } = h.store.current.neighbours(middle.id);
    // The previous passage's button is live (a disabled placeholder has a noop id).
    expect(button(cb.body.data.components, 'nav:s:' + previous!.id).disabled).toBeUndefined();
    const nextButton = button(cb.body.data.components, 'nav:s:' + next!.id);

    const moved = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(id), nextButton.custom_id));
    expect(moved.body.type).toBe(7);
    expect(plain(moved.body.data.embeds[0].description)).toBe(next!.text);
  });

  test('the first passage has no previous button to press', async () => {
    const first = h.store.current.passages()[0]!;
    const cb = await h.fake.callbackOf(h.fake.command('passage', { id: first.id }));
    expect(button(cb.body.data.components, 'noop:previous').disabled).toBe(true);
  });

  test('an unknown id gets PASSAGE_NOT_FOUND, ephemerally', async () => {
    const cb = await h.fake.callbackOf(h.fake.command('passage', { id: 'nope#p9.s9' }));
    expect(cb.body.data.content).toBe(formatMessage('PASSAGE_NOT_FOUND', { id: 'nope#p9.s9', example: h.store.current.passages()[0]!.id }));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
  });

  test('garbage (5,000 characters of markdown) is not echoed whole nor as markdown; the reply says what an id looks like', async () => {
    const cb = await h.fake.callbackOf(h.fake.command('passage', { id: `**${'x'.repeat(4996)}**` }));
    const content: string = cb.body.data.content;
    expect(content.length).toBeLessThan(400);
    expect(content).toContain('\\*\\*xxx');
    expect(content).toContain(`编号形如 ${h.store.current.passages()[0]!.id}`);
    expect(cb.body.data.flags).toBe(EPHEMERAL);
  });

  test('autocomplete matches ids, and words', async () => {
    const byId = await h.fake.callbackOf(h.fake.autocomplete('passage', 'id', 'p6.'));
    const values = byId.body.data.choices.map((c: any) => c.value);
    expect(values).toEqual(h.store.current.passages().filter((p) => p.id.includes('p6.')).slice(0, 25).map((p) => p.id));
    const byWords = await h.fake.callbackOf(h.fake.autocomplete('passage', 'id', '煤电'));
    expect(byWords.body.data.choices.map((c: any) => c.value)).toEqual(h.store.current.suggest('煤电', 25).map((p) => p.id));
  });
});

describe('/figures', () => {
  test('a topic gives a compact table: what, value, unit, passage', async () => {
    const topic = '装机';
    const figures = h.store.current.figures(topic);
    expect(figures.length).toBeGreaterThan(0);
    const cb = await h.fake.callbackOf(h.fake.command('figures', { topic }));
    const table: string = cb.body.data.embeds[0].description;
    expect(table.startsWith('```')).toBe(true);
    const rows = table.split('\n').slice(2, -1);
    expect(rows).toHaveLength(figures.length);
    for (const [i, f] of figures.entries()) {
      expect(rows[i]).toContain(figureValue(f));
      expect(rows[i]).toContain(f.passage.slice(f.passage.indexOf('#') + 1));
      if (f.unit) expect(rows[i]).toContain(f.unit);
    }
  });

  test('without a topic, all figures, paginated with buttons that update the message', async () => {
    const all = h.store.current.figures();
    expect(all.length).toBeGreaterThan(FIGURES_PER_PAGE);
    const id = h.fake.command('figures');
    const cb = await h.fake.callbackOf(id);
    expect(cb.body.data.embeds[0].footer.text).toContain(`${all.length} figures`);
    expect(cb.body.data.embeds[0].description.split('\n').slice(2, -1)).toHaveLength(FIGURES_PER_PAGE);
    const next = button(cb.body.data.components, 'figs:1:');
    const moved = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(id), next.custom_id));
    expect(moved.body.type).toBe(7);
    const rows = moved.body.data.embeds[0].description.split('\n').slice(2, -1);
    expect(rows).toHaveLength(Math.min(FIGURES_PER_PAGE, all.length - FIGURES_PER_PAGE));
    expect(rows[0]).toContain(figureValue(all[FIGURES_PER_PAGE]!));
  });

  test('autocomplete suggests what figures measure', async () => {
    const cb = await h.fake.callbackOf(h.fake.autocomplete('figures', 'topic', '装机'));
    const choices = cb.body.data.choices as Array<{ value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    for (const c of choices) expect(c.value).toContain('装机');
  });
});

describe('buttons under an answer, feedback and /source', () => {
  test('"more results" sends the next passages ephemerally and leaves the answer alone', async () => {
    const id = h.fake.command('ask', { question: QUESTION });
    const cb = await h.fake.callbackOf(id);
    const more = button(cb.body.data.components, 'more:');
    const res = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(id), more.custom_id));
    expect(res.body.type).toBe(4);
    expect(res.body.data.flags).toBe(EPHEMERAL);
    const size = h.settings.pageSize;
    const page = h.store.current.search(QUESTION, { limit: size, offset: size });
    expect(res.body.data.embeds[0].footer.text).toContain(`page 2/`);
    for (const p of page.passages) expect(res.body.data.embeds[0].description).toContain(p.id);
  });

  test('"show passage" opens the best passage ephemerally', async () => {
    const id = h.fake.command('ask', { question: QUESTION });
    const cb = await h.fake.callbackOf(id);
    const res = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(id), button(cb.body.data.components, 'show:').custom_id));
    expect(res.body.data.flags).toBe(EPHEMERAL);
    const best = h.store.current.answer(QUESTION).passages[0]!;
    expect(plain(res.body.data.embeds[0].description)).toBe(h.store.current.passage(best.id)!.text);
  });

  test('👍 and 👎 are thanked and recorded in the feedback log, which /source summarises for moderators only', async () => {
    const id = h.fake.command('ask', { question: QUESTION });
    const cb = await h.fake.callbackOf(id);
    const message = h.fake.responseOf(id);
    const up = await h.fake.callbackOf(h.fake.click(message, button(cb.body.data.components, 'fb:up:').custom_id));
    expect(up.body.data).toMatchObject({ content: THANKS.up, flags: EPHEMERAL });
    const down = await h.fake.callbackOf(h.fake.click(message, button(cb.body.data.components, 'fb:down:').custom_id, { user: h.fake.otherMember }));
    expect(down.body.data).toMatchObject({ content: THANKS.down, flags: EPHEMERAL });

    const log = (await readFile(path.join(h.dataDir, 'feedback.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const best = h.store.current.answer(QUESTION).passages[0]!;
    expect(log).toEqual([
      expect.objectContaining({ vote: 'up', userId: h.fake.member.id, messageId: message.id, question: QUESTION, passage: best.id }),
      expect.objectContaining({ vote: 'down', userId: h.fake.otherMember.id, messageId: message.id, question: QUESTION, passage: best.id }),
    ]);
    expect(JSON.stringify(log)).not.toContain(h.token);

    const member = await h.fake.callbackOf(h.fake.command('source'));
    expect(member.body.data.flags).toBe(EPHEMERAL);
    expect(member.body.data.embeds[0].fields.map((f: any) => f.name)).not.toContain('反馈 Feedback');
    const mod = await h.fake.callbackOf(h.fake.command('source', {}, MODERATOR));
    const feedback = mod.body.data.embeds[0].fields.find((f: any) => f.name === '反馈 Feedback');
    expect(feedback.value).toContain('👍 1 · 👎 1');
    expect(feedback.value).toContain(QUESTION);
  });

  test('/source states documents, passages, figures and the index build', async () => {
    const cb = await h.fake.callbackOf(h.fake.command('source'));
    const s = h.store.current.source;
    const embed = cb.body.data.embeds[0];
    expect(embed.description).toBe(`**${s.documents.length}** 篇文档 documents · **${s.passages}** 个段落 passages · **${s.figures}** 个数字 figures`);
    for (const d of s.documents) expect(embed.fields.find((f: any) => f.name === '文档 Documents').value).toContain(d.title);
    expect(embed.fields[0].value).toContain('not reloaded yet');
  });

  test('a button whose question was forgotten says so instead of failing', async () => {
    const id = h.fake.command('ask', { question: QUESTION });
    await h.fake.callbackOf(id);
    const res = await h.fake.callbackOf(h.fake.click(h.fake.responseOf(id), 'more:AAAAAAAAAAAA'));
    expect(res.body.data).toMatchObject({ content: EXPIRED, flags: EPHEMERAL });
  });
});
