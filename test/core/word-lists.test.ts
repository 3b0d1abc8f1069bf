/** The editable word lists: parsing, loading (missing files are empty), quoted terms. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWordLists, parseList, quotedTerms } from '../../src/core/word-lists.js';

describe('parseList', () => {
  it('one entry per line, # comments, separators, simplified and lower-cased, width folded', () => {
    expect(parseList('# 注释\n地区生产总值 GDP，經濟總量 # 行尾注释\n\n  ＡＢＣ|x=y、z\n')).toEqual([
      ['地区生产总值', 'gdp', '经济总量'],
      ['abc', 'x', 'y', 'z'],
    ]);
  });
  it('keeps > apart, marking a one-way group', () => {
    expect(parseList('职务>州长 书记')).toEqual([['职务', '>', '州长', '书记']]);
  });
  it('empty text → no entries', () => {
    expect(parseList('')).toEqual([]);
    expect(parseList('# only a comment\n\n')).toEqual([]);
  });
});

describe('loadWordLists', () => {
  it('reads userdict, synonyms and stop words; a missing file is an empty list', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-lex-'));
    try {
      fs.writeFileSync(path.join(dir, 'synonyms.txt'), '装机 装机容量\n孤词\n');
      fs.writeFileSync(path.join(dir, 'stopwords.txt'), '的 了\n多少');
      const lex = await loadWordLists(dir);
      expect(lex.userWords).toEqual([]);
      // a group of one word is no synonym group
      expect(lex.synonyms).toEqual([['装机', '装机容量']]);
      expect([...lex.stopWords].sort()).toEqual(['了', '多少', '的'].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('the repository config loads', async () => {
    const lex = await loadWordLists(path.resolve(import.meta.dirname, '../../config'));
    expect(lex.stopWords.has('多少')).toBe(true);
    // config/ holds what any text needs; the seed's names sit beside it in corpus/.
    expect(lex.userWords).not.toContain('准东开发区');
    expect(lex.synonyms.some((g) => g.includes('gdp') && g.includes('地区生产总值'))).toBe(true);
    // 州长 is not 书记: titles are reached from 职务 one way only, never grouped with each other.
    expect(lex.synonyms.some((g) => g.includes('州长') && g.includes('书记') && !g.includes('>'))).toBe(false);
  });
  it("adds the lists that sit beside a document (<id>.words, <id>.synonyms) in the corpus folder", async () => {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-lex-cfg-'));
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-lex-corpus-'));
    try {
      fs.writeFileSync(path.join(config, 'synonyms.txt'), '增速 增长率\n');
      // An invented county's own names and abbreviation, beside its document.
      fs.writeFileSync(path.join(corpus, 'qinghe.txt'), '青河县简讯\n正文。\n');
      fs.writeFileSync(path.join(corpus, 'qinghe.words'), '# names\n三道海子\n');
      fs.writeFileSync(path.join(corpus, 'qinghe.synonyms'), '青河县 青河\n');
      const lex = await loadWordLists(config, corpus);
      expect(lex.userWords).toEqual(['三道海子']);
      expect(lex.synonyms).toEqual([['增速', '增长率'], ['青河县', '青河']]);
      // Without the corpus folder only config/ is read.
      expect((await loadWordLists(config)).synonyms).toEqual([['增速', '增长率']]);
    } finally {
      fs.rmSync(config, { recursive: true, force: true });
      fs.rmSync(corpus, { recursive: true, force: true });
    }
  });
});

describe('quotedTerms', () => {
  it('names in quotes, 2–8 Han characters', () => {
    expect(quotedTerms('实施“强链提质”工程，简称「乌昌石」，“这句话太长了不能算作名称吧”，“A”')).toEqual(['强链提质', '乌昌石']);
  });
});
