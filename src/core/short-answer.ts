/**
 * The short answer: the span of the best passage that is of the type the question asks for and
 * sits where the question's words point; yes/no and comparison answers from the cited figures.
 */
import { findPeople } from './entities.js';
import type { Query } from './query.js';
import { ASKS_FOR } from './question-words.js';
import { cutWords, type WordSet } from './vocabulary.js';
import type { Figure, Passage } from './types.js';
import { UNIT_ALTERNATION, isMeasureWord, unitDimension, type UnitDimension } from './units.js';

/** What a question wants: the type of its answer. */
export type AnswerType = 'person' | 'time' | 'place' | 'number' | 'thing' | 'yesno' | 'comparison' | 'other';

/** A short answer and, when a figure states it, that figure. */
export interface ShortAnswer {
  text: string;
  figure?: Figure;
  /** For a comparison: the figures compared, each cited. */
  compared?: Figure[];
}

/** What the short answer reads: the question, the best passage and what the index knows about it. */
export interface ShortAnswerInput {
  query: Query;
  passage: Passage;
  /** Place names the passage states (jieba's `ns` words). */
  places: readonly string[];
  /** The figures of the cited passages, best first (as ranked for the question). */
  figures: readonly Figure[];
  /** The cited passages, best first: a comparison may take its two figures from two of them. */
  cited: readonly Passage[];
  /** The query segmenter's words, to cut the passage without jieba. */
  words: WordSet;
  /** jieba's tag class of a common word: 'ns' place, 'nr' person, 'n' other noun, 'x' not a noun, '' unknown. */
  tagOf: (word: string) => string;
}

/**
 * The question word, with the noun it governs (哪个国家, 什么法, 哪一场战争): the noun says the
 * type and, often, how the answer ends (凡尔赛条约 answers 哪个条约).
 */
const QUESTION_WORD =
  /(?:哪一|哪)(?:个|位|种|类|些|场|次|条|部|本|家|所|座|项|届|支|首|只|名|件|处|份|批|间|颗|篇|门|架|艘|队)?|什么|甚么|何(?:种|者)|(?<![如为任])何(?=[\p{Script=Han}])|谁|多少|几(?![乎何])(?=[\p{Script=Han}])|多(?:大|高|长|久|重|远|深|宽|快)/u;

// A person is also asked by a noun for one (哪一位作家, 哪个法国国王, 哪一名球员), the question word governing it (not 哪一年时被总统…).
const PERSON_ASKED = /谁|(?:叫|是)(?:啥|什么)名字|姓名是|哪(?:一)?位|什么人|何人|哪(?:一)?(?:个)?(?:人|名人物)(?!口|数|民)|(?:哪(?:一)?(?:个|名)?|什么)(?:(?![年月日时是被由的在为于从])[\p{Script=Han}]){0,3}?(?:学家|作家|画家|诗人|皇帝|国王|君主|总统|首相|总理|演员|歌手|导演|球员|教练|将军)/u;
// 几年 is a year (西元几年) except as a count of years (每几年, 过了几年).
// 什么时后 is how 什么时候 is often mistyped (候 and 後 sound alike); 哪时 asks it too.
const TIME_ASKED = /何时|什么时[候后]|哪时|哪(?:一)?(?:年|天|日|月|个月|个朝代|个世纪|世纪|朝|(?:个)?时期|(?:个)?时代|(?:个)?年代|段时间|段期间)|几(?:月|号|日)|(?<![每了过])几年|何年|什么(?:时间|年代|朝代|时期)/u;
// 在哪 asks where unless a measure word makes it 在哪次 / 在哪一场 / 在哪所大学 (which one); 在哪个城市 asks a place by its kind.
const PLACE_ASKED = /哪里|哪儿|何处|何地|在哪(?!一?(?:次|场|届|种|项|件|部|本|首|篇|位|所|家|间|座|条|支|队|个))|什么地方|哪(?:一)?(?:个)?(?:国家|城市|地方|地区|省|州|县|市|国|岛|洲|大陆|村|镇|区域|海域|港口|城)/u;
// 几乎 (almost) and 几何 (geometry) are words, not 几 asking a number.
const NUMBER_ASKED = /多少|几(?![乎何])[\p{Script=Han}]?|(?<![很许诸众繁颇伦差])多(?:大|高|长|重|远|深|宽|快|久)|百分之几|第几/u;
// 么 ends a yes/no question (好么), never 什么 / 怎么 / 这么 / 那么 / 多么, which ask or stress.
const YES_NO = /(?:吗|(?<![什怎这那多甚])么)[？?！!。]?$|是否|是不是|有没有|对不对|能不能|会不会|可不可以/u;
/** A comparison: A和B哪个多 / A与B谁更大 / A还是B更高. */
const COMPARISON = /^(?<a>.+?)(?:和|与|跟|还是|或)(?<b>.+?)(?:哪个|哪一个|谁|哪)(?:的)?(?:更)?(?<adj>多|大|高|长|少|小|低|短|快|慢|早|晚|重|轻)/u;
const SMALLER = /^[少小低短慢晚轻]$/u;

/**
 * Why and how. Not 称为什么 / 名为什么 (what it is called), nor 为何 ending the question or before a
 * noun (最大的岛为何, 为何人所言), which ask 是什么 / 是谁.
 */
const WHY_HOW = /(?<![称名成作译视认改])为什么|(?<![称名成作译视认改])为何(?![人地时处物种者]|[？?！!。\s]*$)|怎么|怎样|如何/u;

/**
 * The question without its final punctuation, an elided question word written out: `起因为？` and
 * `名称是？` ask 是什么, `又称为？` asks 称为什么 (the copula 为 read as 是, so that 为什么 is not read as why).
 */
function asked(question: string): string {
  const q = question.replace(/[？?！!。\s]+$/u, '');
  if (/(?<![称名成作译视认改])为何$/u.test(q)) return `${q.slice(0, -2)}是什么`;
  if (ASKS_FOR.test(q)) return q;
  // `距离为？` / `平均高度为？` name a measure: they ask 多少.
  if (/(?:距离|高度|长度|宽度|深度|面积|人口|年龄|比例|比率|价格|温度|速度|数量|重量|总数|数目|金额|人数|产量)(?:限制)?(?:大约|约|大概)?(?:为|是)$/u.test(q)) return `${q}多少`;
  if (/(?:称为|称之为|名为|译为|意为|改为|叫|叫做|叫作|是)$/u.test(q)) return `${q}什么`;
  if (/为$/u.test(q)) return `${q.slice(0, -1)}是什么`;
  // `登基的时间？` asks 是什么时候, `成立的年份？` 是哪一年.
  if (/的(?:时间|日期|时候)$/u.test(q)) return `${q}是什么时候`;
  if (/的年份$/u.test(q)) return `${q}是哪一年`;
  return q;
}

/** Reads the answer type a question asks for from its question words. */
export function answerType(question: string): AnswerType {
  // The typed-first test and each short answer ask it of the same question: read once.
  if (lastType?.question === question) return lastType.type;
  const type = readType(question);
  lastType = { question, type };
  return type;
}

/** The last question answerType read, and its type. */
let lastType: { question: string; type: AnswerType } | undefined;

function readType(question: string): AnswerType {
  const q = asked(question);
  if (COMPARISON.test(q)) return 'comparison';
  const asks = ASKS_FOR.test(q);
  if (YES_NO.test(question) && !/(?:谁|什么|哪|多少)[^吗么]*吗/u.test(q)) return 'yesno';
  if (!asks) return 'other';
  // Why and how, as the question wrote them (称为 + an elided 什么 is no 为什么).
  if (WHY_HOW.test(question)) return 'other';
  if (PERSON_ASKED.test(q)) return 'person';
  if (TIME_ASKED.test(q)) return 'time';
  if (PLACE_ASKED.test(q)) return 'place';
  if (NUMBER_ASKED.test(q)) return 'number';
  return 'thing';
}

/** The tuned constants of the short answer, each with why it has its value. */
export const SHORT_ANSWER_OPTIONS = Object.freeze({
  /** The longest non-figure span taken as a short answer (characters): DRCD/CMRC short answers are mostly under 10. */
  maxSpan: 14,
  /**
   * The least prior a thing's span needs to stand as the answer (a slot framed on both sides, a
   * governed noun's span, an apposition); a one-sided run (1.5) or a quoted name alone (1) is left
   * to the passage. Fitted on both development sets: it costs DRCD little and keeps CMRC's long answers.
   */
  thingPrior: 2.5,
  /**
   * The prior the best-ranked figure gets over the others (half for the second): the figure ranking
   * matches measures and units, the short answer only adds where the figure sits. 6 keeps the seed
   * eval's figures (a nearer figure still wins when the ranking had no measure to go on).
   */
  firstFigure: 6,
  /**
   * What a figure in the dimension a 多长 / 多重 / 多久 asks gains (one of another dimension is no
   * answer at all): half the first figure's prior, so the right dimension counts as much as being
   * the ranking's second figure.
   */
  dimensionMatch: 3,
  /**
   * What a place named with the character of the kind asked (…市 for 哪个城市) gains: more than a
   * jieba-tagged place over a guessed one (0.5), less than being framed by the question's words (2).
   */
  placeKind: 1,
  /**
   * What a place written right after 位于 / 坐落于 / 地处 gains when the question names no kind of
   * place: the verb states where the thing is, so it outweighs a place the passage names nearer the
   * question's words for something else (…是中国省级博物馆，位于哈尔滨市): twice being framed by them (2).
   */
  placeStated: 4,
  /**
   * What a year written in the era a question names (民国几年 → 民国16年) gains: as much as the
   * ranking's second figure (3), so the era outweighs a nearer bare count of years (十年).
   */
  eraAsked: 3,
});
const OPTIONS = SHORT_ANSWER_OPTIONS;
const MAX_SPAN = OPTIONS.maxSpan;
/**
 * Characters that end a span going outwards from an anchor: punctuation, and function words
 * that a noun phrase does not begin or end with (的 is kept inside: 凡尔赛条约 ← 在内的凡尔赛条约 is cut at 的).
 */
const BOUNDARY = /[\s，。；！？：、,.;!?:（）()［］[\]—…"'“”‘’《》「」『』]/u;
const EDGE_FUNCTION = /^(?:的|是|为|有|在|由|被|了|将|把|与|和|及|以|于|即|系|则|乃|就|也|都|又|还|并|而|均|亦|曾|已|共|约|达|从|对|向|给|让|使|称|叫|作|做|成|到|至|等)+|(?:的|是|为|有|在|由|被|了|将|把|与|和|及|以|于|即|则|就|也|都|又|还|并|而|均|亦|曾|已|等|之|中|时|后|前|上|里|内)+$/gu;
/** A date leading a span before a preposition (1978年在…大学): when the thing was, not the thing (2008年北京奥运会 keeps its year). */
const LEADING_TIME = /^(?:公元前?)?\d{1,4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?=[在于从自])/u;
/** A counted noun's numeral and measure word at the start of a span (一个上盖 → 上盖). */
const LEADING_COUNT = /^(?:[一二两三四五六七八九十几数]|\d+)(?:个|位|种|座|条|项|家|部|本|名|只|件|批|所)/u;

const THING_PRIOR = OPTIONS.thingPrior;
const FIRST_FIGURE = OPTIONS.firstFigure;

/** A span of the passage that may be the short answer, with how likely the way it was found makes it. */
export interface Candidate {
  start: number;
  end: number;
  text: string;
  /** How much the way it was found says it is the answer. */
  prior: number;
  figure?: Figure;
  /** A span ending with the noun the question word governs: that noun inside it is no fault. */
  head?: boolean;
}

/** Occurrences in the passage of the question's words, with a weight each (longer words say more). */
function anchorsOf(query: Query, text: string): Array<{ start: number; end: number; weight: number }> {
  const out: Array<{ start: number; end: number; weight: number }> = [];
  for (const term of query.terms) {
    if (term.kind) continue;
    for (const alt of term.alternatives) {
      if (!alt) continue;
      const weight = Math.min(4, [...alt].length) * (term.minor ? 0.5 : 1) * (term.number ? 1.5 : 1);
      for (let at = text.indexOf(alt); at >= 0; at = text.indexOf(alt, at + alt.length)) out.push({ start: at, end: at + alt.length, weight });
    }
  }
  return out;
}

/** Characters between two positions, punctuation counting extra: a clause break separates more than a character. */
function distance(text: string, a: number, b: number): number {
  const [from, to] = a <= b ? [a, b] : [b, a];
  let d = 0;
  for (let i = from; i < to; i++) d += /[，。；！？,;!?]/u.test(text[i]!) ? 8 : 1;
  return d;
}

/** How near the candidate sits to the question's words (and not on them). */
function proximity(text: string, c: Candidate, anchors: ReadonlyArray<{ start: number; end: number; weight: number }>): number {
  let s = 0;
  const best = new Map<number, number>();
  for (const a of anchors) {
    // A question word inside a figure (3个千亿级 for 几个千亿级) says it is the one meant; inside a
    // span it is what the question already knows, and the span is likely too long.
    if (a.start < c.end && c.start < a.end) {
      best.set(a.weight * 1000 + a.start, c.figure ? a.weight : c.head && a.end === c.end ? 0 : -a.weight / 2);
      continue;
    }
    const d = a.end <= c.start ? distance(text, a.end, c.start) : distance(text, c.end, a.start);
    const v = a.weight / (1 + d / 4);
    const key = a.weight * 1000 + a.start;
    if (!best.has(key) || best.get(key)! < v) best.set(key, v);
  }
  for (const v of best.values()) s += v;
  return Math.max(0, s);
}

/** Trims function words off a span's edges, a leading count (一个上盖 → 上盖) and leading verbs (实行了苏联式 → 苏联式). */
function trimSpan(span: string, words: WordSet, tagOf: (w: string) => string): string {
  // Punctuation at an edge (，依血缘关系…) belongs to the clause around the span, not to it; a quote's marks stay.
  let s = span.trim().replace(/^[，。；：、,;:\s]+|[，。；：、,;:\s]+$/gu, '');
  // Leading words jieba does not tag as nouns (实行, 成为) are the clause's verb, not the answer.
  const lead = /^\p{Script=Han}+/u.exec(s)?.[0];
  if (lead) {
    let cut = 0;
    for (const w of cutWords(lead, words)) {
      if (w.known && tagOf(w.text) === 'x' && cut + w.text.length < s.length) cut += w.text.length;
      else if (!w.known || !/^[了着过把将被在从对向以于由给让]$/u.test(w.text)) break;
      else cut += w.text.length;
    }
    s = s.slice(cut);
  }
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(EDGE_FUNCTION, '').replace(LEADING_COUNT, '').replace(LEADING_TIME, '');
    if (s === before) break;
  }
  return s;
}

/** Extends from `from` outwards (dir -1 leftwards, +1 rightwards) to a boundary, at most MAX_SPAN characters. */
function runFrom(text: string, from: number, dir: 1 | -1): [number, number] {
  let i = from;
  let n = 0;
  if (dir === 1) {
    while (i < text.length && !BOUNDARY.test(text[i]!) && n < MAX_SPAN) (i++, n++);
    return [from, i];
  }
  while (i > 0 && !BOUNDARY.test(text[i - 1]!) && n < MAX_SPAN) (i--, n++);
  return [i, from];
}

/** Quoted names in the passage: 《论自由》, 「民国四公子」, “疆电外送”. */
function quoted(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(/《[^《》]{1,20}》|[「『“][^「」『』“”]{1,16}[」』”]/gu)) {
    const inner = m[0].slice(1, -1);
    const keep = m[0].startsWith('《') ? m[0] : inner;
    const start = (m.index ?? 0) + (keep === inner ? 1 : 0);
    out.push({ start, end: start + keep.length, text: keep, prior: 1 });
  }
  return out;
}

/** The passage cut into words (the query segmenter's), with positions. */
function wordsOf(text: string, words: WordSet): Array<{ start: number; end: number; text: string; known: boolean }> {
  const out: Array<{ start: number; end: number; text: string; known: boolean }> = [];
  for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
    let at = m.index ?? 0;
    for (const w of cutWords(m[0], words)) {
      out.push({ start: at, end: at + w.text.length, text: w.text, known: w.known });
      at += w.text.length;
    }
  }
  return out;
}

/** A span the question's words frame: after the words before its question word, before the words after it. */
function slotCandidates(query: Query, text: string, words: WordSet): Candidate[] {
  const q = asked(query.text);
  const m = QUESTION_WORD.exec(q);
  if (!m) return [];
  const headAndRight = q.slice(m.index + m[0].length);
  const out: Candidate[] = [];
  // The question's words nearest its question word on each side that the passage states: the
  // answer follows the one before (…安置于 → 侨郡) and precedes the one after (…围绕).
  const placed = query.terms
    .filter((t) => !t.kind)
    .map((t) => ({ t, at: q.indexOf(t.text) }))
    .filter((x) => x.at >= 0);
  const inPassage = (t: (typeof placed)[number]['t'], from = 0): { start: number; end: number } | null => {
    let best: { start: number; end: number } | null = null;
    for (const alt of t.alternatives) {
      const at = text.indexOf(alt, from);
      if (at >= 0 && (!best || at < best.start)) best = { start: at, end: at + alt.length };
    }
    return best;
  };
  let leftEnd = -1;
  for (const x of placed.filter((x) => x.at < m.index).sort((a, b) => b.at - a.at)) {
    const hit = inPassage(x.t);
    if (hit) {
      leftEnd = hit.end;
      // A number's own 年 / 月 / 日 (2000年4|月) is the figure's, not the start of the answer.
      if (/\d/u.test(text[leftEnd - 1] ?? '')) leftEnd += /^(?:\d|[年月日号时分秒])*/u.exec(text.slice(leftEnd))![0].length;
      break;
    }
  }
  let rightStart = -1;
  let rightEnd = -1;
  // The right word is the noun the question word asks for (什么职务 → 书记, a synonym): it belongs to the answer.
  let rightIsAsked = false;
  for (const x of placed.filter((x) => x.at >= m.index + m[0].length).sort((a, b) => a.at - b.at)) {
    const hit = inPassage(x.t, leftEnd >= 0 ? leftEnd : 0);
    if (hit) {
      rightStart = hit.start;
      rightEnd = hit.end;
      rightIsAsked = x.at === m.index + m[0].length && /^(?:哪|什么|何)/u.test(m[0]) && text.slice(hit.start, hit.end) !== x.t.text;
      break;
    }
  }
  if (leftEnd >= 0 && rightStart > leftEnd && rightStart - leftEnd <= MAX_SPAN * 2) {
    const end = rightIsAsked ? rightEnd : rightStart;
    const gap = text.slice(leftEnd, end);
    if (!/[。；！？]/u.test(gap)) out.push({ start: leftEnd, end, text: gap, prior: 3, ...(rightIsAsked ? { head: true } : {}) });
  }
  if (leftEnd >= 0) {
    const [a, b] = runFrom(text, leftEnd, 1);
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), prior: 1.5 });
  }
  if (rightStart > 0) {
    const [a, b] = runFrom(text, rightStart, -1);
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), prior: 1.5 });
  }
  // The noun the question word governs (哪个条约 → 条约), or with the question word last, the noun
  // it is equated with (著名的山为哪一座 → 山): a span of the passage ending with it names which one.
  const rest = headAndRight.replace(/^(?:个|一个|种|一种)/u, '').replace(/^[呢的]+$/u, '').replace(/^的/u, '');
  const before = q.slice(0, m.index).replace(/(?:是|为|叫|称)$/u, '');
  const head = rest ? /^[\p{Script=Han}]{1,2}/u.exec(rest)?.[0] : /[\p{Script=Han}]{1,2}$/u.exec(before)?.[0]?.replace(/^的/u, '');
  // A count after the question word (哪两位可汗) asks several: no one span ending with a noun answers it.
  if (head && /^(?:哪|什么|何)/u.test(m[0]) && !/^[一二两三四五六七八九十几数\d]/u.test(head)) {
    // How far the noun runs: the first word the segmenter knows in what follows the question word.
    const first = rest ? cutWords(rest, words)[0] : undefined;
    const nounLength = Math.max(head.length, first?.known ? first.text.length : 0);
    // The noun whole, or its last character (条约 → 约), else, after the question word, its first: a kind
    // the passage names by its own word (哪个制度 → 郡县制, 哪一场战争 → 大战, 哪一种球在… → 削球).
    for (const h of [head, head.slice(-1), rest && head.length > 1 ? head[0]! : '']) {
      if (!h || /[的是在有了为]/u.test(h)) continue;
      for (let at = text.indexOf(h); at >= 0; at = text.indexOf(h, at + 1)) {
        // A character of the noun that begins a word of the passage (状 of 状态) ends no name there.
        if (h.length === 1 && h !== head.slice(-1) && words.has(text.slice(at, at + 2))) continue;
        let [a] = runFrom(text, at, -1);
        // The question's noun may run on past the two characters read (世界杯): the span ends where it
        // does, not where the question's next words do (哪所大学取得…: 大学, then the verb).
        let end = at + h.length;
        if (h === head) while (end - at < nounLength && text[end] === rest[end - at]) end++;
        // A 的-clause before the name modifies it (在内的凡尔赛条约 → 凡尔赛条约).
        const de = text.lastIndexOf('的', at - 1);
        if (de >= a && at - de > 1) a = de + 1;
        // Written straight onto its noun (凡尔赛条约) the span is a name and beats a framed slot; after
        // 的 (苏联式的政治制度) the slot before 的 is the answer.
        if (end - a > h.length) out.push({ start: a, end, text: text.slice(a, end), prior: text[at - 1] === '的' ? 2.5 : 3.5, head: true });
      }
      if (out.some((c) => c.head)) break;
    }
  }
  // 被称为什么 / 又名什么: what the passage writes after a naming verb (又称射线光学, 一种叫做「爪夷文」).
  if (/(?:称|名|叫|译|作)(?:为|做|作)?(?:什么|甚么|啥|何)/u.test(q)) {
    for (const n of text.matchAll(NAMING)) {
      const from = (n.index ?? 0) + n[0].length;
      const quote = /^[「『“]([^「」『』“”]{1,16})[」』”]|^《[^《》]{1,20}》/u.exec(text.slice(from));
      const [a, b] = quote ? [from + (quote[1] ? 1 : 0), from + (quote[1] ? 1 + quote[1].length : quote[0].length)] : runFrom(text, from, 1);
      if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), prior: 3 });
    }
  }
  // A framed slot written straight onto the governed noun (…在内的凡尔赛|条约) is that noun's name: keep the noun.
  if (head) {
    for (const c of out) if (!c.head && text.startsWith(head, c.end) && !c.text.endsWith('的')) Object.assign(c, { end: c.end + head.length, text: c.text + head, head: true });
    out.push(...appositions(text, head));
    // A quoted name ending with the noun asked about (《选举权法案》 for 哪一个法案) is that one by its name.
    for (const c of quoted(text)) if (c.text.replace(/^《|》$/gu, '').endsWith(head) && c.text.replace(/^《|》$/gu, '') !== head) out.push({ ...c, prior: 3.5, head: true });
  }
  return out;
}

/** Words that join the members of a list (A、B和C, A以及B). */
const LIST_JOIN = /、|以及|和|及|与|或/u;
/** Where a list's first member begins and its last one ends: the clause's function words around the list. */
const LIST_EDGE = /[在的是为有于将把被由从对向以]/u;

/**
 * A list the question names some members of (南海和中海以及哪一个海, 除了A、B还有): the members
 * the question does not name answer it.
 */
function listMembers(question: string, text: string): Candidate[] {
  // The question word must stand as a member (…以及哪一个, 和谁, 除了…还有): 发球线和球网的距离 asks no member, nor
  // 温网和法网都是 what they share.
  if (!/(?:、|和|与|及|以及|或)(?:其他|另外)?(?:哪|什么|谁|何)|还有|除了|以外|之外|另一/u.test(question) || /都|均|皆/u.test(question)) return [];
  const out: Candidate[] = [];
  let at = 0;
  for (const clause of text.split(/([，。；！？：,;!?:（）()])/u)) {
    const from = at;
    at += clause.length;
    const parts = clause.split(new RegExp(`(${LIST_JOIN.source})`, 'u'));
    if (parts.length < 3) continue;
    const items: Array<{ start: number; end: number }> = [];
    let pos = from;
    parts.forEach((part, i) => {
      if (i % 2 === 0) items.push({ start: pos, end: pos + part.length });
      pos += part.length;
    });
    // The first member starts after the clause's last function word before it, the last ends at the first after it.
    const first = items[0]!;
    const head = text.slice(first.start, first.end);
    for (let k = head.length - 1; k >= 0; k--) if (LIST_EDGE.test(head[k]!)) { first.start += k + 1; break; }
    const last = items[items.length - 1]!;
    const tail = text.slice(last.start, last.end);
    const cut = tail.search(new RegExp(`${LIST_EDGE.source}|等`, 'u'));
    if (cut > 0) last.end = last.start + cut;
    const named = items.filter((it) => it.end - it.start >= 2 && question.includes(text.slice(it.start, it.end)));
    if (named.length === 0) continue;
    for (const it of items) if (!named.includes(it) && it.end > it.start) out.push({ start: it.start, end: it.end, text: text.slice(it.start, it.end), prior: 3 });
  }
  return out;
}

/** Verbs that name what follows them: …称为X, 又称X, 名为X, 叫做X. */
const NAMING = /称为|称之为|称作|名为|叫做|叫作|又称|简称|俗称|别称|号称|译为|意为|改为|改名为|又名|别名|原名|本名/gu;

/** The copulas of an apposition's first pattern (X是…曲风). */
const COPULA = /[是为乃即]/u;

/** Characters after the head that state what it is (head是X, head：X), and quotes that name it (head“X”). */
const STATES_HEAD = '是为乃即：:';
const QUOTES_HEAD = '「『“《';

/**
 * Where what the head is begins, for each non-overlapping `head(?:是|为|乃|即|：|:)|head(?=[「『“《])`
 * match, left to right, as `text.matchAll` of that pattern finds them (the copula or colon is read
 * past, a quote is not), without compiling a pattern for each head. `head` is one or two Han characters.
 */
export function headStatedAt(text: string, head: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(head); at >= 0; ) {
    const after = at + head.length;
    const next = text.charAt(after);
    const end = next !== '' && STATES_HEAD.includes(next) ? after + 1 : next !== '' && QUOTES_HEAD.includes(next) ? after : -1;
    if (end < 0) {
      at = text.indexOf(head, at + 1);
      continue;
    }
    out.push(end);
    at = text.indexOf(head, end);
  }
  return out;
}

/**
 * Apposition: `X是…曲风` / `X为…山` says X is the one the question asks about; `…称为X` / `…名为X` /
 * `又称X` names it.
 */
function appositions(text: string, head: string): Candidate[] {
  const out: Candidate[] = [];
  // Both patterns with the head match only where the passage writes it: without it, none to run.
  const last = text.lastIndexOf(head);
  const written = last >= 0;
  // X是…head needs a copula before the head's last occurrence.
  const copula = written ? COPULA.exec(text) : null;
  if (copula && copula.index < last) for (const m of text.matchAll(new RegExp(`([^，。；！？、,;:：]{1,${MAX_SPAN}}?)(?:是|为|乃|即)[^，。；！？]{0,12}${head}`, 'gu'))) {
    const start = m.index ?? 0;
    const [a, b] = runFrom(text, start + m[1]!.length, -1);
    out.push({ start: a, end: b, text: text.slice(a, b), prior: 2.5 });
  }
  // Y是Z / Y为Z / Y：Z / Y“Z”: the noun asked about, then what it is (别名“夜香花”, 首府为X).
  if (written) for (const from of headStatedAt(text, head)) {
    const q = /^[「『“]([^「」『』“”]{1,16})[」』”]|^《[^《》]{1,20}》/u.exec(text.slice(from));
    const [a, b] = q ? [from + (q[1] ? 1 : 0), from + (q[1] ? 1 + q[1].length : q[0].length)] : runFrom(text, from, 1);
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), prior: 3 });
  }
  for (const m of text.matchAll(NAMING)) {
    const from = (m.index ?? 0) + m[0].length;
    const [a, b] = runFrom(text, from, 1);
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b), prior: 1 });
  }
  return out;
}

/** Verbs that state a rank right before it (位列22名). */
const RANK_VERB = /(?:位列|名列|排名|排行|排在|列|居|排)(?:第)?$/u;
/** 哪一年 / 何年 / 西元几年 ask for a year: of a full date, the year alone answers. */
export const YEAR_ASKED = /哪(?:一)?年|何年|几年|什么年份|哪个年份/u;
/** Words asking for the end of a span of time (died, ended): of a range (1892年–1980年), its last part answers. */
const LAST_OF_RANGE = /去世|逝世|死|卒|结束|终止|停止|退役|退休|解散|灭亡|截至|到期/u;
/** A range's separator between two figures of one measure (100米至2,800米, 1917年至1918年). */
const RANGE_JOIN = /^(?:至|到|~|～|-|－|—|–)$/u;
/** A range figure's two ends (1892年5月7日-1980年5月4日). */
const SPLIT_RANGE = /^(.+?)(?:至|到|~|～|-|－|—|–)(.+)$/u;
/** What a time figure may be followed by that belongs to it: 14世纪末, 19世纪晚期, 8月12日晚上, 1990年代中后期, 2003年初, 1227年前后 (not 年中, which as often begins a clause, nor 初期间). */
const TIME_SUFFIX = /^(?:以后|之后|以前|之前|以来|期间|初期|中期|后期|末期|早期|晚期|中后期|中晚期|中叶|初叶|末叶|上半叶|下半叶|前期|前后|左右|凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|深夜|(?:初|末|底)(?!期))/u;
/** The verbs that state where a thing is: the place after them is where it is. */
const LOCATED = /(?:位于|位在|坐落于|坐落在|地处|位处)(\p{Script=Han}*)$/u;
/** A season after a year (668年春夏, 1950年冬) when the clause ends there: 2008年夏季奥运会 names the games, not a time. */
const SEASON_SUFFIX = /^(?:春夏|夏秋|秋冬|冬春|[春夏秋冬](?:季|天)?)(?=[，。；、,;：:！？!?]|$)/u;
/** Dates listed with 及 / 和 / 与 / 、 (8月15日及8月16日): each is the answer, so the list is. */
const DATE_LIST_JOIN = /^(?:及|和|与|、)$/u;
/** What a quantity may be written with around it: 摄氏7000度, 零下5度, 11,000公里/小时, 每平方公里69670人, a currency named before it (港币6元). */
const NUMBER_PREFIX = /(?:摄氏|华氏|零下|每平方(?:公里|千米|米)|每|港币|人民币|新台币|台币|美金)$/u;
const PER_UNIT = new RegExp(`^/(?:${UNIT_ALTERNATION})`, 'u');
/** Characters no era name holds: function words and counting words before a year (于34年, 约30年, 第5年). */
const ERA_NOT = /[于在的是到至从自了和与及为年月日后前共约达近长历经过用花每这那数第，。、]/u;
/** An era year written before its Gregorian year in brackets: 天正3年（1575年）, 承光元年（577年）. */
const ERA_BEFORE = /[\p{Script=Han}]{2}(?:元|\d{1,2}|[一二三四五六七八九十廿]{1,3})年\s?[（(]$/u;

/** What a question's 多X, or the measure it names (身高, 面积), asks to measure: a figure in a unit of that dimension answers it. */
function askedDimension(question: string): UnitDimension | undefined {
  if (/多(?:长|少)(?:时间|时候)|多久/u.test(question)) return 'time';
  if (/多(?:长|远|高|深|宽|厚)/u.test(question)) return 'length';
  if (/多重/u.test(question)) return 'mass';
  // The measure the question names before 是多少 / 有多大 says its dimension (身高是多少, 体重约为多少, 面积有多大).
  const named = /(身高|高度|长度|体长|全长|海拔|距离|深度|宽度|直径|半径|体重|重量|质量|面积|温度|气温)[^，,]{0,6}?(?:多少|多大|几)/u.exec(question)?.[1];
  if (named) return /重|质量/u.test(named) ? 'mass' : /面积/u.test(named) ? 'area' : /温/u.test(named) ? 'temperature' : 'length';
  return undefined;
}

/** What a question writes after its 多少 / 几 (多少名观众 → 名观众), read once per question for countedNoun; '' when nothing. */
export function countedWords(question: string): string {
  return /(?:多少|几)(\p{Script=Han}+)/u.exec(question)?.[1] ?? '';
}

/**
 * The noun the question counts (`asked`: countedWords of 多少名观众, 几个校区, 多少人口) when the passage writes it
 * right after the figure's unit: it belongs to the answer (6,476名观众). Two characters at least, so a passing 的
 * or 人 is not taken for it.
 */
export function countedNoun(text: string, end: number, asked: string): string {
  if (!asked) return '';
  // The measure word both write (多少名观众 / 6,476名观众) is the figure's already.
  let k = Math.min(3, asked.length - 1);
  while (k > 0 && text.slice(end - k, end) !== asked.slice(0, k)) k--;
  // Or another measure word than the passage's (几个子女 / 3名子女): the noun follows it.
  if (k === 0 && isMeasureWord(asked.charAt(0))) k = 1;
  const noun = asked.slice(k);
  if (/^[的是在有为和与及了]/u.test(noun)) return '';
  let n = 0;
  while (n < noun.length && text[end + n] === noun[n]) n++;
  return n >= 2 ? noun.slice(0, n) : '';
}

/**
 * A figure with what belongs to it in the passage: the other end of a range (A至B as one figure),
 * the era year before a bracketed year, a time's 初/末/前后, a quantity's 摄氏 or /小时; of a
 * date, the year alone when the question asks 哪一年, and of a date range the end it asks about.
 */
function widenFigure(text: string, c: Candidate, figures: readonly Figure[], asks: { yearOnly: boolean; last: boolean; question: string; counted: string }): Candidate {
  let { start, end } = c;
  const f = c.figure!;
  const range = SPLIT_RANGE.exec(f.text);
  if (f.kind === 'date' && f.end && range && /年/u.test(range[1]!) && (asks.yearOnly || asks.last)) {
    // 1892年5月7日-1980年5月4日: 哪一年 / 何年去世 ask about one end (何时 may ask the whole span).
    // The end the question already states (自1386年至哪一年) is not the one it asks.
    const last = asks.question.includes(range[1]!) || (asks.last && !asks.question.includes(range[2]!));
    if (last && /年/u.test(range[2]!)) start += f.text.length - range[2]!.length;
    else end = start + range[1]!.length;
  }
  if (f.kind === 'date' && asks.yearOnly) {
    const y = /^(?:公元前?|西元前?)?\d{1,4}年(?!代)/u.exec(text.slice(start, end));
    if (y && y[0].length < end - start) end = start + y[0].length;
  }
  // A range written as two figures: 100米至2,800米; the first may leave the unit to the second (80至100公里).
  const next = figures.find((g) => g !== f && g.kind === f.kind && text.startsWith(g.text, end + 1) && RANGE_JOIN.test(text[end] ?? ''));
  if (next && (!f.unit || !next.unit || f.unit === next.unit)) end += 1 + next.text.length;
  const prev = figures.find((g) => g !== f && g.kind === f.kind && text.endsWith(g.text, start - 1) && RANGE_JOIN.test(text[start - 1] ?? ''));
  if (prev && (!f.unit || !prev.unit || f.unit === prev.unit)) start -= 1 + prev.text.length;
  // An era the question names before its 几年 (民国几年 → 民国19年) is part of the year it asks.
  const before = text.slice(Math.max(0, start - 2), start);
  if (f.unit === '年' && /^[\p{Script=Han}]{2}$/u.test(before) && asks.question.includes(`${before}几年`)) start -= 2;
  // A date whose year has at most three digits (34年8月15日) is counted in an era written before it (民国34年…):
  // the era's name belongs to the year, unless what stands there is a function word (于34年, 在34年).
  else if (f.kind === 'date' && /^\d{1,3}年/u.test(f.text) && /^[\p{Script=Han}]{2}$/u.test(before) && !ERA_NOT.test(before)) start -= 2;
  const era = ERA_BEFORE.exec(text.slice(Math.max(0, start - 8), start));
  if (era && /^[）)]/u.test(text.slice(end))) {
    start -= era[0].length;
    end += 1;
  }
  // 第几大 / 第几高: the adjective after the rank belongs to it (第13大).
  if (f.kind === 'ordinal' && !f.unit && text[end] && asks.question.includes(`第几${text[end]}`)) end += 1;
  const isTime = f.kind === 'date' || /^(?:世纪|年代|年)$/u.test(f.unit);
  if (isTime) {
    // A list of dates (15日及16日) answers whole, unless the question asks one end of it (哪一年, 何时去世).
    const also = f.kind === 'date' && !asks.yearOnly && !asks.last && DATE_LIST_JOIN.test(text[end] ?? '')
      ? figures.find((g) => g !== f && g.kind === 'date' && text.startsWith(g.text, end + 1))
      : undefined;
    if (also) end += 1 + also.text.length;
    end += TIME_SUFFIX.exec(text.slice(end))?.[0].length ?? 0;
    if (f.unit === '年' || /年$/u.test(text.slice(start, end))) end += SEASON_SUFFIX.exec(text.slice(end))?.[0].length ?? 0;
    // 公元前1世纪 is not 1世纪: an era's prefix the figure left out belongs to it.
    if (!/^(?:公元|西元)/u.test(text.slice(start))) start -= /(?:公元前|西元前|公元|西元)$/u.exec(text.slice(Math.max(0, start - 3), start))?.[0].length ?? 0;
  }
  else {
    if (f.kind === 'amount') end += countedNoun(text, end, asks.counted).length;
    // 达 / 达到 / 累计 / 共 are the clause's verb, kept in the figure's text but no part of the amount (超过, 约, 近 are: they bound it).
    start += /^(?:达到|累计|达|共)(?=\d|[一二两三四五六七八九十百千])/u.exec(text.slice(start, end))?.[0].length ?? 0;
    const prefix = NUMBER_PREFIX.exec(text.slice(Math.max(0, start - 6), start))?.[0] ?? '';
    start -= prefix.length;
    end += PER_UNIT.exec(text.slice(end))?.[0].length ?? 0;
    // 摄氏7000度: a degree after a scale's name (the figure table leaves 度 out: 度电 is a kilowatt-hour).
    if (!f.unit && /^(?:摄氏|华氏|零下)$/u.test(prefix) && text[end] === '度') end += 1;
  }
  return { ...c, start, end, text: text.slice(start, end) };
}

/**
 * The most common Chinese surnames (together borne by most of the population): a name no
 * dictionary knows is most often one of them and one or two characters.
 */
const SURNAMES = new Set([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃戴莫孔汤岳诸葛欧阳司马']);
/** Characters that transliterate foreign names (斯, 尔, 克 …): a run of three or more of them no dictionary knows is a name. */
const TRANSLITERATION = new Set([...'阿埃艾奥欧乌伊亚巴贝比波布达德迪多杜法菲弗福盖格戈哈赫霍吉加杰卡凯科克库拉莱兰劳勒雷里利林卢鲁罗洛马麦曼梅蒙米莫穆纳内尼诺帕佩皮普乔切萨塞桑森沙舍什斯索塔泰特托瓦威维沃西希谢休雅耶因尤泽扎詹兹尔夫娜莎丝琳莉斐蒂姆赛瑟纽缪琼鲍韦']);

/** The one-character suffixes of administrative places and landforms. */
const PLACE_SUFFIX = /^[市县州省区镇乡村岛河湖山国洲]$/u;

/**
 * People's names no dictionary tags: in a run of such characters, a common surname
 * and the one or two characters after it that end the run (由张汝梅继任 → 张汝梅), or three or more
 * transliterating characters (赫鲁雪夫 → 赫鲁…). Guesses, so a low prior: where they sit decides.
 */
function unknownNames(text: string, words: WordSet, tagOf: (w: string) => string): Candidate[] {
  const out: Candidate[] = [];
  // The corpus's own words are known to the segmenter; a name is one jieba's dictionary does not tag.
  for (const w of wordsOf(text, words)) {
    if (w.known && tagOf(w.text) !== '') continue;
    const chars = [...w.text];
    for (let i = 0; i < chars.length; i++) {
      const rest = chars.length - i;
      // The name is the whole word, or follows one function character it was written onto (由张汝梅).
      if (i > 1 || (i === 1 && !/^[由被派让使给和与及同向对跟将把在是为任令命请以]$/u.test(chars[0]!))) break;
      if (SURNAMES.has(chars[i]!) && rest >= 2 && rest <= 3) {
        out.push({ start: w.start + i, end: w.end, text: w.text.slice(i), prior: 1.5 });
        break;
      }
    }
    for (const m of w.text.matchAll(/[\p{Script=Han}]+/gu)) {
      let from = -1;
      const run = [...m[0]];
      // One other character between two transliterating ones stays inside the name (詹姆斯鲍曼).
      const translit = (i: number): boolean => i >= 0 && i < run.length && TRANSLITERATION.has(run[i]!);
      for (let i = 0; i <= run.length; i++) {
        const t = translit(i) || (i < run.length && translit(i - 1) && translit(i + 1) && translit(i + 2));
        if (t && from < 0) from = i;
        if (!t && from >= 0) {
          const end = w.start + (m.index ?? 0) + i;
          // A run written before a place suffix is a place's name (阿勒泰市, 伊犁州), not a person's.
          if (i - from >= 3 && !PLACE_SUFFIX.test(text[end] ?? '')) out.push({ start: w.start + (m.index ?? 0) + from, end, text: run.slice(from, i).join(''), prior: 1.5 });
          from = -1;
        }
      }
    }
  }
  return out;
}

/** A demonstrative before 时期/时代/年间: 这一时期 names no period, it points to one named before. */
const POINTS_BACK = /^(?:这|那|同|该|此|当|本)/u;
/** A year that points to one named before (在这一年, 同一年, 每一年, 前一年). */
const POINTS_BACK_YEAR = /(?:这|那|同|每|前|后|上|下|第|该|此|当|哪|隔|某)一年/u;
/** A date counted from a year named before (同年12月, 次年3月). */
/** The year of an event told before (同年, 次年): a sentence starting so is dated from the one before it. */
export const YEAR_OF_BEFORE = '同年|当年|是年|次年|翌年';
const RELATIVE_YEAR = new RegExp(`${YEAR_OF_BEFORE}|该年|隔年|前年|去年|明年`, 'u');

/**
 * Place candidates as whole names: a piece of a longer place found at the same spot is dropped (加利 and 福尼亚
 * inside 加利福尼亚州), and with `join` places written one after the other are one name, larger first (密歇根州底特律).
 */
export function wholePlaces(candidates: readonly Candidate[], join: boolean): Candidate[] {
  const whole = candidates.filter((c) => !candidates.some((d) => d.start <= c.start && c.end <= d.end && d.end - d.start > c.end - c.start));
  const byStart = [...whole].sort((a, b) => a.start - b.start || b.prior - a.prior);
  const out: Candidate[] = [];
  for (const c of byStart) {
    const last = out[out.length - 1];
    if (last && last.start === c.start && last.end === c.end) continue;
    if (join && last && last.end === c.start) out[out.length - 1] = { start: last.start, end: c.end, text: last.text + c.text, prior: Math.max(last.prior, c.prior) };
    else out.push(c);
  }
  return out;
}

/** Typed candidates: people, places, times, numbers, quoted names, known nouns of the passage. */
function typedCandidates(input: ShortAnswerInput, type: AnswerType): Candidate[] {
  const { passage, query } = input;
  const text = passage.text;
  const out: Candidate[] = [];
  const positions = (w: string, prior: number, figure?: Figure): void => {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) out.push({ start: at, end: at + w.length, text: w, prior, ...(figure ? { figure } : {}) });
  };
  if (type === 'number' || type === 'time') {
    // 第几 / 排名 ask for a rank; 多少 / 几 for an amount, never a rank.
    const wantsRank = query.intent === 'rank';
    const dimension = askedDimension(query.text);
    const yearOnly = YEAR_ASKED.test(query.text);
    const last = LAST_OF_RANGE.test(query.text);
    const counted = countedWords(query.text);
    const era = /([\p{Script=Han}]{2})几年/u.exec(query.text)?.[1]?.replace(/^[在于是从自到]./u, '');
    passage.figures.forEach((f) => {
      const isTime = f.kind === 'date' || (f.kind === 'amount' && /^(?:世纪|年代)$/u.test(f.unit));
      // 几世纪 / 多少年代 count in a time unit: a figure in the unit the question names answers either way.
      if ((type === 'time') !== isTime && !(query.unit && f.unit === query.unit)) return;
      // 位列22名 / 排名22位 state a rank as a count after a ranking verb.
      const rankAsCount = f.kind === 'amount' && f.unit === '人' && RANK_VERB.test(text.slice(0, text.indexOf(f.text)));
      if (type === 'number' && wantsRank !== (f.kind === 'ordinal' || rankAsCount)) return;
      // 哪一年 / 何年 ask a year: a date that states none (3月, 8月16日) cannot answer it.
      if (yearOnly && f.kind === 'date' && f.date?.startsWith('--')) return;
      // 同年12月9日 / 次年3月: the year is the one stated before, not here.
      if (yearOnly && f.kind === 'date' && RELATIVE_YEAR.test(text.slice(Math.max(0, text.indexOf(f.text) - 2), text.indexOf(f.text) + 2))) return;
      // The figures come ranked for the question (measure, unit, kind): the first two are likelier.
      const rank = input.figures.indexOf(f);
      let prior = 2 + (rank === 0 ? FIRST_FIGURE : rank === 1 ? FIRST_FIGURE / 2 : 0) + (query.unit && f.unit === query.unit ? 2 : 0);
      // 多长 / 多重 / 多久 name what is measured: a figure in a unit of another dimension is not it (主跑道有多长 is
      // not answered by 三条), so the passage answers rather than a wrong figure.
      const d = unitDimension(f.unit);
      if (dimension && type === 'number' && d && d !== dimension) return;
      if (dimension && type === 'number' && d === dimension) prior += OPTIONS.dimensionMatch;
      for (let at = text.indexOf(f.text); at >= 0; at = text.indexOf(f.text, at + f.text.length)) {
        const c = widenFigure(text, { start: at, end: at + f.text.length, text: f.text, prior, figure: f }, passage.figures, { yearOnly, last, question: query.text, counted });
        // 民国几年 names the era the year is counted in: a year written in it is the one asked.
        if (era && c.text.startsWith(era)) c.prior += OPTIONS.eraAsked;
        out.push(c);
      }
    });
    if (type === 'time') {
      // Era years (太和十九年, 民国38年) and Chinese-calendar days (十月廿一, 七月初十), which the figure table reads as no date.
      // Not a year that points elsewhere (在这一年, 同一年, 每一年): it names none.
      for (const m of text.matchAll(/[\p{Script=Han}]{2}(?:元|[一二三四五六七八九十]{1,3})年(?:[一二三四五六七八九十]{1,2}月)?/gu)) if (!POINTS_BACK_YEAR.test(m[0])) positions(m[0], 1.5);
      // Not a duration (大约70年的时间, 历时30年来): the words around N年 say which (as the figure table reads them).
      for (const m of text.matchAll(/[\p{Script=Han}]{2}\d{1,3}年(?![代度级来间多余后前]|的时间|之久|左右|以上)/gu)) if (!/[近约达共逾长历执在了用花过]/u.test(m[0].slice(0, 2))) positions(m[0], 1);
      // Named periods (殖民主义时期, 康熙年间, 宋元时期, 二十世纪): a period is answered by its name.
      for (const m of text.matchAll(/[一二三四五六七八九十]{1,3}世纪|[二三四五六七八九]十年代/gu)) positions(m[0], 1.5);
      for (const m of text.matchAll(/时期|年间|时代/gu)) {
        const end = (m.index ?? 0) + m[0].length;
        // Its name: up to four characters before, back to a function word (分布在|梅雨时期).
        let start = m.index ?? 0;
        while (start > 0 && (m.index ?? 0) - start < 4 && /\p{Script=Han}/u.test(text[start - 1]!) && !/[在的是于为和与及了从自到至即或个]/u.test(text[start - 1]!)) start--;
        // 这一时期 / 同一时期 point to a period named elsewhere: no name.
        if (start < (m.index ?? 0) && !POINTS_BACK.test(text.slice(start, m.index ?? 0))) out.push({ start, end, text: text.slice(start, end), prior: 1.5 });
      }
      // Dates written in Chinese numerals (一九六一年九月十日), which the figure table reads only as digits.
      for (const m of text.matchAll(/[〇零一二三四五六七八九]{4}年(?:(?:十[一二]?|[一二三四五六七八九])月(?:(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?)?/gu)) positions(m[0], 2);
      for (const m of text.matchAll(/[正一二三四五六七八九十冬腊]{1,2}月(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]?|三十|二?十[一二三四五六七八九]?|[一二三四五六七八九])(?![\p{Script=Han}])/gu)) positions(m[0], 1.5);
    }
    return out;
  }
  if (type === 'person') {
    // A photo credit (…摄) names who took the picture: only a question about the photo wants it.
    const photo = /拍|摄|照片|图片/u.test(query.text);
    for (const name of findPeople(text)) if (photo || !new RegExp(`${name}(?:摄影|摄)。?$`, 'u').test(text)) positions(name, 2);
    for (const m of text.matchAll(/[\p{Script=Han}]{1,6}·[\p{Script=Han}·]{1,12}/gu)) {
      // Around a name written with · stand dictionary words (专栏作家西德尼·斯科尔斯基设计): they are not the name.
      const dictionaryWord = (w: { text: string; known: boolean }): boolean => w.known && input.tagOf(w.text) !== '' && input.tagOf(w.text) !== 'nr';
      const parts = m[0].replace(/·+$/u, '').split('·');
      const head = cutWords(parts[0]!, input.words);
      let drop = 0;
      while (head.length > 1 && dictionaryWord(head[0]!)) drop += head.shift()!.text.length;
      const tail = cutWords(parts[parts.length - 1]!, input.words);
      let keep = 0;
      for (const w of tail) {
        if (keep > 0 && dictionaryWord(w)) break;
        keep += w.text.length;
      }
      const joined = parts.join('·');
      const name = joined.slice(drop, joined.length - (parts[parts.length - 1]!.length - keep));
      const at = (m.index ?? 0) + drop;
      out.push({ start: at, end: at + name.length, text: name, prior: 2 });
    }
    for (const w of wordsOf(text, input.words)) if (input.tagOf(w.text) === 'nr') out.push({ start: w.start, end: w.end, text: w.text, prior: 1.5 });
    // A guess inside a name written with · (巴里·尼尔逊) is a piece of that name.
    const dotted = out.filter((c) => c.text.includes('·'));
    out.push(...unknownNames(text, input.words, input.tagOf).filter((g) => !dotted.some((d) => g.start < d.end && d.start < g.end)));
    const credit = photo ? null : /[\p{Script=Han}]{2,3}(?:摄影|摄)。?$/u.exec(text);
    return credit ? out.filter((c) => c.start < credit.index) : out;
  }
  if (type === 'place') {
    for (const p of input.places) positions(p, 2);
    for (const w of wordsOf(text, input.words)) if (input.tagOf(w.text) === 'ns') out.push({ start: w.start, end: w.end, text: w.text, prior: 1.5 });
    // 哪个城市 / 哪一座岛: a place named with that kind's character (…市, …岛) is of the kind asked, a continent is not.
    const kind = /哪(?:一)?(?:个|座|一座)?(?:城市|城|市|省|岛|县|州|村|镇|湖|河|山|港)/u.exec(query.text)?.[0].slice(-1).replace('城', '市');
    if (kind) for (const c of out) if (c.text.endsWith(kind)) c.prior += OPTIONS.placeKind;
    // A place after 位于, or after places that follow it (位于黑龙江省哈尔滨市: both are where it is).
    const located = (c: Candidate): boolean => {
      const m = LOCATED.exec(text.slice(Math.max(0, c.start - 16), c.start));
      if (!m) return false;
      for (let at = c.start - m[1]!.length; at < c.start; ) {
        // The longest place starting there (黑龙江省, not its piece 黑龙江).
        const next = Math.max(...out.filter((d) => d.start === at && d.end <= c.start).map((d) => d.end), at);
        if (next === at) return false;
        at = next;
      }
      return true;
    };
    // A question naming the kind of place (哪个国家, 哪个城市) asks for that one, not the address it stands in.
    const namesKind = /哪(?:一)?(?:个|座|一座)?(?:国家|城市|地区|省|州|县|市|国|岛|洲|大陆|村|镇|城|港)/u.test(query.text);
    if (!namesKind) for (const c of out.filter(located)) c.prior += OPTIONS.placeStated;
    return wholePlaces(out, !namesKind);
  }
  out.push(...quoted(text));
  return out;
}

/** Picks the best candidate: its prior plus its nearness to the question's words, never one the question states. */
function pick(input: ShortAnswerInput, candidates: Candidate[], type: AnswerType): Candidate | null {
  const text = input.passage.text;
  const anchors = anchorsOf(input.query, text);
  // Without the question's words to go by, only a typed candidate (a name, a figure) can stand.
  if (anchors.length === 0 && type === 'thing') return null;
  let best: Candidate | null = null;
  let bestScore = 0;
  for (const raw of candidates) {
    const trimmed = raw.figure ? raw.text : trimSpan(raw.text, input.words, input.tagOf);
    // A figure is whole however long (a date range, A至B); another span longer than MAX_SPAN is a clause.
    if (!trimmed || (!raw.figure && [...trimmed].length > MAX_SPAN)) continue;
    const start = raw.figure ? raw.start : raw.start + raw.text.indexOf(trimmed);
    const c: Candidate = { ...raw, start, end: start + trimmed.length, text: trimmed };
    // What the question already says is not its answer.
    if (input.query.text.includes(trimmed)) continue;
    if (!/[\p{Script=Han}\p{L}\d]/u.test(trimmed)) continue;
    if (type === 'person' && /\d/u.test(trimmed)) continue;
    const near = proximity(text, c, anchors);
    if (near < 0) continue;
    const score = near + c.prior;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * A span of a typed candidate (a person, a figure) inside a slot span is the answer; the slot is
 * the answer for things. Returns null when no span of the type is found: the passage then answers.
 */
export function shortAnswer(input: ShortAnswerInput): ShortAnswer | null {
  const type = answerType(input.query.text);
  if (type === 'other') return null;
  if (type === 'yesno') return yesNo(input);
  if (type === 'comparison') return comparison(input);
  const text = input.passage.text;
  const typed = typedCandidates(input, type);
  const slots = [...slotCandidates(input.query, text, input.words), ...listMembers(input.query.text, text)];
  if (type === 'thing') {
    const c = pick(input, [...slots, ...typed], type);
    // A thing found only by running on from one of the question's words is a guess: the passage says more.
    return c && c.prior >= THING_PRIOR ? { text: c.text } : null;
  }
  // A typed candidate inside the slot the question's words frame is the likeliest.
  for (const t of typed) if (slots.some((s) => s.prior >= THING_PRIOR && t.start >= s.start && t.end <= s.end)) t.prior += 2;
  const c = pick(input, typed, type);
  if (!c) return null;
  return c.figure ? { text: c.text, figure: c.figure } : { text: c.text };
}

/** The number a yes/no question quotes (超过7%了吗 → 7, %) and how it compares (more / less / at least). */
const THRESHOLD = /(超过|超出|高于|大于|多于|突破|达到|达|不到|低于|小于|少于|不足|不超过)[^\d]{0,4}?(\d+(?:\.\d+)?)\s*([万亿]?)(%|[\p{Script=Han}]{0,3})/u;
const SUPERLATIVE = /(全[\p{Script=Han}]{1,2}|世界|全球|全国|亚洲|国内)?(?:最(大|多|高|长|早|强|快)|第一|之首|首位)/u;

/** `超过7%了吗` → 是/否 with the deciding figure; `是不是全疆最大` → 是/否 with the rank that decides. */
function yesNo(input: ShortAnswerInput): ShortAnswer | null {
  const q = input.query.text;
  const t = THRESHOLD.exec(q);
  if (t) {
    const [, verb = '', digits = '', magnitude = '', unit = ''] = t;
    const limit = Number(digits) * (magnitude === '亿' ? 1e8 : magnitude === '万' ? 1e4 : 1);
    const wantPercent = unit.startsWith('%');
    const f = input.figures.find((x) => (wantPercent ? x.kind === 'percent' : x.kind === 'amount') && !q.includes(x.text) && (wantPercent || !unit || unit.startsWith(x.unit) || x.unit === ''));
    if (!f) return null;
    const below = /不到|低于|小于|少于|不足|不超过/u.test(verb);
    const atLeast = /达到|达|突破/u.test(verb);
    const yes = below ? f.value < limit : atLeast ? f.value >= limit : f.value > limit;
    return { text: `${yes ? '是' : '否'}，${f.text}${f.measure ? `（${f.measure}）` : ''}`, figure: f };
  }
  const s = SUPERLATIVE.exec(q);
  if (s) {
    const scope = s[1] ?? '';
    // The passage says it literally (全疆最大) or with a rank in that scope (居全疆第一 / 第二).
    if (input.passage.text.includes(s[0])) return { text: `是，${s[0]}` };
    const rank = input.figures.find((f) => f.kind === 'ordinal' && input.passage.figures.includes(f) && (!scope || f.measure.includes(scope) || input.passage.text.includes(`${scope}${f.text}`)));
    if (rank) return { text: `${rank.value === 1 ? '是' : '否'}，${rank.text}${rank.measure ? `（${rank.measure}）` : ''}`, figure: rank };
  }
  return null;
}

/** `A和B哪个多`: each side's figure (from any cited passage), and which is larger. */
function comparison(input: ShortAnswerInput): ShortAnswer | null {
  const m = COMPARISON.exec(input.query.text.replace(/[？?！!。\s]+$/u, ''));
  if (!m?.groups) return null;
  const side = (s: string): string => s.replace(/^(?:请问|那么)/u, '').replace(/(?:的|是|有|哪个|哪一个)$/u, '');
  const a = side(m.groups.a!);
  const b = side(m.groups.b!);
  const sideFigure = (name: string, other: string): Figure | undefined => {
    // The side's own words, without what both sides share (煤电装机 / 风电装机 share 电装机).
    const chars = [...name].filter((ch) => !other.includes(ch)).join('') || name;
    return input.figures.find((f) => f.kind !== 'date' && f.kind !== 'ordinal' && (f.measure.includes(name) || f.measure.includes(chars)));
  };
  const fa = sideFigure(a, b);
  const fb = sideFigure(b, a);
  if (!fa || !fb || fa === fb || fa.unit !== fb.unit) return null;
  const wantSmaller = SMALLER.test(m.groups.adj!);
  const aWins = wantSmaller ? fa.value < fb.value : fa.value > fb.value;
  const marker = (f: Figure): string => `[${input.cited.findIndex((p) => p.id === f.passage) + 1}]`;
  const winner = fa.value === fb.value ? '两者相同' : `${aWins ? a : b}更${m.groups.adj}`;
  return { text: `${a}${fa.text}${marker(fa)}，${b}${fb.text}${marker(fb)}：${winner}`, figure: aWins ? fa : fb, compared: [fa, fb] };
}
