/** The build: each step it runs is injectable, and the engine it hands over serves what was built. */
import { describe, expect, it } from 'vitest';
import { buildFromDocuments, createPlaceFinder } from '../../src/core/build.js';
import { parseDocument } from '../../src/core/documents.js';

const TEXT = '乌苏市风电发展\n乌苏市风电装机超2800万千瓦，位居全疆第一。\n';
const lists = { userWords: [], synonyms: [], stopWords: new Set(['多少']) };

describe('buildFromDocuments', () => {
  // A whitespace segmenter and an upper-casing cleaner: the build must use what it is given, not jieba or cleanText.
  const seen: string[] = [];
  const engine = buildFromDocuments([parseDocument(TEXT, 'wusu.txt')], lists, {
    segmenter: (text) => {
      seen.push(text);
      return ['乌苏市', '风电', ...(text.includes('装机') ? ['装机', '2800万千瓦'] : [])];
    },
    cleaner: (line) => ({ text: line.replace('风电发展', '风电发展（测试）'), repairs: [], unknowns: [] }),
    places: (_text, tokens) => tokens.filter((t) => t === '乌苏市'),
    commonWords: { words: [], nouns: '' },
  });

  it('cleans with the given cleaner and segments each passage with the given segmenter', () => {
    expect(engine.passages().map((p) => p.text)).toEqual(['乌苏市风电发展（测试）', '乌苏市风电装机超2800万千瓦，位居全疆第一。']);
    expect(seen).toEqual(engine.passages().map((p) => p.text));
  });
  it('extracts each passage\'s figures, cited to its passage and document, and counts them', () => {
    const body = engine.passages()[1]!;
    expect(body.figures.map((f) => [f.text, f.passage, f.doc])).toEqual([
      ['超2800万千瓦', body.id, 'wusu'],
      ['第一', body.id, 'wusu'],
    ]);
    expect(engine.source.figures).toBe(2);
  });
  it('keeps the places found per passage, and exports the index only when its state is asked for', () => {
    const state = engine.state();
    expect(state.places).toEqual([['乌苏市'], ['乌苏市']]);
    expect(state.index.offsets.length).toBe(engine.passages().length + 1);
  });
});

describe('createPlaceFinder', () => {
  it('keeps the tokens that are place names, once each', () => {
    const find = createPlaceFinder(new Set(['乌苏市', '哈密市']));
    expect(find('', ['乌苏市', '风电', '乌苏市', '哈密市'])).toEqual(['乌苏市', '哈密市']);
    expect(find('', ['风电'])).toEqual([]);
  });
});
