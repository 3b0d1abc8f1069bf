/** The engine: builds passages, figures and the index from a corpus, and answers questions over them. */
import { cleanText } from './clean/index.js';
import { loadDictionary, loadPlaceNames, type CommonWords } from './dictionary.js';
import { readCorpusSkipping, type RawDocument } from './documents.js';
import { BotError } from './errors.js';
import { loadLexicon, quotedTerms, type Lexicon } from './lexicon.js';
import { splitDocument, type LineCleaner } from './passages.js';
import { createQueryLexicon, parseQuery, type Query, type QueryLexicon } from './query.js';
import { answerType, shortAnswer } from './short-answer.js';
import { DEFAULT_RANK_OPTIONS, rankFigures, rankPassages, termWeight, type Hit, type RankContext, type RankOptions } from './rank.js';
import { PairTable, paragraphRanges } from './context.js';
import { createQuestionReader, type QuestionReader } from './conversation.js';
import { PassageIndex, type IndexData } from './search-index.js';
import { addWords, createJiebaSegmenter, type Segmenter } from './segment.js';
import { toScript } from './text.js';
import type { Answer, AnswerOptions, DocumentInfo, Engine, Figure, Passage, PassageKind, ScoredPassage, SearchResult, SkippedFile, SourceInfo } from './types.js';

/** Longest question accepted unless configured otherwise (characters, after sanitising). */
export const DEFAULT_MAX_QUESTION = 500;
/** How an engine answers: the ranker's and the answer's tuned numbers (DEFAULT_RANK_OPTIONS, rank.ts). */
export interface ServeOptions {
  maxQuestionLength?: number;
  /** Every tuned number of ranking and answering (default: DEFAULT_RANK_OPTIONS). */
  rank?: RankOptions;
}

/** What a build needs besides the corpus; each part has a default. */
export interface BuildOptions extends ServeOptions {
  /** Cuts cleaned text into index tokens (default: nodejieba with whole numbers). */
  segmenter?: Segmenter;
  /** Cleans one raw line (default: `cleanText`). */
  cleaner?: LineCleaner;
  /** Place names among a passage's tokens, for "where" questions (default: words jieba's dictionary tags `ns`). */
  places?: (text: string, tokens: readonly string[]) => string[];
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
  /** Corpus files the build left out (absent: none). */
  skipped?: SkippedFile[];
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

/** The tag classes of dictionary.ts's per-word codes, as the short answer reads them. */
const TAG_CLASS: Record<string, string> = { '2': 'ns', '3': 'nr', '4': 'nt', '5': 't', '6': 'j', '1': 'n', '0': 'x' };

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
  return createEngine(state, index, options);
}

/**
 * Reads `corpusDir` and `configDir` and builds an engine; throws catalog errors for a corpus that
 * can't be served. Unusable files are left out and listed in `source.skipped` (the store decides
 * whether that may serve).
 */
export async function buildEngine(options: { corpusDir: string; configDir: string } & BuildOptions): Promise<ServingEngine> {
  const started = performance.now();
  const [corpus, lexicon] = await Promise.all([readCorpusSkipping(options.corpusDir), loadLexicon(options.configDir, options.corpusDir)]);
  const engine = buildFromDocuments(corpus.documents, lexicon, options);
  const skipped = corpus.skipped.map((s) => ({ file: s.file, code: s.error.code, message: s.error.message }));
  if (skipped.length > 0) engine.source.skipped = skipped;
  engine.source.buildMs = Math.round(performance.now() - started);
  return engine;
}

/** Restores an engine from saved state (a snapshot): no cleaning, no jieba. */
export function restoreEngine(state: EngineState, maxQuestionLength?: number, options: ServeOptions = {}): ServingEngine {
  const index = PassageIndex.fromData(state.index);
  // The engine keeps the built index, not the export it came from.
  return createEngine({ ...state, index: undefined as unknown as IndexData }, index, { ...options, ...(maxQuestionLength ? { maxQuestionLength } : {}) });
}

/** Lookups a restore can be handed ready-made (the build worker computes them) instead of computing them itself. */
export interface RestoreAids {
  pairs?: PairTable;
  idOrder?: Uint32Array;
  paragraphs?: Uint32Array;
  /** Per passage, the kinds of figure it states (passages with the same kinds share one Set). */
  figureKinds?: ReadonlyArray<ReadonlySet<Figure['kind']>>;
  /** createQueryLexicon's result for this state and index (made in a turn of its own). */
  queryLexicon?: QueryLexicon;
}

/** Passage numbers sorted by id, searched by bisection: a quarter of the memory of a Map of 100k ids. */
export function passageIdOrder(passages: readonly Pick<Passage, 'id'>[]): Uint32Array {
  return Uint32Array.from(passages.keys()).sort((a, b) => (passages[a]!.id < passages[b]!.id ? -1 : passages[a]!.id > passages[b]!.id ? 1 : 0));
}

/** restoreEngine with the index already restored (PassageIndex.fromDataInSlices) and lookups made elsewhere. */
export function restoreEngineWith(state: EngineState, index: PassageIndex, aids: RestoreAids, maxQuestionLength?: number, options: ServeOptions = {}): ServingEngine {
  return createEngine({ ...state, index: undefined as unknown as IndexData }, index, { ...options, ...(maxQuestionLength ? { maxQuestionLength } : {}) }, aids);
}

function createEngine(state: EngineState, index: PassageIndex, options: ServeOptions = {}, aids: RestoreAids = {}): ServingEngine {
  const maxQuestionLength = options.maxQuestionLength ?? DEFAULT_MAX_QUESTION;
  const { passages, documents } = state;
  const idOrder = aids.idOrder ?? passageIdOrder(passages);
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
  const queryLexicon: QueryLexicon = aids.queryLexicon ?? createQueryLexicon(index, lexicon, state.places.flat(), state.commonWords);
  // A story's subject (昌吉州) is in its headline and rarely repeated: every passage inherits the headline's words.
  const headlineTokens = new Map<string, ReadonlySet<string>>();
  passages.forEach((p, i) => {
    if (p.kind === 'headline' && !headlineTokens.has(p.doc)) headlineTokens.set(p.doc, new Set(index.tokensOf(i)));
  });
  const none: ReadonlySet<string> = new Set();
  // Per passage, the kinds of figure it states: one small Set per passage would cost ~200 bytes each.
  const kindsWithFigures = new Map<string, ReadonlySet<Figure['kind']>>();
  const figureKinds = aids.figureKinds ?? passages.map((p) => {
    const kinds = [...new Set(p.figures.map((f) => f.kind))].sort();
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
    inherited: (i) => headlineTokens.get(passages[i]!.doc) ?? none,
    paragraph: (i) => [paragraphs[2 * i]!, paragraphs[2 * i + 1]!],
    ofKind: (kind) => ofKind.get(kind) ?? [],
    ofKindIn: (i, kind) => docKinds.get(passages[i]!.doc)?.get(kind) ?? [],
    bigrams: (text) => pairs.weighted(text),
  };
  const rankOptions = options.rank ?? DEFAULT_RANK_OPTIONS;
  const { minCoverage, confidence, unknownShare, strictCoverage, topic: topic_, relatedCoverage, closeScore, figureScore } = rankOptions.answer;
  const rank = (query: Query): Hit[] => rankPassages(query, index, context, rankOptions);
  // Sorted Han terms for autocomplete, made on the first suggestion: a console or CLI never needs them.
  let sorted: string[] | undefined;
  const sortedTerms = (): string[] => (sorted ??= index.terms().filter((t) => /\p{Script=Han}/u.test(t)).sort());
  const source: SourceInfo = {
    documents,
    passages: passages.length,
    figures: passages.reduce((n, p) => n + p.figures.length, 0),
    builtAt: state.builtAt,
    buildMs: state.buildMs,
    ...(state.skipped?.length ? { skipped: state.skipped } : {}),
  };

  const scored = (hit: Hit): ScoredPassage => {
    const p = passages[hit.index]!;
    // Words are deduplicated only for the passages shown, not for every candidate ranked.
    return { id: p.id, doc: p.doc, text: p.text, score: Number(hit.score.toFixed(4)), matched: [...new Set(hit.matched)] };
  };

  const paragraphOf = (i: number): readonly [number, number] => [paragraphs[2 * i]!, paragraphs[2 * i + 1]!];
  /** Whether a ranked passage answers the query (see RankOptions.answer.confidence). */
  const answers = (hit: Hit): boolean =>
    hit.missingRequired === 0 &&
    hit.coverage >= (hit.unknownMissingShare >= unknownShare ? strictCoverage : minCoverage) &&
    // The epsilon: a passage holding each of the question's words once scores exactly own + coverage +
    // paragraph weights (1.4) as a sum of floats, and that is what the threshold means.
    hit.score + confidence.pairs * hit.pairShare - confidence.unknown * hit.unknownMissingShare >= confidence.min - 1e-9;

  const parse = (question: string): Query => parseQuery(question, queryLexicon, maxQuestionLength);
  let reader: QuestionReader | undefined;

  const engine: ServingEngine = {
    source,

    answer(question: string, options: AnswerOptions = {}): Answer {
      const query = parse(question);
      const limit = options.limit ?? 3;
      const { ranked, answering: answersHere } = onTopic(query, options.topic);
      // Only passages that could answer are cited, best first.
      const answering = typedFirst(query, ranked.filter(answersHere));
      const good = answering.slice(0, limit);
      // Figures come from the passages that answer nearly as well as the best: a sentence cited for
      // its paragraph's context does not add its own numbers to the answer.
      const near = good.filter((h) => h.score >= figureScore * good[0]!.score);
      const figures = rankFigures(query, near.map((h) => passages[h.index]!), (t) => termWeight(t, index));
      // A question that names a unit (多少亿元, 几家) is answered only by a figure in that unit.
      const unitMissing = query.unit !== '' && query.intent === 'quantity' && !figures.some((f) => f.unit === query.unit || (query.unit === '%' && f.kind === 'percent'));
      if (good.length === 0 || unitMissing) {
        // Partial evidence is shown as such: passages that may help, with no answer or figure claimed.
        const related = fillSlots(ranked, [], limit, relatedCoverage, paragraphOf).map(scored);
        return {
          question,
          found: false,
          confidence: related.length > 0 ? 'related' : 'none',
          answer: toScript(related.length > 0 ? '文档中没有找到确切的答案，下面的段落可能相关。' : '没有在文档中找到与这个问题相关的内容。', query.script),
          script: query.script,
          figures: [],
          passages: [],
          ...(related.length > 0 ? { related } : {}),
        };
      }
      const split = documentAnswers(query, answering);
      if (split) {
        // Several documents answer alike and the question names none of them: each one's answer, cited.
        const list = split.map((d) => `${shortTitle(d.title)}：${d.answer}`).join(' · ');
        return {
          question,
          found: true,
          confidence: 'answer',
          answer: toScript(`多个文档各有答案：${list}`, query.script),
          script: query.script,
          figures: split.flatMap((d) => (d.figure ? [d.figure] : [])),
          passages: split.map((d) => scored(d.hit)),
          byDocument: split.map(({ hit: _hit, ...d }) => ({ ...d, answer: toScript(d.answer, query.script) })),
        };
      }
      // The slots the cited passages leave are filled with the next best, labelled as possibly related:
      // the right sentence is often the cited one's neighbour, and a "may help" claims nothing.
      const more = fillSlots(ranked, good, limit, relatedCoverage, paragraphOf).map(scored);
      const direct = directAnswer(query, good, figures);
      // The figure that states the direct answer is cited first (Answer.figures: "the one that answers first").
      const cited = direct.figure ? [direct.figure, ...figures.filter((f) => f !== direct.figure)] : figures;
      return {
        question,
        found: true,
        confidence: 'answer',
        answer: toScript(direct.text, query.script),
        script: query.script,
        figures: cited.slice(0, 8),
        passages: good.map(scored),
        ...(more.length > 0 ? { related: more } : {}),
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

    reader(): QuestionReader {
      // Made when a conversation first needs it: a CLI answering single questions never does.
      return (reader ??= createQuestionReader(queryLexicon, state.commonWords, passages));
    },

    state(): EngineState {
      // Exported on demand and not kept: a live engine holding its own export would double the index's memory.
      return { ...state, index: index.toData(), ...(source.skipped?.length ? { skipped: source.skipped } : {}) };
    },
  };

  /**
   * When the best answers come from different documents with close scores and the question
   * names none of them apart (no word of one's title that the others' titles lack), each
   * document's best passage and answer; otherwise null (the best passage answers alone).
   */
  let titleWords: Set<string> | undefined;
  /**
   * A follow-up is about its conversation's document unless it names another's title word: that
   * document's passages alone, when one of them answers. The topic is given there (every passage
   * inherits the title), so they are ranked by the question's other words, a headline (the topic
   * itself) answers nothing, and a passage answers with the coverage that elsewhere only makes it
   * related, stating no fewer of the required terms.
   */
  function onTopic(query: Query, topic: string | undefined): { ranked: Hit[]; answering: (h: Hit) => boolean } {
    const ranked = rank(query);
    const plain = { ranked, answering: answers };
    if (topic === undefined || !headlineTokens.has(topic)) return plain;
    const own = headlineTokens.get(topic)!;
    // Every title's words, made on the first follow-up: a console or CLI never needs them.
    titleWords ??= new Set([...headlineTokens.values()].flatMap((t) => [...t]));
    if (query.terms.some((t) => t.alternatives.some((a) => titleWords!.has(a) && !own.has(a)))) return plain;
    const onTopicAnswers = (h: Hit): boolean => h.coverage >= topic_.coverage && h.score >= topic_.score && h.missingRequired === 0;
    // A passage of the topic answers only by stating something of the question besides the topic.
    const mine = (hits: Hit[]): Hit[] =>
      hits.filter((h) => passages[h.index]!.doc === topic && passages[h.index]!.kind !== 'headline' && h.matched.some((m) => !own.has(m)));
    // Best, a passage answering the whole question as any question's must be answered; then one so
    // answering the question's words besides the title's; then, partly, the whole; then the rest.
    const rest = query.terms.filter((t) => !t.alternatives.some((a) => own.has(a)));
    if (rest.length === 0) return plain;
    const whole = mine(ranked);
    if (whole.some(answers)) return { ranked: whole, answering: answers };
    const others = rest.length < query.terms.length ? mine(rank({ ...query, terms: rest })) : [];
    if (others.some(answers)) return { ranked: others, answering: answers };
    if (whole.some(onTopicAnswers)) return { ranked: whole, answering: onTopicAnswers };
    return others.some(onTopicAnswers) ? { ranked: others, answering: onTopicAnswers } : plain;
  }

  function documentAnswers(query: Query, hits: readonly Hit[]): Array<NonNullable<Answer['byDocument']>[number] & { hit: Hit }> | null {
    const best = hits[0];
    if (!best) return null;
    const firsts = new Map<string, Hit>();
    for (const h of hits) {
      const doc = passages[h.index]!.doc;
      if (!firsts.has(doc) && h.score >= closeScore * best.score) firsts.set(doc, h);
      if (firsts.size === MAX_DOCUMENT_ANSWERS) break;
    }
    if (firsts.size < 2) return null;
    const titles = [...firsts.keys()].map((d) => headlineTokens.get(d) ?? none);
    const asked = query.terms.flatMap((t) => t.alternatives);
    const namesOneApart = titles.some((own, k) => asked.some((a) => own.has(a) && titles.some((other, j) => j !== k && !other.has(a))));
    if (namesOneApart) return null;
    return [...firsts].map(([doc, hit]) => {
      const figures = rankFigures(query, [passages[hit.index]!], (t) => termWeight(t, index));
      const info = documents.find((d) => d.id === doc);
      const direct = directAnswer(query, [hit], figures);
      const figure = direct.figure ?? figures[0];
      return { doc, title: info?.title ?? doc, answer: direct.text, passage: passages[hit.index]!.id, ...(figure ? { figure } : {}), hit };
    });
  }

  // jieba's tag class per common word, made on the first short answer that needs one (a Map of ~72k words).
  let tags: Map<string, string> | undefined;
  const tagOf = (word: string): string => {
    if (!tags) {
      const map = new Map<string, string>();
      state.commonWords.words.forEach((w, i) => {
        const c = TAG_CLASS[state.commonWords.nouns[i] ?? ''];
        if (c) map.set(w, c);
      });
      tags = map;
    }
    return tags.get(word) ?? '';
  };

  /**
   * When the question asks for a typed span (a person, a time, a place, a number) and the best
   * passage holds none while one nearly as good does, that one answers first.
   */
  function typedFirst(query: Query, answering: Hit[]): Hit[] {
    if (answering.length < 2) return answering;
    const type = answerType(query.text);
    if (!(type === 'person' || type === 'time' || type === 'place' || type === 'number')) return answering;
    const has = (h: Hit): boolean => {
      const passage = passages[h.index]!;
      const figures = rankFigures(query, [passage], (t) => termWeight(t, index));
      return shortAnswer({ query, passage, places: state.places[h.index] ?? [], figures, cited: [passage], words: queryLexicon.words, tagOf }) !== null;
    };
    if (has(answering[0]!)) return answering;
    const { typedScore, typedAmong } = rankOptions.answer;
    const j = answering.slice(1, typedAmong).findIndex((h) => h.score >= typedScore * answering[0]!.score && has(h));
    if (j < 0) return answering;
    const out = [...answering];
    const [moved] = out.splice(j + 1, 1);
    return [moved!, ...out];
  }

  /** The direct answer: the span of the best passage the question asks for (short-answer.ts), else the passage. */
  function directAnswer(query: Query, good: Hit[], figures: Figure[]): { text: string; figure?: Figure } {
    const best = good[0]!;
    const passage = passages[best.index]!;
    const short = shortAnswer({
      query,
      passage,
      places: state.places[best.index] ?? [],
      figures,
      cited: good.map((h) => passages[h.index]!),
      words: queryLexicon.words,
      tagOf,
    });
    if (short) return short.figure ? { text: short.text, figure: short.figure } : { text: short.text };
    return { text: passage.text.length > 160 ? `${passage.text.slice(0, 159)}…` : passage.text };
  }

  return engine;
}

/** At most this many documents' answers are listed side by side. */
const MAX_DOCUMENT_ANSWERS = 3;

/** A document title short enough to stand before its answer in one line. */
function shortTitle(title: string): string {
  return [...title].length > 16 ? `${[...title].slice(0, 15).join('')}…` : title;
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


/**
 * The passages shown after the cited ones (or instead of them, with no answer), labelled as possibly
 * related: the next best by score, and the best one's neighbour in its paragraph kept in the last
 * slot, since the sentence that answers is often beside the one that matches the question's words
 * (「它们采用了…婆罗米文」 right after 「在书写梵语的时候…」).
 */
function fillSlots(ranked: readonly Hit[], cited: readonly Hit[], limit: number, minCoverage: number, paragraph: (i: number) => readonly [number, number]): Hit[] {
  const room = limit - cited.length;
  // Whether anything is worth showing is decided by the best passage's share of the question.
  const best = cited[0] ?? ranked.find((h) => h.coverage >= minCoverage);
  if (room <= 0 || best === undefined) return [];
  const taken = new Set(cited.map((h) => h.index));
  const out = ranked.filter((h) => !taken.has(h.index) && h.coverage >= minCoverage).slice(0, room);
  const [first, end] = paragraph(best.index);
  const isNeighbour = (h: Hit): boolean => Math.abs(h.index - best.index) === 1 && h.index >= first && h.index < end;
  // A neighbour is shown for its place beside the best, whatever its own share of the question.
  const neighbour = ranked.find((h) => !taken.has(h.index) && isNeighbour(h));
  if (neighbour === undefined || [...cited, ...out].some(isNeighbour)) return out;
  return out.length < room ? [...out, neighbour] : [...out.slice(0, room - 1), neighbour];
}
