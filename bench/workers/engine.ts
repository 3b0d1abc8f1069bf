/**
 * Workers: our pipeline on one corpus, in two processes as the bot runs it. `engine`: the real
 * `buildEngine`, cold as a start would run it, with its cleaner and place tagger wrapped in timers and
 * every nodejieba call timed, in a process with the build worker's young generation; memory at ready, the
 * snapshot write; it writes the passages, tokens and questions the phases and comparison workers use.
 * `serve`: in a process with `npm start`'s options, the snapshot read and restored, then answer(),
 * search() and ranking latency.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { cleanText } from '../../src/core/clean/index.js';
import { readCorpus } from '../../src/core/documents.js';
import { buildEngine, createPlaceFinder } from '../../src/core/build.js';
import { extractFigures } from '../../src/core/figures.js';
import { createJiebaSegmenter } from '../../src/core/segment.js';
import { engineFromSnapshot, engineSnapshotContent, isEngineSnapshotData } from '../../src/core/engine-snapshot.js';
import { readSnapshot, writeSnapshot } from '../../src/core/snapshot-file.js';
import { installJiebaTimer, jiebaTime } from '../lib/jieba-timer.js';
import { byKind, drawQuestions } from '../lib/questions.js';
import { latency, memory, msSince, type Latency, type Memory } from '../lib/util.js';
import { SEP, tokensFile, type Prepared } from './compare.js';

/** Ingest phases, in ms: cleaning and places timed inside the real build, the rest re-run alone on its output. */
export interface Phases {
  /** readCorpus() alone. */
  readMs: number;
  /** cleanText() on every line inside buildEngine (mojibake repair, t→s conversion, punctuation). */
  cleanMs: number;
  /** extractFigures() on every passage, re-run alone. */
  figuresMs: number;
  /** jieba's place tagging of every passage inside buildEngine (for "where" answers). */
  placesMs: number;
  /** nodejieba's dictionary load, inside buildEngine (once per process). */
  dictLoadMs: number;
  /** The segmenter over every passage, re-run alone in a fresh process (bench/workers/phases.ts). */
  segmentMs: number;
  /** PassageIndex.build from those tokens, same fresh process. */
  indexMs: number;
  /** buildEngine() wall time less all of the above: splitting, user words, bookkeeping. */
  otherMs: number;
  totalMs: number;
  /** Time inside nodejieba calls during buildEngine (load + cleaner scoring + segmentation + tagging) / its wall time. */
  jiebaShare: number;
}

/** What the engine worker reports. */
export interface EngineResult {
  passages: number;
  figures: number;
  bytes: number;
  /** buildEngine() wall time, cold, in this fresh process. */
  buildEngineMs: number;
  phases: Phases;
  memory: {
    baseline: Memory;
    ready: Memory;
    heapPerPassageKB: number;
    heapDeltaPerPassageKB: number;
    rssPerPassageKB: number;
    /** Peak RSS of the process up to the end of buildEngine() (the OS's high-water mark), MB. */
    peakBuildRssMB: number;
    /** Peak RSS up to the end of the snapshot write that follows the build (what a bot's first start does), MB. */
    peakWriteRssMB: number;
    /** The serving process once it restored the snapshot (before answering). */
    servedReady?: Memory;
  };
  answer: Latency;
  /** answer() over the first `compareQuestions` questions only: the ones the alternatives are timed on. */
  answerSubset: Latency;
  /** answer() by question kind (its ending: 是多少？, 在哪里？ …, see bench/lib/questions.ts). */
  answerByKind: Record<string, Latency>;
  search: Latency;
  /**
   * The ranking alone, over the first `compareQuestions` questions parsed beforehand (searchParsed, 10
   * passages): the same job as the alternatives, which are handed the parsed question's words.
   */
  rankSubset: Latency;
  questions: number;
  foundRate: number;
  /** Share of questions whose source passage is among the answer's passages. */
  sourceInTop: number;
  snapshot: { writeMs: number; bytes: number; frames: number; largestFrame: number; readMs: number; restoreMs: number; sameTop: number; checked: number };
  sampleQuestions: string[];
  notes: string[];
}

/** What the build process measures (runEngine); the serving process (runServe) measures the rest. */
export type BuildResult = Omit<EngineResult, keyof ServeTimes | 'snapshot'> & { snapshot: Pick<EngineResult['snapshot'], 'writeMs' | 'bytes' | 'frames' | 'largestFrame'> };

/** The serving process's latencies and rates. */
type ServeTimes = Pick<EngineResult, 'answer' | 'answerSubset' | 'answerByKind' | 'search' | 'rankSubset' | 'foundRate' | 'sourceInTop'>;

/** What the serving process measures. */
export type ServeResult = ServeTimes & { served: { readMs: number; restoreMs: number; sameTop: number; checked: number; ready: Memory } };

/** One corpus's engine figures: the build's and the serving process's together. */
export function mergeEngine(built: BuildResult, { served, ...times }: ServeResult): EngineResult {
  const { ready, ...snapshot } = served;
  return { ...built, ...times, memory: { ...built.memory, servedReady: ready }, snapshot: { ...built.snapshot, ...snapshot } };
}

/** The OS's high-water mark of this process's RSS, MB. */
function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * The terms the engine's index is asked for, read from its own query parser (`explain`): stop
 * words and question words removed, a word with its synonyms as one term, an unknown word's index
 * parts a term each, single Han characters dropped (the index makes no candidates from them), as
 * rank.ts passes them to PassageIndex.candidates().
 */
function searchedTerms(engine: { explain(q: string): { terms: Array<Record<string, unknown>> } }, question: string): string[][] {
  const searchable = (a: string): boolean => a.length > 1 || !/\p{Script=Han}/u.test(a);
  const out: string[][] = [];
  for (const t of engine.explain(question).terms) {
    const alternatives = ((t.alternatives as string[] | undefined) ?? []).filter(searchable);
    const parts = t.known ? [] : ((t.parts as string[] | undefined) ?? []).filter(searchable);
    // As rank.ts asks: a term's alternatives are one term, an unknown word's parts one each.
    for (const group of [alternatives, ...parts.map((p) => [p])]) if (group.length > 0) out.push(group);
  }
  return out;
}

/** The tokens the engine's index is asked for, flat (each once): what the alternatives search for. */
function searchedTokens(terms: readonly string[][]): string[] {
  return [...new Set(terms.flat())];
}

/** The seed of the warm-up questions: not drawQuestions' default (4), so none is a timed question. */
const WARMUP_SEED = 5;

/** Runs the engine measurements on one corpus folder. */
export async function runEngine(args: { corpusDir: string; configDir: string; questions: number; compareQuestions: number; bytes: number; preparedOut: string; textsOut: string; serveOut: string; snapshotDir: string }): Promise<BuildResult> {
  installJiebaTimer();
  const notes: string[] = [];
  const baseline = memory();
  let cleanMs = 0;
  let placesMs = 0;
  const findPlaces = createPlaceFinder();
  const t0 = process.hrtime.bigint();
  const engine = await buildEngine({
    corpusDir: args.corpusDir,
    configDir: args.configDir,
    // The engine's own defaults, wrapped in timers (same code as engine.ts's defaults).
    cleaner: (line) => {
      const t = process.hrtime.bigint();
      const r = cleanText(line);
      cleanMs += msSince(t);
      return r;
    },
    places: (text, tokens) => {
      const t = process.hrtime.bigint();
      const r = findPlaces(text, tokens);
      placesMs += msSince(t);
      return r;
    },
  });
  const buildEngineMs = msSince(t0);
  const peakBuildRssMB = peakRssMB();
  const jiebaShare = jiebaTime.ms / buildEngineMs;
  const dictLoadMs = jiebaTime.loadMs;
  const ready = memory();
  const served = engine.passages();
  const n = served.length;
  const mem = {
    baseline,
    ready,
    heapPerPassageKB: (ready.heapUsedMB * 1024) / n,
    heapDeltaPerPassageKB: ((ready.heapUsedMB - baseline.heapUsedMB) * 1024) / n,
    rssPerPassageKB: ((ready.rssMB - baseline.rssMB) * 1024) / n,
    peakBuildRssMB,
    peakWriteRssMB: Number.NaN,
  };

  // ---- snapshot write, right after the build as loadOrBuildEngine() does it: the bot's first-start peak ----
  const dataDir = args.snapshotDir;
  let t = process.hrtime.bigint();
  const written = await writeSnapshot(dataDir, 'bench', engineSnapshotContent(engine));
  const writeMs = msSince(t);
  mem.peakWriteRssMB = peakRssMB();

  // ---- the other phases, re-run alone on the build's output ----
  t = process.hrtime.bigint();
  await readCorpus(args.corpusDir);
  const readMs = msSince(t);
  t = process.hrtime.bigint();
  let figures = 0;
  for (const p of served) figures += extractFigures(p.text, p.id, p.doc).length;
  const figuresMs = msSince(t);
  // Segmentation and index timing are taken in the phases worker, away from this process's
  // resident engine (whose heap would make the GC, and the index build, slower).
  const segment = createJiebaSegmenter();
  const segmentMs = Number.NaN;
  const indexMs = Number.NaN;
  const phases: Phases = {
    readMs,
    cleanMs,
    figuresMs,
    placesMs,
    dictLoadMs,
    segmentMs,
    indexMs,
    otherMs: Number.NaN, // filled in by the runner once the phases worker has reported
    totalMs: buildEngineMs,
    jiebaShare,
  };
  void figures;

  // ---- questions, drawn here (the build's passages) and timed in the serving process ----
  const questions = drawQuestions(served, segment, args.questions);
  const questionTokens = questions.map((q) => segment(q.text));
  // Warm-up on other questions drawn the same way (another seed), as many as are timed: a bot answers
  // for days, so its steady state is what a user meets, and the same questions twice would time V8's
  // caches of those very strings. The comparison worker warms every alternative on the same ones.
  const warmups = drawQuestions(served, segment, args.questions, WARMUP_SEED);
  // What the built engine answers (untimed): the engine restored from the snapshot must answer the same.
  const checked = Math.min(200, questions.length);
  const tops = questions.slice(0, checked).map((q) => engine.answer(q.text).passages.map((p) => p.id));
  const serve: ServeInput = {
    dataDir,
    questions: questions.map((q) => ({ text: q.text, from: q.from })),
    warmups: warmups.map((q) => q.text),
    compareQuestions: args.compareQuestions,
    tops,
  };
  writeFileSync(args.serveOut, JSON.stringify(serve));

  // ---- inputs for the comparison workers: same passages, same tokens, same questions ----
  const prepared: Prepared = {
    ids: served.map((p) => p.id),
    texts: served.map((p) => p.text),
    questions: questions.map((q, i) => {
      const terms = searchedTerms(engine, q.text);
      return { text: q.text, tokens: questionTokens[i]!, searched: searchedTokens(terms), terms };
    }),
    warmups: warmups.slice(0, args.compareQuestions).map((q) => {
      const terms = searchedTerms(engine, q.text);
      return { tokens: segment(q.text), searched: searchedTokens(terms), terms };
    }),
  };
  writeFileSync(args.preparedOut, JSON.stringify(prepared));
  writeFileSync(args.textsOut, JSON.stringify(prepared.texts));
  // Each passage's jieba tokens, one line per passage (SEP-joined), written in batches: at 1M
  // passages one JSON string of them all would approach V8's string limit.
  const fd = openSync(tokensFile(args.preparedOut), 'w');
  for (let i = 0; i < n; i += 10_000) writeSync(fd, served.slice(i, i + 10_000).map((p) => `${segment(p.text).join(SEP)}\n`).join(''));
  closeSync(fd);

  return {
    passages: n,
    figures: engine.source.figures,
    bytes: args.bytes,
    buildEngineMs,
    phases,
    memory: mem,
    questions: questions.length,
    snapshot: { writeMs, bytes: written.bytes, frames: written.frames, largestFrame: written.largestFrame },
    sampleQuestions: questions.slice(0, 5).map((q) => q.text),
    notes,
  };
}

/** What the serving process is handed: the snapshot the build wrote, the questions, and the build's answers to check. */
export interface ServeInput {
  dataDir: string;
  questions: Array<{ text: string; from: string }>;
  warmups: string[];
  compareQuestions: number;
  /** The built engine's passage ids for the first questions: the restored one must give the same. */
  tops: string[][];
}

/**
 * Serves the corpus as the bot's main thread does, in a process with `npm start`'s Node options: the
 * snapshot read and restored (a bot's start once it has one), then answer(), search() and the ranking
 * timed after a warm-up. The build ran in another process with the build worker's young generation.
 */
export async function runServe(args: { serveFile: string }): Promise<ServeResult> {
  const input = JSON.parse(readFileSync(args.serveFile, 'utf8')) as ServeInput;
  const { questions, warmups } = input;
  let t = process.hrtime.bigint();
  const read = await readSnapshot(input.dataDir, 'bench', isEngineSnapshotData);
  const readMs = msSince(t);
  if (read.status !== 'hit') throw new Error(`snapshot read back: ${read.status}`);
  t = process.hrtime.bigint();
  const engine = engineFromSnapshot(read);
  const restoreMs = msSince(t);
  const ready = memory();
  for (const q of warmups) engine.answer(q);
  const times: number[] = [];
  let found = 0;
  let source = 0;
  for (const q of questions) {
    const s = process.hrtime.bigint();
    const a = engine.answer(q.text);
    times.push(msSince(s));
    if (a.found) found++;
    if (a.passages.some((p) => p.id === q.from)) source++;
  }
  const stimes: number[] = [];
  for (const q of questions) {
    const s = process.hrtime.bigint();
    engine.search(q.text, { limit: 10 });
    stimes.push(msSince(s));
  }
  // The ranking alone, as minisearch and the scans are timed: the question already read into words.
  const parsedWarmups = warmups.slice(0, input.compareQuestions).map((q) => engine.parse(q));
  const parsed = questions.slice(0, input.compareQuestions).map((q) => engine.parse(q.text));
  for (const q of parsedWarmups) engine.searchParsed(q, { limit: 10 });
  const rtimes: number[] = [];
  for (const q of parsed) {
    const s = process.hrtime.bigint();
    engine.searchParsed(q, { limit: 10 });
    rtimes.push(msSince(s));
  }
  // After the timing: answering the timed questions before it would time V8's caches of their strings.
  let sameTop = 0;
  input.tops.forEach((ids, i) => {
    if (engine.answer(questions[i]!.text).passages.map((p) => p.id).join() === ids.join()) sameTop++;
  });
  rmSync(input.dataDir, { recursive: true, force: true });
  return {
    answer: latency(times),
    answerByKind: Object.fromEntries([...byKind(questions, times)].map(([k, xs]) => [k, latency(xs)])),
    answerSubset: latency(times.slice(0, input.compareQuestions)),
    search: latency(stimes),
    rankSubset: latency(rtimes),
    foundRate: found / questions.length,
    sourceInTop: source / questions.length,
    served: { readMs, restoreMs, sameTop, checked: input.tops.length, ready },
  };
}
