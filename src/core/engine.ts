/** The engine: builds passages, figures and the index from a corpus, and answers questions over them. */
import { cleanText } from './clean/index.js';
import { loadDictionary, loadPlaceNames, type CommonWords } from './dictionary.js';
import { findPeople } from './entities.js';
import { readCorpus, type RawDocument } from './documents.js';
import { BotError } from './errors.js';
import { loadLexicon, quotedTerms, type Lexicon } from './lexicon.js';
import { splitDocument, type LineCleaner } from './passages.js';
import { createQueryLexicon, parseQuery, segmentRun, type Query, type QueryLexicon } from './query.js';
import { rankFigures, rankPassages, termWeight, type Hit, type RankContext } from './rank.js';
import { PassageIndex, type IndexData } from './search-index.js';
import { addWords, createJiebaSegmenter, type Segmenter } from './segment.js';
import { toScript } from './text.js';
import type { Answer, DocumentInfo, Engine, Figure, Passage, ScoredPassage, SearchResult, SourceInfo } from './types.js';

/** Longest question accepted unless configured otherwise (characters, after sanitising). */
export const DEFAULT_MAX_QUESTION = 500;
/** A passage must match at least this share of the question's weight to count as an answer. */
export const MIN_COVERAGE = 0.56;

/** What a build needs besides the corpus; each part has a default. */
export interface BuildOptions {
  /** Cuts cleaned text into index tokens (default: nodejieba with whole numbers). */
  segmenter?: Segmenter;
  /** Cleans one raw line (default: `cleanText`). */
  cleaner?: LineCleaner;
  /** Place names among a passage's tokens, for "where" questions (default: words jieba's dictionary tags `ns`). */
  places?: (text: string, tokens: readonly string[]) => string[];
  maxQuestionLength?: number;
  /** Words questions are cut into besides the index's (default: jieba's common words). */
  commonWords?: CommonWords;
}

/** Everything an engine holds, as plain data: what a snapshot saves. */
export interface EngineState {
  documents: DocumentInfo[];
  passages: Passage[];
  places: string[][];
  /** Common words (from jieba's dictionary) the query segmenter knows besides the index's own. */
  commonWords: CommonWords;
  lexicon: { userWords: string[]; synonyms: string[][]; stopWords: string[] };
  index: IndexData;
  builtAt: string;
  buildMs: number;
}

/** An engine with its state (for snapshots) and a debugging view of how a question is read and ranked. */
export type ServingEngine = Engine & {
  source: SourceInfo;
  state(): EngineState;
  explain(question: string): { intent: string; unit: string; terms: Array<Record<string, unknown>>; hits: Array<Record<string, unknown>> };
};

/** Default place finder: the passage's tokens that jieba's dictionary tags as place names. */
export function createPlaceFinder(names: ReadonlySet<string> = loadPlaceNames()): (text: string, tokens: readonly string[]) => string[] {
  return (_text, tokens) => {
    const found = tokens.filter((t) => names.has(t));
    return found.length === 0 ? NO_PLACES : [...new Set(found)];
  };
}

/** Shared by every passage that names no place (most of them): one array, not 100k empty ones. */
const NO_PLACES: string[] = [];

/** Builds an engine from documents already read (the corpus loader and benchmarks both use it). */
export function buildFromDocuments(raws: RawDocument[], lexicon: Lexicon, options: BuildOptions = {}): ServingEngine {
  const started = performance.now();
  const cleaner: LineCleaner = options.cleaner ?? ((line) => cleanText(line));
  const cleaned = raws.map((raw) => splitDocument(raw, cleaner));
  const passages = cleaned.flatMap((d) => d.passages);
  passages.forEach((p, i) => (p.order = i));
  let segmenter = options.segmenter;
  if (!segmenter) {
    // The corpus's own quoted names (“疆电外送”) and the user dictionary keep jieba from cutting them.
    addWords([...lexicon.userWords, ...passages.flatMap((p) => quotedTerms(p.text))]);
    segmenter = createJiebaSegmenter();
  }
  // jieba's dictionary file gives both defaults in one read.
  const dictionary = options.places && options.commonWords ? undefined : loadDictionary();
  const findPlaces = options.places ?? createPlaceFinder(dictionary!.places);
  // Each passage's tokens become ids as soon as they are cut: the corpus's token strings are never all alive at once.
  const builder = PassageIndex.builder();
  const places = passages.map((p) => {
    const tokens = segmenter(p.text);
    builder.add(tokens);
    return findPlaces(p.text, tokens);
  });
  const index = builder.finish();
  const state: EngineState = {
    documents: cleaned.map((d) => d.info),
    passages,
    places,
    commonWords: options.commonWords ?? dictionary!.common,
    lexicon: { userWords: [...lexicon.userWords], synonyms: lexicon.synonyms.map((g) => [...g]), stopWords: [...lexicon.stopWords] },
    index: undefined as unknown as IndexData, // made by state() when asked: a live bot does not need it
    builtAt: new Date().toISOString(),
    buildMs: 0,
  };
  state.buildMs = Math.round(performance.now() - started);
  return createEngine(state, index, options.maxQuestionLength);
}

/** Reads `corpusDir` and `configDir` and builds an engine; throws catalog errors for a corpus that can't be served. */
export async function buildEngine(options: { corpusDir: string; configDir: string } & BuildOptions): Promise<ServingEngine> {
  const started = performance.now();
  const [raws, lexicon] = await Promise.all([readCorpus(options.corpusDir), loadLexicon(options.configDir)]);
  const engine = buildFromDocuments(raws, lexicon, options);
  engine.source.buildMs = Math.round(performance.now() - started);
  return engine;
}

/** Restores an engine from saved state (a snapshot): no cleaning, no jieba. */
export function restoreEngine(state: EngineState, maxQuestionLength?: number): ServingEngine {
  const index = PassageIndex.fromData(state.index);
  // The engine keeps the built index, not the export it came from.
  return createEngine({ ...state, index: undefined as unknown as IndexData }, index, maxQuestionLength);
}

function createEngine(state: EngineState, index: PassageIndex, maxQuestionLength = DEFAULT_MAX_QUESTION): ServingEngine {
  const { passages, documents } = state;
  // Passage numbers sorted by id, searched by bisection: a quarter of the memory of a Map of 100k ids.
  const idOrder = Uint32Array.from(passages.keys()).sort((a, b) => (passages[a]!.id < passages[b]!.id ? -1 : passages[a]!.id > passages[b]!.id ? 1 : 0));
  const byId = (id: string): Passage | undefined => {
    let lo = 0;
    let hi = idOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (passages[idOrder[mid]!]!.id < id) lo = mid + 1;
      else hi = mid;
    }
    const p = lo < idOrder.length ? passages[idOrder[lo]!] : undefined;
    return p?.id === id ? p : undefined;
  };
  const lexicon: Lexicon = {
    userWords: state.lexicon.userWords,
    synonyms: state.lexicon.synonyms,
    stopWords: new Set(state.lexicon.stopWords),
  };
  const queryLexicon: QueryLexicon = createQueryLexicon(index, lexicon, state.places.flat(), state.commonWords);
  // A story's subject (昌吉州) is in its headline and rarely repeated: every passage inherits the headline's words.
  const headlineTokens = new Map<string, ReadonlySet<string>>();
  passages.forEach((p, i) => {
    if (p.kind === 'headline' && !headlineTokens.has(p.doc)) headlineTokens.set(p.doc, new Set(index.tokensOf(i)));
  });
  const none: ReadonlySet<string> = new Set();
  // Per passage, the kinds of figure it states: one small Set per passage would cost ~200 bytes each.
  const kindsWithFigures = new Map<string, ReadonlySet<Figure['kind']>>();
  const figureKinds = passages.map((p) => {
    const kinds = [...new Set(p.figures.map((f) => f.kind))].sort();
    const key = kinds.join(',');
    let set = kindsWithFigures.get(key);
    if (!set) kindsWithFigures.set(key, (set = new Set(kinds)));
    return set;
  });
  const context: RankContext = {
    kind: (i) => passages[i]!.kind,
    text: (i) => passages[i]!.text,
    figureKinds: (i) => figureKinds[i]!,
    inherited: (i) => headlineTokens.get(passages[i]!.doc) ?? none,
  };
  const rank = (query: Query): Hit[] => rankPassages(query, index, context);
  // Sorted Han terms for autocomplete, made on the first suggestion: a console or CLI never needs them.
  let sorted: string[] | undefined;
  const sortedTerms = (): string[] => (sorted ??= index.terms().filter((t) => /\p{Script=Han}/u.test(t)).sort());
  const source: SourceInfo = {
    documents,
    passages: passages.length,
    figures: passages.reduce((n, p) => n + p.figures.length, 0),
    builtAt: state.builtAt,
    buildMs: state.buildMs,
  };

  const scored = (hit: Hit): ScoredPassage => {
    const p = passages[hit.index]!;
    // Words are deduplicated only for the passages shown, not for every candidate ranked.
    return { id: p.id, doc: p.doc, text: p.text, score: Number(hit.score.toFixed(4)), matched: [...new Set(hit.matched)] };
  };

  const answers = (hit: Hit): boolean => hit.coverage >= MIN_COVERAGE && hit.missingRequired === 0;

  const parse = (question: string): Query => parseQuery(question, queryLexicon, maxQuestionLength);

  const engine: ServingEngine = {
    source,

    answer(question: string, options: { limit?: number } = {}): Answer {
      const query = parse(question);
      const limit = options.limit ?? 3;
      // Only passages that could answer are cited, best first.
      const good = rank(query).filter(answers).slice(0, limit);
      const figures = rankFigures(query, good.map((h) => passages[h.index]!), (t) => termWeight(t, index));
      // A question that names a unit (多少亿元, 几家) is answered only by a figure in that unit.
      const unitMissing = query.unit !== '' && query.intent === 'quantity' && !figures.some((f) => f.unit === query.unit || (query.unit === '%' && f.kind === 'percent'));
      if (good.length === 0 || unitMissing) {
        return {
          question,
          found: false,
          answer: toScript('没有在文档中找到与这个问题相关的内容。', query.script),
          script: query.script,
          figures: [],
          passages: [],
        };
      }
      return {
        question,
        found: true,
        answer: toScript(directAnswer(query, good[0]!, figures), query.script),
        script: query.script,
        figures: figures.slice(0, 8),
        passages: good.map(scored),
      };
    },

    search(queryText: string, options: { limit?: number; offset?: number } = {}): SearchResult {
      const query = parse(queryText);
      const hits = rank(query);
      const offset = Math.max(0, options.offset ?? 0);
      const limit = Math.max(1, options.limit ?? 5);
      return { query: queryText, script: query.script, total: hits.length, passages: hits.slice(offset, offset + limit).map(scored) };
    },

    suggest(partial: string, limit = 25): ScoredPassage[] {
      let query: Query;
      try {
        query = parse(partial);
      } catch {
        return [];
      }
      // The word being typed may be unfinished: complete it from the index's own words.
      const last = query.terms.at(-1);
      if (last && !last.known && !last.number) {
        const completions = completionsOf(sortedTerms(), last.text, 5);
        if (completions.length > 0) query.terms[query.terms.length - 1] = { ...last, alternatives: completions, known: true };
      }
      return rank(query).slice(0, limit).map(scored);
    },

    passage(id: string): Passage | null {
      return byId(id.trim()) ?? null;
    },

    neighbours(id: string) {
      const p = byId(id.trim());
      if (!p) return { previous: null, next: null };
      const prev = passages[p.order - 1];
      const next = passages[p.order + 1];
      return { previous: prev?.doc === p.doc ? prev : null, next: next?.doc === p.doc ? next : null };
    },

    figures(topic?: string): Figure[] {
      const all = passages.flatMap((p) => p.figures);
      if (!topic || !topic.trim()) return all;
      const query = parse(topic);
      const hits = rank(query).filter(answers);
      return rankFigures(query, hits.map((h) => passages[h.index]!), (t) => termWeight(t, index)).filter((f) => f.kind !== 'date' || query.intent === 'date');
    },

    explain(question: string) {
      const query = parse(question);
      return {
        intent: query.intent,
        unit: query.unit,
        terms: query.terms.map((t) => ({ ...t, weight: Number(termWeight(t, index).toFixed(2)) })),
        hits: rank(query).slice(0, 5).map((h) => ({ id: passages[h.index]!.id, ...h })),
      };
    },

    passages(): readonly Passage[] {
      return passages;
    },

    state(): EngineState {
      // Exported on demand and not kept: a live engine holding its own export would double the index's memory.
      return { ...state, index: index.toData() };
    },
  };

  /** A short, direct answer: the figure for how-much/rank/date questions, the place for where, the person for who, else the passage. */
  function directAnswer(query: Query, best: Hit, figures: Figure[]): string {
    const passage = passages[best.index]!;
    const top = figures[0];
    if (top && (query.intent === 'quantity' || query.intent === 'rank' || query.intent === 'date')) {
      return top.measure && top.kind !== 'date' ? `${top.text}（${top.measure}）` : top.text;
    }
    if (query.intent === 'place') {
      const asked = new Set(query.terms.flatMap((t) => t.alternatives));
      const candidates = (state.places[best.index] ?? []).filter(
        (w) => !asked.has(w) && !segmentRun(w, queryLexicon.words).some((s) => asked.has(s.text)),
      );
      // 在/于/赴 + place is where something happens; other places in the passage are topics.
      const place = candidates.find((w) => new RegExp(`[在于赴到]${w}`, 'u').test(passage.text)) ?? candidates[0];
      if (place) return place;
    }
    if (query.intent === 'person') {
      const person = findPeople(passage.text).find((name) => !query.text.includes(name));
      if (person) return person;
    }
    return passage.text.length > 160 ? `${passage.text.slice(0, 159)}…` : passage.text;
  }

  return engine;
}

/** Words of the sorted vocabulary that start with a prefix (autocomplete of an unfinished word). */
function completionsOf(sorted: readonly string[], prefix: string, limit: number): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && out.length < limit && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}

