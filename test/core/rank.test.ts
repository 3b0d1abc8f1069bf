/** The ranker over hand-made indexes: passages (paragraph and title evidence, kinds, options), term weights, the focus term, contrasts and figures. */
import { describe, expect, it } from 'vitest';
import { paragraphRanges, PairTable } from '../../src/core/context.js';
import { parseQuery } from '../../src/core/query.js';
import { createVocabulary } from '../../src/core/vocabulary.js';
import { extractFigures } from '../../src/core/figures.js';
import type { Term } from '../../src/core/query.js';
import { DEFAULT_RANK_OPTIONS, contrasts, focusTerm, novelty, rankFigures, rankPassages, termWeight, type RankContext } from '../../src/core/rank.js';
import { PassageIndex } from '../../src/core/search-index.js';
import type { Passage, PassageKind } from '../../src/core/types.js';

/** A tiny article about an invented lake: a headline, then one paragraph whose second sentence says 它. */
const LAKES: Array<{ id: string; kind: PassageKind; text: string; tokens: string[] }> = [
  { id: 'lake#p1', kind: 'headline', text: '青石湖', tokens: ['青石湖', '青石', '湖'] },
  { id: 'lake#p2.s1', kind: 'body', text: '青石湖是高原上的淡水湖。', tokens: ['青石湖', '青石', '湖', '是', '高原', '上', '的', '淡水湖', '淡水'] },
  { id: 'lake#p2.s2', kind: 'body', text: '它的面积为十二平方公里。', tokens: ['它', '的', '面积', '为', '十二', '平方公里'] },
  { id: 'other#p1', kind: 'headline', text: '红山镇', tokens: ['红山镇', '红山', '镇'] },
  { id: 'other#p2.s1', kind: 'body', text: '红山镇的面积为三十平方公里。', tokens: ['红山镇', '红山', '镇', '的', '面积', '为', '三十', '平方公里'] },
];

function setup(PASSAGES: ReadonlyArray<{ id: string; kind: PassageKind; text: string; tokens: string[] }> = LAKES) {
  const index = PassageIndex.build(PASSAGES.map((p) => p.tokens));
  const ranges = paragraphRanges(PASSAGES);
  const pairs = new PairTable(PASSAGES.map((p) => p.text));
  const headline = (doc: string) => new Set(PASSAGES.find((p) => p.id.startsWith(`${doc}#`) && p.kind === 'headline')!.tokens);
  const context: RankContext = {
    kind: (i) => PASSAGES[i]!.kind,
    text: (i) => PASSAGES[i]!.text,
    figureKinds: () => new Set(),
    inherited: (i) => headline(PASSAGES[i]!.id.split('#')[0]!),
    paragraph: (i) => [ranges[2 * i]!, ranges[2 * i + 1]!],
    ofKind: (kind) => PASSAGES.flatMap((p, i) => (p.kind === kind ? [i] : [])),
    ofKindIn: (i, kind) => PASSAGES.flatMap((p, j) => (p.kind === kind && p.id.split('#')[0] === PASSAGES[i]!.id.split('#')[0] ? [j] : [])),
    bigrams: (text) => pairs.weighted(text),
  };
  const lexicon = createVocabulary(index, { userWords: [], synonyms: [], stopWords: new Set(['的', '是', '多少', '多大']) });
  const ask = (q: string) => rankPassages(parseQuery(q, lexicon, 200), index, context).map((h) => ({ ...h, id: PASSAGES[h.index]!.id }));
  return { ask, index, lexicon };
}

describe('rankPassages', () => {
  it('ranks the sentence that says 它 first when its paragraph and title name what is asked', () => {
    const hits = setup().ask('青石湖的面积多大');
    expect(hits[0]!.id).toBe('lake#p2.s2');
    // The other town's sentence shares 面积 but nothing of 青石湖: it is behind.
    const other = hits.findIndex((h) => h.id === 'other#p2.s1');
    expect(other).toBeGreaterThan(0);
    // Its coverage counts 青石湖 in part (found in the paragraph and the title, not the sentence).
    expect(hits[0]!.coverage).toBeGreaterThan(hits[other]!.coverage);
    expect(hits[0]!.coverage).toBeLessThan(1);
  });

  it('names the required words no evidence states: a number the passage, paragraph and title lack', () => {
    const hits = setup().ask('青石湖2020年的面积多大');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.missingRequired >= 1)).toBe(true);
  });

  it('finds passages of a kind through the per-kind list only when no word matched', () => {
    const hits = setup().ask('标题是什么');
    expect(hits.map((h) => h.id).sort()).toEqual(['lake#p1', 'other#p1']);
  });

  it('finds the headline of the document a topic word found, not every headline', () => {
    const hits = setup().ask('淡水湖的标题是什么');
    expect(hits.map((h) => h.id)).toContain('lake#p1');
    expect(hits.map((h) => h.id)).not.toContain('other#p1');
  });

  it('ranks the passage of the kind asked above a sentence that only shares the kind word\'s characters', () => {
    // Made-up: a dateline, and a sentence about a press conference (发布会 holds the pair 发布).
    const news = [
      { id: 'fair#p1', kind: 'headline' as const, text: '花卉博览会开幕', tokens: ['花卉', '博览会', '开幕'] },
      { id: 'fair#p2', kind: 'dateline' as const, text: '2024-05-01 09:30 来源：晨报', tokens: ['2024', '05', '01', '09', '30', '来源', '晨报'] },
      { id: 'fair#p3.s1', kind: 'body' as const, text: '博览会的新闻发布会在市政府举行。', tokens: ['博览会', '的', '新闻', '发布会', '在', '市政府', '举行'] },
    ];
    const hits = setup(news).ask('博览会的消息是几点发布的');
    expect(hits[0]!.id).toBe('fair#p2');
    expect(hits.map((h) => h.id)).toContain('fair#p3.s1');
  });

  it('counts the one-character words a passage lacks apart, and the question\'s weight in heaviest words', () => {
    // 湖 and 镇 are both index words of one character: 红山镇's sentence holds 镇, not 湖.
    const { ask, index, lexicon } = setup();
    const query = parseQuery('湖镇面积多大', lexicon, 200);
    expect(query.terms.map((t) => t.text)).toEqual(['湖', '镇', '面积']);
    const weights = query.terms.map((t) => termWeight(t, index));
    const total = weights.reduce((a, b) => a + b, 0);
    const hits = ask('湖镇面积多大');
    const town = hits.find((h) => h.id === 'other#p2.s1')!;
    expect(town.singleMissingShare).toBeCloseTo(weights[0]! / total);
    const lake = hits.find((h) => h.id === 'lake#p2.s2')!;
    expect(lake.singleMissingShare).toBeCloseTo((weights[0]! + weights[1]!) / total);
    // The same for every passage: the question's words, a one-character word counting half (湖 + 镇 + 面积).
    expect(town.questionWeight).toBe(2);
    expect(lake.questionWeight).toBe(town.questionWeight);
  });

  it('weighs a question the same however many passages the corpus has beside the ones it matches', () => {
    // Made-up filler: forty sentences about a river that share none of the question's words. They raise
    // every word's idf; a question's length measured in idf would grow with them, in words it does not.
    const filler = Array.from({ length: 40 }, (_, n) => ({
      id: `river#p${n + 2}.s1`,
      kind: 'body' as const,
      text: `白水河第${n}段流经山谷。`,
      tokens: ['白水河', '第', String(n), '段', '流经', '山谷'],
    }));
    const river = [{ id: 'river#p1', kind: 'headline' as const, text: '白水河', tokens: ['白水河'] }, ...filler];
    const alone = setup().ask('湖镇面积多大').find((h) => h.id === 'other#p2.s1')!;
    const among = setup([...LAKES, ...river]).ask('湖镇面积多大').find((h) => h.id === 'other#p2.s1')!;
    expect(among.questionWeight).toBe(alone.questionWeight);
    expect(among.questionWeight).toBe(2);
  });

  it('keeps its tuned numbers in one frozen options object, each a share of the question weight', () => {
    expect(Object.isFrozen(DEFAULT_RANK_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RANK_OPTIONS.weights)).toBe(true);
    for (const w of Object.values(DEFAULT_RANK_OPTIONS.weights)) expect(w).toBeGreaterThanOrEqual(0);
  });
});

describe('novelty', () => {
  const pairs = (text: string) => new Set([...text].slice(1).map((c, i) => text[i]! + c));
  it('counts the pairs of letters a passage writes that the question does not', () => {
    const asked = pairs('白沙河大桥于去年开工，由谁设计');
    expect(novelty('白沙河大桥于去年开工。', asked)).toBe(0);
    // 省院 and 院设 are new, 由省 too; punctuation breaks pairs.
    expect(novelty('由省院设计。', asked)).toBe(3);
    // Asked whether it says more than one pair, it stops counting at two.
    expect(novelty('由省院设计。', asked, 1)).toBe(2);
  });
});

describe('focusTerm', () => {
  const index = PassageIndex.build([['专项', '经费', '专项经费', '吐鲁番', '葡萄', '总产量']]);
  const lexicon = createVocabulary(index, { userWords: [], synonyms: [], stopWords: new Set(['的', '是']) });
  const focusOf = (q: string): string | undefined => {
    const query = parseQuery(q, lexicon, 200);
    return query.terms[focusTerm(query)]?.text;
  };
  it('is the first content word after the question word, else the last before it', () => {
    expect(focusOf('拿出多少专项经费')).toBe('专项经费');
    expect(focusOf('吐鲁番葡萄总产量多少')).toBe('总产量');
  });
  it('is none when nothing asks how much', () => {
    expect(focusOf('吐鲁番葡萄总产量')).toBeUndefined();
  });
});

describe('termWeight', () => {
  const index = PassageIndex.build([['风电', '装机'], ['风电', '光伏'], ['风电', '煤电']]);
  const term = (text: string, known = true): Term => ({ text, alternatives: [text], number: false, known, required: false, minor: false });
  it('weighs a rarer word more than a common one, and a word no passage has most of all', () => {
    expect(termWeight(term('光伏'), index)).toBeGreaterThan(termWeight(term('风电'), index));
    expect(termWeight(term('核电', false), index)).toBeGreaterThan(termWeight(term('光伏'), index));
  });
  it('halves a one-character word: alone it says little', () => {
    const one = PassageIndex.build([['州'], ['州长'], ['其他']]);
    expect(termWeight(term('州'), one)).toBeCloseTo(one.idf('州') / 2);
  });
});

describe('contrasts', () => {
  it('is true for a sibling word one character apart (风电 vs 煤电, 全国 vs 全疆), false otherwise', () => {
    expect(contrasts('风电', ['煤电', '装机'])).toBe(true);
    expect(contrasts('全国', ['全疆'])).toBe(true);
    expect(contrasts('风电', ['风电', '装机'])).toBe(false);
    expect(contrasts('风电', ['风电场'])).toBe(false);
    expect(contrasts('电', ['煤'])).toBe(false);
  });
});

describe('rankFigures', () => {
  // The topic words (吐鲁番, 葡萄) are repeated only by the first clause's measure; the word that says
  // which figure is asked for (总产量) must still win, or the area 达52万亩 would be the answer.
  it('puts the figure whose measure names what is asked before one that repeats the topic', () => {
    const text = '今年吐鲁番市葡萄种植面积达52万亩，总产量超120万吨。';
    // The headline repeats the topic words, so they are commoner than 总产量 (as in the real index).
    const index = PassageIndex.build([['吐鲁番', '葡萄', '喜获', '丰收'], ['今年', '吐鲁番市', '吐鲁番', '葡萄', '种植', '面积', '52万亩', '总产量', '产量', '超', '120万吨']]);
    const lexicon = createVocabulary(index, { userWords: [], synonyms: [], stopWords: new Set(['多少']) });
    const passage: Passage = { id: 't#p2.s1', doc: 't', order: 0, kind: 'body', text, original: text, figures: extractFigures(text, 't#p2.s1', 't') };
    const figures = rankFigures(parseQuery('吐鲁番葡萄总产量多少？', lexicon, 200), [passage], (t) => termWeight(t, index));
    expect(figures.map((f) => f.text)).toEqual(['超120万吨', '达52万亩']);
  });
});
