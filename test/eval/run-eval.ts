/** Evaluation runner: asks every question of `questions.json` and scores passages, figures and refusals. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Answer, Engine } from '../../src/core/types.js';

/** How a question is phrased; `unanswerable` questions have no answer in the corpus. */
export type EvalStyle = 'plain' | 'traditional' | 'paraphrase' | 'synonym' | 'unanswerable';

/** The styles, in report order. */
export const STYLES: readonly EvalStyle[] = ['plain', 'traditional', 'paraphrase', 'synonym', 'unanswerable'];

/** One question of the set: `passage` identifies the passage that should rank first (null when unanswerable). */
export interface EvalItem {
  id: string;
  question: string;
  style: EvalStyle;
  /** A short substring (simplified, as in the cleaned text) of the passage that should rank first. */
  passage: string | null;
  /** A substring the answer's first cited figure must contain. */
  figure?: string;
}

/** What happened to one question. */
export interface ItemResult {
  item: EvalItem;
  found: boolean;
  answer: string;
  /** 1-based rank of the first returned passage containing `item.passage`; null when none does (or unanswerable). */
  rank: number | null;
  top1: boolean;
  top3: boolean;
  /** Whether the first cited figure contains `item.figure`; null when the item has no figure. */
  figureOk: boolean | null;
  /** Text of the first cited figure, '' when none. */
  firstFigure: string;
  /** Text of the first returned passage, '' when none. */
  topPassage: string;
  /** The message of an error thrown by `answer()`, if any. */
  error?: string;
  /** Why the item counts as failed; empty when it passed. */
  failures: string[];
  ms: number;
}

/** Accuracy figures for a group of items (shares are 0–1; NaN-free: 0 when the group is empty). */
export interface GroupMetrics {
  items: number;
  answerable: number;
  unanswerable: number;
  withFigure: number;
  /** Share of answerable items whose first passage contains the expected substring. */
  top1: number;
  /** Share of answerable items with the expected passage among the first three. */
  top3: number;
  /** Share of items with a `figure` whose first cited figure contains it. */
  figureAccuracy: number;
  /** Share of unanswerable items answered with `found: true`. */
  falseAnswerRate: number;
  /** Share of answerable items answered with `found: false`. */
  missedRate: number;
}

/** The metrics of a whole run, overall and per style. */
export interface EvalMetrics extends GroupMetrics {
  byStyle: Record<EvalStyle, GroupMetrics>;
  /** Items whose `answer()` call threw. */
  errors: number;
  /** Mean milliseconds per question. */
  meanMs: number;
}

/** The outcome of `runEval`. */
export interface EvalReport {
  metrics: EvalMetrics;
  results: ItemResult[];
}

/** The engine surface the evaluation needs. */
export type Answerer = Pick<Engine, 'answer'>;

/** Removes all white space, so substrings compare regardless of spacing. */
export function squash(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** Path of the question set next to this file. */
export const QUESTIONS_FILE = fileURLToPath(new URL('./questions.json', import.meta.url));

/**
 * The held-out set: written blind (from the cleaned article only, without the code, the main set
 * or config/) after the engine was tuned, and never tuned on. Measured, not enforced.
 */
export const HOLDOUT_FILE = fileURLToPath(new URL('./holdout.json', import.meta.url));

/** Reads and validates the question set; throws with the offending item on a malformed entry. */
export function loadItems(file: string = QUESTIONS_FILE): EvalItem[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected an array of questions`);
  return data.map((raw: unknown, index) => {
    const where = `${file}[${index}]`;
    if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: not an object`);
    const o = raw as Record<string, unknown>;
    const { id, question, style, passage, figure } = o;
    if (typeof id !== 'string' || id === '') throw new Error(`${where}: missing id`);
    if (typeof question !== 'string' || question.trim() === '') throw new Error(`${where} (${id}): missing question`);
    if (typeof style !== 'string' || !(STYLES as readonly string[]).includes(style)) throw new Error(`${where} (${id}): bad style ${String(style)}`);
    if (passage !== null && (typeof passage !== 'string' || squash(passage) === '')) throw new Error(`${where} (${id}): passage must be a non-empty string or null`);
    if (figure !== undefined && (typeof figure !== 'string' || figure === '')) throw new Error(`${where} (${id}): figure must be a non-empty string`);
    if ((style === 'unanswerable') !== (passage === null)) throw new Error(`${where} (${id}): unanswerable items, and only they, have passage null`);
    if (passage === null && figure !== undefined) throw new Error(`${where} (${id}): an unanswerable item cannot expect a figure`);
    const item: EvalItem = { id, question, style: style as EvalStyle, passage: passage as string | null };
    if (typeof figure === 'string') item.figure = figure;
    return item;
  });
}

/** Scores one answer against its item. */
export function scoreItem(item: EvalItem, answer: Answer | null, ms: number, error?: string): ItemResult {
  const passages = answer?.passages ?? [];
  const figures = answer?.figures ?? [];
  const found = answer?.found ?? false;
  const expected = item.passage === null ? null : squash(item.passage);
  const index = expected === null ? -1 : passages.findIndex((p) => squash(p.text).includes(expected));
  const rank = index >= 0 ? index + 1 : null;
  const firstFigure = figures[0]?.text ?? '';
  const figureOk = item.figure === undefined ? null : squash(firstFigure).includes(squash(item.figure));
  const failures: string[] = [];
  if (error !== undefined) failures.push(`threw: ${error}`);
  if (item.passage === null) {
    if (found) failures.push('answered (found: true)');
  } else {
    if (!found && error === undefined) failures.push('not found');
    if (rank !== 1) failures.push(rank === null ? 'passage not returned' : `passage at rank ${rank}`);
    if (figureOk === false) failures.push(firstFigure === '' ? 'no figure' : 'wrong figure');
  }
  const result: ItemResult = {
    item,
    found,
    answer: answer?.answer ?? '',
    rank,
    top1: rank === 1,
    top3: rank !== null && rank <= 3,
    figureOk,
    firstFigure,
    topPassage: passages[0]?.text ?? '',
    failures,
    ms,
  };
  if (error !== undefined) result.error = error;
  return result;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/** Aggregates item results into shares. */
export function summarise(results: readonly ItemResult[]): GroupMetrics {
  const answerable = results.filter((r) => r.item.passage !== null);
  const unanswerable = results.filter((r) => r.item.passage === null);
  const withFigure = results.filter((r) => r.figureOk !== null);
  return {
    items: results.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    withFigure: withFigure.length,
    top1: share(answerable.filter((r) => r.top1).length, answerable.length),
    top3: share(answerable.filter((r) => r.top3).length, answerable.length),
    figureAccuracy: share(withFigure.filter((r) => r.figureOk === true).length, withFigure.length),
    falseAnswerRate: share(unanswerable.filter((r) => r.found).length, unanswerable.length),
    missedRate: share(answerable.filter((r) => !r.found).length, answerable.length),
  };
}

/** Asks every item's question (with up to 3 passages) and returns the metrics and per-item results. */
export function runEval(engine: Answerer, items: readonly EvalItem[]): EvalReport {
  const results = items.map((item) => {
    const start = performance.now();
    try {
      const answer = engine.answer(item.question, { limit: 3 });
      return scoreItem(item, answer, performance.now() - start);
    } catch (e) {
      return scoreItem(item, null, performance.now() - start, e instanceof Error ? e.message : String(e));
    }
  });
  const byStyle = Object.fromEntries(
    STYLES.map((style) => [style, summarise(results.filter((r) => r.item.style === style))]),
  ) as Record<EvalStyle, GroupMetrics>;
  const metrics: EvalMetrics = {
    ...summarise(results),
    byStyle,
    errors: results.filter((r) => r.error !== undefined).length,
    meanMs: share(results.reduce((sum, r) => sum + r.ms, 0), results.length),
  };
  return { metrics, results };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Formats the failures table and the summary as plain text. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  const failed = report.results.filter((r) => r.failures.length > 0);
  lines.push(`Failures: ${failed.length} of ${report.results.length}`);
  for (const r of failed) {
    const { item } = r;
    lines.push('');
    lines.push(`${item.id}  [${item.style}]  ${item.question}`);
    lines.push(`  why:      ${r.failures.join('; ')}`);
    lines.push(`  expected: passage ${item.passage === null ? '(none: unanswerable)' : `「${item.passage}」`}${item.figure ? `, figure 「${item.figure}」` : ''}`);
    lines.push(`  got:      found=${r.found}, rank=${r.rank ?? '-'}, figure 「${r.firstFigure}」`);
    lines.push(`  answer:   ${cut(r.answer.replace(/\s+/g, ' '), 100)}`);
    lines.push(`  top:      ${cut(r.topPassage.replace(/\s+/g, ' '), 100)}`);
  }
  const m = report.metrics;
  const row = (name: string, g: GroupMetrics): string =>
    [
      name.padEnd(13),
      String(g.items).padStart(5),
      (g.answerable ? pct(g.top1) : '-').padStart(7),
      (g.answerable ? pct(g.top3) : '-').padStart(7),
      (g.withFigure ? `${pct(g.figureAccuracy)} (${g.withFigure})` : '-').padStart(12),
      (g.unanswerable ? pct(g.falseAnswerRate) : '-').padStart(9),
      (g.answerable ? pct(g.missedRate) : '-').padStart(8),
    ].join(' ');
  lines.push('');
  lines.push('Summary');
  lines.push(`${'style'.padEnd(13)} ${'items'.padStart(5)} ${'top-1'.padStart(7)} ${'top-3'.padStart(7)} ${'figure'.padStart(12)} ${'false-ans'.padStart(9)} ${'missed'.padStart(8)}`);
  for (const style of STYLES) lines.push(row(style, m.byStyle[style]));
  lines.push(row('ALL', m));
  lines.push('');
  lines.push(`top-1 passage accuracy:   ${pct(m.top1)} (${Math.round(m.top1 * m.answerable)}/${m.answerable})`);
  lines.push(`top-3 passage accuracy:   ${pct(m.top3)} (${Math.round(m.top3 * m.answerable)}/${m.answerable})`);
  lines.push(`figure accuracy:          ${pct(m.figureAccuracy)} (${Math.round(m.figureAccuracy * m.withFigure)}/${m.withFigure})`);
  lines.push(`false-answer rate:        ${pct(m.falseAnswerRate)} (${Math.round(m.falseAnswerRate * m.unanswerable)}/${m.unanswerable} unanswerable answered)`);
  lines.push(`answerable found:false:   ${pct(m.missedRate)} (${Math.round(m.missedRate * m.answerable)}/${m.answerable})`);
  lines.push(`errors: ${m.errors}; mean ${m.meanMs.toFixed(1)} ms per question`);
  return lines.join('\n');
}

/**
 * Builds a corpus of a SQuAD-format set in a temporary folder and runs it beside BM25 (`--squad FILE [--foreign OTHER]
 * [--json] [--misses OUT]`); `--distractors N` runs it again with N distractor passages added and prints both side by side.
 */
async function squadMain(root: string, args: { squad: string; foreign?: string; json: boolean; misses?: string; distractors?: number }): Promise<void> {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { buildEngine } = await import('../../src/core/build.js');
  const { loadWordLists } = await import('../../src/core/word-lists.js');
  const { createJiebaSegmenter } = await import('../../src/core/segment.js');
  const squad = await import('./squad.js');
  const set = squad.loadSquad(args.squad);
  const dir = mkdtempSync(path.join(tmpdir(), 'wenda-squad-'));
  try {
    squad.writeSquadCorpus(dir, set.documents);
    const started = performance.now();
    const configDir = path.join(root, 'config');
    const engine = await buildEngine({ corpusDir: dir, configDir });
    const buildMs = performance.now() - started;
    const lexicon = await loadWordLists(configDir, dir);
    const passages = engine.passages();
    const bm25 = squad.createBm25(passages, createJiebaSegmenter(), lexicon.stopWords);
    const foreign = args.foreign ? squad.loadSquad(args.foreign).questions : undefined;
    const run = squad.runSquad(engine, set, { bm25, passages, ...(foreign ? { foreign } : {}) });
    const name = `${path.basename(args.squad)}: ${set.documents.length} documents, ${passages.length} passages, built in ${(buildMs / 1000).toFixed(1)} s`;
    if (args.distractors) {
      await distractorRun(dir, configDir, set, run, name, foreign, args as typeof args & { distractors: number });
      return;
    }
    if (args.misses) {
      const misses = run.results.filter((r) => r.rank !== 1).map((r) => JSON.stringify(r));
      const foreignLines = run.falseAnswers.map((q) => JSON.stringify({ foreignFalseAnswer: q.id, question: q.question, answers: q.answers }));
      writeFileSync(args.misses, [...misses, ...foreignLines].join('\n') + '\n');
    }
    if (args.json) console.log(JSON.stringify({ set: path.basename(args.squad), metrics: run.metrics }));
    else {
      console.log(squad.formatSquad(name, run.metrics));
      if (args.misses) console.log(`misses written to ${args.misses}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The second run of `--distractors N`: the same articles plus N foreign passages, built and asked again (no BM25:
 * the comparison is the bot against itself). `--misses` then lists the distractor run's misses, each marked when
 * the run alone had it right (lost to the distractors), and the foreign questions it answered falsely.
 */
async function distractorRun(
  dir: string,
  configDir: string,
  set: import('./squad.js').SquadSet,
  alone: ReturnType<typeof import('./squad.js').runSquad>,
  name: string,
  foreign: import('./squad.js').SquadQuestion[] | undefined,
  args: { json: boolean; misses?: string; distractors: number },
): Promise<void> {
  const { writeFileSync } = await import('node:fs');
  const { buildEngine } = await import('../../src/core/build.js');
  const squad = await import('./squad.js');
  const added = squad.addDistractors(dir, args.distractors);
  const started = performance.now();
  const engine = await buildEngine({ corpusDir: dir, configDir });
  const buildMs = performance.now() - started;
  const passages = engine.passages();
  const run = squad.runSquad(engine, set, { bm25: null, passages, ...(foreign ? { foreign } : {}) });
  if (args.misses) {
    const hitAlone = new Set(alone.results.filter((r) => r.rank === 1).map((r) => r.id));
    const misses = run.results.filter((r) => r.rank !== 1).map((r) => JSON.stringify({ ...r, lostToDistractors: hitAlone.has(r.id) }));
    const foreignLines = run.falseAnswers.map((q) => JSON.stringify({ foreignFalseAnswer: q.id, question: q.question, answers: q.answers }));
    writeFileSync(args.misses, [...misses, ...foreignLines].join('\n') + '\n');
  }
  if (args.json) console.log(JSON.stringify({ distractors: args.distractors, alone: alone.metrics, withDistractors: run.metrics }));
  else {
    console.log(squad.formatDistractorRuns(`${name}\n+ ${added.passages} distractor passages in ${added.documents} documents (poems, recombined news): ${passages.length} passages, built in ${(buildMs / 1000).toFixed(1)} s`, alone.metrics, run.metrics, args.distractors));
    if (args.misses) console.log(`misses of the run with distractors written to ${args.misses}`);
  }
}

/** Runs the conversation set (`--conversations [--json]`); `--write-articles` refreshes its committed articles from ../shared/qa. */
async function conversationsMain(root: string, args: { json: boolean; writeArticles: boolean }): Promise<void> {
  const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
  const conv = await import('./conversations.js');
  const items = conv.loadConversations();
  if (args.writeArticles) {
    mkdirSync(conv.CONVERSATION_ARTICLES_DIR, { recursive: true });
    for (const source of ['cmrc', 'drcd'] as const) {
      const titles = new Set(items.filter((i) => i.source === source).map((i) => i.article));
      const raw = JSON.parse(readFileSync(path.join(conv.SHARED_QA_DIR, conv.SET_FILES[source].shared), 'utf8')) as { version?: string; data: Array<{ title: string; paragraphs: Array<{ context: string }> }> };
      const data = raw.data.filter((a) => titles.has(a.title)).map((a) => ({ title: a.title, paragraphs: a.paragraphs.map((p) => ({ context: p.context, qas: [] })) }));
      writeFileSync(path.join(conv.CONVERSATION_ARTICLES_DIR, conv.SET_FILES[source].fixture), `${JSON.stringify({ version: raw.version ?? '', data })}\n`);
      console.log(`${conv.SET_FILES[source].fixture}: ${data.length} articles`);
    }
    return;
  }
  const started = performance.now();
  const { engines, from } = await conv.buildConversationEngines(root, items);
  const buildMs = performance.now() - started;
  const results = conv.runConversations(engines, items);
  const metrics = conv.conversationMetrics(results);
  if (args.json) console.log(JSON.stringify({ metrics, results }, null, 2));
  else {
    console.log(conv.formatConversations(results, metrics));
    console.log(`corpora: ${Object.entries(from).map(([s, f]) => `${s} ← ${f}`).join('; ')}; built in ${(buildMs / 1000).toFixed(1)} s`);
  }
}

/** The value of `--distractors`: a whole number of passages, 1 or more (`100k` and `100000` both read). */
function distractorCount(text: string): number {
  const m = /^(\d+)(k?)$/i.exec(text.trim());
  const n = m ? Number(m[1]) * (m[2] ? 1000 : 1) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--distractors: expected a number of passages (e.g. 100000 or 100k), got "${text}"`);
  return n;
}

/** Builds the engine from `corpus/` and `config/`, runs the set (`--holdout`: the held-out one) and prints the report (`--json` for JSON). */
async function main(): Promise<void> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      holdout: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      squad: { type: 'string' },
      foreign: { type: 'string' },
      misses: { type: 'string' },
      distractors: { type: 'string' },
      conversations: { type: 'boolean', default: false },
      'write-articles': { type: 'boolean', default: false },
    },
  });
  if (values.conversations) {
    await conversationsMain(root, { json: values.json ?? false, writeArticles: values['write-articles'] ?? false });
    return;
  }
  if (values.squad) {
    await squadMain(root, {
      squad: values.squad,
      json: values.json ?? false,
      ...(values.foreign ? { foreign: values.foreign } : {}),
      ...(values.misses ? { misses: values.misses } : {}),
      ...(values.distractors ? { distractors: distractorCount(values.distractors) } : {}),
    });
    return;
  }
  const { buildEngine } = await import('../../src/core/build.js');
  const started = performance.now();
  const engine = await buildEngine({ corpusDir: path.join(root, 'corpus'), configDir: path.join(root, 'config') });
  const buildMs = performance.now() - started;
  const report = runEval(engine, loadItems(values.holdout ? HOLDOUT_FILE : QUESTIONS_FILE));
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(formatReport(report));
    console.log(`engine built in ${buildMs.toFixed(0)} ms`);
  }
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
