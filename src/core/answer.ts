/** Answer assembly: from ranked passages to the Answer (direct answer, cited figures, several documents' answers, or not found). */
import type { PassageIndex } from './search-index.js';
import type { Query } from './query.js';
import { rankFigures, termWeight, type Hit, type RankOptions } from './rank.js';
import { shortAnswer } from './short-answer.js';
import { toScript } from './text.js';
import type { Answer, DocumentInfo, Figure, Passage, ScoredPassage } from './types.js';
import type { Vocabulary } from './vocabulary.js';
import type { CommonWords } from './dictionary.js';
import { ANSWER_TEXT } from '../messages.js';

/** The tag classes of dictionary.ts's per-word codes, as the short answer reads them. */
const TAG_CLASS: Record<string, string> = { '2': 'ns', '3': 'nr', '4': 'nt', '5': 't', '6': 'j', '1': 'n', '0': 'x' };

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
  /** True for a hit that can answer (coverage, score, every required term). */
  answers: (hit: Hit) => boolean;
  scored: (hit: Hit) => ScoredPassage;
  rankOptions: RankOptions;
}

/** The engine's `answer`: parses, ranks and assembles the Answer. */
export function createAnswerer(ctx: AnswerContext): (question: string, options?: { limit?: number }) => Answer {
  const { passages, documents, state, index, queryLexicon, headlineTokens, parse, rank, answers, scored, rankOptions } = ctx;
  const { relatedCoverage, closeScore, figureScore } = rankOptions.answer;
  const none: ReadonlySet<string> = new Set();

  function answer(question: string, options: { limit?: number } = {}): Answer {
    const query = parse(question);
    const limit = options.limit ?? 3;
    const ranked = rank(query);
    // Only passages that could answer are cited, best first.
    const answering = ranked.filter(answers);
    const good = answering.slice(0, limit);
    // Figures come from the passages that answer nearly as well as the best: a sentence cited for
    // its paragraph's context does not add its own numbers to the answer.
    const near = good.filter((h) => h.score >= figureScore * good[0]!.score);
    const figures = rankFigures(query, near.map((h) => passages[h.index]!), (t) => termWeight(t, index));
    // A question that names a unit (多少亿元, 几家) is answered only by a figure in that unit.
    const unitMissing = query.unit !== '' && query.intent === 'quantity' && !figures.some((f) => f.unit === query.unit || (query.unit === '%' && f.kind === 'percent'));
    if (good.length === 0 || unitMissing) {
      // Partial evidence is shown as such: passages that may help, with no answer or figure claimed.
      const related = ranked.filter((h) => h.coverage >= relatedCoverage).slice(0, limit).map(scored);
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
    };
  }

  /**
   * When the best answers come from different documents with close scores and the question
   * names none of them apart (no word of one's title that the others' titles lack), each
   * document's best passage and answer; otherwise null (the best passage answers alone).
   */
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

  return answer;
}

/** At most this many documents' answers are listed side by side. */
const MAX_DOCUMENT_ANSWERS = 3;

/** A document title short enough to stand before its answer in one line. */
function shortTitle(title: string): string {
  return [...title].length > 16 ? `${[...title].slice(0, 15).join('')}…` : title;
}
