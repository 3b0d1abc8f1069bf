/**
 * Evaluation on reading-comprehension sets in SQuAD format (DRCD, CMRC 2018): builds a corpus of
 * their articles through the normal reader, cleaner, splitter and index, asks every question and
 * scores the engine side by side with a BM25 baseline over the same passages and tokens.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { Answer, Engine, Passage } from '../../src/core/types.js';
import { toSimplified } from '../../src/core/text.js';
import { newsCorpus, poetryCorpus } from '../../bench/corpora.js';

/** One question of a SQuAD-format set, with the document (article) it was written about. */
export interface SquadQuestion {
  id: string;
  question: string;
  /** Gold answers, as written in the article. */
  answers: string[];
  /** The document id the article is written to. */
  doc: string;
}

/** One article as a corpus document: a title and its paragraphs. */
export interface SquadDocument {
  id: string;
  title: string;
  paragraphs: string[];
}

/** A SQuAD-format set read into documents and questions. */
export interface SquadSet {
  documents: SquadDocument[];
  questions: SquadQuestion[];
}

interface RawSquad {
  data: Array<{ title: string; paragraphs: Array<{ context: string; qas: Array<{ id: string; question: string; answers: Array<{ text: string }> }> }> }>;
}

/** A file-name-safe document id for an article: its title, with path and control characters replaced. */
function docIdOf(title: string, taken: Set<string>): string {
  const base = title.replace(/[\\/:*?"<>|#\s\p{Cc}]+/gu, '_').replace(/^\.+/, '_').slice(0, 60) || 'article';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

/** Parses SQuAD-format JSON (an article per `data` entry) into documents and questions. */
export function parseSquad(json: string): SquadSet {
  const raw = JSON.parse(json) as RawSquad;
  if (!raw || !Array.isArray(raw.data)) throw new Error('not a SQuAD-format file: no data[]');
  const taken = new Set<string>();
  const documents: SquadDocument[] = [];
  const questions: SquadQuestion[] = [];
  for (const article of raw.data) {
    const id = docIdOf(String(article.title ?? ''), taken);
    // One paragraph a line: line breaks inside a context would split it into two paragraphs.
    const paragraphs = article.paragraphs.map((p) => p.context.replace(/\s*[\r\n]+\s*/g, ' ').trim()).filter(Boolean);
    documents.push({ id, title: String(article.title ?? id).trim() || id, paragraphs });
    for (const p of article.paragraphs) {
      for (const qa of p.qas) {
        const answers = [...new Set(qa.answers.map((a) => a.text).filter((t) => t.trim()))];
        if (answers.length > 0) questions.push({ id: qa.id, question: qa.question, answers, doc: id });
      }
    }
  }
  return { documents, questions };
}

/** Reads a SQuAD-format file. */
export function loadSquad(file: string): SquadSet {
  return parseSquad(readFileSync(file, 'utf8'));
}

/** Writes the documents as corpus files (`<id>.txt`: the title, then a paragraph a line) into `dir`. */
export function writeSquadCorpus(dir: string, documents: readonly SquadDocument[]): void {
  mkdirSync(dir, { recursive: true });
  for (const d of documents) writeFileSync(path.join(dir, `${d.id}.txt`), `${d.title}\n${d.paragraphs.join('\n')}\n`);
}

/**
 * Normalises an answer or a passage for comparison: traditional → simplified, NFKC, lower case,
 * white space, punctuation and symbols removed.
 */
export function normalizeAnswer(text: string): string {
  return toSimplified(text).normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** CMRC 2018's character F1 of a prediction against one gold answer (both normalised). */
export function charF1(prediction: string, gold: string): number {
  const p = [...normalizeAnswer(prediction)];
  const g = [...normalizeAnswer(gold)];
  if (p.length === 0 || g.length === 0) return 0;
  // Longest common substring, as the CMRC 2018 script scores it.
  let best = 0;
  const row = new Array<number>(g.length + 1).fill(0);
  for (let i = 1; i <= p.length; i++) {
    let prev = 0;
    for (let j = 1; j <= g.length; j++) {
      const keep = row[j]!;
      row[j] = p[i - 1] === g[j - 1] ? prev + 1 : 0;
      if (row[j]! > best) best = row[j]!;
      prev = keep;
    }
  }
  if (best === 0) return 0;
  const precision = best / p.length;
  const recall = best / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/** True for a question whose gold answer is a number, date or amount (see the short-answer issue). */
export function isNumberQuestion(q: SquadQuestion): boolean {
  return q.answers.some((a) => /\d/.test(a) || /[零一二三四五六七八九十百千万亿两]+(?:$|[年月日个次人名座种位])/u.test(a));
}

/** A ranker that returns passage positions best first (the BM25 baseline). */
export type PassageRanker = (question: string, limit: number) => number[];

/**
 * Textbook BM25 (minisearch's defaults) over the engine's passages, each given as the tokens the
 * engine's segmenter makes of it; the question is cut by the same segmenter, and the same stop
 * words and question words are removed as the engine removes.
 */
export function createBm25(passages: readonly Passage[], segment: (text: string) => string[], stopWords: ReadonlySet<string>): PassageRanker {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t || null,
    searchOptions: { tokenize: (s) => s.split(' '), processTerm: (t) => t || null },
  });
  search.addAll(passages.map((p, id) => ({ id, text: segment(p.text).join(' ') })));
  return (question, limit) => {
    const tokens = segment(toSimplified(question).toLowerCase()).filter((t) => !stopWords.has(t));
    if (tokens.length === 0) return [];
    return search.search(tokens.join(' ')).slice(0, limit).map((r) => r.id as number);
  };
}

/** What happened to one question. */
export interface SquadResult {
  id: string;
  question: string;
  answers: string[];
  doc: string;
  found: boolean;
  confidence: string;
  /** Direct answer given ('' when not found). */
  answer: string;
  /** 1-based rank of the first shown passage containing a gold answer; null when none does. */
  rank: number | null;
  topDoc: string;
  topPassage: string;
  /** Character F1 of the direct answer against the best gold answer (0 when not found). */
  f1: number;
  exact: boolean;
  shortRight: boolean;
  number: boolean;
  bm25Rank: number | null;
  bm25Doc: string;
}

/** The figures printed for a set. */
export interface SquadMetrics {
  questions: number;
  answered: number;
  related: number;
  top1: number;
  top3: number;
  top1Doc: number;
  bm25Top1: number;
  bm25Top3: number;
  bm25Doc: number;
  numberQuestions: number;
  shortRight: number;
  f1: number;
  exact: number;
  /** Foreign questions asked (0 without `--foreign`), and the share answered with a passage that does not hold their answer. */
  foreign: number;
  falseAnswers: number;
  msPerQuestion: number;
}

/** The passages an answer shows: the cited ones, or the "possibly related" ones when it found no answer. */
export function shownPassages(answer: Answer): Answer['passages'] {
  return [...answer.passages, ...(answer.related ?? [])];
}

const containsGold = (text: string, golds: readonly string[]): boolean => {
  const t = normalizeAnswer(text);
  return golds.some((g) => {
    const n = normalizeAnswer(g);
    return n.length > 0 && t.includes(n);
  });
};

/** Asks one question and scores it. */
export function scoreSquad(engine: Pick<Engine, 'answer'>, q: SquadQuestion, bm25: PassageRanker | null, passages: readonly Passage[]): SquadResult {
  let answer: Answer | null = null;
  try {
    answer = engine.answer(q.question, { limit: 3 });
  } catch {
    answer = null;
  }
  const shown = answer ? shownPassages(answer) : [];
  const at = shown.findIndex((p) => containsGold(p.text, q.answers));
  const direct = answer?.found ? answer.answer : '';
  const f1 = direct ? Math.max(...q.answers.map((g) => charF1(direct, g))) : 0;
  const nd = normalizeAnswer(direct);
  const exact = direct !== '' && q.answers.some((g) => normalizeAnswer(g) === nd);
  const shortRight = direct !== '' && q.answers.some((g) => {
    const n = normalizeAnswer(g);
    return nd.includes(n) && [...nd].length <= 3 * [...n].length + 4;
  });
  const b = bm25 ? bm25(q.question, 3) : [];
  const bAt = b.findIndex((i) => containsGold(passages[i]!.text, q.answers));
  return {
    id: q.id,
    question: q.question,
    answers: q.answers,
    doc: q.doc,
    found: answer?.found ?? false,
    confidence: answer?.confidence ?? 'none',
    answer: direct,
    rank: at >= 0 ? at + 1 : null,
    topDoc: shown[0]?.doc ?? '',
    topPassage: shown[0]?.text ?? '',
    f1,
    exact,
    shortRight,
    number: isNumberQuestion(q),
    bm25Rank: bAt >= 0 ? bAt + 1 : null,
    bm25Doc: b[0] !== undefined ? passages[b[0]]!.doc : '',
  };
}

/** A foreign question's outcome: a false answer cites, as the answer, a passage without its gold answer. */
export function isFalseAnswer(engine: Pick<Engine, 'answer'>, q: SquadQuestion): boolean {
  try {
    const a = engine.answer(q.question, { limit: 3 });
    return a.found && !containsGold(a.passages[0]?.text ?? '', q.answers);
  } catch {
    return false;
  }
}

const share = (n: number, d: number): number => (d === 0 ? 0 : n / d);

/** Runs a set: every question, BM25 beside it, and (with `foreign`) every 7th foreign question. */
export function runSquad(
  engine: Pick<Engine, 'answer'>,
  set: SquadSet,
  options: { bm25?: PassageRanker | null; passages: readonly Passage[]; foreign?: readonly SquadQuestion[] },
): { metrics: SquadMetrics; results: SquadResult[]; falseAnswers: SquadQuestion[] } {
  const started = performance.now();
  const results = set.questions.map((q) => scoreSquad(engine, q, options.bm25 ?? null, options.passages));
  const ms = performance.now() - started;
  const foreign = (options.foreign ?? []).filter((_, i) => i % 7 === 0);
  const falseAnswers = foreign.filter((q) => isFalseAnswer(engine, q));
  const n = results.length;
  const numbers = results.filter((r) => r.number);
  const metrics: SquadMetrics = {
    questions: n,
    answered: share(results.filter((r) => r.found).length, n),
    related: share(results.filter((r) => !r.found && r.confidence === 'related').length, n),
    top1: share(results.filter((r) => r.rank === 1).length, n),
    top3: share(results.filter((r) => r.rank !== null && r.rank <= 3).length, n),
    top1Doc: share(results.filter((r) => r.topDoc === r.doc).length, n),
    bm25Top1: share(results.filter((r) => r.bm25Rank === 1).length, n),
    bm25Top3: share(results.filter((r) => r.bm25Rank !== null && r.bm25Rank <= 3).length, n),
    bm25Doc: share(results.filter((r) => r.bm25Doc === r.doc).length, n),
    numberQuestions: numbers.length,
    shortRight: share(numbers.filter((r) => r.shortRight).length, numbers.length),
    f1: share(results.reduce((s, r) => s + r.f1, 0), n) * 100,
    exact: share(results.filter((r) => r.exact).length, n),
    foreign: foreign.length,
    falseAnswers: share(falseAnswers.length, foreign.length),
    msPerQuestion: share(ms, n),
  };
  return { metrics, results, falseAnswers };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The side-by-side table for one set. */
export function formatSquad(name: string, m: SquadMetrics): string {
  const rows: Array<[string, string, string]> = [
    ['questions', String(m.questions), ''],
    ['answered (found)', pct(m.answered), ''],
    ['possibly related only', pct(m.related), ''],
    ['top-1 hit', pct(m.top1), pct(m.bm25Top1)],
    ['top-3 hit', pct(m.top3), pct(m.bm25Top3)],
    ['top-1 document', pct(m.top1Doc), pct(m.bm25Doc)],
    [`short answer right (${m.numberQuestions} number questions)`, pct(m.shortRight), ''],
    ['span F1 (all questions)', m.f1.toFixed(1), ''],
    ['exact match', pct(m.exact), ''],
  ];
  if (m.foreign > 0) rows.push([`false answers on ${m.foreign} foreign questions`, pct(m.falseAnswers), '']);
  rows.push(['ms per question', m.msPerQuestion.toFixed(2), '']);
  const width = Math.max(...rows.map((r) => r[0].length));
  return [`${name}`, `${''.padEnd(width)}  ${'bot'.padStart(7)}  ${'BM25'.padStart(7)}`, ...rows.map(([k, a, b]) => `${k.padEnd(width)}  ${a.padStart(7)}  ${b.padStart(7)}`)].join('\n');
}

/**
 * Adds `n` distractor passages to a corpus folder as extra documents: half real text (poems), half
 * recombined news (bench/corpora.ts, built once into bench/.cache). Returns the documents added.
 * Both kinds are foreign to every SQuAD article: a passage they push to the top is a wrong one.
 */
export function addDistractors(dir: string, n: number): { documents: number; passages: number } {
  const poems = Math.ceil(n / 2);
  const news = n - poems;
  let documents = 0;
  for (const corpus of [poems > 0 ? poetryCorpus(poems) : null, news > 0 ? newsCorpus(news) : null]) {
    if (!corpus) continue;
    for (const f of readdirSync(corpus.dir)) {
      if (f.startsWith('.')) continue;
      // The generated names (poetry-50k-0001.txt) cannot collide with an article's id plus .txt.
      copyFileSync(path.join(corpus.dir, f), path.join(dir, `zz-distractor-${f}`));
      documents++;
    }
  }
  return { documents, passages: n };
}

/** The two runs of a set side by side: alone, and with distractor passages added (with the change in points). */
export function formatDistractorRuns(name: string, alone: SquadMetrics, withDistractors: SquadMetrics, distractors: number): string {
  const pts = (a: number, b: number): string => `${b - a >= 0 ? '+' : ''}${((b - a) * 100).toFixed(1)}`;
  const rows: Array<[string, string, string, string]> = [
    ['questions', String(alone.questions), String(withDistractors.questions), ''],
    ['answered (found)', pct(alone.answered), pct(withDistractors.answered), pts(alone.answered, withDistractors.answered)],
    ['top-1 hit', pct(alone.top1), pct(withDistractors.top1), pts(alone.top1, withDistractors.top1)],
    ['top-3 hit', pct(alone.top3), pct(withDistractors.top3), pts(alone.top3, withDistractors.top3)],
    ['top-1 document', pct(alone.top1Doc), pct(withDistractors.top1Doc), pts(alone.top1Doc, withDistractors.top1Doc)],
    ['span F1 (all questions)', alone.f1.toFixed(1), withDistractors.f1.toFixed(1), `${withDistractors.f1 - alone.f1 >= 0 ? '+' : ''}${(withDistractors.f1 - alone.f1).toFixed(1)}`],
  ];
  if (alone.foreign > 0) rows.push([`false answers on ${alone.foreign} foreign questions`, pct(alone.falseAnswers), pct(withDistractors.falseAnswers), pts(alone.falseAnswers, withDistractors.falseAnswers)]);
  // The run alone times BM25 beside each question too (the distractor run has no BM25): not a latency comparison.
  rows.push(['ms per question (alone: with BM25)', alone.msPerQuestion.toFixed(2), withDistractors.msPerQuestion.toFixed(2), '']);
  const head: [string, string, string, string] = ['', 'alone', `+${distractors}`, 'Δ pts'];
  const width = Math.max(...rows.map((r) => r[0].length));
  const line = (r: [string, string, string, string]) => `${r[0].padEnd(width)}  ${r[1].padStart(8)}  ${r[2].padStart(9)}  ${r[3].padStart(6)}`;
  return [name, line(head), ...rows.map(line)].join('\n');
}
