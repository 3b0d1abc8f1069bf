/** End to end through the real discord.js client: /reload by moderators, refusal for members, a broken corpus. */
import { copyFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatMessage } from '../../src/core/errors.js';
import { startHarness, type Harness } from '../support/bot-harness.js';

const QUESTION = '昌吉州煤电装机多少？';
const EPHEMERAL = 64;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

test('a member without Manage Server or a moderator role is refused, and nothing is rebuilt', async () => {
  const before = h.store.current;
  const id = h.fake.command('reload', {}, { permissions: '0', roles: [] });
  const cb = await h.fake.callbackOf(id);
  expect(cb.body.type).toBe(4);
  expect(cb.body.data).toMatchObject({ content: formatMessage('FORBIDDEN'), flags: EPHEMERAL });
  expect(h.store.current).toBe(before);
  expect(h.store.lastReload).toBeNull();
});

test('a moderator role reloads: deferred ephemerally, then the report of what changed', async () => {
  // The corpus folder also holds a document's word lists (.words, .synonyms): copy a document.
  const doc = (await readdir(h.corpusDir)).find((f) => f.endsWith('.txt'))!;
  const copy = 'copy-of-' + doc;
  await copyFile(path.join(h.corpusDir, doc), path.join(h.corpusDir, copy));
  const before = h.store.current.source;

  const id = h.fake.command('reload', {}, { roles: [h.fake.moderatorRoleId], permissions: '0' });
  const defer = await h.fake.callbackOf(id);
  expect(defer.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
  const edit = await h.fake.editOf(id, 30_000);
  const report = h.store.lastReload!.report;
  const newDoc = copy.replace(/\.[^.]+$/, '');
  expect(report.documents.added).toEqual([newDoc]);
  const embed = edit.body.embeds[0];
  expect(embed.title).toBe('重新加载完成 Reload complete');
  expect(embed.description).toContain(`**文档 Documents**: +1 −0 ~0`);
  expect(embed.description).toContain(`**段落 Passages**: +${report.passages.added} −0 ~0, ${report.passages.total} 共 in all`);
  expect(embed.description).toContain(`**数字 Figures**: ${before.figures} → ${report.figures.after}`);
  expect(embed.description).toContain(`**用时 Time**: ${report.ms} ms`);
  expect(embed.fields[0].value).toContain(newDoc);
  expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  expect(h.store.current.source.documents).toHaveLength(before.documents.length + 1);

  // /source now tells about the reload.
  const source = await h.fake.callbackOf(h.fake.command('source'));
  expect(source.body.data.embeds[0].fields[0].value).toContain(`docs +1 −0 ~0`);
});

test('Manage Server is enough; a removed document is reported', async () => {
  const files = await readdir(h.corpusDir);
  const copy = files.find((f) => f.startsWith('copy-of-'))!;
  await rm(path.join(h.corpusDir, copy));
  const id = h.fake.command('reload', {}, { permissions: '32' });
  const edit = await h.fake.editOf(id, 30_000);
  expect(edit.body.embeds[0].description).toContain('+0 −1 ~0');
  expect(h.store.lastReload!.report.documents.removed).toEqual([copy.replace(/\.[^.]+$/, '')]);
});

test('a broken corpus file: the reload reports the error and the old index keeps answering', async () => {
  const serving = h.store.current;
  const answerBefore = serving.answer(QUESTION);
  await writeFile(path.join(h.corpusDir, 'broken.txt'), Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));

  const id = h.fake.command('reload', {}, { permissions: '32' });
  const edit = await h.fake.editOf(id, 30_000);
  const embed = edit.body.embeds[0];
  expect(embed.title).toBe('重新加载失败 Reload failed');
  expect(embed.description).toContain('broken.txt');
  expect(embed.description).toContain('The previous index keeps serving.');
  expect(h.store.current).toBe(serving);
  const failure = h.logs.map((l) => JSON.parse(l)).find((l) => l.interactionId === id && l.action === 'reload');
  // The refusal is logged as an expected catalog error, with its code.
  expect(failure).toMatchObject({ code: 'RELOAD_REFUSED', msg: expect.stringContaining('request refused') });

  const ask = await h.fake.callbackOf(h.fake.command('ask', { question: QUESTION }));
  expect(ask.body.data.embeds[0].description.startsWith(`**${answerBefore.answer}`)).toBe(true);
  const msg = h.fake.postMessage(QUESTION, { mention: true });
  expect((await h.fake.replyTo(msg)).body.embeds[0].description.startsWith(`**${answerBefore.answer}`)).toBe(true);
});

test('an empty corpus file is reported too, and the old index keeps serving', async () => {
  await rm(path.join(h.corpusDir, 'broken.txt'));
  await writeFile(path.join(h.corpusDir, 'empty.txt'), '');
  const serving = h.store.current;
  const edit = await h.fake.editOf(h.fake.command('reload', {}, { permissions: '32' }), 30_000);
  expect(edit.body.embeds[0].title).toBe('重新加载失败 Reload failed');
  expect(edit.body.embeds[0].description).toContain('empty.txt');
  expect(h.store.current).toBe(serving);
  await rm(path.join(h.corpusDir, 'empty.txt'));
});
