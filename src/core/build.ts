/** The build: cleans and splits the corpus, extracts figures, segments and indexes every passage, and hands the parts to the engine. */
import { cleanText } from './clean/index.js';
import { loadDictionary, loadPlaceNames, type CommonWords } from './dictionary.js';
import { readCorpusSkipping, type RawDocument } from './documents.js';
import { extractFigures } from './figures.js';
import { FigureTable, type StoredPassage } from './figure-table.js';
import type { DocumentInfo, Passage } from './types.js';
import { createEngine, type ServeOptions, type ServedState, type ServingEngine } from './engine.js';
import { compactHeap } from './heap.js';
import { addWords } from './jieba.js';
import { splitDocument, type LineCleaner } from './passages.js';
import { PassageIndex } from './search-index.js';
import { createJiebaSegmenter, type Segmenter } from './segment.js';
import { loadWordLists, quotedTerms, type WordLists } from './word-lists.js';

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

/** Default place finder: the passage's tokens that jieba's dictionary tags as place names. */
export function createPlaceFinder(names: ReadonlySet<string> = loadPlaceNames()): (text: string, tokens: readonly string[]) => string[] {
  return (_text, tokens) => {
    const found = tokens.filter((t) => names.has(t));
    return found.length === 0 ? NO_PLACES : [...new Set(found)];
  };
}

/** Shared by every passage that names no place (most of them): one array, not 100k empty ones. */
const NO_PLACES: string[] = [];

/** Builds this large collect between their phases (smaller ones gain nothing worth a full GC). */
const COLLECT_BETWEEN_PHASES = 50_000;

/** Builds an engine from documents already read (the corpus loader and benchmarks both use it). */
export function buildFromDocuments(raws: RawDocument[], lexicon: WordLists, options: BuildOptions = {}): ServingEngine {
  const started = performance.now();
  const cleaner: LineCleaner = options.cleaner ?? ((line) => cleanText(line));
  // Each document's figures go into the table as soon as it is split: no Figure object outlives its document.
  const figureTable = FigureTable.builder();
  const documents: DocumentInfo[] = [];
  const passages: StoredPassage[] = [];
  for (const raw of raws) {
    const d = splitDocument(raw, cleaner, extractFigures);
    documents.push(d.info);
    for (const p of d.passages) {
      figureTable.add(p.figures);
      passages.push({ id: p.id, doc: p.doc, order: passages.length, kind: p.kind, text: p.text, original: p.original });
    }
  }
  // Finished before segmentation: the builder's blocks are not alive through the index build (the build's peak).
  const figures = figureTable.finish().toData();
  // The build's peak is garbage the GC has not reached yet (it varied by 0.5 GB between two 1M runs): each
  // phase starts from a collected heap, the cleaning's garbage gone before segmentation, the segmenter's before
  // flexsearch fills its lists. A full GC each, about a second at 1M passages.
  if (passages.length >= COLLECT_BETWEEN_PHASES) compactHeap();
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
  // A place name is one string however many passages name it (jieba gives each passage's tokens strings of their own).
  const placeNames = new Map<string, string>();
  const places = passages.map((p) => {
    const tokens = segmenter(p.text);
    builder.add(tokens);
    const found = findPlaces(p.text, tokens);
    if (!Object.isFrozen(found)) for (let k = 0; k < found.length; k++) {
      const name = found[k]!;
      const one = placeNames.get(name);
      if (one === undefined) placeNames.set(name, name);
      else found[k] = one;
    }
    return found;
  });
  if (passages.length >= COLLECT_BETWEEN_PHASES) compactHeap();
  const index = builder.finish();
  // The index's export is not part of it: state() makes one when asked, a live bot does not need it.
  const state: ServedState = {
    documents,
    passages: passages as Passage[],
    figures,
    places,
    commonWords: options.commonWords ?? dictionary!.common,
    lexicon: { userWords: [...lexicon.userWords], synonyms: lexicon.synonyms.map((g) => [...g]), stopWords: [...lexicon.stopWords] },
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
  // Plain variables, not a const array of both: the raw corpus must become garbage before compactHeap() below.
  let corpus: Awaited<ReturnType<typeof readCorpusSkipping>> | undefined;
  let lexicon: WordLists;
  [corpus, lexicon] = await Promise.all([readCorpusSkipping(options.corpusDir), loadWordLists(options.configDir, options.corpusDir)]);
  const engine = buildFromDocuments(corpus.documents, lexicon, options);
  const skipped = corpus.skipped.map((s) => ({ file: s.file, code: s.error.code, message: s.error.message }));
  if (skipped.length > 0) engine.source.skipped = skipped;
  // The raw files are garbage now: compact the heap the build leaves (heap.ts), so what the engine keeps is what stays resident.
  corpus = undefined;
  compactHeap();
  engine.source.buildMs = Math.round(performance.now() - started);
  return engine;
}
