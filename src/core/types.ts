/** Plain data shared by the core and its adapters (console, CLI, Discord). */
import type { QuestionReader } from './conversation.js';

/** Which script a piece of text is written in; replies follow the question's script. */
export type Script = 'simplified' | 'traditional';

/** What kind of block of a document a passage comes from. */
export type PassageKind = 'headline' | 'dateline' | 'caption' | 'body';

/** A figure stated in a passage: `超3200万千瓦` → value 32_000_000, unit 千瓦, qualifier 超. */
export interface Figure {
  /** The figure as written in the cleaned passage, qualifier included (`超3200万千瓦`). */
  text: string;
  /**
   * The number with 万/亿 applied (`3200万` → 32_000_000; `7.8%` → 7.8; `百分之五` → 5; `三成` → 30;
   * `第二` → 2). For a date: the year it states, 0 when it states none (the date itself is `date`).
   */
  value: number;
  /** The unit in its one written form (千瓦, 吨, 元, 千瓦时, 平方千米, %, 百分点, 个, 家, 人 …; 公里 → 千米, 名 → 人); '' when none. */
  unit: string;
  /** A qualifier before the number (超, 突破, 近, 约, 以上 …); '' when none. */
  qualifier: string;
  /** What kind of figure: an amount, a percentage, an ordinal/rank, a share (一半), or a date or period (see `date`). */
  kind: 'amount' | 'percent' | 'ordinal' | 'share' | 'date';
  /**
   * For a date or period, its ISO 8601 value: `2024-12-10`, `2024-12`, `2024`, and without a stated
   * year `--12-10` or `--12`; a year BC is negative (公元前221年 → `-0220`, astronomical numbering).
   */
  date?: string;
  /** For a range or period (12月10日至12日, 1月至10月, 前三季度), the ISO value of its last day or month. */
  end?: string;
  /** What the figure measures, in words taken from the passage (`煤电装机`). */
  measure: string;
  /** The id of the passage that states it. */
  passage: string;
  /** The id of the document that states it. */
  doc: string;
}

/** A repair the cleaner made, shown in the data-quality report. */
export interface Repair {
  kind: 'pinyin' | 'lost-char' | 'gbk-shift' | 'unknown';
  before: string;
  after: string;
}

/** One passage: the unit that is indexed, cited and shown. */
export interface Passage {
  /** Stable id: `${doc}#p${paragraph}.s${sentence}` (1-based). */
  id: string;
  /** The document id (file name without extension). */
  doc: string;
  /** Position of the passage in its document, 0-based, for neighbours. */
  order: number;
  kind: PassageKind;
  /** Cleaned, simplified text. */
  text: string;
  /** The text as it stood in the file, before cleaning. */
  original: string;
  figures: Figure[];
}

/** A document of the corpus, with the metadata taken from its first lines or front matter. */
export interface DocumentInfo {
  id: string;
  /** Path relative to the corpus folder. */
  file: string;
  title: string;
  source: string;
  date: string;
  passages: number;
  figures: number;
  repairs: Repair[];
  /** Spans that stayed unknown after cleaning (shown as □). */
  unknowns: string[];
  /** sha256 of the file's bytes, to tell what changed on reload. */
  hash: string;
  /** The legacy encoding the file was decoded from ('gb18030' is reported as GBK); absent for UTF-8. */
  encoding?: 'gb18030' | 'big5';
}

/** A passage returned by a search, with its score and the query terms it matched. */
export interface ScoredPassage {
  id: string;
  doc: string;
  text: string;
  score: number;
  matched: string[];
}

/** The result of `answer(question)`: plain data, formatted by the adapters. */
export interface Answer {
  question: string;
  found: boolean;
  /**
   * How sure the engine is: `answer` (found: a passage answers it), `related` (not found, but
   * passages that may help are listed in `related`), `none` (nothing relevant).
   */
  confidence: 'answer' | 'related' | 'none';
  /** A short direct answer, in the question's script; a "not found" sentence when !found. */
  answer: string;
  /** The script the question was written in; adapters convert what they show to it. */
  script: Script;
  /** Figures cited by the answer, the one that answers first. */
  figures: Figure[];
  /** Best passages first (simplified text); empty when !found. */
  passages: ScoredPassage[];
  /** With `confidence: 'related'`: passages that may help, shown as such (no answer is claimed). */
  related?: ScoredPassage[];
  /**
   * When several documents answer alike and the question names none of them: each document's
   * answer, its passage and figure, in the order of `passages` (the reply says so and cites each).
   */
  byDocument?: Array<{ doc: string; title: string; answer: string; passage: string; figure?: Figure }>;
  /** In a conversation: the question as it was understood and answered, when it differs from `question` (那克拉玛依市呢 → 克拉玛依市GDP增速是多少？). */
  understood?: string;
}

/** A corpus file that was left out of a build, and why (the catalog error it raised). */
export interface SkippedFile {
  /** Path relative to the corpus folder. */
  file: string;
  code: string;
  /** The catalog message, for people. */
  message: string;
}

/** What `/source` shows: the corpus as it is served now. */
export interface SourceInfo {
  documents: DocumentInfo[];
  /** Files left out because they could not be used (absent: none). Only a first start serves without them. */
  skipped?: SkippedFile[];
  passages: number;
  figures: number;
  /** ISO time of the build that is serving. */
  builtAt: string;
  /** Milliseconds the build took. */
  buildMs: number;
}

/** One page of search results. */
export interface SearchResult {
  query: string;
  script: Script;
  /** How many passages matched in all (for pagination). */
  total: number;
  passages: ScoredPassage[];
}

/** What changed between two builds, reported by `/reload`. */
export interface ReloadReport {
  documents: { added: string[]; removed: string[]; changed: string[] };
  passages: { added: number; removed: number; changed: number; total: number };
  figures: { before: number; after: number };
  repairs: number;
  ms: number;
  /** Problems that did not stop the reload (e.g. the snapshot could not be written). */
  warnings: string[];
}

/** How `answer` is asked. */
export interface AnswerOptions {
  /** Passages cited at most (3). */
  limit?: number;
  /** A conversation's document (the previous answer's): answered from it when one of its passages answers and the question names no other document's title word. */
  topic?: string;
}

/** A built, immutable index over the corpus: every lookup the adapters need. */
export interface Engine {
  readonly source: SourceInfo;
  /** Answers a question; throws a BotError (EMPTY_QUESTION, QUESTION_TOO_LONG, NO_SEARCHABLE_TEXT) for bad input. */
  answer(question: string, options?: AnswerOptions): Answer;
  /** Ranked passages for a query, paginated; same input errors as answer(). */
  search(query: string, options?: { limit?: number; offset?: number }): SearchResult;
  /** Autocomplete: passages matching a partial query; never throws, [] for unusable input. */
  suggest(partial: string, limit?: number): ScoredPassage[];
  /** One passage by id, or null. */
  passage(id: string): Passage | null;
  /** The passages before and after one, in document order. */
  neighbours(id: string): { previous: Passage | null; next: Passage | null };
  /** The figures about a topic (all of them without one), in document order. */
  figures(topic?: string): Figure[];
  /** All passages in corpus order. */
  passages(): readonly Passage[];
  /** Reads questions into typed words, for conversations (made on first use, from the engine's own lexicon). */
  reader(): QuestionReader;
}
