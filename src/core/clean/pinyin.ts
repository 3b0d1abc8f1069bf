/** Pinyin helpers for the cleaner: syllable validation and character readings (pinyin-pro). */
import { pinyin } from 'pinyin-pro';

const TONE_MARKS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const TONE_BASE = 'aaaaeeeeiiiioooouuuuüüüü';

// Structure of a Mandarin syllable: optional initial + final. Slightly permissive (it accepts a few
// combinations no word uses) but rejects English words and abbreviations such as `abc`, `ok`, `ge`-less junk.
const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ün|üe|ue|ve|a|o|e|i|u|ü|v)$|^(?:ng|n|m|hm|hng)$/;

/** Letters allowed in a pinyin annotation: a–z, ü and the tone-marked vowels. */
export const PINYIN_CHARS = `a-zü${TONE_MARKS}`;

/** Removes tone marks: `guī` → `gui`, `lǜ` → `lü`. */
export function toneless(syllable: string): string {
  let out = '';
  for (const ch of syllable) {
    const i = TONE_MARKS.indexOf(ch);
    out += i >= 0 ? TONE_BASE[i] : ch;
  }
  return out;
}

/** True when the string carries at least one tone mark. */
export function hasToneMark(syllable: string): boolean {
  for (const ch of syllable) if (TONE_MARKS.includes(ch)) return true;
  return false;
}

/** True when the string is one well-formed pinyin syllable (lower case, tone marks optional). */
export function isPinyinSyllable(syllable: string): boolean {
  if (syllable.length === 0 || syllable.length > 6) return false;
  // At most one tone mark: `fā` yes, `fāā` no.
  let marks = 0;
  for (const ch of syllable) if (TONE_MARKS.includes(ch)) marks++;
  return marks <= 1 && SYLLABLE.test(toneless(syllable));
}

/**
 * Readings asked for, by character. Re-decoding a damaged line asks for every character of a GBK
 * row (190) per shifted character, the same few thousand characters again and again: pinyin-pro
 * took half of the cleaning time of the news-like benchmark corpus before this cache.
 */
const readingCache = new Map<string, readonly string[]>();
/** Arbitrary input could fill the cache with one-off characters: start over past this size (GBK has ~22k). */
const READING_CACHE_LIMIT = 50_000;

/** Every toned reading pinyin-pro knows for one character (traditional or simplified); [] for non-Han. The array is shared: do not change it. */
export function readingsOf(ch: string): readonly string[] {
  let hit = readingCache.get(ch);
  if (hit === undefined) {
    if (readingCache.size > READING_CACHE_LIMIT) readingCache.clear();
    hit = /^\p{Script=Han}$/u.test(ch) ? pinyin(ch, { multiple: true, type: 'array' }) : [];
    readingCache.set(ch, hit);
  }
  return hit;
}

/** True when `ch` can be read `syllable` (compared with tones, `v` accepted for `ü`). */
export function hasReading(ch: string, syllable: string): boolean {
  const wanted = syllable.replace(/v/g, 'ü');
  return readingsOf(ch).some((r) => r === wanted);
}
