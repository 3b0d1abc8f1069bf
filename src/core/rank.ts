/** Ranking passages for a query, and choosing the figure that answers it. Plain functions over plain data. */
import type { Query, Term } from './query.js';
import type { PassageIndex } from './search-index.js';
import type { Figure, Passage, PassageKind } from './types.js';

/** A ranked passage: its position in the corpus, score, share of the question it covers, matched words. */
export interface Hit {
  index: number;
  score: number;
  /** Share of the question's weight this passage matches (itself or through its document's title), 0..1. */
  coverage: number;
  /** The question's words (or synonyms) found in the passage; may repeat, deduplicated when shown. */
  matched: string[];
  /** Required terms (numbers, times, places) that neither the passage nor its document's title states. */
  missingRequired: number;
}

/** What the ranker knows about passages besides their tokens. */
export interface RankContext {
  kind(i: number): PassageKind;
  /** The kinds of figure the passage states. */
  figureKinds(i: number): ReadonlySet<Figure['kind']>;
  /** The passage's text, for words the segmenter cut differently (前三季度 indexed as 前/三季度). */
  text(i: number): string;
  /** Tokens a passage inherits from its document's title (a news story's subject is rarely repeated). */
  inherited(i: number): ReadonlySet<string>;
}

/** How much more the word next to the question word counts when choosing a figure. */
const FOCUS_WEIGHT = 2;

/**
 * The term that names what is asked: the first after the question word (拿出多少**专项经费**,
 * 打造几个**千亿级**…), else the last before it (吐鲁番葡萄**总产量**多少); -1 when there is none.
 */
export function focusTerm(query: Query): number {
  const q = /多少|几/u.exec(query.text);
  if (!q) return -1;
  const at = (t: Term): number => query.text.indexOf(t.text);
  const content = query.terms.map((t, k) => ({ t, k, pos: at(t) })).filter(({ t, pos }) => pos >= 0 && !t.number && !t.kind && [...t.text].length > 1);
  const after = content.filter(({ pos }) => pos > q.index).sort((a, b) => a.pos - b.pos)[0];
  if (after) return after.k;
  const before = content.filter(({ pos }) => pos < q.index).sort((a, b) => b.pos - a.pos)[0];
  return before ? before.k : -1;
}

/** The figure kind an intent asks for. */
const WANTED_KIND: Partial<Record<Query['intent'], Figure['kind']>> = { date: 'date', rank: 'ordinal' };

/** How many candidates flexsearch hands to the ranker. */
const CANDIDATES = 100;
/** Tokens that turn a title into another one: 副书记 is not 书记, 原州长 is not 州长. */
const TITLE_MODIFIERS = ['副', '原'];

/** A term's weight: the idf of its rarest known alternative; a word no passage has weighs most of all. */
export function termWeight(term: Term, index: PassageIndex): number {
  let w = 0;
  for (const a of term.alternatives) if (index.has(a)) w = Math.max(w, index.idf(a));
  if (!term.known) w = index.idf('\u0000') * (term.minor ? 0.3 : 1);
  else if (term.kind) w = Math.max(w, index.rarestIdf());
  // One character says little on its own (超, 州, 基): half weight; one the corpus lacks, a quarter.
  if ([...term.text].length === 1 && !term.number) return term.known ? w / 2 : w / 4;
  return w;
}

/** Scores every candidate passage for the query, best first. */
export function rankPassages(query: Query, index: PassageIndex, context: RankContext): Hit[] {
  const terms = query.terms;
  if (terms.length === 0) return [];
  const weights = terms.map((t) => termWeight(t, index));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return [];
  // A word the index does not hold (创新平台, indexed as 创新 + 平台) is looked up by its parts; it
  // still matches only a passage that writes it whole (see the text check below).
  const alternatives = terms.flatMap((t) => (t.known ? t.alternatives : [...t.alternatives, ...(t.parts ?? [])]));
  const candidates = new Set(index.candidates(alternatives, CANDIDATES));
  // Passages of the kind a question asks about (标题 → headline) are candidates even with no shared word.
  if (terms.some((t) => t.kind)) for (let i = 0; i < index.size; i++) if (terms.some((t) => t.kind === context.kind(i))) candidates.add(i);
  // Every alternative's token id gets a slot; one pass over a candidate's tokens counts them all.
  const slots = new Map<number, number>();
  const altSlots = terms.map((t) =>
    t.alternatives.map((a) => {
      const id = index.idOf(a);
      if (id < 0) return -1;
      let slot = slots.get(id);
      if (slot === undefined) slots.set(id, (slot = slots.size));
      return slot;
    }),
  );
  // Alternatives the index lacks are looked for in the text itself (two characters or more).
  const byText = terms.map((t, k) => t.alternatives.map((a, j) => altSlots[k]![j]! < 0 && [...a].length >= 2));
  const modifiers = new Set(TITLE_MODIFIERS.map((m) => index.idOf(m)).filter((id) => id >= 0));
  // 副书记 is not 书记 — unless the question says 副书记 itself.
  const modifiedAsked = terms.map((t) => t.alternatives.map((a) => TITLE_MODIFIERS.some((m) => query.text.includes(m + a))));
  const hits: Hit[] = [];
  index.countEach(candidates, slots, modifiers, (i, all, free) => {
    let score = 0;
    let covered = 0;
    let missingRequired = 0;
    const matched: string[] = [];
    const inherited = context.inherited(i);
    terms.forEach((term, k) => {
      let best = 0;
      term.alternatives.forEach((alt, a) => {
        const slot = altSlots[k]![a]!;
        let tf = slot >= 0 ? all[slot]! : 0;
        if (tf > 0 && free[slot]! === 0 && !modifiedAsked[k]![a]) tf = 0;
        // A word the index does not hold as a token may still be written in the passage.
        else if (byText[k]![a] && context.text(i).includes(alt)) tf = 1;
        if (tf === 0) return;
        best = Math.max(best, index.lengthFactor(i, tf));
        matched.push(alt);
      });
      if (term.kind && term.kind === context.kind(i)) best = Math.max(best, 1);
      if (best > 0) {
        score += weights[k]! * best;
        covered += weights[k]!;
      } else if (term.alternatives.some((a) => inherited.has(a))) {
        // Stated by the title: half covered (the passage may be about something else), no rank boost.
        covered += weights[k]! / 2;
      } else if (term.required || (!term.known && !term.minor && contrasts(term.text, index.tokensOf(i)))) {
        missingRequired++;
      }
    });
    // Between passages that cover the question alike, one stating the kind of figure asked for
    // (a date for 哪天, a rank for 第几) is the better answer.
    const wanted = WANTED_KIND[query.intent];
    if (score > 0 && wanted && context.figureKinds(i).has(wanted)) score += 0.2 * total;
    if (score > 0) hits.push({ index: i, score: score / total, coverage: covered / total, matched, missingRequired });
  });
  // Coverage first (a passage that answers all of the question beats one that repeats part of it),
  // then the BM25-style score, then corpus order for a stable result.
  hits.sort((a, b) => b.coverage - a.coverage || b.score - a.score || a.index - b.index);
  return hits;
}

/**
 * True when the passage names a sibling of an unknown word: a word of the same length that differs
 * in one character (asked 全国, the passage says 全疆; asked 风电, it says 煤电). The passage then
 * speaks of something else of the same kind, so it does not answer.
 */
export function contrasts(word: string, tokens: readonly string[]): boolean {
  const w = [...word];
  if (w.length < 2 || !w.every((c) => /\p{Script=Han}/u.test(c))) return false;
  return tokens.some((t) => {
    const c = [...t];
    if (c.length !== w.length || t === word) return false;
    let diff = 0;
    for (let k = 0; k < c.length; k++) if (c[k] !== w[k]) diff++;
    return diff === 1;
  });
}

/** Character bigrams of the Han text in a string. */
function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[^\p{Script=Han}a-z0-9%]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** What a question's wording says about the kind of figure it wants. */
const WANTS_PERCENT = /增长|增速|增幅|比例|比重|占比|百分|%|率/u;
const WANTS_SHARE = /占|份额|一半|比重|几成/u;

/** How much of a term (any of its alternatives) a text contains: the best share of its bigrams, 0..1. */
function termPresence(term: Term, text: string, textBigrams: Set<string>): number {
  let best = 0;
  for (const alt of term.alternatives) {
    if (text.includes(alt)) return 1;
    const b = bigrams(alt);
    if (b.size === 0) continue;
    let shared = 0;
    for (const x of b) if (textBigrams.has(x)) shared++;
    best = Math.max(best, shared / b.size);
  }
  return best;
}

/**
 * Orders the figures of the best passages by how well each answers the query: the question's
 * terms found in what the figure measures (each term counts at most once, so a long synonym
 * list cannot outweigh the rest), the kind of figure the question asks for (rank → ordinal,
 * date → date, how much → amount or percent), a unit it names, and the rank of the passage.
 */
export function rankFigures(query: Query, passages: readonly Passage[], weightOf: (t: Term) => number = () => 1): Figure[] {
  const scored: Array<{ f: Figure; s: number; order: number }> = [];
  const focus = focusTerm(query);
  // Rare words say which figure is meant (煤制烯烃); common ones (项目) much less.
  const weights = query.terms.map((t) => weightOf(t));
  const mean = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length) || 1;
  passages.forEach((p, rank) => {
    let from = 0;
    p.figures.forEach((f, order) => {
      const at = p.text.indexOf(f.text, from);
      // The words just before a figure (back to the previous one) often say what it is.
      const context = at >= 0 ? p.text.slice(Math.max(from, at - 8), at) : '';
      if (at >= 0) from = at + f.text.length;
      const described = `${f.measure}${f.text}`;
      const measureBigrams = bigrams(described);
      const contextBigrams = bigrams(context);
      let s = 0;
      query.terms.forEach((term, k) => {
        if (term.number) return;
        const w = (weights[k]! / mean) * (k === focus ? FOCUS_WEIGHT : 1);
        s += w * Math.max(termPresence(term, described, measureBigrams), 0.5 * termPresence(term, context, contextBigrams));
      });
      if (query.text.includes(f.text)) s -= 2; // the question already states it: it is not the answer
      switch (query.intent) {
        case 'rank':
          s += f.kind === 'ordinal' ? 3 : -3;
          break;
        case 'date':
          s += f.kind === 'date' ? 3 : -3;
          break;
        case 'quantity':
          if (f.kind === 'date') s -= 3;
          if (f.kind === 'ordinal') s -= 1;
          if (f.kind === 'percent' && WANTS_PERCENT.test(query.text)) s += 1.5;
          if (f.kind === 'share' && WANTS_SHARE.test(query.text)) s += 1.5;
          break;
        default:
          if (f.kind === 'date') s -= 1;
      }
      if (query.unit && (f.unit === query.unit || (query.unit === '%' && f.kind === 'percent'))) s += 3;
      s += 0.5 * Math.max(0, 2 - rank); // the best passage's figures first
      scored.push({ f, s, order: rank * 1000 + order });
    });
  });
  scored.sort((a, b) => b.s - a.s || a.order - b.order);
  return scored.map((x) => x.f);
}
