/** Unit tests of the Discord formatting: escaping, highlighting, truncation and every limit. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Answer, DocumentInfo, Figure, ScoredPassage, SourceInfo } from '../../src/core/types.js';
import {
  LIMITS,
  answerEmbed,
  clampEmbed,
  displayWidth,
  docIndex,
  embedLength,
  escapeText,
  figureValue,
  figuresEmbed,
  fitWidth,
  highlight,
  highlightWithin,
  joinWithin,
  matchRanges,
  passageChoices,
  reloadEmbed,
  snippet,
  sourceEmbed,
  truncate,
} from '../../src/discord/format.js';

const doc: DocumentInfo = {
  id: 'doc', file: 'doc.txt', title: '昌吉州发展', source: '天山网', date: '2024-12-10',
  passages: 2, figures: 1, repairs: [], unknowns: [], hash: 'h',
};
const figure: Figure = { text: '超3200万千瓦', value: 32_000_000, unit: '千瓦', qualifier: '超', kind: 'amount', measure: '煤电装机', passage: 'doc#p1.s1' };
const passage = (id: string, text: string, matched: string[] = []): ScoredPassage => ({ id, doc: 'doc', text, score: 1, matched });
const source: SourceInfo = { documents: [doc], passages: 2, figures: 1, builtAt: '2024-12-10T00:00:00Z', buildMs: 12 };

/** Every length an embed is measured by, checked against Discord's limits. */
function expectWithinLimits(e: ReturnType<typeof clampEmbed>): void {
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

describe('escapeText', () => {
  test('escapes markdown and defuses @everyone / @here', () => {
    expect(escapeText('**a** _b_ `c` ~~d~~ ||e|| [x](http://y)')).toBe('\\*\\*a\\*\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~ \\|\\|e\\|\\| \\[x](http://y)');
    expect(escapeText('# title')).toBe('\\# title');
    expect(escapeText('hi @everyone and @here')).toBe('hi @\u200beveryone and @\u200bhere');
    expect(escapeText('昌吉州')).toBe('昌吉州');
  });
});

describe('truncate', () => {
  test('keeps short text, cuts long text to the limit with an ellipsis, never splits a surrogate pair', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (s, max) => {
        const out = truncate(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.isWellFormed()).toBe(true);
        if (s.length <= max) expect(out).toBe(s);
      }),
    );
  });
});

describe('highlight', () => {
  test('bolds every occurrence of the terms, merging overlapping and adjacent ones, escaping the rest', () => {
    expect(matchRanges('煤电装机超3200万千瓦', ['煤电', '装机', '超3200万千瓦'])).toEqual([[0, 12]]);
    expect(matchRanges('煤电，装机煤电', ['煤电', '电，'])).toEqual([[0, 3], [5, 7]]);
    expect(highlight('煤电装机*超3200万千瓦', ['煤电', '装机', '超3200万千瓦'], 'simplified')).toBe('**煤电装机**\\***超3200万千瓦**');
    expect(highlight('没有匹配', ['煤'], 'simplified')).toBe('没有匹配');
  });

  test('converts to traditional for a traditional reader, keeping the bold spans', () => {
    expect(highlight('发展煤电装机', ['煤电'], 'traditional')).toBe('發展**煤電**裝機');
  });

  test('highlightWithin always fits its budget, even with text full of markdown', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 4 }), fc.integer({ min: 20, max: 1500 }), (text, terms, max) => {
        expect(highlightWithin(text, terms, 'simplified', max).length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 200 },
    );
  });

  test('snippet windows around the first match', () => {
    const text = '一'.repeat(100) + '煤电' + '二'.repeat(100);
    const cut = snippet(text, ['煤电'], 30);
    expect(cut).toContain('煤电');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(30);
  });
});

describe('clampEmbed', () => {
  test('any embed ends up within every Discord limit', () => {
    const field = fc.record({ name: fc.string({ maxLength: 400 }), value: fc.string({ maxLength: 1500 }) });
    fc.assert(
      fc.property(
        fc.record({
          title: fc.string({ maxLength: 400 }),
          description: fc.string({ maxLength: 6000 }),
          fields: fc.array(field, { maxLength: 30 }),
          footer: fc.record({ text: fc.string({ maxLength: 3000 }) }),
        }),
        (e) => expectWithinLimits(clampEmbed(e)),
      ),
      { numRuns: 100 },
    );
  });
});

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

describe('tables and lists', () => {
  test('display width counts CJK as two columns; fitWidth pads or cuts to an exact width', () => {
    expect(displayWidth('ab煤电')).toBe(6);
    expect(displayWidth(fitWidth('煤电装机', 6))).toBe(6);
    expect(fitWidth('煤电装机', 6)).toBe('煤电… ');
    expect(fitWidth('ab', 4)).toBe('ab  ');
  });

  test('figureValue drops the unit from the text', () => {
    expect(figureValue(figure)).toBe('超3200万');
    expect(figureValue({ ...figure, text: '第一', unit: '' })).toBe('第一');
  });

  test('figuresEmbed renders a code-block table with one row per figure', () => {
    const e = figuresEmbed([figure], docIndex(source), { topic: '装机', page: 0, script: 'simplified' });
    const rows = e.description!.split('\n');
    expect(rows[0]).toBe('```');
    expect(rows[2]).toBe(`${fitWidth('煤电装机', 18)} ${fitWidth('超3200万', 12)} ${fitWidth('千瓦', 8)} p1.s1`);
    expect(rows.at(-1)).toBe('```');
  });

  test('joinWithin drops whole lines to fit, noting it', () => {
    expect(joinWithin(['aaaa', 'bbbb', 'cccc'], 12)).toBe('aaaa\nbbbb\n…');
    expect(joinWithin([], 10)).toBe('—');
  });

  test('autocomplete choices: at most 25, names and values within 100 characters, no duplicates', () => {
    const many = Array.from({ length: 40 }, (_, i) => passage(`doc#p${i}.s1`, '煤电'.repeat(200), []));
    const choices = passageChoices(many, 'simplified', (p) => p.id);
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(passageChoices([many[0]!, many[0]!], 'simplified', (p) => p.id)).toHaveLength(1);
    expect(passageChoices([passage('x'.repeat(101), 'a')], 'simplified', (p) => p.id)).toEqual([]);
  });

  test('reload and source embeds say what changed and what is served', () => {
    const r = reloadEmbed({
      documents: { added: ['new'], removed: [], changed: ['doc'] },
      passages: { added: 3, removed: 1, changed: 2, total: 30 },
      figures: { before: 10, after: 12 },
      repairs: 4,
      ms: 150,
      warnings: ['snapshot not written'],
    });
    expect(r.description).toContain('+1 −0 ~1');
    expect(r.description).toContain('+3 −1 ~2, 30');
    expect(r.description).toContain('10 → 12');
    expect(r.description).toContain('⚠️ snapshot not written');
    const s = sourceEmbed(source, null, { up: 2, down: 1, worst: [{ question: '**q**', down: 1 }] });
    expect(s.description).toContain('**1** 篇文档 documents');
    expect(s.fields?.at(-1)?.value).toBe('👍 2 · 👎 1\n👎 1 — \\*\\*q\\*\\*');
    expect(s.fields?.some((f) => f.name.includes('Skipped'))).toBe(false);
  });
  test('sourceEmbed lists the files a start skipped, with the reason, escaped', () => {
    const skipped = [{ file: 'empty_draft.txt', code: 'DOCUMENT_EMPTY', message: '文档没有可用的段落：empty_draft.txt (The document has no usable passages: empty_draft.txt)' }];
    const s = sourceEmbed({ ...source, skipped }, null);
    const field = s.fields?.find((f) => f.name === '已跳过的文件 Skipped files');
    expect(field?.value).toBe('⚠️ `empty_draft.txt` — 文档没有可用的段落：empty\\_draft.txt (The document has no usable passages: empty\\_draft.txt)');
  });
});
