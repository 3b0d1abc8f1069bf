/** Turning a question into search terms: sanitise, simplify, segment against the index's own words, expand synonyms. */
import { BotError } from './errors.js';
import type { CommonWords } from './dictionary.js';
import type { Lexicon } from './lexicon.js';
import { NUMBER_TOKEN, numberTokens } from './numbers.js';
import { NAMED_UNITS, UNIT_ALTERNATION, canonicalUnit } from './units.js';
import { asksInChinese, detectScript, hasSearchableText, sanitize, toSimplified } from './text.js';
import type { PassageKind, Script } from './types.js';

/** What a question asks for, read from its question words. */
export type Intent = 'quantity' | 'rank' | 'date' | 'place' | 'person' | 'other';

/** One search term: the word, the synonyms that also satisfy it, and whether the index knows it. */
export interface Term {
  text: string;
  /** The word and its synonyms: a passage containing any of them matches the term. */
  alternatives: string[];
  /** True for a number or figure (3200万, 2023年): a question naming one needs a passage stating it. */
  number: boolean;
  /** False when no alternative occurs in the corpus. */
  known: boolean;
  /**
   * A passage that does not state a required term cannot answer: numbers (2023年), times
   * (去年 vs 今年) and places (乌鲁木齐) change what is asked.
   */
  required: boolean;
  /** A word that asks for a kind of passage (标题 → headline, 来源 → dateline, 照片 → caption). */
  kind?: PassageKind;
  /** An unknown word that is not a noun (a verb or adjective of a paraphrase): it weighs less. */
  minor: boolean;
  /** For a word the index lacks: the index words it is made of (创新平台 → 创新, 平台), to find candidates. */
  parts?: string[];
}

/** A question ready to search. */
export interface Query {
  question: string;
  /** The sanitised, simplified question. */
  text: string;
  script: Script;
  terms: Term[];
  intent: Intent;
  /** A unit the question asks in (`多少亿元` → 元), or ''. */
  unit: string;
}

/** Longest word the query segmenter looks for. */
const MAX_WORD = 12;

/** A set of words as the segmenter uses it: membership, and optionally a bound on word length. */
export interface WordSet {
  has(word: string): boolean;
  /**
   * The length of the longest word that starts with this UTF-16 code unit (0: none). Lets the
   * segmenter skip lookups that cannot succeed: each is a probe of a Map of every index word.
   */
  longestFrom?(code: number): number;
}

/** Per first code unit, the longest word's length in code points (capped at 255). */
function longestTable(...lists: Iterable<string>[]): Uint8Array {
  const longest = new Uint8Array(0x10000);
  for (const list of lists) {
    for (const w of list) {
      const c = w.charCodeAt(0);
      if (Number.isNaN(c)) continue;
      let n = 0;
      for (const _ of w) n++;
      if (n > longest[c]!) longest[c] = Math.min(255, n);
    }
  }
  return longest;
}

/** The words a query may be cut into, and how terms expand. */
export interface QueryLexicon {
  /** Tokens of the index. */
  has(token: string): boolean;
  /** Every word the segmenter knows: index tokens, common words, synonyms, stop words. */
  words: WordSet;
  synonyms: ReadonlyMap<string, readonly string[]>;
  stopWords: ReadonlySet<string>;
  /**
   * Place names, the corpus's and jieba's common ones: a question naming one needs a passage (or
   * its document) naming it, so a question about a place the corpus never names is not answered.
   */
  places: ReadonlySet<string>;
  /**
   * People and organisations jieba's dictionary names (nr, nt): like a place, a question naming
   * one needs a passage (its paragraph, or its document's title) that names it.
   */
  names: ReadonlySet<string>;
  /** Common words that are not nouns: unknown to the corpus, they are likely paraphrase (拿出, 最大), not topic. */
  nonNouns: ReadonlySet<string>;
}

/** Words that ask about a part of a news document rather than its topic. */
export const KIND_WORDS: ReadonlyMap<string, PassageKind> = new Map<string, PassageKind>([
  ...['标题', '题目', '题为', '大标题', '主标题'].map((w) => [w, 'headline'] as [string, PassageKind]),
  ...['来源', '出处', '媒体', '哪家', '刊发', '发布时间', '几点', '发稿', '原创', '发表', '发布', '发出', '刊登'].map((w) => [w, 'dateline'] as [string, PassageKind]),
  ...['照片', '图片', '配图', '拍', '拍摄', '摄影', '摄', '图中', '画面'].map((w) => [w, 'caption'] as [string, PassageKind]),
]);

/** Times that change what a question asks (去年 is not 今年): a passage must state them. */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  '今年', '去年', '前年', '明年', '后年', '上年', '本年', '当年', '年内', '全年', '今年以来', '近年', '近年来',
  '上半年', '下半年', '前三季度', '一季度', '二季度', '三季度', '四季度', '第一季度', '第二季度', '第三季度', '第四季度',
  '本月', '上月', '下月', '今天', '昨天', '明天', '未来', '过去', '十四五', '十三五', '十五五',
]);

/**
 * A segment that is only a question word (哪一条, 何种, 什么样, 多少, 几个): it says what kind of
 * answer is wanted, not what the question is about, so it is not searched. Written as a pattern
 * because the forms are open-ended (哪 + 一 + any measure word); the stop-word list holds the rest.
 */
export const QUESTION_WORD = /^(?:哪[一些个种类位条座所家间项年月天里儿边方国]{0,3}|何[种者时地处人年为]|为何|为什么|什么[样的人时]?|甚么|啥|谁|多少[个种次年位条项名家座天人]?|多久|多长|几[个种次年位条项名家座天月日岁届]?)$/u;

/** Builds the query dictionary from the index vocabulary and the config lexicon. */
export function createQueryLexicon(
  index: { has(token: string): boolean; terms(): Iterable<string> },
  lexicon: Lexicon,
  places: Iterable<string> = [],
  common: CommonWords = { words: [], nouns: '' },
): QueryLexicon {
  // The index's terms are asked through `has`, not copied: at 100k passages a merged Set of them
  // would cost ~0.1 KB per passage.
  const has = (t: string): boolean => index.has(t);
  const extra = new Set<string>([...common.words, ...KIND_WORDS.keys(), ...TIME_WORDS]);
  const nonNouns = new Set<string>();
  const allPlaces = new Set(places);
  const names = new Set<string>();
  common.words.forEach((w, i) => {
    const c = common.nouns[i];
    if (c === '0' || c === '5' || c === '6') nonNouns.add(w);
    else if (c === '2') allPlaces.add(w);
    else if (c === '3' || c === '4') names.add(w);
  });
  const synonyms = new Map<string, string[]>();
  for (const group of lexicon.synonyms) {
    // `职务 > 州长 书记`: one way. Asking 职务 finds any of them; asking 州长 finds only 州长.
    const arrow = group.indexOf('>');
    const heads = arrow < 0 ? group : group.slice(0, arrow);
    const all = group.filter((w) => w !== '>');
    for (const w of all) {
      extra.add(w);
      if (!heads.includes(w)) continue;
      const existing = synonyms.get(w) ?? [];
      synonyms.set(w, [...new Set([...existing, ...all])]);
    }
  }
  for (const w of lexicon.stopWords) extra.add(w);
  for (const w of lexicon.userWords) extra.add(w);
  const longest = longestTable(index.terms(), extra);
  const words: WordSet = { has: (w) => has(w) || extra.has(w), longestFrom: (c) => longest[c]! };
  return { has, words, synonyms, stopWords: lexicon.stopWords, places: allPlaces, names, nonNouns };
}

const INTENTS: Array<[Intent, RegExp]> = [
  ['rank', /第几|老几|排名|排第|排在|位居|名列|位列|第[一二三四五六七八九十\d]+位?吗|最大|最多|最高|之首|领先/u],
  ['date', /什么时候|何时|哪天|哪一天|几月|几号|几日|哪年|日期|哪个月/u],
  ['place', /哪里|哪儿|何处|何地|在哪|什么地方|哪个(?:城市|地方|地区|县|州)/u],
  ['person', /谁|哪位|什么人/u],
  ['quantity', /多少|几[个家名项场座条批成]|多大|多高|多长|多重|规模|比例|比重|占比|百分之|几成|多快|增速|增幅|总量|产能|份额/u],
];

/** The unit asked for: 多少亿元, 几家, 多少人次, 多少钱 (→ 元); any unit of the shared table. */
const UNIT_ASKED = new RegExp(`(?:多少|几)[万亿千百]{0,2}?(${UNIT_ALTERNATION}|钱)`, 'u');
/**
 * Otherwise a unit the question names, unless it belongs to a number it quotes (60亿立方米 is not
 * what 多少钱 asks): a unit of two characters or more, a one-character one after a magnitude (亿元,
 * 万亩), a percentage.
 */
const UNIT_NAMED = new RegExp(`(?<![\\d.万亿千百])(?:${NAMED_UNITS.join('|')}|[万亿][元吨亩米]|%|百分之|百分比)`, 'u');

/** The question words proper, per intent: when a question asks two things (多少？排第几？), the first one asked wins. */
const ASKING: Array<[Intent, RegExp]> = [
  ['rank', /第几|老几/u],
  ['date', /什么时候|何时|哪天|哪一天|几月|几号|几日|哪年|哪一年|哪个月/u],
  ['place', /哪里|哪儿|何处|何地|在哪/u],
  ['person', /谁|哪位|什么人/u],
  ['quantity', /多少|几[个家名项场座条批成位次]|多大|多高|多长|多重|多快/u],
];

/** Reads the question's intent from its question words (the first asked), else from the words that hint at one (规模, 排名). */
export function detectIntent(text: string): Intent {
  let first: Intent | undefined;
  let at = Number.POSITIVE_INFINITY;
  for (const [intent, re] of ASKING) {
    const m = re.exec(text);
    if (m && m.index < at) {
      first = intent;
      at = m.index;
    }
  }
  const hinted = INTENTS.find(([, re]) => re.test(text))?.[0] ?? 'other';
  // A hint of rank (最大, 位居) with a question word for something else still asks for a rank
  // unless the question word comes first: 排第几 after 有多少 asks the amount first.
  if (!first || hinted === first) return hinted;
  return hinted === 'rank' && first !== 'quantity' ? hinted : first;
}

function unitHint(text: string): string {
  const asked = UNIT_ASKED.exec(text)?.[1];
  const named = asked === undefined ? UNIT_NAMED.exec(text)?.[0] : undefined;
  const u = asked ?? named ?? '';
  if (u === '钱' || /^[万亿]元$/u.test(u)) return '元';
  if (/^[万亿]/u.test(u)) return canonicalUnit(u.slice(1));
  if (u === '百分之' || u === '百分比') return '%';
  return canonicalUnit(u);
}

/**
 * Cuts a run of Han characters into the dictionary's words, preferring long words (score L²);
 * characters no word covers are kept together as one unknown word.
 */
export function segmentRun(run: string, words: WordSet): Array<{ text: string; known: boolean }> {
  // Plain slices of the string when every character is one code unit (all common Han is): no
  // array of characters to join for each of the n × MAX_WORD candidate words.
  const units = /[\uD800-\uDFFF]/.test(run) ? [...run] : null;
  const word = (a: number, b: number): string => (units ? units.slice(a, b).join('') : run.slice(a, b));
  const n = units ? units.length : run.length;
  const best = new Float64Array(n + 1).fill(-1);
  const step = new Int32Array(n + 1);
  best[0] = 0;
  // With plain slices, a word starting at j is at most longestFrom(run[j]) long: no lookup beyond.
  const longest = !units && words.longestFrom ? words.longestFrom.bind(words) : undefined;
  for (let i = 1; i <= n; i++) {
    for (let len = 1; len <= Math.min(MAX_WORD, i); len++) {
      if (len > 1 && longest && len > longest(run.charCodeAt(i - len))) continue;
      const w = word(i - len, i);
      const known = words.has(w);
      if (!known && len > 1) continue;
      const s = best[i - len]! + (known ? len * len : 0);
      if (s > best[i]!) {
        best[i] = s;
        step[i] = known ? len : -1;
      }
    }
  }
  const out: Array<{ text: string; known: boolean }> = [];
  for (let i = n; i > 0; ) {
    const len = step[i]! === -1 ? 1 : step[i]!;
    const w = word(i - len, i);
    const known = step[i]! !== -1;
    const prev = out[0];
    // Adjacent unknown characters form one unknown word (北京, 房价): they stand or fall together.
    if (!known && prev && !prev.known) prev.text = w + prev.text;
    else out.unshift({ text: w, known });
    i -= len;
  }
  return out;
}

/** The index words (two characters or more) that make up a word exactly, or [] when it is not such a compound. */
function indexParts(word: string, lexicon: QueryLexicon): string[] {
  const chars = [...word];
  if (chars.length < 4) return [];
  for (let cut = 2; cut <= chars.length - 2; cut++) {
    const left = chars.slice(0, cut).join('');
    const right = chars.slice(cut).join('');
    if (lexicon.has(left) && lexicon.has(right)) return [left, right];
  }
  return [];
}

/** Checks and normalises a question: returns the sanitised text or throws the catalog error a user should see. */
export function validateQuestion(question: string, maxLength: number): string {
  const text = sanitize(question);
  if (!text) throw new BotError('EMPTY_QUESTION');
  if ([...text].length > maxLength) throw new BotError('QUESTION_TOO_LONG', { max: maxLength });
  if (!hasSearchableText(text)) throw new BotError('NO_SEARCHABLE_TEXT');
  if (!asksInChinese(text)) throw new BotError('NOT_CHINESE');
  return text;
}

/** Analyses a question: script, intent, and the terms to search for. Throws catalog errors for unusable input. */
export function parseQuery(question: string, lexicon: QueryLexicon, maxLength: number): Query {
  const clean = validateQuestion(question, maxLength);
  // Mentions and custom emoji (<@123>, <:name:id>) are Discord markup, not words; one conversion
  // serves both the script test and the search text.
  const unmarked = clean.replace(/<a?[@#:][^>]*>/g, ' ').replace(/@(?:everyone|here)/g, ' ');
  const simplified = toSimplified(unmarked);
  const script = detectScript(unmarked, simplified);
  const text = simplified.toLowerCase();
  // A bare kind word (`# 标题`, 照片) names nothing to look for: it would list every headline.
  const bare = text.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '');
  if (KIND_WORDS.has(bare)) throw new BotError('QUESTION_TOO_VAGUE', { word: bare });
  const terms: Term[] = [];
  const seen = new Set<string>();
  const push = (word: string, known: boolean, number: boolean): void => {
    if (!word || seen.has(word) || lexicon.stopWords.has(word) || QUESTION_WORD.test(word)) return;
    seen.add(word);
    const alternatives = [...new Set([word, ...(lexicon.synonyms.get(word) ?? [])])];
    const kind = KIND_WORDS.get(word);
    const isKnown = (known && alternatives.some((a) => lexicon.has(a))) || kind !== undefined;
    const parts = isKnown || number ? [] : indexParts(word, lexicon);
    terms.push({
      text: word,
      alternatives,
      number,
      known: isKnown,
      required: number || TIME_WORDS.has(word) || lexicon.places.has(word) || lexicon.names.has(word),
      minor: lexicon.nonNouns.has(word),
      ...(kind ? { kind } : {}),
      ...(parts.length ? { parts } : {}),
    });
  };
  let last = 0;
  const segmentPlain = (s: string): void => {
    for (const part of s.match(/[\p{Script=Han}]+|[a-z]+|\d+(?:\.\d+)?/gu) ?? []) {
      if (/^[a-z]+$/.test(part) || /^\d/.test(part)) push(part, lexicon.has(part) || lexicon.synonyms.has(part), /^\d/.test(part));
      else for (const w of segmentRun(part, lexicon.words)) push(w.text, w.known, false);
    }
  };
  for (const m of text.matchAll(NUMBER_TOKEN)) {
    segmentPlain(text.slice(last, m.index));
    // The whole figure is the term; its parts are alternatives (3200万千瓦 also finds 3200万).
    // A bare number only stands for the figure when nothing else was written: 第12场 must not
    // fall back to 12 (which 12月 also contains).
    const parts = numberTokens(m[0]).filter((t) => /\d/.test(t) && (t === m[0] || !/^\d+(?:\.\d+)?$/.test(t)));
    const word = parts.find((p) => lexicon.has(p)) ?? m[0];
    push(word, lexicon.has(word), true);
    last = (m.index ?? 0) + m[0].length;
  }
  segmentPlain(text.slice(last));
  return { question, text, script, terms, intent: detectIntent(text), unit: unitHint(text) };
}
