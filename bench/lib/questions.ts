/** Questions drawn from the corpus: a few words of a random passage, asked the way a user would. */
import { rng } from './util.js';

/** A benchmark question and the passage it was drawn from. */
export interface Question {
  text: string;
  from: string;
}

// Question endings users type; their words may not be in the corpus, as in real questions.
const ENDINGS = ['是多少？', '有哪些？', '是什么？', '在哪里？', '怎么样？', '', '？'];

/** A drawn question's kind: its ending (是多少？ …), `？` alone, or `(none)`. */
export function kindOf(text: string): string {
  return ENDINGS.find((e) => e.length > 1 && text.endsWith(e)) ?? (text.endsWith('？') ? '？' : '(none)');
}

/** Values (e.g. latencies) of questions grouped by the questions' kind, kinds in sorted order. */
export function byKind(questions: readonly { text: string }[], values: readonly number[]): Map<string, number[]> {
  const kinds = new Map<string, number[]>();
  questions.forEach((q, i) => {
    const k = kindOf(q.text);
    (kinds.get(k) ?? kinds.set(k, []).get(k)!).push(values[i]!);
  });
  return new Map([...kinds].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Picks `n` passages at random (seeded) and asks about 2–4 of their words, in passage order,
 * with a question ending: words the index knows plus the noise a real question carries.
 */
export function drawQuestions(passages: readonly { id: string; text: string }[], segment: (s: string) => string[], n: number, seed = 4): Question[] {
  const random = rng(seed);
  const out: Question[] = [];
  let tries = 0;
  while (out.length < n && tries < n * 20 && passages.length) {
    tries++;
    const p = passages[Math.floor(random() * passages.length)]!;
    // Content words: two or more Han characters, or a number expression.
    const words = [...new Set(segment(p.text).filter((t) => /^\p{Script=Han}{2,}$/u.test(t) || /\d/.test(t)))];
    if (words.length < 2) continue;
    const k = Math.min(words.length, 2 + Math.floor(random() * 3));
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(random() * words.length));
    const text = [...chosen].sort((a, b) => a - b).map((i) => words[i]).join('') + ENDINGS[Math.floor(random() * ENDINGS.length)]!;
    out.push({ text, from: p.id });
  }
  return out;
}
