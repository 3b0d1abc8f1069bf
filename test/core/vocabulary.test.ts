/** The vocabulary: the words a question is cut into (cutWords), synonym groups. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVocabulary, cutWords } from '../../src/core/vocabulary.js';

describe('createVocabulary', () => {
  const index = { has: (t: string) => ['乌苏市', '风电'].includes(t), terms: () => ['乌苏市', '风电'] };
  const lists = { userWords: ['准东开发区'], synonyms: [['gdp', '地区生产总值']], stopWords: new Set(['的']) };
  // jieba's classes: 2 place, 4 organisation, 0 not a noun, 1 noun.
  const vocabulary = createVocabulary(index, lists, ['乌苏市'], { words: ['北京', '国务院', '拿出', '人口'], nouns: '2401' });
  it('knows the index tokens, the word lists and the common words; only index tokens count as in the corpus', () => {
    for (const w of ['风电', '准东开发区', '地区生产总值', '的', '北京', '拿出']) expect(vocabulary.words.has(w), w).toBe(true);
    expect(vocabulary.has('风电')).toBe(true);
    expect(vocabulary.has('北京')).toBe(false);
  });
  it('sorts common words by class: places, people and organisations, words that are not nouns', () => {
    expect([...vocabulary.places].sort()).toEqual(['乌苏市', '北京'].sort());
    expect([...vocabulary.names]).toEqual(['国务院']);
    expect([...vocabulary.nonNouns]).toEqual(['拿出']);
  });
  it('expands a two-way synonym group both ways', () => {
    expect(vocabulary.synonyms.get('gdp')).toEqual(['gdp', '地区生产总值']);
    expect(vocabulary.synonyms.get('地区生产总值')).toEqual(['gdp', '地区生产总值']);
  });
  it('bounds word length by first character (the longest word starting with it)', () => {
    expect(vocabulary.words.longestFrom!('准'.charCodeAt(0))).toBe(5);
    expect(vocabulary.words.longestFrom!('龘'.charCodeAt(0))).toBe(0);
  });
  it('bounds word length by the first two characters: never below the longest word starting with them', () => {
    const pair = (w: string): number => vocabulary.words.longestFromPair!(w.charCodeAt(0), w.charCodeAt(1));
    expect(pair('准东')).toBeGreaterThanOrEqual(5);
    expect(pair('乌苏')).toBeGreaterThanOrEqual(3);
    expect(pair('风电')).toBeGreaterThanOrEqual(2);
    for (const w of ['地区生产总值', '国务院', '北京', '拿出', '人口']) expect(pair(w), w).toBeGreaterThanOrEqual([...w].length);
  });
  it('flags the words of one character as has does', () => {
    for (const w of ['的', '乌', '龘', '风']) expect(vocabulary.words.hasUnit!(w.charCodeAt(0)), w).toBe(vocabulary.words.has(w));
    expect(vocabulary.words.hasUnit!('的'.charCodeAt(0))).toBe(true);
  });
});

describe('cutWords', () => {
  const words = new Set(['乌苏市', '乌苏', '风电', '装机', '风电装机']);
  it('prefers long words', () => {
    expect(cutWords('乌苏市风电装机', words)).toEqual([
      { text: '乌苏市', known: true },
      { text: '风电装机', known: true },
    ]);
  });
  it('keeps adjacent unknown characters together as one unknown word', () => {
    expect(cutWords('北京房价风电', words)).toEqual([
      { text: '北京房价', known: false },
      { text: '风电', known: true },
    ]);
  });
  it('gives a question word\'s noun classifier to the word it begins: 多少人 + 口 is 多少 + 人口', () => {
    const asking = new Set(['多少', '多少人', '人口', '人员', '口', '有', '参加']);
    expect(cutWords('有多少人口', asking).map((w) => w.text)).toEqual(['有', '多少', '人口']);
    // 人 alone (how many people) stays with the question word; so does a classifier that is only one (个).
    expect(cutWords('有多少人参加', asking).map((w) => w.text)).toEqual(['有', '多少人', '参加']);
    expect(cutWords('多少个人', new Set(['多少个', '多少', '个人', '人'])).map((w) => w.text)).toEqual(['多少个', '人']);
  });
  it('empty run → no words', () => {
    expect(cutWords('', words)).toEqual([]);
  });
  it('property: the words put back together are the run', () => {
    const han = fc.string({ unit: fc.constantFrom(...'乌苏市风电装机北京房价一二三'), maxLength: 20 });
    fc.assert(
      fc.property(han, (run) => {
        expect(cutWords(run, words).map((w) => w.text).join('')).toBe(run);
      }),
    );
  });
  it('property: the longest-word table changes no result, only skips lookups', () => {
    // The lexicon's WordSet over an "index" of exactly these words (no config, no common words).
    const bounded = createVocabulary({ has: (t) => words.has(t), terms: () => words }, { userWords: [], synonyms: [], stopWords: new Set<string>() }).words;
    const lookups: string[] = [];
    const counting = { has: (w: string) => (lookups.push(w), bounded.has(w)), longestFrom: bounded.longestFrom };
    const han = fc.string({ unit: fc.constantFrom(...'乌苏市风电装机北京房价一二三'), maxLength: 20 });
    fc.assert(
      fc.property(han, (run) => {
        expect(cutWords(run, bounded)).toEqual(cutWords(run, words));
      }),
    );
    cutWords('北京房价乌苏市风电装机', counting);
    // Only 乌苏市… (3 letters at most from 乌) and 风电装机 (4 from 风) are worth asking beyond one character.
    expect(lookups.filter((w) => [...w].length > 1).every((w) => w.startsWith('乌') || w.startsWith('风') || w.startsWith('装'))).toBe(true);
    expect(bounded.longestFrom!('乌'.charCodeAt(0))).toBe(3);
    expect(bounded.longestFrom!('北'.charCodeAt(0))).toBe(0);
  });
});

describe('one-way synonym groups', () => {
  it('expand the words before > to those after, and not back', async () => {
    const { createVocabulary } = await import('../../src/core/vocabulary.js');
    const index = { has: (t: string) => ['职务', '州长', '书记'].includes(t), terms: () => ['职务', '州长', '书记'] };
    const lex = createVocabulary(index, { userWords: [], synonyms: [['职务', '>', '州长', '书记']], stopWords: new Set() });
    expect([...(lex.synonyms.get('职务') ?? [])].sort()).toEqual(['书记', '州长', '职务']);
    expect(lex.synonyms.get('州长')).toBeUndefined();
  });
});
