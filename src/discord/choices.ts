/** Autocomplete choices for passages, within Discord's limits. */
import { toScript } from '../core/text.js';
import type { Script, ScoredPassage } from '../core/types.js';
import { LIMITS, truncate } from './limits.js';

/** Autocomplete choices (≤ 25, names and values ≤ 100 characters) for passages matching a partial query. */
export function passageChoices(
  passages: readonly ScoredPassage[],
  script: Script,
  value: (p: ScoredPassage) => string,
): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  for (const p of passages) {
    const v = value(p);
    if (!v || v.length > LIMITS.choiceValue || seen.has(v)) continue;
    seen.add(v);
    const label = `${toScript(p.text.replace(/\s+/g, ' '), script)}`;
    const tag = ` · ${p.id.slice(p.id.indexOf('#') + 1)}`;
    out.push({ name: truncate(label, LIMITS.choiceName - tag.length) + tag, value: v });
    if (out.length >= LIMITS.choices) break;
  }
  return out;
}
