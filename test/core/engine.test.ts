/** The serving engine over a tiny made-up corpus: answers, scripts, search, suggest, passages, figures, bad input (answer assembly's own cases: answer.test.ts). */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreEngine, type ServingEngine } from '../../src/core/engine.js';
import { buildEngine } from '../../src/core/build.js';
import { BotError, ERRORS } from '../../src/core/errors.js';
import type { Answer } from '../../src/core/types.js';
import { makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

let corpus: TinyCorpus;
let engine: ServingEngine;

beforeAll(async () => {
  corpus = makeTinyCorpus();
  engine = await buildEngine({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
});
afterAll(() => corpus?.remove());

/** Calls fn; returns its value, or the BotError it threw; anything else fails the test. */
function answerOrBotError<T>(fn: () => T): T | BotError {
  try {
    return fn();
  } catch (error) {
    if (error instanceof BotError) {
      expect(Object.keys(ERRORS)).toContain(error.code);
      return error;
    }
    throw new Error(`not a BotError: ${String(error)}`, { cause: error });
  }
}

function expectAnswerShape(a: Answer, question: string): void {
  expect(a.question).toBe(question);
  expect(typeof a.found).toBe('boolean');
  expect(typeof a.answer).toBe('string');
  expect(a.answer.length).toBeGreaterThan(0);
  expect(['simplified', 'traditional']).toContain(a.script);
  if (!a.found) {
    expect(a.passages).toEqual([]);
    expect(a.figures).toEqual([]);
  }
}

describe('build', () => {
  it('reads both documents with their metadata', () => {
    const docs = new Map(engine.source.documents.map((d) => [d.id, d]));
    expect([...docs.keys()].sort()).toEqual(['hami-water', 'wusu-energy']);
    expect(docs.get('hami-water')).toMatchObject({ file: 'hami-water.md', title: '哈密市推进节水灌溉', source: '哈密日报', date: '2024-05-20' });
    // the traditional .txt: headline cleaned and simplified, the pinyin annotation removed and reported
    expect(docs.get('wusu-energy')).toMatchObject({ title: '乌苏市著力打造新能源产业基地', source: '天山网-新疆日报', date: '2024-03-05' });
    expect(docs.get('wusu-energy')!.repairs.some((r) => r.kind === 'pinyin')).toBe(true);
  });
  it('counts passages and figures consistently', () => {
    expect(engine.source.passages).toBe(engine.passages().length);
    expect(engine.source.figures).toBe(engine.figures().length);
    expect(engine.source.documents.reduce((n, d) => n + d.passages, 0)).toBe(engine.source.passages);
    expect(engine.passages().map((p) => p.order)).toEqual(engine.passages().map((_, i) => i));
    expect(Number.isNaN(Date.parse(engine.source.builtAt))).toBe(false);
  });
  it('passage text is simplified and cleaned; the original keeps the traditional text', () => {
    const p = engine.passage('wusu-energy#p4.s1')!;
    expect(p.text).toBe('今年以来，乌苏市风电装机超2800万千瓦、位居全疆第一。');
    expect(p.original).toBe('今年以來，烏蘇市風電裝機超2800萬千瓦、位居全疆第一。');
  });
});

describe('answer', () => {
  it('quantity question: the right passage and figure', () => {
    const a = engine.answer('乌苏市风电装机多少？');
    expect(a.found).toBe(true);
    expect(a.script).toBe('simplified');
    expect(a.passages[0]!.id).toBe('wusu-energy#p4.s1');
    expect(a.figures[0]).toMatchObject({ text: '超2800万千瓦', value: 28_000_000, unit: '千瓦', passage: 'wusu-energy#p4.s1' });
    expect(a.answer).toContain('超2800万千瓦');
  });
  it('a traditional question gets script traditional and a traditional answer', () => {
    const a = engine.answer('烏蘇市風電裝機多少？');
    expect(a.found).toBe(true);
    expect(a.script).toBe('traditional');
    // the direct answer is the figure alone, in traditional script; what it measures is in a.figures
    expect(a.answer).toBe('超2800萬千瓦');
    expect(a.figures[0]!.measure).toContain('风电装机');
    expect(a.figures[0]!.text).toBe('超2800万千瓦'); // data stays simplified; adapters convert
  });
  it('rank question → the ordinal', () => {
    const a = engine.answer('乌苏风电装机全疆排第几？');
    expect(a.found).toBe(true);
    expect(a.figures[0]).toMatchObject({ kind: 'ordinal', value: 1 });
    expect(a.answer.startsWith('第一')).toBe(true);
  });
  it('a unit asked for picks the figure in that unit', () => {
    const a = engine.answer('工业固投多少亿元？');
    expect(a.found).toBe(true);
    expect(a.figures[0]).toMatchObject({ text: '231.5亿元', unit: '元' });
  });
  it('date and place questions over the Markdown document', () => {
    const date = engine.answer('节水灌溉现场会哪天召开？');
    expect(date.found).toBe(true);
    expect(date.answer).toBe('5月20日');
    const place = engine.answer('哈密在哪里召开节水灌溉现场会？');
    expect(place.found).toBe(true);
    expect(place.passages[0]!.id).toBe('hami-water#p3.s1');
    expect(place.answer).toContain('伊州');
  });
  it('a synonym in the question finds the passage (装机容量 → 装机)', () => {
    const a = engine.answer('乌苏市风电装机容量是多少');
    expect(a.found).toBe(true);
    expect(a.passages[0]!.id).toBe('wusu-energy#p4.s1');
  });
  it('an unrelated question: not found, no passages, no figures', () => {
    for (const q of ['上海的房价是多少？', '北京奥运会在哪一年举办']) {
      const a = engine.answer(q);
      expectAnswerShape(a, q);
      expect(a.found).toBe(false);
      expect(a.answer).toContain('没有');
    }
  });
  it('a unit no passage states → not found (多少吨 about 风电装机)', () => {
    expect(engine.answer('乌苏市风电装机多少吨？').found).toBe(false);
  });
  it('money asked (多少钱) is not answered by a quantity the question quotes (12.6万亩)', () => {
    expect(engine.answer('哈密市12.6万亩节水灌溉花了多少钱？').found).toBe(false);
    expect(engine.answer('哈密市新增节水灌溉面积多少亩？').found).toBe(true);
  });
  it('a place the corpus never names (jieba: ns) makes the question about elsewhere: not found', () => {
    // 喀什 and 北京 are place names in jieba's dictionary; the corpus speaks of 乌苏市 and 哈密市 only.
    for (const q of ['喀什风电装机多少？', '北京的风电装机是多少千瓦？']) expect(engine.answer(q).found, q).toBe(false);
    expect(engine.answer('乌苏市风电装机多少？').found).toBe(true);
  });
  it('limit caps the cited passages', () => {
    expect(engine.answer('哈密市节水灌溉', { limit: 1 }).passages.length).toBeLessThanOrEqual(1);
  });
  it('every cited figure comes from a cited passage', () => {
    const a = engine.answer('哈密市节水灌溉面积多少？');
    const ids = new Set(a.passages.map((p) => p.id));
    for (const f of a.figures) expect(ids.has(f.passage)).toBe(true);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string]> = [
    ['', 'EMPTY_QUESTION'],
    ['   ', 'EMPTY_QUESTION'],
    ['风'.repeat(5000), 'QUESTION_TOO_LONG'],
    ['😀😀', 'NO_SEARCHABLE_TEXT'],
    ['\u0000\u0007', 'EMPTY_QUESTION'],
  ];
  it.each(cases)('%j → %s', (q, code) => {
    expect(() => engine.answer(q)).toThrow(BotError);
    try {
      engine.answer(q);
    } catch (e) {
      expect((e as BotError).code).toBe(code);
    }
  });
  it.each(['\uD800', '\uDFFF风电', '@everyone', '@here 风电装机', '**粗体**', '`风电`', '<@123> 乌苏', '||剧透||', '风\u200b电装机'])(
    '%j: a BotError with a catalog code or a normal answer',
    (q) => {
      const r = answerOrBotError(() => engine.answer(q));
      if (!(r instanceof BotError)) expectAnswerShape(r, q);
    },
  );
  it('markdown around a real question still answers it', () => {
    const a = engine.answer('**乌苏市风电装机多少？**');
    expect(a.found).toBe(true);
    expect(a.figures[0]!.text).toBe('超2800万千瓦');
  });
});

describe('search', () => {
  it('is parse, then the ranking of the parsed question (searchParsed): the same result either way', () => {
    for (const q of ['乌苏市风电装机', '喀什在哪里？', '2800万千瓦']) {
      const query = engine.parse(q);
      expect(query.question).toBe(q);
      expect(query.terms.length).toBeGreaterThan(0);
      expect(engine.searchParsed(query, { limit: 3 })).toEqual(engine.search(q, { limit: 3 }));
    }
    expect(() => engine.parse('   ')).toThrow(BotError);
  });
  it('paginates: total counts every match, offset/limit select the page', () => {
    const all = engine.search('乌苏市', { limit: 50 });
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.passages).toHaveLength(all.total);
    const page1 = engine.search('乌苏市', { limit: 2, offset: 0 });
    const page2 = engine.search('乌苏市', { limit: 2, offset: 2 });
    expect(page1.total).toBe(all.total);
    expect(page1.passages.map((p) => p.id)).toEqual(all.passages.slice(0, 2).map((p) => p.id));
    expect(page2.passages.map((p) => p.id)).toEqual(all.passages.slice(2, 4).map((p) => p.id));
    expect(engine.search('乌苏市', { limit: 2, offset: 1000 }).passages).toEqual([]);
  });
  it('negative offset and zero limit are clamped', () => {
    const r = engine.search('乌苏市', { limit: 0, offset: -5 });
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0]!.id).toBe(engine.search('乌苏市').passages[0]!.id);
  });
  it('scores are best first and matched words are reported', () => {
    const r = engine.search('节水灌溉', { limit: 10 });
    const scores = r.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(r.passages[0]!.doc).toBe('hami-water');
    expect(r.passages[0]!.matched.length).toBeGreaterThan(0);
  });
  it('a traditional query reports script traditional', () => {
    expect(engine.search('節水灌溉').script).toBe('traditional');
  });
  it('no match → total 0', () => {
    const r = engine.search('上海房价');
    expect(r.total).toBe(0);
    expect(r.passages).toEqual([]);
  });
  it('bad input throws the same catalog errors as answer', () => {
    expect(() => engine.search('')).toThrow(BotError);
    expect(() => engine.search('😀')).toThrow(BotError);
  });
});

describe('suggest', () => {
  it('completes a partial word from the index', () => {
    const ids = engine.suggest('节水灌').map((p) => p.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith('hami-water#'))).toBe(true);
  });
  it('a single character prefix still suggests', () => {
    expect(engine.suggest('哈').length).toBeGreaterThan(0);
  });
  it('respects the limit', () => {
    expect(engine.suggest('乌苏市', 1)).toHaveLength(1);
  });
  it('unusable input → []', () => {
    for (const s of ['', '   ', '😀', '\uD800', '风'.repeat(5000)]) expect(engine.suggest(s)).toEqual([]);
  });
});

describe('passage / neighbours', () => {
  it('looks a passage up by id (trimmed); unknown ids → null', () => {
    expect(engine.passage(' hami-water#p2.s1 ')!.text).toContain('首个数字化灌区');
    expect(engine.passage('hami-water#p99.s1')).toBeNull();
    expect(engine.passage('')).toBeNull();
  });
  it('neighbours stay within the document', () => {
    expect(engine.neighbours('hami-water#p2.s1')).toMatchObject({ previous: { id: 'hami-water#p1.s1' }, next: { id: 'hami-water#p3.s1' } });
    const first = engine.neighbours('hami-water#p1.s1');
    expect(first.previous).toBeNull();
    const last = engine.passages().filter((p) => p.doc === 'hami-water').at(-1)!;
    // the next passage in corpus order belongs to another document: not a neighbour
    expect(engine.neighbours(last.id).next).toBeNull();
    expect(engine.neighbours('wusu-energy#p1.s1').previous).toBeNull();
    expect(engine.neighbours('nope')).toEqual({ previous: null, next: null });
  });
});

describe('figures', () => {
  it('all figures in document order, without a topic', () => {
    const all = engine.figures();
    expect(all.map((f) => f.text)).toEqual(engine.passages().flatMap((p) => p.figures.map((f) => f.text)));
    expect(all.map((f) => f.text)).toEqual(expect.arrayContaining(['超2800万千瓦', '12.6万亩', '约3000万立方米', '231.5亿元']));
    expect(engine.figures('   ')).toEqual(all);
  });
  it('by topic: only the figures about it, dates left out', () => {
    const water = engine.figures('节水灌溉');
    expect(water.length).toBeGreaterThan(0);
    expect(water.length).toBeLessThan(engine.figures().length);
    expect(water.every((f) => f.passage.startsWith('hami-water#'))).toBe(true);
    expect(water.some((f) => f.kind === 'date')).toBe(false);
    expect(water.map((f) => f.text)).toContain('12.6万亩');
  });
  it('an unrelated topic → []', () => {
    expect(engine.figures('上海房价')).toEqual([]);
  });
});

describe('explain', () => {
  it('shows the terms with their weights and the ranked passages behind an answer', () => {
    const x = engine.explain('乌苏市风电装机多少？');
    expect(x.intent).toBe('quantity');
    expect(x.terms.map((t) => t.text)).toContain('风电');
    for (const t of x.terms) expect(t.weight).toBeGreaterThan(0);
    expect(x.hits[0]!.id).toBe(engine.answer('乌苏市风电装机多少？').passages[0]!.id);
  });
});

describe('restoreEngine', () => {
  it('an engine restored from its state (a snapshot) answers the same', () => {
    const restored = restoreEngine(JSON.parse(JSON.stringify(engine.state())));
    for (const q of ['乌苏市风电装机多少？', '烏蘇市風電裝機多少？', '哈密市节水灌溉面积多少？', '上海房价']) {
      expect(restored.answer(q)).toEqual(engine.answer(q));
    }
    expect(restored.search('乌苏市', { limit: 10 })).toEqual(engine.search('乌苏市', { limit: 10 }));
  });
});

describe('properties', () => {
  const han = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 30 });
  const corpusy = fc
    .array(fc.constantFrom('乌苏市', '风电', '装机', '多少', '哈密', '节水', '第几', '哪天', '2800万千瓦', '超', '？', ' ', '烏蘇', '😀', '\uD800', '%', '第13场', 'GDP'), { maxLength: 10 })
    .map((parts) => parts.join(''));
  const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
  const inputs = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), han, corpusy, codeUnits);

  it('answer(s) returns an Answer or throws a BotError, for any string', () => {
    fc.assert(
      fc.property(inputs, (s) => {
        const r = answerOrBotError(() => engine.answer(s));
        if (!(r instanceof BotError)) expectAnswerShape(r, s);
      }),
      { numRuns: 300 },
    );
  });
  it('search(s) returns a page or throws a BotError, for any string and page', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: -3, max: 20 }), fc.integer({ min: -3, max: 20 }), (s, offset, limit) => {
        const r = answerOrBotError(() => engine.search(s, { offset, limit }));
        if (!(r instanceof BotError)) {
          expect(r.passages.length).toBeLessThanOrEqual(Math.max(1, limit));
          expect(r.total).toBeGreaterThanOrEqual(r.passages.length);
        }
      }),
      { numRuns: 200 },
    );
  });
  it('suggest(s) never throws', () => {
    fc.assert(
      fc.property(inputs, (s) => {
        expect(Array.isArray(engine.suggest(s))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('figures(topic) returns figures or throws a BotError', () => {
    fc.assert(
      fc.property(inputs, (s) => {
        const r = answerOrBotError(() => engine.figures(s));
        if (!(r instanceof BotError)) expect(Array.isArray(r)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
