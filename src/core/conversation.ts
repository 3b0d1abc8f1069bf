/**
 * Conversations: a follow-up question read against the one before it. Plain data in (the
 * conversation so far and the new question), an understood question out; the engine then answers
 * the understood question as it would any other.
 */
import type { CommonWords } from './dictionary.js';
import { findPeople } from './entities.js';
import { detectIntent } from './query.js';
import { QUESTION_WORD, TIME_WORDS, WHERE_IS } from './question-words.js';
import { cutWords, type Vocabulary } from './vocabulary.js';
import { NUMBER_TOKEN } from './numbers.js';
import { UNITS } from './units.js';
import { detectScript, sanitize, toScript, toSimplified } from './text.js';
import type { Answer, AnswerOptions, Engine, Passage, Script } from './types.js';

/** What a word of a question is: a named thing (place, person, organisation, other name), a time, a number, a noun, another content word, or a function word. */
export type SlotType = 'place' | 'person' | 'org' | 'entity' | 'time' | 'number' | 'noun' | 'word' | 'function';

/** One word of a question with its position (UTF-16 offsets in the simplified text) and type. */
export interface Segment {
  text: string;
  start: number;
  end: number;
  type: SlotType;
}

/** Reads questions into typed words; made once per engine from its own lexicon (no jieba at question time). */
export interface QuestionReader {
  segments(simplified: string): Segment[];
  /** Forgets the words kept of earlier turns (benchmarks measure the cold case with it). */
  clear(): void;
  /** A word and its synonyms (config/synonyms.txt). */
  alternatives(word: string): readonly string[];
  /** Whether the corpus's figures count the word (面积, 人口, 装机): a question about it asks how much. */
  counted(word: string): boolean;
  /** A document's title (its headline, simplified), which every passage of it is about. */
  title(doc: string): string | undefined;
}

/** One answered turn: what the next question is read against. */
export interface Turn {
  /** The question as understood (the typed one when it was not rewritten), in the asker's script. */
  understood: string;
  /** What the answer named: the person or place a who/where question got, and the people its passage names. */
  answer?: { person?: string; place?: string; people?: string[]; measure?: string };
  /** The document the answer came from: the next question is about it unless it names another. */
  doc?: string;
  /** `understood` in simplified characters, read into words when the turn was made: the next questions read it without segmenting it again. */
  read?: { text: string; segments: Segment[] };
}

/** A conversation so far, oldest turn first (only the last few are kept). Plain JSON. */
export interface Conversation {
  turns: Turn[];
}

/** How a question was read against the conversation. */
export type Reading = 'new' | 'standalone' | 'ellipsis' | 'reference' | 'carry' | 'unread';

/** The outcome of `understand`. */
export interface Understanding {
  question: string;
  /** The question to answer, in the question's script; exactly `question` when not rewritten. */
  understood: string;
  rewritten: boolean;
  how: Reading;
  /** Other rewrites, best first, in simplified characters (convert with `script`), tried when `understood` finds nothing (煤电装机 → 新能源装机, then → 新能源). */
  alternatives: string[];
  /** The question's script. */
  script?: Script;
  /** The words the rewrite brought in (新能源, 克拉玛依市, the referent of 他): an answer should be about them. */
  fillers: string[];
  /** Those of them that replaced the measure (新能源): the figure that answers should measure them. */
  measures: string[];
  /** Whether the question as typed names a place, person, organisation or other name of its own: not rewritten, it is answered as if asked alone, not kept to the conversation's document. */
  names?: boolean;
}

/** Simplified forms of the turns' questions, which every next question reads again (bounded). */
const simplifiedTurns = new Map<string, string>();
function simplifiedTurn(text: string): string {
  let s = simplifiedTurns.get(text);
  if (s === undefined) {
    s = toSimplified(text);
    if (simplifiedTurns.size >= 2000) simplifiedTurns.delete(simplifiedTurns.keys().next().value as string);
    simplifiedTurns.set(text, s);
  }
  return s;
}

/** A turn's question in simplified characters and its words: kept in the turn since it was made, else read now (a turn from an older log). */
function readTurn(turn: Turn, reader: QuestionReader): { text: string; segments: readonly Segment[] } {
  const kept = turn.read;
  if (kept && typeof kept.text === 'string' && Array.isArray(kept.segments)) return kept;
  const text = simplifiedTurn(turn.understood);
  return { text, segments: reader.segments(text) };
}

/** Turns kept per conversation: a pronoun may point two questions back. */
export const MAX_TURNS = 3;

const NAMED: ReadonlySet<SlotType> = new Set(['place', 'person', 'org', 'entity']);
/** Single characters that make the word before them a place (克拉玛依 + 市): Chinese administrative suffixes. */
const PLACE_SUFFIX_CHAR = /^[市县州省区镇乡村旗盟]$/u;
const PLACE_SUFFIX = /[市县州省区镇乡村旗盟国]$/u;
/** Endings of organisation names (general Chinese morphology, not any one document's words). */
const ORG_SUFFIX = /(?:公司|集团|大学|学院|学校|中学|小学|银行|协会|学会|委员会|政府|医院|研究院|研究所|中心|开发区|园区|基地|组织|联盟|俱乐部|乐队|球队|电视台|报社|出版社|基金会|法院|部|局|厅|署)$/u;
/** A word that is itself a name ending (银行 in 西贡 商信 银行, 广场 in 富国银行 广场: a building), not a noun ending in one (总部). */
const NAME_ENDING = new RegExp(`^(?:${ORG_SUFFIX.source.slice(3, -2)}|广场|大厦|大楼|大桥|公园|机场|车站)$`, 'u');
/** A year written in Chinese numerals (三年, 二十六年) or a month or day (十二月, 初四日). */
const CHINESE_DATE = /^(?:[一二三四五六七八九十百零〇两]+年|[一二三四五六七八九十]+月|初?[一二三四五六七八九十]+日)$/u;
/** The year of an era (26年, 三年): at most three digits. */
const ERA_YEAR = /^(?:\d{1,3}|[一二三四五六七八九十百零〇两]+)年$/u;
const PERIOD = /季度|半年|月|周|日|天/u;
const ASKING = /^(?:怎么|怎样|如何|是否|吗|么)$/u;
const UNIT_WORD = new RegExp(`^[万亿千百]{0,3}(?:${UNITS.join('|')})$|^[万亿]+$`, 'u');

/**
 * Builds the reader from the engine's query lexicon, jieba's word classes (kept in the snapshot
 * as CommonWords) and the words of the figures' measures (what the corpus counts: 新能源项目 → 新能源).
 */
export function createQuestionReader(lexicon: Vocabulary, common: CommonWords, passages: readonly Passage[]): QuestionReader {
  const classes = new Map<string, string>();
  common.words.forEach((w, i) => {
    const c = common.nouns[i]!;
    if (c !== '0') classes.set(w, c);
  });
  const commonType = (w: string): SlotType | undefined => {
    const cls = classes.get(w);
    if (cls === '2') return 'place';
    if (cls === '3') return 'person';
    if (cls === '4') return 'org';
    if (cls === '5') return 'time';
    if (cls === '1' || cls === '6') return 'noun';
    return lexicon.nonNouns.has(w) ? 'word' : undefined;
  };
  /** A name by its ending (克拉玛依市, 准东开发区), for words jieba's common words do not hold. */
  const suffixType = (w: string): SlotType | undefined =>
    // Organisations first: 开发区 and 园区 end in 区 too.
    [...w].length < 2 ? undefined : ORG_SUFFIX.test(w) ? 'org' : PLACE_SUFFIX.test(w) ? 'place' : undefined;
  // Words of the documents' headlines: a word the corpus uses that no dictionary knows is a name
  // when a title carries it (泡泡战士), else a term of the text (经纪商).
  const titleWords = new Set<string>();
  const titles = new Map<string, string>();
  for (const p of passages) {
    if (p.kind !== 'headline') continue;
    if (!titles.has(p.doc)) titles.set(p.doc, p.text);
    for (const run of p.text.match(/\p{Script=Han}+/gu) ?? []) for (const s of cutWords(run, lexicon.words)) titleWords.add(s.text);
  }
  const measures = new Set<string>();
  const seen = new Set<string>();
  outer: for (const p of passages) {
    for (const f of p.figures) {
      if (!f.measure || seen.has(f.measure)) continue;
      // Bounded: a huge corpus repeats its measures; the first 20k distinct ones say what it counts.
      if (seen.size >= 20_000) break outer;
      seen.add(f.measure);
      for (const run of f.measure.match(/\p{Script=Han}+/gu) ?? []) {
        for (const s of cutWords(run, lexicon.words)) {
          // Only what the figure counts: not the verbs, places and names around it.
          if ([...s.text].length < 2 || lexicon.places.has(s.text) || lexicon.stopWords.has(s.text)) continue;
          const t = commonType(s.text) ?? suffixType(s.text);
          if (t === undefined || t === 'noun') measures.add(s.text);
        }
      }
    }
  }

  const typeOf = (word: string): SlotType => {
    const w = word.toLowerCase();
    if (TIME_WORDS.has(w)) return 'time';
    if (/^第?\d/.test(w)) return /(?:年|月|日)$/u.test(w) ? 'time' : 'number';
    if (CHINESE_DATE.test(w)) return 'time';
    // A unit after 多少 (多少万吨) says what kind of answer, like the question word.
    if (lexicon.stopWords.has(w) || QUESTION_WORD.test(w) || ASKING.test(w) || UNIT_WORD.test(w)) return 'function';
    const alternatives = [w, ...(lexicon.synonyms.get(w) ?? [])];
    if (alternatives.some((a) => lexicon.places.has(a))) return 'place';
    const known = commonType(w);
    if (known) return known;
    // Not a common word: a name if it (or a synonym: 准东 ↔ 准东开发区) ends like one, a measure if the corpus counts it.
    for (const a of alternatives) {
      const t = suffixType(a);
      if (t) return t;
    }
    if (alternatives.some((a) => measures.has(a))) return 'noun';
    if (/^[a-z]+$/u.test(w)) return lexicon.synonyms.has(w) ? 'noun' : 'entity';
    if ([...w].length < 2) return 'word';
    // A word the corpus never uses is a name of something it does not cover (哈密, 北京大学).
    return !lexicon.has(w) || titleWords.has(w) ? 'entity' : 'noun';
  };

  // The previous turns are read again at every question: their words are kept (bounded).
  const cache = new Map<string, Segment[]>();
  return {
    clear: () => {
      cache.clear();
      simplifiedTurns.clear();
    },
    alternatives: (word) => [word, ...(lexicon.synonyms.get(word.toLowerCase()) ?? [])],
    counted: (word) => measures.has(word),
    title: (doc) => titles.get(doc),
    segments(text: string): Segment[] {
      const hit = cache.get(text);
      if (hit) return hit;
      const segs = cut(text);
      if (cache.size >= 2000) cache.delete(cache.keys().next().value as string);
      cache.set(text, segs);
      return segs;
    },
  };

  function cut(text: string): Segment[] {
      const out: Segment[] = [];
      const plain = (s: string, offset: number): void => {
        for (const m of s.matchAll(/\p{Script=Han}+|[A-Za-z]+|\d+(?:\.\d+)?/gu)) {
          let at = offset + m.index;
          if (!/\p{Script=Han}/u.test(m[0])) {
            out.push({ text: m[0], start: at, end: at + m[0].length, type: typeOf(m[0]) });
            continue;
          }
          for (const w of cutWords(m[0], lexicon.words)) {
            const prev = out.at(-1);
            // 克拉玛依 + 市: an administrative suffix right after a word makes one place name.
            if (prev && prev.end === at && PLACE_SUFFIX_CHAR.test(w.text) && (NAMED.has(prev.type) || prev.type === 'noun')) {
              prev.text += w.text;
              prev.end += w.text.length;
              prev.type = 'place';
            } else out.push({ text: w.text, start: at, end: at + w.text.length, type: typeOf(w.text) });
            at += w.text.length;
          }
        }
      };
      let last = 0;
      for (const m of text.matchAll(NUMBER_TOKEN)) {
        plain(text.slice(last, m.index), last);
        out.push({ text: m[0], start: m.index, end: m.index + m[0].length, type: typeOf(m[0]) });
        last = m.index + m[0].length;
      }
      plain(text.slice(last), last);
      // 民国 26年, 宣统 三年, 昭和 20年: an era's name before a year of at most three digits (a
      // Gregorian year has four) is one date.
      for (let i = out.length - 1; i > 0; i--) {
        const year = out[i]!;
        const era = out[i - 1]!;
        if (year.type !== 'time' || !ERA_YEAR.test(year.text) || era.end !== year.start || era.type === 'function' || era.type === 'time' || !/^\p{Script=Han}{2}$/u.test(era.text)) continue;
        out.splice(i - 1, 2, { text: era.text + year.text, start: era.start, end: year.end, type: 'time' });
      }
      return out;
  }
}

/** What a pronoun or deictic may stand for. */
type RefKind = 'person' | 'place' | 'thing' | 'any';

/** Pronouns and deictics (它, 他, 其, 该, 这个, 那里, 这家, 此 …), matched on whole segments so 其中, 其他, 因此 are not. */
const REFERENCE: Array<[RegExp, RefKind, boolean]> = [
  // [pattern on a segment, what it stands for, whether a noun after it belongs to the phrase]
  [/^(?:他|她)们?$/u, 'person', false],
  [/^(?:这|那|该|此)位$|^此人$|^该人$/u, 'person', true],
  [/^它们?$/u, 'thing', false],
  [/^其$/u, 'any', false],
  [/^(?:那里|这里|那儿|这儿|当地|此地|此处|该地|本地)$/u, 'place', false],
  [/^(?:该|此|本)[市县州省区国镇乡村]$/u, 'place', false],
  [/^(?:这|那)座$/u, 'place', true],
  [/^(?:这|那)[个家所部本首条项]$|^(?:该|此)[个家所部本首条项]?$/u, 'thing', true],
];

/** A question asking what something is called: its answer names a thing (峨眉山最高峰叫什么). */
const NAMING = /(?:叫|叫做|名叫|称为|称作|名为)(?:什么|甚么|啥)/u;
/** "This" without a noun: after an amount, it is what the amount measured. */
const DEMONSTRATIVE = /^(?:这|这个|此|这一)$/u;

/** Where a reference phrase is and what it may stand for. */
interface Reference {
  start: number;
  end: number;
  kind: RefKind;
  /** The noun it determines (该开发区 → 开发区), if any. */
  noun?: string;
}

function findReferences(segs: readonly Segment[]): Reference[] {
  const refs: Reference[] = [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const rule = REFERENCE.find(([re]) => re.test(s.text));
    if (!rule) continue;
    const [, kind, takesNoun] = rule;
    const next = segs[i + 1];
    if (takesNoun && next && next.start === s.end && next.type !== 'function' && next.type !== 'time' && next.type !== 'number') {
      refs.push({ start: s.start, end: next.end, kind, noun: next.text });
      i++;
    } else if (takesNoun && !/^(?:这|那)/u.test(s.text) && s.text.length === 1) {
      // A bare 该 / 此 before a function word determines nothing we can name.
      continue;
    } else if (!takesNoun || s.text.length > 1) refs.push({ start: s.start, end: s.end, kind });
  }
  return refs;
}

/** A named thing the previous turns mentioned or were answered with, most salient first. */
interface Candidate {
  text: string;
  type: SlotType;
  from: 'answer' | 'question' | 'passage';
}

/**
 * The names of a question as whole phrases: a run of named words with the name endings written
 * after them (美特斯 邦威, 西贡 商信 银行: 银行 ends an organisation's name), typed by the
 * ending or by the run's first name.
 */
function namePhrases(segs: readonly Segment[]): Array<{ text: string; type: SlotType }> {
  const out: Array<{ text: string; type: SlotType }> = [];
  for (const run of runs(segs, (s) => isNamed(s) || s.type === 'noun')) {
    const first = run.findIndex(isNamed);
    if (first < 0) continue;
    // The name ends at its last named word or name ending; nouns after it (总部, 最高峰) are what the question asks of it.
    let last = first;
    for (let i = first + 1; i < run.length; i++) if (isNamed(run[i]!) || NAME_ENDING.test(run[i]!.text)) last = i;
    const words = run.slice(first, last + 1);
    const tail = words.at(-1)!;
    const type: SlotType = isNamed(tail) ? (words.length === 1 ? tail.type : words[0]!.type) : ORG_SUFFIX.test(tail.text) ? 'org' : 'place';
    out.push({ text: words.map((x) => x.text).join(''), type });
  }
  return out;
}

function candidatesOf(turn: Turn, reader: QuestionReader): Candidate[] {
  const out: Candidate[] = [];
  if (turn.answer?.person) out.push({ text: turn.answer.person, type: 'person', from: 'answer' });
  if (turn.answer?.place) out.push({ text: turn.answer.place, type: 'place', from: 'answer' });
  const segs = readTurn(turn, reader).segments;
  const phrases = namePhrases(segs);
  for (const ph of phrases) out.push({ text: ph.text, type: ph.type, from: 'question' });
  // A question naming nothing is about its first noun phrase before any function word (柏林围墙是…, 景栋是谁…): its subject.
  const firstFunction = segs.findIndex((s) => s.type === 'function');
  const subject = phrases.length === 0 ? runs(segs.slice(0, firstFunction < 0 ? segs.length : firstFunction), isMeasure)[0] : undefined;
  if (subject && subject[0] === segs[0]) out.push({ text: subject.map((x) => x.text).join(''), type: 'noun', from: 'question' });
  for (const p of turn.answer?.people ?? []) out.push({ text: p, type: 'person', from: 'passage' });
  return out;
}

function pickReferent(ref: Reference, candidates: readonly Candidate[], question: string): Candidate | undefined {
  const usable = candidates.filter((c) => !question.includes(c.text));
  if (ref.noun) {
    // 该开发区 → 准东开发区: a name ending in the noun (or its category character) is what it determines.
    const tail = ref.noun.slice(-1);
    const byName = usable.find((c) => c.text.endsWith(ref.noun!) && c.text !== ref.noun) ?? usable.find((c) => c.text.length > 1 && c.text.endsWith(tail) && c.type !== 'person');
    if (byName) return byName;
  }
  const first = (...types: SlotType[]): Candidate | undefined => {
    for (const from of ['answer', 'question', 'passage'] as const) {
      const c = usable.find((x) => x.from === from && types.includes(x.type));
      if (c) return c;
    }
    return undefined;
  };
  switch (ref.kind) {
    case 'person':
      // A biography's subject is often a name jieba does not know (an `entity`).
      return first('person') ?? usable.find((c) => c.from === 'question' && c.type === 'entity');
    case 'place':
      // A place jieba does not know (景栋) is a name of the question.
      return first('place') ?? usable.find((c) => c.from === 'question' && c.type !== 'person');
    case 'thing':
      // jieba tags some places as people (东德, 克拉玛依): a "person" of the question is the last resort.
      return usable.find((c) => c.from === 'question' && c.type !== 'person') ?? first('org', 'entity', 'place') ?? usable.find((c) => c.from === 'question');
    case 'any':
      return first('person', 'place', 'org', 'entity');
  }
}

/** Replaces spans of a text (non-overlapping edits, any order). */
function applyEdits(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The contiguous spans of segments of one class (named, time, number, noun) in order. */
function runs(segs: readonly Segment[], keep: (s: Segment) => boolean): Segment[][] {
  const out: Segment[][] = [];
  let current: Segment[] = [];
  for (const s of segs) {
    if (keep(s) && (current.length === 0 || current.at(-1)!.end === s.start)) current.push(s);
    else {
      if (current.length) out.push(current);
      current = keep(s) ? [s] : [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

const span = (run: readonly Segment[]): { start: number; end: number } => ({ start: run[0]!.start, end: run.at(-1)!.end });
const isNamed = (s: Segment): boolean => NAMED.has(s.type);
const isMeasure = (s: Segment): boolean => s.type === 'noun';

/**
 * Fills the previous question with the fragment of an elliptical one (那克拉玛依市呢, 新能源呢,
 * 去年呢): each kind of word replaces the word of the same kind. Returns the rewrites, best
 * first, or [] when the fragment has nothing to put anywhere.
 */
function fillEllipsis(
  fragment: string,
  fragSegs: readonly Segment[],
  previous: string,
  prevSegs: readonly Segment[],
  fillers: string[],
  measureFillers: string[],
  counted: (word: string) => boolean,
): string[] {
  const content = fragSegs.filter((s) => s.type !== 'function');
  if (content.length === 0) return [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const taken = new Set<Segment>();
  let alternative: { start: number; end: number; text: string } | undefined;
  let primaryIndex = -1;
  const unitEdits: Array<{ start: number; end: number; text: string }> = [];

  const named = runs(fragSegs, isNamed);
  if (named.length > 0) {
    const filler = fragment.slice(span(named[0]!).start, span(named.at(-1)!).end);
    fillers.push(filler);
    const type = named[0]![0]!.type;
    const target = prevSegs.find((s) => s.type === type && !taken.has(s));
    // Else a word ending alike: 社会党 for 公明党 (or 红星 党), another of the same kind of thing.
    const alike = target ? undefined : endingAlike(prevSegs, filler, taken);
    const other = target || alike ? undefined : prevSegs.find((s) => isNamed(s) && !taken.has(s));
    if (target || other) {
      // A name written as several words (准东 开发区) is replaced whole.
      const run = runs(prevSegs, isNamed).find((r) => r.includes((target ?? other)!))!;
      run.forEach((s) => taken.add(s));
      edits.push({ ...span(run), text: filler });
    } else if (alike) {
      alike.forEach((s) => taken.add(s));
      edits.push({ ...span(alike), text: filler });
    } else edits.push({ start: 0, end: 0, text: filler });
  }

  // Times written together (2013年 夏天) are one time: they replace the previous question's time of the first one's kind.
  for (const r of runs(fragSegs, (s) => s.type === 'time')) {
    const t = { text: r.map((x) => x.text).join('') };
    const period = PERIOD.test(r[0]!.text);
    const times = prevSegs.filter((s) => s.type === 'time' && !taken.has(s));
    fillers.push(...statedTimes(r.map((x) => x.text)));
    const same = times.find((s) => PERIOD.test(s.text) === period);
    if (same) {
      // A date written in several words (清代 宣统三年) is replaced whole (→ 民国26年); a year
      // with a period (2023年 前三季度) keeps the slot of the other kind.
      const around = runs(prevSegs, (s) => s.type === 'time').find((x) => x.includes(same))!;
      const joined = around.some((x) => PERIOD.test(x.text)) ? [same] : around;
      joined.forEach((x) => taken.add(x));
      edits.push({ start: joined[0]!.start, end: joined.at(-1)!.end, text: t.text });
    } else {
      // 成立时 (when it was founded) is the previous question's time: a date replaces the clause.
      const clause = times.length === 0 && !period ? prevSegs.findIndex((q, i) => i > 0 && !taken.has(q) && /^(?:时|时候)$/u.test(q.text) && prevSegs[i - 1]!.type === 'word' && prevSegs[i - 1]!.end === q.start) : -1;
      if (clause > 0) {
        taken.add(prevSegs[clause]!);
        edits.push({ start: prevSegs[clause - 1]!.start, end: prevSegs[clause]!.end, text: t.text });
        continue;
      }
      // A year goes before a period (去年 + 前三季度); otherwise at the start.
      const at = !period && times[0] ? times[0].start : (times.at(-1)?.end ?? 0);
      edits.push({ start: at, end: at, text: t.text });
    }
  }

  for (const n of fragSegs.filter((s) => s.type === 'number')) {
    const target = prevSegs.find((s) => s.type === 'number' && !taken.has(s));
    if (!target) return [];
    taken.add(target);
    fillers.push(n.text);
    edits.push({ start: target.start, end: target.end, text: n.text });
  }

  const isContent = (x: Segment): boolean => x.type === 'noun' || x.type === 'word';
  // In the previous question name endings right after a name (富国银行 广场, 西湖 银行 广场) are part of the name, not of the measure.
  const ofName = new Set<Segment>();
  prevSegs.forEach((q, i) => {
    const before = prevSegs[i - 1];
    if (before && before.end === q.start && NAME_ENDING.test(q.text) && (isNamed(before) || ofName.has(before))) ofName.add(q);
  });
  const isPrevContent = (x: Segment): boolean => isContent(x) && !ofName.has(x);
  const fill = runs(fragSegs, named.length > 0 ? isMeasure : (x) => isContent(x) || x.type === 'entity');
  if (fill.length > 0) {
    const filler = fragment.slice(span(fill[0]!).start, span(fill.at(-1)!).end);
    const fillSegs = fill.flat();
    // The previous question's measure: its first run of content words with a noun in it
    // (煤电 装机, GDP 增速); the last noun is the head, words after it (增速, 突破) stay.
    // The last such run: the measure is the noun phrase nearest the question's predicate (…的新能源项目超过多少).
    const prevRun = runs(prevSegs, isPrevContent).filter((r) => r.some(isMeasure) && !r.some((x) => taken.has(x))).at(-1);
    if (!prevRun) return [];
    const headAt = prevRun.findLastIndex(isMeasure);
    const head = prevRun[headAt]!;
    // The noun phrase ending at the head (煤电 装机); verbs before it (积极 推进) stay.
    let from = headAt;
    while (from > 0 && isMeasure(prevRun[from - 1]!)) from--;
    const first = prevRun[from]!;
    const whole = { start: first.start, end: head.end, text: filler };
    // 煤电装机 + 新能源 → 新能源装机: a one-word fragment replaces the modifiers and keeps the head
    // (Chinese compounds are head-final); replacing the head too is the fallback.
    if (from < headAt && fillSegs.length === 1 && !filler.endsWith(head.text)) {
      primaryIndex = edits.length;
      edits.push({ start: first.start, end: head.start, text: filler });
      alternative = whole;
    } else edits.push(whole);
    fillers.push(filler);
    measureFillers.push(filler);
    // 首府是哪里 + 面积呢: what the corpus counts is asked how much, whatever the old question word asked.
    const asked = prevSegs.find((q) => q.type === 'function' && /^(?:哪里|哪儿|哪|谁|什么|何地|何处|哪个|哪位)$/u.test(q.text));
    // Only a bare attribute (面积, 人口): 凤岭校区 after 新民校区 is another of the same things, asked alike.
    if (asked && fillSegs.length === 1 && counted(fillSegs[0]!.text) && !prevSegs.some((q) => q.text === fillSegs[0]!.text)) {
      // 在哪里 → 是多少: an amount is not somewhere.
      const at = prevSegs[prevSegs.indexOf(asked) - 1];
      if (at && at.text === '在' && at.end === asked.start) edits.push({ start: at.start, end: asked.end, text: '是多少' });
      else edits.push({ start: asked.start, end: asked.end, text: '多少' });
    }
    // 多少名院士专家 → 多少创新平台, 多少万吨煤制烯烃 → 多少煤制气: the new measure may take
    // another classifier or unit, so the old one is not kept.
    prevSegs.forEach((q, i) => {
      const bare = /^(多少|几)[个种次位条项名家座]$/u.exec(q.text);
      if (bare && q.type === 'function') unitEdits.push({ start: q.start, end: q.end, text: bare[1]! });
      const before = prevSegs[i - 1];
      if (UNIT_WORD.test(q.text) && before && before.end === q.start && /^(?:多少|几)/u.test(before.text)) unitEdits.push({ start: q.start, end: q.end, text: '' });
    });
  }

  if (edits.length === 0) return [];
  // Best first: the head kept, then replaced; each with the old unit kept (it often still fits:
  // 煤制烯烃 and 煤制甲醇 are both counted in 万吨), then dropped. Edits never overlap: units are function words.
  const heads = alternative ? [edits, edits.map((e, i) => (i === primaryIndex ? alternative! : e))] : [edits];
  const out: string[] = [];
  for (const base of heads) for (const withUnits of unitEdits.length ? [base, [...base, ...unitEdits]] : [base]) out.push(applyEdits(previous, withUnits));
  // A time alone (2013年夏天呢) asks what happened then: the previous question's predicate may
  // not hold at the other time (开始效力 in one year, 加盟 in another). Last, tried only when the
  // readings above find nothing stating the time: the question's names, times, numbers, what the
  // corpus counts and its question phrase, without its verbs.
  if (content.every((x) => x.type === 'time')) {
    const core = applyEdits(previous, [...edits, ...predicateCuts(prevSegs, taken, counted)]);
    if (core !== previous) out.push(core);
  }
  return [...new Set(out)];
}

/**
 * The words of a question that end as a name does (公明党 for 社会党, 红星 党 for 国民党: the last
 * character says what kind of thing it is), when no name of its kind is there; undefined when none.
 */
function endingAlike(segs: readonly Segment[], name: string, taken: ReadonlySet<Segment>): Segment[] | undefined {
  const chars = [...name];
  if (chars.length < 2) return undefined;
  const ending = chars.at(-1)!;
  const content = (s: Segment | undefined): s is Segment => s !== undefined && !taken.has(s) && s.type !== 'function' && s.type !== 'time' && s.type !== 'number';
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (!content(s) || !s.text.endsWith(ending) || s.text === name) continue;
    if ([...s.text].length > 1) return [s];
    // A one-character ending cut off its name (红星 党): the word before it is the rest of the name.
    const before = segs[i - 1];
    if (content(before) && before.end === s.start) return [before, s];
  }
  return undefined;
}

/**
 * How the new words of a time are checked in an answer: its first word as written, a later one by
 * its first character after the words before it (2013年 夏天 is often written 2013年夏 or 2013年夏季).
 */
function statedTimes(words: readonly string[]): string[] {
  return words.map((w, i) => (i === 0 ? w : words.slice(0, i).join('') + [...w][0]!));
}

/** Deletions of a question's predicate before its question word: verbs and nouns the corpus does not count (开始 效力 于), and the function words they govern. */
function predicateCuts(segs: readonly Segment[], taken: ReadonlySet<Segment>, counted: (word: string) => boolean): Array<{ start: number; end: number; text: string }> {
  const asked = segs.findIndex((q) => q.type === 'function' && QUESTION_WORD.test(q.text));
  if (asked < 0) return [];
  const cuts: Array<{ start: number; end: number; text: string }> = [];
  let dropping = false;
  for (const q of segs.slice(0, asked)) {
    const drop = !taken.has(q) && (q.type === 'word' || (q.type === 'noun' && !counted(q.text)));
    // 效力 于, 拿到 了: a function word right after a dropped word goes with it.
    if (drop || (dropping && q.type === 'function')) cuts.push({ start: q.start, end: q.end, text: '' });
    dropping = drop || (dropping && q.type === 'function');
  }
  return cuts;
}

/** The question's end punctuation, kept when it is rewritten. */
const TRAILING = /[\s？?。．.！!，,、…~～]+$/u;
const ELLIPSIS = /^(?:那么|那|而|还有|另外)?(.+?)的?(?:呢|又是多少|又有多少|又如何|怎么样|如何)$/u;
/** A fragment opening with a possessive pronoun: 他母亲, 她的丈夫, 它的面积. */
const POSSESSIVE = /^(?:他|她|它|其)们?的?(\p{Script=Han}{2,}.*)$/u;
const OPENER = /^(?:那么|那)(?![里儿个些样么])(.+)$/u;

/**
 * Reads a question against the conversation: 那X呢 / X呢 fill the previous question's slot of
 * X's kind; a pronoun or deictic is replaced by what the previous question or answer was about;
 * a question that stands on its own is left alone, and one that cannot be read against the
 * previous is answered as it is.
 */
export function understand(question: string, conversation: Conversation | null | undefined, reader: QuestionReader): Understanding {
  let names = false;
  const as = (how: Reading): Understanding => ({ question, understood: question, rewritten: false, how, alternatives: [], fillers: [], measures: [], names });
  const fillers: string[] = [];
  const measureFillers: string[] = [];
  const turns = conversation?.turns ?? [];
  const previous = turns.at(-1);
  if (!previous) return as('new');
  const clean = sanitize(question);
  const simplified = toSimplified(clean);
  const script = simplified === clean ? 'simplified' : detectScript(clean, simplified);
  const ending = TRAILING.exec(simplified)?.[0] ?? '';
  const body = simplified.slice(0, simplified.length - ending.length);
  if (!body) return as('unread');
  const segs = reader.segments(body);
  names = segs.some(isNamed);
  const done = (how: Reading, texts: string[]): Understanding => {
    // Only the first reading is converted to the asker's script here; the others (asked only when
    // it finds nothing) are converted when asked, by `converse`.
    const understood = toScript(texts[0]!, script);
    if (understood === question) return as('unread');
    // Last, each reading that asks where something is, asked as texts state it (凤岭校区位于…).
    const located = texts.filter((t) => WHERE_IS.test(t)).map((t) => t.replace(WHERE_IS, '位于$1'));
    return { question, understood, rewritten: true, how, alternatives: [...texts.slice(1), ...located], script, fillers, measures: measureFillers, names };
  };

  const asks = segs.some((s) => s.type === 'function' && (QUESTION_WORD.test(s.text) || ASKING.test(s.text)));
  const m = ELLIPSIS.exec(body);
  // 他母亲呢 after 忽必烈的父亲是谁: a possessive pronoun in a fragment keeps the previous question's
  // subject (the parallel question), so the fragment fills it as 母亲呢 would.
  const possessed = m && !asks ? POSSESSIVE.exec(m[1]!.replace(/^(?:那么|那)/u, '')) : null;
  const refs = possessed ? [] : findReferences(segs);
  if (refs.length > 0) {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    for (const ref of refs) {
      let referent: Candidate | undefined;
      // The last turn first; a pronoun may point further back when the last named nothing.
      const phrase = body.slice(ref.start, ref.end);
      // 这个在全疆排第几 after an amount: "this" is what the amount measured (昌吉州 + 煤电装机).
      const measured = previous.answer?.measure;
      if (measured && ref.kind === 'thing' && !ref.noun && DEMONSTRATIVE.test(phrase)) {
        const name = candidatesOf(previous, reader).find((c) => c.from === 'question' && !measured.includes(c.text) && !body.includes(c.text));
        referent = { text: (name?.text ?? '') + measured, type: 'noun', from: 'answer' };
      }
      // 它 after 峨眉山最高峰叫什么: "it" is the thing that was named (峨眉山最高峰), not its owner.
      const prevRead = readTurn(previous, reader);
      if (!referent && ref.kind === 'thing' && !ref.noun && NAMING.test(prevRead.text)) {
        const named = runs(prevRead.segments, (x) => isNamed(x) || isMeasure(x)).find((r) => r.some(isNamed) && r.some(isMeasure) && !isMeasure(r[0]!));
        if (named && !body.includes(named.map((x) => x.text).join(''))) referent = { text: named.map((x) => x.text).join(''), type: 'noun', from: 'question' };
      }
      for (let i = turns.length - 1; i >= 0 && !referent; i--) referent = pickReferent(ref, candidatesOf(turns[i]!, reader), body);
      if (!referent) continue;
      const after = body.slice(ref.end, ref.end + 1);
      // 其总部 → X的总部; 他的 stays X的; 该开发区 → 准东开发区 (the name replaces the phrase).
      const possessive = phrase === '其' && after !== '的' && after !== '' ? '的' : '';
      edits.push({ start: ref.start, end: ref.end, text: referent.text + possessive });
      fillers.push(referent.text);
    }
    if (edits.length > 0) return done('reference', [applyEdits(body, edits) + ending]);
    return as('unread');
  }

  const hasNamed = segs.some(isNamed);
  if (m && !asks) {
    const fragment = possessed ? possessed[1]! : m[1]!.replace(/^(?:那么|那)/u, '');
    const fragSegs = reader.segments(fragment);
    // 那克拉玛依市的GDP增速呢 names its own place and measure: it stands alone.
    if (fragSegs.some(isNamed) && fragSegs.some(isMeasure)) return as('standalone');
    const { text: prev, segments: prevSegs } = readTurn(previous, reader);
    const filled = fillEllipsis(fragment, fragSegs, prev, prevSegs, fillers, measureFillers, reader.counted);
    if (filled.length > 0) return done('ellipsis', filled);
    // 东德是哪天成立的 + 首都呢: no measure to replace, so the fragment is asked about the previous topic (东德的首都).
    const names = runs(prevSegs, isNamed).map((r) => r.map((x) => x.text).join(''));
    if (names.length === 0 || fragSegs.some(isNamed)) return as('unread');
    fillers.push(...names);
    // Asked as the previous question asked (a fragment has no question word of its own): what it
    // is, or how much when the corpus counts it; then the fragment alone, which the conversation's
    // document (kept for a follow-up) supplies the topic of.
    const asked = reader.counted(fragment) ? '是多少' : '是什么';
    return done('ellipsis', [`${names.join('')}的${fragment}${asked}${ending || '？'}`, `${fragment}${asked}${ending || '？'}`]);
  }

  const opener = OPENER.exec(body);
  if (opener && asks && !hasNamed) {
    // 那绿电比例是多少 after a question about 准东开发区: the topic carries over. Without the 那 a
    // question is taken as it stands: measured on the conversation set, carrying the topic into
    // every question that names nothing rewrote questions that stood alone (梵语的…, 日产汽车…).
    const prevSegs = readTurn(previous, reader).segments;
    const names = runs(prevSegs, isNamed).map((r) => r.map((s) => s.text).join(''));
    if (names.length === 0) return as('unread');
    fillers.push(...names);
    return done('carry', [names.join('') + opener[1]! + ending]);
  }
  return as('standalone');
}

/** What an answer was about, for the next question's pronouns: who/where answers and the people its passage names. */
export function turnOf(understood: string, answer: Answer): Turn {
  const turn: Turn = { understood };
  if (!answer.found) return turn;
  // An answer split over several documents has no one document to keep to.
  if (!answer.byDocument && answer.passages[0]) turn.doc = answer.passages[0].doc;
  const intent = detectIntent(toSimplified(understood));
  const short = toSimplified(answer.answer);
  const about: NonNullable<Turn['answer']> = {};
  // Only a short direct answer is a name; a long one is the passage itself.
  if (short.length <= 12 && !/[，。；、\s]/u.test(short)) {
    // A transliterated name is written with a middle dot (约翰·特纳): the answer may be one part of it.
    const dotted = intent === 'person' ? answer.passages.map((p) => p.text.match(/\p{Script=Han}+(?:[·・•]\p{Script=Han}+)+/gu)?.find((n) => n.includes(short))).find(Boolean) : undefined;
    if (intent === 'person') about.person = dotted ?? short;
    else if (intent === 'place') about.place = short;
  }
  // An amount's measure (煤电装机), for a next question's 这个.
  const figure = answer.figures[0];
  if (intent === 'quantity' && figure && short.includes(toSimplified(figure.text)) && figure.measure) about.measure = figure.measure;
  const top = answer.passages[0];
  const people = top ? findPeople(top.text).slice(0, 3) : [];
  if (people.length > 0) about.people = people;
  if (Object.keys(about).length > 0) turn.answer = about;
  return turn;
}

/** The conversation after a turn: the new turn appended, the oldest dropped beyond MAX_TURNS. */
export function extend(conversation: Conversation | null | undefined, turn: Turn): Conversation {
  return { turns: [...(conversation?.turns ?? []), turn].slice(-MAX_TURNS) };
}

/** The answer to a question read in a conversation, and the conversation after it. */
export interface ConversationAnswer {
  answer: Answer;
  conversation: Conversation;
  understanding: Understanding;
}

/**
 * Answers a question as part of a conversation: reads it against the turns before, answers the
 * understood question (trying the other readings when it finds nothing), and returns the answer
 * with `understood` set when the question was rewritten. Throws what `engine.answer` throws.
 */
export function converse(
  engine: Pick<Engine, 'answer' | 'reader' | 'passage'>,
  conversation: Conversation | null | undefined,
  question: string,
  options: AnswerOptions = {},
): ConversationAnswer {
  let understanding = understand(question, conversation, engine.reader());
  // The conversation's document (the last turn's, or the one before when the last found nothing),
  // for a question read against the conversation or naming nothing of its own: one that stands
  // alone with a name of its own is answered as if asked alone.
  const followsUp = understanding.rewritten || !understanding.names;
  const topic = followsUp ? conversation?.turns.findLast((t) => t.doc !== undefined)?.doc : undefined;
  if (topic !== undefined) options = { ...options, topic };
  let answer: Answer;
  let understood = question;
  // What the next question is read against: the rewrite, even when the typed question answered better.
  const context = understanding.understood;
  if (!understanding.rewritten) answer = engine.answer(question, options);
  else {
    // The first reading whose answer is about the words it brought in; else the first that finds anything; else the first.
    // The question as typed comes last: it wins only when its answer is better about the new words
    // than every rewrite's (a fragment like 四川呢 may find its passage better than the whole question).
    const script = understanding.script ?? 'simplified';
    const readings = [understanding.understood, ...understanding.alternatives.map((a) => toScript(a, script)).filter((a) => a !== question), question];
    const states = (text: string, words: readonly string[]): boolean =>
      words.every((f) => engine.reader().alternatives(toSimplified(f)).some((x) => text.includes(x)));
    // A passage states what its document's title names (东德 in every passage of 东德), as the ranker reads it.
    const about = (p: { text: string; doc: string } | null | undefined): string => (p ? `${p.text}\n${engine.reader().title(p.doc) ?? ''}` : '');
    // 4: as 3, and the direct answer names something (a span, not the passage); 3: the top passage
    // states the new words and the figure that answers measures the new measure (or its passage
    // states the new name); 2: the passage does; 1: something was found.
    const grade = (a: Answer): number => {
      if (!a.found) return 0;
      if (!states(about(a.passages[0]), understanding.fillers)) return 1;
      // The direct answer is the passage itself (cut with …) when no span of it answers.
      const named = a.answer.length < (a.passages[0]?.text.length ?? 0) && !a.answer.endsWith('…') ? 1 : 0;
      const figure = a.figures[0];
      if (!figure) return 3 + named;
      const others = understanding.fillers.filter((f) => !understanding.measures.includes(f));
      return states(figure.measure, understanding.measures) && states(about(engine.passage(figure.passage)), others) ? 3 + named : 2;
    };
    let best: { answer: Answer; understood: string; rank: number } | undefined;
    for (const reading of readings) {
      const a = engine.answer(reading, options);
      const rank = grade(a);
      if (!best || rank > best.rank) best = { answer: a, understood: reading, rank };
      if (rank === 4) break;
    }
    answer = best!.answer;
    understood = best!.understood;
    // A reading without the words the rewrite brought in (首都是什么, asked within 东德's document)
    // is shown, and remembered, as the whole reading (东德的首都是什么): that is what it asked.
    if (understood !== question && !states(toSimplified(understood), understanding.fillers)) understood = understanding.understood;
    if (understood === question) understanding = { ...understanding, understood, rewritten: false, alternatives: [] };
    answer = understood === question ? answer : { ...answer, question, understood };
  }
  const turn = turnOf(understood === question ? context : understood, answer);
  // Read once here, with the answer: every later question of the conversation reads this turn again.
  const text = toSimplified(turn.understood);
  turn.read = { text, segments: engine.reader().segments(text) };
  return { answer, conversation: extend(conversation, turn), understanding: { ...understanding, understood } };
}

/** The line transports show above a rewritten question's answer: 「（理解为：…）」. */
export function understoodLine(answer: Pick<Answer, 'question' | 'understood' | 'script'>): string | null {
  if (!answer.understood || answer.understood === answer.question) return null;
  return `（${answer.script === 'traditional' ? '理解為' : '理解为'}：${answer.understood}）`;
}
