/** Default word scorer: how much of a simplified string is covered by multi-character dictionary words. */
import { loadJieba } from '../jieba.js';

/** Default scorer: characters covered by multi-character dictionary words (nodejieba cut without HMM). */
export function jiebaWordScore(simplified: string): number {
  if (simplified.length === 0) return 0;
  let score = 0;
  // Without HMM, jieba only joins characters it finds in its dictionary, so garbage stays in single characters.
  for (const word of loadJieba().cut(simplified, false)) {
    const han = word.match(/\p{Script=Han}/gu)?.length ?? 0;
    if (han >= 2) score += han;
  }
  return score;
}

/** Per-character coverage: true where a character sits inside a multi-character dictionary word. */
export function jiebaCoverage(simplified: string): boolean[] {
  const covered: boolean[] = [];
  for (const word of loadJieba().cut(simplified, false)) {
    const han = word.match(/\p{Script=Han}/gu)?.length ?? 0;
    for (let i = 0; i < word.length; i++) covered.push(han >= 2);
  }
  return covered;
}
