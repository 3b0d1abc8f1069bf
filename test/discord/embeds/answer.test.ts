/** The answer embed: direct answer, highlighted passage, citations, related passages, several documents. */
import { describe, expect, test } from 'vitest';
import type { Answer, DocumentInfo, Figure, ScoredPassage, SourceInfo } from '../../../src/core/types.js';
import { answerEmbed } from '../../../src/discord/embeds/answer.js';
import { docIndex } from '../../../src/discord/embeds/common.js';
import { expectWithinLimits } from '../../support/embed-limits.js';

const doc: DocumentInfo = {
  id: 'doc', file: 'doc.txt', title: '昌吉州发展', source: '天山网', date: '2024-12-10',
  passages: 2, figures: 1, repairs: [], unknowns: [], hash: 'h',
};
const figure: Figure = { text: '超3200万千瓦', value: 32_000_000, unit: '千瓦', qualifier: '超', kind: 'amount', measure: '煤电装机', passage: 'doc#p1.s1', doc: 'doc' };
const passage = (id: string, text: string, matched: string[] = []): ScoredPassage => ({ id, doc: 'doc', text, score: 1, matched });
const source: SourceInfo = { documents: [doc], passages: 2, figures: 1, builtAt: '2024-12-10T00:00:00Z', buildMs: 12 };


describe('answerEmbed', () => {
  const answer: Answer = {
    question: '昌吉州煤电装机多少？',
    found: true,
    confidence: 'answer',
    answer: '超3200万千瓦（煤电装机）',
    script: 'simplified',
    figures: [figure],
    passages: [passage('doc#p1.s1', '煤电装机超3200万千瓦、位居全疆第一。', ['煤电', '装机']), passage('doc#p2.s1', '另一个段落，煤电。', ['煤电'])],
  };

  test('direct answer first, best passage with bold and [1], citations naming document and passage, source footer', () => {
    const e = answerEmbed(answer, docIndex(source), { citations: 3 });
    expect(e.description).toBe('**超3200万千瓦（煤电装机）**\n\n> **煤电装机超3200万千瓦**、位居全疆第一。 [1]');
    expect(e.fields?.[0]).toEqual({ name: '出处 Sources', value: '[1] 《昌吉州发展》 · `doc#p1.s1`\n[2] 《昌吉州发展》 · `doc#p2.s1`' });
    expect(e.fields?.[1]?.value).toBe('[2] 另一个段落，**煤电**。');
    expect(e.fields?.[2]?.value).toBe('**超3200万千瓦** 煤电装机 [1]');
    expect(e.footer?.text).toBe('昌吉州发展 · 天山网 · 2024-12-10');
  });

  test('a traditional answer shows passages, titles and labels in traditional', () => {
    const e = answerEmbed({ ...answer, script: 'traditional', answer: '超3200萬千瓦（煤電裝機）' }, docIndex(source), { citations: 1 });
    expect(e.description).toContain('**煤電裝機超3200萬千瓦**');
    expect(e.fields?.[0]?.name).toBe('出處 Sources');
    expect(e.footer?.text).toBe('昌吉州發展 · 天山網 · 2024-12-10');
  });

  test('possibly related passages are labelled so, with no figures and no citation claimed as an answer', () => {
    const related: Answer = {
      ...answer,
      found: false,
      confidence: 'related',
      answer: '文档中没有找到确切的答案，下面的段落可能相关。',
      figures: [],
      passages: [],
      related: [passage('doc#p2.s1', '另一个段落，煤电。', ['煤电'])],
    };
    const e = answerEmbed(related, docIndex(source), { citations: 3 });
    expect(e.fields?.map((f) => f.name)).toEqual(['可能相关的段落 Possibly related passages']);
    expect(e.fields?.[0]?.value).toBe('(1) 另一个段落，**煤电**。\n《昌吉州发展》 · `doc#p2.s1`');
  });

  test('beside an answer, related passages fill only the citation slots the cited ones leave', () => {
    const withRelated: Answer = { ...answer, related: [passage('doc#p2.s1', '另一个段落，煤电。', ['煤电'])] };
    const names = (citations: number) => answerEmbed(withRelated, docIndex(source), { citations }).fields?.map((f) => f.name) ?? [];
    expect(names(3)).toContain('可能相关的段落 Possibly related passages');
    // With every slot taken by a citation, none is left for a related passage.
    expect(names(withRelated.passages.length)).not.toContain('可能相关的段落 Possibly related passages');
  });

  test('answers from several documents are listed each beside its citation marker', () => {
    const e = answerEmbed(
      { ...answer, byDocument: [{ doc: 'doc', title: '昌吉州发展', answer: '超3200万千瓦', passage: 'doc#p1.s1' }, { doc: 'doc', title: '昌吉州发展', answer: '另一个', passage: 'doc#p2.s1' }] },
      docIndex(source),
      { citations: 3 },
    );
    expect(e.fields?.[0]).toEqual({ name: '各文档的答案 Answers by document', value: '[1] 《昌吉州发展》 **超3200万千瓦**\n[2] 《昌吉州发展》 **另一个**' });
  });

  test('huge passages and questions stay within the limits', () => {
    const big = '煤电*'.repeat(3000);
    const e = answerEmbed(
      { ...answer, question: '_'.repeat(5000), passages: Array.from({ length: 30 }, (_, i) => passage(`doc#p${i}.s1`, big, ['煤电'])) },
      docIndex(source),
      { citations: 10 },
    );
    expectWithinLimits(e);
  });
});
