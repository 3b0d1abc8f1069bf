/** The caches answering keeps to go faster (issue 12): each gives what a fresh computation gives. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/core/build.js';
import { characterPairs, pairsBeyond } from '../../src/core/context.js';
import { InheritedWords, type ServingEngine } from '../../src/core/engine.js';
import { makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

let corpus: TinyCorpus;
let engine: ServingEngine;
let fresh: ServingEngine;
beforeAll(async () => {
  corpus = makeTinyCorpus();
  engine = await buildEngine({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
  fresh = await buildEngine({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
});
afterAll(() => corpus?.remove());

describe("answer's figures and short answers, made once per question", () => {
  it('answers each question as an engine that never answered before does, whatever was asked before it', () => {
    const questions = ['乌苏市风电装机多少', '乌苏市光伏运维人员有多少人', '美国总统是谁', '世界银行给乌苏市风电装机投入多少', '乌苏市风电装机多少'];
    const asked = questions.map((q) => JSON.stringify(engine.answer(q)));
    // The same questions in the other order, to an engine of its own: a question's kept values never reach the next one.
    const other = [...questions].reverse().map((q) => JSON.stringify(fresh.answer(q))).reverse();
    expect(asked).toEqual(other);
    expect(asked[4]).toBe(asked[0]);
  });
});

describe('InheritedWords', () => {
  it("gives each passage its document's headline tokens (empty without a headline), the same on every later call", () => {
    const passages = [{ doc: 'a' }, { doc: 'a' }, { doc: 'b' }, { doc: 'c' }, { doc: 'b' }];
    const headlines = new Map<string, ReadonlySet<string>>([
      ['a', new Set(['昌吉州'])],
      ['b', new Set(['天山', '网'])],
    ]);
    const inherited = new InheritedWords(passages, headlines);
    const fresh = (i: number): string[] => [...(headlines.get(passages[i]!.doc) ?? [])];
    // Asked out of order, then again: the kept numbers lead back to the same sets.
    for (const i of [4, 0, 3, 1, 2, 0, 4, 3]) expect([...inherited.get(i)]).toEqual(fresh(i));
    expect(inherited.get(0)).toBe(headlines.get('a'));
    expect(inherited.get(2)).toBe(inherited.get(4));
    expect(inherited.get(3).size).toBe(0);
  });
});

describe('pairsBeyond', () => {
  it('counts as characterPairs listed in full would, stopping past the limit', () => {
    const full = (text: string, asked: ReadonlySet<string>, stop = Infinity): number => {
      let n = 0;
      for (const p of characterPairs(text)) if (!asked.has(p) && ++n > stop) break;
      return n;
    };
    const asked = new Set(characterPairs('白沙河大桥什么时候开工？'));
    const texts = ['白沙河大桥于去年开工。', '由省院设计。', 'GDP增长GDP增长', '河河河河，河河', '', '一', '白沙河大桥白沙河大桥由省院AB设计ab'];
    for (const t of texts) for (const stop of [0, 1, 2, Infinity]) expect(pairsBeyond(t, asked, stop)).toBe(full(t, asked, stop));
  });
});
