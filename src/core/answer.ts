/** Answer assembly: from ranked passages to the Answer (direct answer, cited figures, several documents' answers, or not found). */
import type { PassageIndex } from './search-index.js';
import type { Query } from './query.js';
import { rankFigures, takeEvidence, termWeight, type Hit, type RankOptions } from './rank.js';
import { answerType, shortAnswer, YEAR_ASKED, YEAR_OF_BEFORE, type ShortAnswer } from './short-answer.js';
import { toScript } from './text.js';
import { isMeasureWord, unitDimension } from './units.js';
import type { Answer, AnswerOptions, DocumentInfo, Figure, Passage, ScoredPassage } from './types.js';
import { cutWords, type Vocabulary, type WordSet } from './vocabulary.js';
import type { CommonWords } from './dictionary.js';
import { ANSWER_TEXT } from '../messages.js';

/** The tag classes of dictionary.ts's per-word codes, as the short answer reads them. */
const TAG_CLASS: Record<string, string> = { '2': 'ns', '3': 'nr', '4': 'nt', '5': 't', '6': 'j', '1': 'n', '0': 'x' };

/**
 * A sentence that refers back to one before it: a pronoun or demonstrative (它, 他, 其, 该, 这, 此),
 * or a time counted from an earlier one (同年, 次年, 随后), at its start or after a first short clause,
 * behind at most a preposition or connective (在这里, 因此他, 就在他).
 */
const REFERS_BACK = /^(?:[^，。；]{0,12}，)?(?:在|于|从|自|对|与|和|就在|因此|于是|但|而|并|却|也)?(?:它|他|她|其|该|此|这|那(?!么)|彼|同年|次年|翌年|当年|当时|后来|随后|之后|此后)/u;
/** A sentence whose events are dated from a year stated before it (同年3月, 次年): a year it writes later is another event's. */
const FROM_YEAR_BEFORE = new RegExp(`^(?:[^，。；]{0,12}，)?(?:${YEAR_OF_BEFORE})`, 'u');

/** What answering needs of the serving engine: its passages and index, how it reads and ranks, and the answer's tuned numbers. */
export interface AnswerContext {
  passages: readonly Passage[];
  documents: readonly DocumentInfo[];
  state: { places: readonly (readonly string[])[]; commonWords: CommonWords };
  index: PassageIndex;
  queryLexicon: Vocabulary;
  /** Each document's headline tokens (the words its title names). */
  headlineTokens: ReadonlyMap<string, ReadonlySet<string>>;
  parse: (question: string) => Query;
  rank: (query: Query) => Hit[];
  /** True for a hit that can answer (the fitted confidence: RankOptions.answer). */
  answers: (hit: Hit) => boolean;
  scored: (hit: Hit) => ScoredPassage;
  /** A passage's paragraph: the range of passage numbers it shares. */
  paragraphOf: (i: number) => readonly [number, number];
  rankOptions: RankOptions;
}

/** The engine's `answer`: parses, ranks and assembles the Answer. */
export function createAnswerer(ctx: AnswerContext): (question: string, options?: AnswerOptions) => Answer {
  const { passages, documents, state, index, queryLexicon, headlineTokens, parse, rank, answers, scored, paragraphOf, rankOptions } = ctx;
  const { topic: topic_, relatedCoverage, closeScore, figureScore } = rankOptions.answer;
  const none: ReadonlySet<string> = new Set();

  function answer(question: string, options: AnswerOptions = {}): Answer {
    const query = parse(question);
    const limit = options.limit ?? 3;
    const { ranked, answering: answersHere } = onTopic(query, options.topic);
    // Only passages that could answer are cited, best first.
    const answering = typedFirst(query, ranked.filter(answersHere), ranked);
    // Besides the best, a passage is cited only when it answers nearly as well and the ranking puts
    // it among the shown: one from further down would push out the best one's neighbour, shown as
    // related, which often holds what the best sentence only leads up to. A sentence cited for its
    // paragraph's context does not add its own numbers to the answer either.
    const shown = new Set(ranked.slice(0, limit).map((h) => h.index));
    const good = answering.slice(0, limit).filter((h, k) => k === 0 || (shown.has(h.index) && h.score >= figureScore * answering[0]!.score));
    const figures = figuresOf(query, good);
    // A question that names a unit (多少亿元, 几家) is answered only by a figure in that unit.
    const unitMissing = query.unit !== '' && query.intent === 'quantity' && !figures.some((f) => inUnitAsked(f, query.unit));
    if (good.length === 0 || unitMissing) {
      // Partial evidence is shown as such: passages that may help, with no answer or figure claimed.
      const related = fillSlots(ranked, [], limit, relatedCoverage, paragraphOf).map(scored);
      return {
        question,
        found: false,
        confidence: related.length > 0 ? 'related' : 'none',
        answer: toScript(related.length > 0 ? ANSWER_TEXT.related : ANSWER_TEXT.none, query.script),
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
        answer: toScript(`${ANSWER_TEXT.byDocument}${list}`, query.script),
        script: query.script,
        figures: split.flatMap((d) => (d.figure ? [d.figure] : [])),
        passages: split.map((d) => scored(d.hit)),
        byDocument: split.map(({ hit: _hit, ...d }) => ({ ...d, answer: toScript(d.answer, query.script) })),
      };
    }
    // The slots the cited passages leave are filled with the next best, labelled as possibly related:
    // the right sentence is often the cited one's neighbour, and a "may help" claims nothing.
    const more = fillSlots(ranked, good, limit, relatedCoverage, paragraphOf).map(scored);
    const direct = directAnswer(query, good);
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
  }

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

  // Documents by id, made on the first answer from several documents: a search of the list grows with the corpus.
  let documentById: Map<string, DocumentInfo> | undefined;

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
      const figures = figuresOf(query, [hit]);
      // The first document of an id, as a search of the list would find it.
      documentById ??= documents.reduceRight((m, d) => m.set(d.id, d), new Map<string, DocumentInfo>());
      const info = documentById.get(doc);
      const direct = directAnswer(query, [hit]);
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
   * When the question asks for a typed span (a person, a time, a place, a number, or a thing of
   * the noun a which-question names: 哪一条河) and the best passage holds none while one nearly as
   * good does, that one answers first.
   */
  function typedFirst(query: Query, answering: Hit[], ranked: readonly Hit[]): Hit[] {
    if (answering.length === 0) return answering;
    const type = answerType(query.text);
    const head = type === 'thing' ? askedHead(query.text, queryLexicon.words) : null;
    if (!(type === 'person' || type === 'time' || type === 'place' || type === 'number' || head)) return answering;
    const has = (h: Hit): boolean =>
      head ? namesHead(passages[h.index]!.text, head, query.text) : shortOf(query, [h]) !== null;
    // Asked a year, a sentence dated from the one before (同年…) does not answer with a year it writes later.
    const datedBefore = type === 'time' && YEAR_ASKED.test(query.text) && FROM_YEAR_BEFORE.test(passages[answering[0]!.index]!.text);
    if (has(answering[0]!) && !datedBefore) return answering;
    const named = namedBefore(answering[0]!, type, ranked, has);
    if (named) return [named, ...answering.filter((h) => h.index !== named.index)];
    if (answering.length < 2) return answering;
    const { typedScore, typedAmong } = rankOptions.answer;
    const j = answering.slice(1, typedAmong).findIndex((h) => h.score >= typedScore * answering[0]!.score && has(h));
    if (j < 0) return answering;
    const out = [...answering];
    const [moved] = out.splice(j + 1, 1);
    return [moved!, ...out];
  }

  /**
   * The sentence before the best one in its paragraph, when the best refers back to it (它, 他, 同年,
   * 这一时期 …; for a time asked, any sentence: 9月下旬 counts from the year stated before) and it holds
   * the type asked that the best lacks. It answers in the best one's place, with the best one's evidence:
   * a question written from the sentence that says 他 asks who 他 is.
   */
  function namedBefore(best: Hit, type: ReturnType<typeof answerType>, ranked: readonly Hit[], has: (h: Hit) => boolean): Hit | null {
    const [first] = paragraphOf(best.index);
    const refersBack = (i: number): boolean => type === 'time' || REFERS_BACK.test(passages[i]!.text);
    // Back through the paragraph while each sentence still refers to the one before it.
    for (let i = best.index; i > first && best.index - i < rankOptions.answer.lookBack && refersBack(i); i--) {
      const before = ranked.find((h) => h.index === i - 1);
      if (!before) return null;
      if (!has(before)) continue;
      const named = { ...before };
      takeEvidence(named, best);
      return named;
    }
    return null;
  }


  /**
   * One question's figures and short answers by the passages cited, made once each: the typed-first
   * test, the direct answer and each document's answer ask for the same ones (the best passage's,
   * alone, is asked for by two of them). Both are functions of the query and the cited passages
   * alone, so a repeat is the same value, and the direct answer's figure stays one of the figures
   * cited (the answer lists that one first by identity).
   */
  let memo: { query: Query; figures: Map<string, Figure[]>; shorts: Map<string, ShortAnswer | null> } | undefined;
  const citedKey = (cited: readonly Hit[]): string => cited.map((h) => h.index).join(',');
  const memoFor = (query: Query): NonNullable<typeof memo> => (memo?.query === query ? memo : (memo = { query, figures: new Map(), shorts: new Map() }));

  /** The figures of the cited passages, ranked for the query (rank.ts's rankFigures). */
  function figuresOf(query: Query, cited: readonly Hit[]): Figure[] {
    const m = memoFor(query);
    const key = citedKey(cited);
    let figures = m.figures.get(key);
    if (!figures) m.figures.set(key, (figures = rankFigures(query, cited.map((h) => passages[h.index]!), (t) => termWeight(t, index))));
    return figures;
  }

  /** The short answer (short-answer.ts) the first cited passage holds for the query, among the cited ones and their figures; null when none. */
  function shortOf(query: Query, cited: readonly Hit[]): ShortAnswer | null {
    const m = memoFor(query);
    const key = citedKey(cited);
    if (m.shorts.has(key)) return m.shorts.get(key)!;
    const i = cited[0]!.index;
    const figures = figuresOf(query, cited);
    const short = shortAnswer({ query, passage: passages[i]!, places: state.places[i] ?? [], figures, cited: cited.map((h) => passages[h.index]!), words: queryLexicon.words, tagOf });
    m.shorts.set(key, short);
    return short;
  }

  /** The direct answer: the span of the best passage the question asks for (short-answer.ts), else the passage. */
  function directAnswer(query: Query, good: Hit[]): { text: string; figure?: Figure } {
    const passage = passages[good[0]!.index]!;
    const short = shortOf(query, good);
    if (short) return short.figure ? { text: short.text, figure: short.figure } : { text: short.text };
    return { text: passage.text.length > 160 ? `${passage.text.slice(0, 159)}…` : passage.text };
  }

  return answer;
}

/**
 * A figure in the unit a question asks: that unit, a percentage for %, any currency for 多少钱 (元:
 * 5800日元 answers it), and for a measure word an amount in 万 or 亿 with none (1.25亿 answers 多少个: the
 * count word is left out after a magnitude).
 */
function inUnitAsked(f: Figure, unit: string): boolean {
  if (f.unit === unit) return true;
  if (unit === '%') return f.kind === 'percent';
  if (unit === '元') return unitDimension(f.unit) === 'currency';
  // 个 is the general measure word: 几个孩子 is answered by 3名子女, 多少个国家 by 12国.
  if (unit === '个' && f.kind === 'amount' && isMeasureWord(f.unit)) return true;
  return isMeasureWord(unit) && f.kind === 'amount' && f.unit === '' && /[万亿]/u.test(f.text);
}

/** At most this many documents' answers are listed side by side. */
const MAX_DOCUMENT_ANSWERS = 3;

/** A document title short enough to stand before its answer in one line. */
function shortTitle(title: string): string {
  return [...title].length > 16 ? `${[...title].slice(0, 15).join('')}…` : title;
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

/** The noun a which-question asks for (哪一条河 → 河, 什么风格 → 风格), or null. */
export function askedHead(question: string, words: WordSet): string | null {
  const m = /(?:哪|什么样的|什么|何)(?:一)?(?:[个种条本家位座所项部次届名支间类门首件场只])?([\p{Script=Han}]+)/u.exec(question);
  if (!m) return null;
  const first = cutWords(m[1]!, words)[0]?.text ?? '';
  return first.length >= 1 && first.length <= 2 && first !== '的' && first !== '是' ? first : null;
}

/** True when the text names something of the asked noun the question does not (贾木纳河 for 哪一条河; 汉语 for 哪种语言). */
export function namesHead(text: string, head: string, question: string): boolean {
  for (const h of new Set([head, head[0]!])) {
    for (let at = text.indexOf(h, 1); at >= 1; at = text.indexOf(h, at + 1)) {
      const before = text[at - 1]!;
      if (/\p{Script=Han}/u.test(before) && !question.includes(before + h)) return true;
    }
  }
  return false;
}
