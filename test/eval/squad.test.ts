/**
 * The quality gate on real documents: slices of DRCD dev and CMRC 2018 trial (test/fixtures/qa,
 * attributed there) built into corpora and asked beside BM25; plus the eval's own scoring helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/core/build.js';
import { loadWordLists } from '../../src/core/word-lists.js';
import { createJiebaSegmenter } from '../../src/core/segment.js';
import { charF1, createBm25, formatDistractorRuns, isNumberQuestion, loadSquad, normalizeAnswer, parseSquad, runSquad, writeSquadCorpus, type SquadMetrics } from './squad.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string): string => path.join(root, 'test/fixtures/qa', name);

describe('scoring helpers', () => {
  it('normalises answers as the eval compares them: simplified, NFKC, lower case, no spaces or punctuation', () => {
    expect(normalizeAnswer('「臺灣」 銀行， ＡＢＣ！')).toBe('台湾银行abc');
    expect(normalizeAnswer('威廉·瓊斯')).toBe('威廉琼斯');
  });

  it('scores character F1 by the longest common substring (CMRC 2018)', () => {
    expect(charF1('北京大学', '北京大学')).toBe(1);
    // 2 shared characters: precision 2/4, recall 2/2 → F1 2/3.
    expect(charF1('北京大学', '北京')).toBeCloseTo(2 / 3, 5);
    expect(charF1('', '北京')).toBe(0);
    expect(charF1('上海', '北京')).toBe(0);
  });

  it('tells number questions by their gold answer', () => {
    const q = (answer: string) => ({ id: 'x', question: '?', answers: [answer], doc: 'd' });
    expect(isNumberQuestion(q('1786年'))).toBe(true);
    expect(isNumberQuestion(q('三十二个'))).toBe(true);
    expect(isNumberQuestion(q('梵语'))).toBe(false);
  });

  it('reads SQuAD JSON into documents with safe, unique ids and their questions', () => {
    const json = JSON.stringify({
      data: [
        // Two articles with the same title and a slash in it: ids must stay file names and differ.
        { title: 'A/B', paragraphs: [{ context: '第一段。\n续行。', qas: [{ id: 'q1', question: '问？', answers: [{ text: '第一段' }, { text: '第一段' }] }] }] },
        { title: 'A/B', paragraphs: [{ context: '另一篇。', qas: [{ id: 'q2', question: '再问？', answers: [{ text: ' ' }] }] }] },
      ],
    });
    const set = parseSquad(json);
    expect(set.documents.map((d) => d.id)).toEqual(['A_B', 'A_B_2']);
    // A line break inside a context would split its paragraph: it is folded.
    expect(set.documents[0]!.paragraphs).toEqual(['第一段。 续行。']);
    // Duplicate gold answers collapse; a question with only blank answers is dropped.
    expect(set.questions).toEqual([{ id: 'q1', question: '问？', answers: ['第一段'], doc: 'A_B' }]);
  });
});

/** Builds a slice's corpus in a temporary folder and runs it beside BM25, with the other slice as foreign questions. */
async function measure(name: string, foreignName: string): Promise<SquadMetrics> {
  const set = loadSquad(fixture(name));
  const dir = mkdtempSync(path.join(tmpdir(), 'wenda-squad-test-'));
  dirs.push(dir);
  writeSquadCorpus(dir, set.documents);
  const configDir = path.join(root, 'config');
  const engine = await buildEngine({ corpusDir: dir, configDir });
  const bm25 = createBm25(engine.passages(), createJiebaSegmenter(), (await loadWordLists(configDir)).stopWords);
  return runSquad(engine, set, { bm25, passages: engine.passages(), foreign: loadSquad(fixture(foreignName)).questions }).metrics;
}
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Floors a little under what the engine reaches on each slice (README, "Quality, measured"), so a
// regression fails; ours must never fall behind BM25 on the same passages.
describe('--distractors', () => {
  it('prints the run alone and the run with distractors side by side, with the change in points', () => {
    const base: SquadMetrics = { questions: 100, answered: 0.8, related: 0.1, top1: 0.7, top3: 0.8, top1Doc: 0.9, bm25Top1: 0.6, bm25Top3: 0.7, bm25Doc: 0.8, numberQuestions: 10, shortRight: 0.5, f1: 40, exact: 0.2, foreign: 20, falseAnswers: 0.05, msPerQuestion: 1 };
    const text = formatDistractorRuns('set', base, { ...base, top1: 0.685, falseAnswers: 0.1, f1: 39 }, 100000);
    expect(text).toMatch(/alone\s+\+100000\s+Δ pts/);
    expect(text).toMatch(/top-1 hit\s+70\.0%\s+68\.5%\s+-1\.5/);
    expect(text).toMatch(/false answers on 20 foreign questions\s+5\.0%\s+10\.0%\s+\+5\.0/);
    expect(text).toMatch(/span F1 \(all questions\)\s+40\.0\s+39\.0\s+-1\.0/);
  });
});

describe('CMRC 2018 trial slice (simplified Wikipedia)', () => {
  let m: SquadMetrics;
  beforeAll(async () => {
    m = await measure('cmrc2018_trial.slice.json', 'drcd_dev.slice.json');
  });
  it('answers most questions, with the answer in its first passages, ahead of BM25', () => {
    expect(m.questions).toBe(122);
    expect(m.answered).toBeGreaterThanOrEqual(0.9);
    expect(m.top1).toBeGreaterThanOrEqual(0.67);
    expect(m.top3).toBeGreaterThanOrEqual(0.83);
    expect(m.top1).toBeGreaterThanOrEqual(m.bm25Top1 + 0.05);
    expect(m.top3).toBeGreaterThanOrEqual(m.bm25Top3);
  });
  // Reached 43.3% / 48.2 / 27.9% on this slice (short-answer issue); a few points under, for the small slice.
  it('gives short answers: number spans, character F1 and exact match over the floors', () => {
    expect(m.shortRight).toBeGreaterThanOrEqual(0.4);
    expect(m.f1).toBeGreaterThanOrEqual(46);
    expect(m.exact).toBeGreaterThanOrEqual(0.26);
  });
  it('does not answer questions about articles that are not in the corpus', () => {
    expect(m.foreign).toBeGreaterThan(30);
    expect(m.falseAnswers).toBeLessThanOrEqual(0.05);
  });
});

describe('DRCD dev slice (traditional Wikipedia)', () => {
  let m: SquadMetrics;
  beforeAll(async () => {
    m = await measure('drcd_dev.slice.json', 'cmrc2018_trial.slice.json');
  });
  it('answers most questions, with the answer in its first passages, not behind BM25', () => {
    expect(m.questions).toBe(281);
    expect(m.answered).toBeGreaterThanOrEqual(0.85);
    // Reached 89.0% / 95.7% (2026-12-02, session 6); floors a couple of points under.
    expect(m.top1).toBeGreaterThanOrEqual(0.87);
    expect(m.top3).toBeGreaterThanOrEqual(0.94);
    expect(m.top1).toBeGreaterThanOrEqual(m.bm25Top1);
    expect(m.top3).toBeGreaterThanOrEqual(m.bm25Top3);
  });
  // Reached 69.5% / 46.6 / 31.7% on this slice (session 6); a few points under, for the small slice.
  it('gives short answers: number spans, character F1 and exact match over the floors', () => {
    expect(m.shortRight).toBeGreaterThanOrEqual(0.65);
    expect(m.f1).toBeGreaterThanOrEqual(44);
    expect(m.exact).toBeGreaterThanOrEqual(0.3);
  });
  it('does not answer questions about articles that are not in the corpus', () => {
    expect(m.foreign).toBeGreaterThan(10);
    expect(m.falseAnswers).toBeLessThanOrEqual(0.05);
  });
});
