/** The serving engine: the facade over a built index (answer, search, suggest, passages, figures) and its state for snapshots. */
import { createAnswerer } from './answer.js';
import { PairTable, paragraphRanges } from './context.js';
import { createQuestionReader, type QuestionReader } from './conversation.js';
import type { CommonWords } from './dictionary.js';
import { parseQuery, type Query } from './query.js';
import { DEFAULT_RANK_OPTIONS, rankFigures, rankPassages, termWeight, type Hit, type RankContext, type RankOptions } from './rank.js';
import { PassageIndex, type IndexData } from './search-index.js';
import { lowerBound } from './sorted.js';
import { attachFigures, FigureTable, type FigureData } from './figure-table.js';
import type { Answer, AnswerOptions, DocumentInfo, Engine, Figure, Passage, PassageKind, ScoredPassage, SearchResult, SkippedFile, SourceInfo } from './types.js';
import { createVocabulary, type Vocabulary } from './vocabulary.js';
import type { WordLists } from './word-lists.js';

/** Longest question accepted unless configured otherwise (characters, after sanitising). */
export const DEFAULT_MAX_QUESTION = 500;
/** How an engine answers: the ranker's and the answer's tuned numbers (DEFAULT_RANK_OPTIONS, rank.ts). */
export interface ServeOptions {
  maxQuestionLength?: number;
  /** Every tuned number of ranking and answering (default: DEFAULT_RANK_OPTIONS). */
  rank?: RankOptions;
}

/** Everything an engine holds, as plain data: what a snapshot saves. */
export interface EngineState {
  documents: DocumentInfo[];
  /** In corpus order (`order` is the position); with `figures`, their figures are read from that table, not stored in them. */
  passages: Passage[];
  /** Every passage's figures (figure-table.ts); absent: each passage holds its own `figures`. */
  figures?: FigureData;
  places: string[][];
  /** Common words (from jieba's dictionary) the query segmenter knows besides the index's own. */
  commonWords: CommonWords;
  lexicon: { userWords: string[]; synonyms: string[][]; stopWords: string[] };
  index: IndexData;
  builtAt: string;
  buildMs: number;
  /** Corpus files the build left out (absent: none). */
  skipped?: SkippedFile[];
}

/** What an engine serves from: its state without the index's export (the engine holds the built index itself). */
export type ServedState = Omit<EngineState, 'index'>;

/** An engine with its state (for snapshots) and a debugging view of how a question is read and ranked. */
export type ServingEngine = Engine & {
  source: SourceInfo;
  state(): EngineState;
  explain(question: string): { intent: string; unit: string; terms: Array<Record<string, unknown>>; hits: Array<Record<string, unknown>> };
  /** How the engine reads a question (search() = parse, then searchParsed); same input errors as answer(). */
  parse(question: string): Query;
  /** search() for a question already parsed: the ranking alone (the bench times it against peers handed the same words). */
  searchParsed(query: Query, options?: { limit?: number; offset?: number }): SearchResult;
};

/** Restores an engine from saved state (a snapshot): no cleaning, no jieba. */
export function restoreEngine(state: EngineState, maxQuestionLength?: number, options: ServeOptions = {}): ServingEngine {
  // The engine keeps the built index, not the export it came from.
  const { index: data, ...served } = state;
  return createEngine(served, PassageIndex.fromData(data), { ...options, ...(maxQuestionLength ? { maxQuestionLength } : {}) });
}

/** Lookups a restore can be handed ready-made (the build worker computes them) instead of computing them itself. */
export interface RestoreAids {
  pairs?: PairTable;
  idOrder?: Uint32Array;
  paragraphs?: Uint32Array;
  /** Per passage, the kinds of figure it states (passages with the same kinds share one Set). */
  figureKinds?: ReadonlyArray<ReadonlySet<Figure['kind']>>;
  /** createVocabulary's result for this state and index (made in a turn of its own). */
  queryLexicon?: Vocabulary;
}

/** Passage numbers sorted by id, searched by bisection: a quarter of the memory of a Map of 100k ids. */
export function passageIdOrder(passages: readonly Pick<Passage, 'id'>[]): Uint32Array {
  return Uint32Array.from(passages.keys()).sort((a, b) => (passages[a]!.id < passages[b]!.id ? -1 : passages[a]!.id > passages[b]!.id ? 1 : 0));
}

/** restoreEngine with the index already restored (PassageIndex.fromDataInSlices) and lookups made elsewhere. */
export function restoreEngineWith(state: EngineState, index: PassageIndex, aids: RestoreAids, maxQuestionLength?: number, options: ServeOptions = {}): ServingEngine {
  // The engine keeps the restored index, not the export it came from.
  const { index: _data, ...served } = state;
  return createEngine(served, index, { ...options, ...(maxQuestionLength ? { maxQuestionLength } : {}) }, aids);
}

/** The engine over a built index and the state it was built with (build.ts, restoreEngine and restoreEngineWith make one). */
export function createEngine(state: ServedState, index: PassageIndex, options: ServeOptions = {}, aids: RestoreAids = {}): ServingEngine {
  const maxQuestionLength = options.maxQuestionLength ?? DEFAULT_MAX_QUESTION;
  const { documents } = state;
  const figureTable = state.figures ? new FigureTable(state.figures) : undefined;
  if (figureTable && figureTable.passages !== state.passages.length) throw new Error('figure table: not one entry per passage');
  const passages: Passage[] = figureTable ? attachFigures(state.passages, figureTable) : state.passages;
  const idOrder = aids.idOrder ?? passageIdOrder(passages);
  const byId = (id: string): Passage | undefined => {
    const lo = lowerBound(idOrder.length, (k) => passages[idOrder[k]!]!.id < id);
    const p = lo < idOrder.length ? passages[idOrder[lo]!] : undefined;
    return p?.id === id ? p : undefined;
  };
  const lexicon: WordLists = {
    userWords: state.lexicon.userWords,
    synonyms: state.lexicon.synonyms,
    stopWords: new Set(state.lexicon.stopWords),
  };
  const queryLexicon: Vocabulary = aids.queryLexicon ?? createVocabulary(index, lexicon, state.places.flat(), state.commonWords);
  // A story's subject (昌吉州) is in its headline and rarely repeated: every passage inherits the headline's words.
  const headlineTokens = new Map<string, ReadonlySet<string>>();
  passages.forEach((p, i) => {
    if (p.kind === 'headline' && !headlineTokens.has(p.doc)) headlineTokens.set(p.doc, new Set(index.tokensOf(i)));
  });
  const inherited = new InheritedWords(passages, headlineTokens);
  // Per passage, the kinds of figure it states: one small Set per passage would cost ~200 bytes each.
  const kindsWithFigures = new Map<string, ReadonlySet<Figure['kind']>>();
  const figureKinds = aids.figureKinds ?? passages.map((p, i) => {
    const kinds = figureTable ? figureTable.kinds(i) : [...new Set(p.figures.map((f) => f.kind))].sort();
    const key = kinds.join(',');
    let set = kindsWithFigures.get(key);
    if (!set) kindsWithFigures.set(key, (set = new Set(kinds)));
    return set;
  });
  const paragraphs = aids.paragraphs ?? paragraphRanges(passages);
  const ofKind = new Map<PassageKind, number[]>();
  // Per document, its passages of each kind other than body (a headline, a dateline, captions).
  const docKinds = new Map<string, Map<PassageKind, number[]>>();
  passages.forEach((p, i) => {
    let list = ofKind.get(p.kind);
    if (!list) ofKind.set(p.kind, (list = []));
    list.push(i);
    if (p.kind === 'body') return;
    let kinds = docKinds.get(p.doc);
    if (!kinds) docKinds.set(p.doc, (kinds = new Map()));
    let own = kinds.get(p.kind);
    if (!own) kinds.set(p.kind, (own = []));
    own.push(i);
  });
  const pairs = aids.pairs ?? new PairTable(passages.map((p) => p.text));
  const context: RankContext = {
    kind: (i) => passages[i]!.kind,
    text: (i) => passages[i]!.text,
    figureKinds: (i) => figureKinds[i]!,
    inherited: (i) => inherited.get(i),
    paragraph: (i) => [paragraphs[2 * i]!, paragraphs[2 * i + 1]!],
    ofKind: (kind) => ofKind.get(kind) ?? [],
    ofKindIn: (i, kind) => docKinds.get(passages[i]!.doc)?.get(kind) ?? [],
    bigrams: (text) => pairs.weighted(text),
  };
  const rankOptions = options.rank ?? DEFAULT_RANK_OPTIONS;
  const { minCoverage, confidence, unknownShare, strictCoverage } = rankOptions.answer;
  const rank = (query: Query): Hit[] => rankPassages(query, index, context, rankOptions);
  // Sorted Han terms for autocomplete, made on the first suggestion: a console or CLI never needs them.
  let sorted: string[] | undefined;
  const sortedTerms = (): string[] => (sorted ??= index.terms().filter((t) => /\p{Script=Han}/u.test(t)).sort());
  const source: SourceInfo = {
    documents,
    passages: passages.length,
    figures: figureTable ? figureTable.total : passages.reduce((n, p) => n + p.figures.length, 0),
    builtAt: state.builtAt,
    buildMs: state.buildMs,
    ...(state.skipped?.length ? { skipped: state.skipped } : {}),
  };

  const scored = (hit: Hit): ScoredPassage => {
    const p = passages[hit.index]!;
    // Words are deduplicated only for the passages shown, not for every candidate ranked.
    return { id: p.id, doc: p.doc, text: p.text, score: Number(hit.score.toFixed(4)), matched: [...new Set(hit.matched)] };
  };

  /** Whether a ranked passage answers the query (see RankOptions.answer.confidence). */
  const answers = (hit: Hit): boolean =>
    hit.missingRequired === 0 &&
    hit.coverage >= (hit.unknownMissingShare >= unknownShare ? strictCoverage : minCoverage) &&
    // The epsilon: a passage holding each of the question's words once scores exactly own + coverage +
    // paragraph weights (1.4) as a sum of floats, and that is what the threshold means.
    hit.score +
      confidence.pairs * hit.pairShare -
      confidence.unknown * hit.unknownMissingShare -
      confidence.singles * hit.singleMissingShare +
      confidence.length * Math.max(0, Math.log(hit.questionWeight / confidence.longFrom)) >=
      confidence.min - 1e-9;

  const parse = (question: string): Query => parseQuery(question, queryLexicon, maxQuestionLength);
  let reader: QuestionReader | undefined;
  const answer = createAnswerer({ passages, documents, state, index, queryLexicon, headlineTokens, parse, rank, answers, scored, paragraphOf: context.paragraph, rankOptions });

  const engine: ServingEngine = {
    source,

    answer(question: string, options: AnswerOptions = {}): Answer {
      return answer(question, options);
    },

    search(queryText: string, options: { limit?: number; offset?: number } = {}): SearchResult {
      return engine.searchParsed(parse(queryText), options);
    },

    parse,

    searchParsed(query: Query, options: { limit?: number; offset?: number } = {}): SearchResult {
      const hits = rank(query);
      const offset = Math.max(0, options.offset ?? 0);
      const limit = Math.max(1, options.limit ?? 5);
      return { query: query.question, script: query.script, total: hits.length, passages: hits.slice(offset, offset + limit).map(scored) };
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

    reader(): QuestionReader {
      // Made when a conversation first needs it: a CLI answering single questions never does.
      return (reader ??= createQuestionReader(queryLexicon, state.commonWords, passages));
    },

    state(): EngineState {
      // Exported on demand and not kept: a live engine holding its own export would double the index's memory.
      return { ...state, ...(figureTable ? { figures: figureTable.toData() } : {}), index: index.toData(), ...(source.skipped?.length ? { skipped: source.skipped } : {}) };
    },
  };

  return engine;
}

/**
 * Each passage's inherited words (its document's headline tokens, an empty set for a document with no
 * headline), looked up by document id once per passage and then kept as a number in a typed array
 * (4 bytes a passage): ranking asks for them for every candidate, and a Map lookup by the document's
 * id string each time cost a third of the ranking's own time on short passages.
 */
export class InheritedWords {
  private readonly sets: ReadonlySet<string>[] = [new Set()];
  private readonly number = new Map<string, number>();
  /** Per passage: 0 not looked up yet, else 1 + its set's place in `sets`. */
  private readonly slot: Uint32Array;

  constructor(
    private readonly passages: readonly Pick<Passage, 'doc'>[],
    private readonly headlineTokens: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    this.slot = new Uint32Array(passages.length);
  }

  get(i: number): ReadonlySet<string> {
    const known = this.slot[i]!;
    if (known > 0) return this.sets[known - 1]!;
    const doc = this.passages[i]!.doc;
    let n = this.number.get(doc);
    if (n === undefined) {
      const own = this.headlineTokens.get(doc);
      n = own ? this.sets.push(own) - 1 : 0;
      this.number.set(doc, n);
    }
    this.slot[i] = n + 1;
    return this.sets[n]!;
  }
}

/** Words of the sorted vocabulary that start with a prefix (autocomplete of an unfinished word). */
function completionsOf(sorted: readonly string[], prefix: string, limit: number): string[] {
  const lo = lowerBound(sorted.length, (k) => sorted[k]! < prefix);
  const out: string[] = [];
  for (let i = lo; i < sorted.length && out.length < limit && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}

