/** Turning a question into search terms: sanitise, simplify, segment against the index's own words, expand synonyms. */
import { BotError } from './errors.js';
import { NUMBER_TOKEN, numberTokens } from './numbers.js';
import { NAMED_UNITS, UNIT_ALTERNATION, canonicalUnit } from './units.js';
import { asksInChinese, detectScript, hasSearchableText, sanitize, toSimplified } from './text.js';
import { KIND_WORDS, NOUN_CLASSIFIER, QUESTION_PHRASE, QUESTION_WORD, TIME_WORDS } from './question-words.js';
import type { PassageKind, Script } from './types.js';
import { cutWords, type Vocabulary } from './vocabulary.js';

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

/** 在哪 asks where, unless a measure word makes it 在哪一年 / 在哪次 / 在哪个时期 (which one). */
const WHERE_AT = '在哪(?![一些年天月次届场种本部位首篇]|个(?!城市|地方|地区|国家|省|州|县|市))';
/** Which year, century or era: 哪一世纪, 哪个年代, 西元几年 (几年 alone also counts years: 读了几年). */
const WHICH_TIME = '哪一?个?(?:世纪|年代|时期|时代|朝代)|(?:西元|公元)前?几年';

const INTENTS: Array<[Intent, RegExp]> = [
  ['rank', /第几|老几|排名|排第|排在|位居|名列|位列|第[一二三四五六七八九十\d]+位?吗|最大|最多|最高|之首|领先/u],
  ['date', new RegExp(`什么时候|何时|哪天|哪一天|几月|几号|几日|哪年|日期|哪个月|${WHICH_TIME}`, 'u')],
  ['place', new RegExp(`哪里|哪儿|何处|何地|${WHERE_AT}|什么地方|哪一?个?(?:城市|地方|地区|县|州)`, 'u')],
  ['person', /谁|哪位|什么人/u],
  ['quantity', /多少|几[个家名项场座条批成]|(?<![很许诸众繁颇伦差])多[大高长重]|规模|比例|比重|占比|百分之|几成|多快|增速|增幅|总量|产能|份额/u],
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
  ['date', new RegExp(`什么时候|何时|哪天|哪一天|几月|几号|几日|哪年|哪一年|哪个月|${WHICH_TIME}`, 'u')],
  ['place', new RegExp(`哪里|哪儿|何处|何地|${WHERE_AT}`, 'u')],
  ['person', /谁|哪位|什么人/u],
  ['quantity', /多少|几[个家名项场座条批成位次]|(?<![很许诸众繁颇伦差])多[大高长重快]/u],
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

function unitHint(text: string, words: Vocabulary['words']): string {
  const m = UNIT_ASKED.exec(text);
  // 多少人口 asks how much 人口, in no unit: the classifier begins the word (as cutWords reads it).
  const split = m !== null && NOUN_CLASSIFIER.test(m[0]) && words.has(m[1]! + text.charAt(m.index + m[0].length));
  const asked = split ? undefined : m?.[1];
  const named = asked === undefined ? UNIT_NAMED.exec(text)?.[0] : undefined;
  const u = asked ?? named ?? '';
  if (u === '钱' || /^[万亿]元$/u.test(u)) return '元';
  if (/^[万亿]/u.test(u)) return canonicalUnit(u.slice(1));
  if (u === '百分之' || u === '百分比') return '%';
  return canonicalUnit(u);
}

/**
 * The text with its question phrases (QUESTION_PHRASE) blanked out, each as far as a stop-word
 * phrase it begins reaches (哪个城市 is a stop word whole: a passage names the city, not 城市).
 */
function blankQuestionPhrases(s: string, stopWords: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(QUESTION_PHRASE)) {
    const at = m.index;
    if (at < last) continue;
    let end = at + m[0].length;
    for (let len = 6; at + len > end; len--) {
      if (stopWords.has(s.slice(at, at + len))) {
        end = at + len;
        break;
      }
    }
    out += `${s.slice(last, at)} `;
    last = end;
  }
  return out + s.slice(last);
}

/** The index words (two characters or more) that make up a word exactly, or [] when it is not such a compound. */
function indexParts(word: string, lexicon: Vocabulary): string[] {
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
export function parseQuery(question: string, lexicon: Vocabulary, maxLength: number): Query {
  const clean = validateQuestion(question, maxLength);
  // One conversion serves both the script test and the search text.
  const simplified = toSimplified(clean);
  const script = detectScript(clean, simplified);
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
    // Question phrases are cut out first: what is left on either side is segmented on its own.
    for (const part of blankQuestionPhrases(s, lexicon.stopWords).match(/[\p{Script=Han}]+|[a-z]+|\d+(?:\.\d+)?/gu) ?? []) {
      if (/^[a-z]+$/.test(part) || /^\d/.test(part)) push(part, lexicon.has(part) || lexicon.synonyms.has(part), /^\d/.test(part));
      else for (const w of cutWords(part, lexicon.words)) push(w.text, w.known, false);
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
  return { question, text, script, terms, intent: detectIntent(text), unit: unitHint(text, lexicon.words) };
}
