/** Scans scraped text into characters, stripping pinyin annotations and marking damaged spots. */
import { PINYIN_CHARS, hasReading, hasToneMark, isPinyinSyllable } from './pinyin.js';

/** One unit of the scraped line. */
export type Token =
  /** A character as written; `annotated` when a pinyin annotation followed it and was stripped. */
  | { kind: 'char'; ch: string; raw: string; annotated: boolean }
  /** `?reading)`: a character and its `(` were lost, only its reading is left. */
  | { kind: 'lost'; reading: string; raw: string }
  /** A `?` that stands for lost bytes, not for a question mark. */
  | { kind: 'qmark'; raw: string };

const ANNOTATION = new RegExp(`^[(（]([${PINYIN_CHARS}]{1,6})[)）]`, 'u');
const DAMAGED = new RegExp(`^([${PINYIN_CHARS}]{1,6})[)）]`, 'u');
const HAN = /^\p{Script=Han}$/u;

/** True when `(syllable)` after `ch` is a pinyin annotation rather than a real parenthesis. */
function isAnnotation(ch: string, syllable: string): boolean {
  if (!isPinyinSyllable(syllable)) return false;
  // A toned syllable right after a Han character is never ordinary text; a toneless one (`(de)`)
  // must also be a reading of that character, so `(ge)`-like abbreviations are left alone.
  return hasToneMark(syllable) || hasReading(ch, syllable);
}

/** True when a `?` at `rest` (the text after it) is damage rather than a question mark. */
function isDamageMark(rest: string, previous: string | undefined): boolean {
  const next = rest[0];
  // A real question mark ends a sentence: end of line, space, a closing quote or bracket, or the next sentence.
  if (next === undefined || /[\s”’」』)）\p{Script=Han}]/u.test(next)) return false;
  // 怎么走?2月…: after a word, a digit starts the next sentence; after other damage (`?!?0日`) it is damage too.
  if (/\p{N}/u.test(next) && previous !== undefined && /[\p{Script=Han}\p{L}\p{N}]/u.test(previous)) return false;
  return true;
}

/** Scans one line into characters; annotations are stripped (and flagged), damaged `?` forms become tokens. */
export function scanLine(line: string): Token[] {
  const chars = Array.from(line);
  const out: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    // Only look a dozen characters ahead: an annotation is at most `(` + 6 letters + `)`.
    const rest = chars.slice(i + 1, i + 10).join('');
    if (HAN.test(ch)) {
      let raw = ch;
      let annotated = false;
      let tail = rest;
      // Repeated annotations (`發(fā)(fā)`) are stripped too, so cleaning is idempotent.
      for (let m = ANNOTATION.exec(tail); m && isAnnotation(ch, m[1]!); m = ANNOTATION.exec(tail)) {
        raw += m[0];
        annotated = true;
        i += Array.from(m[0]).length;
        tail = chars.slice(i + 1, i + 10).join('');
      }
      out.push({ kind: 'char', ch, raw, annotated });
      i++;
      continue;
    }
    if (ch === '?') {
      const m = DAMAGED.exec(rest);
      if (m && isPinyinSyllable(m[1]!)) {
        out.push({ kind: 'lost', reading: m[1]!.replace(/v/g, 'ü'), raw: ch + m[0] });
        i += 1 + Array.from(m[0]).length;
        continue;
      }
      if (isDamageMark(rest, chars[i - 1])) {
        out.push({ kind: 'qmark', raw: ch });
        i++;
        continue;
      }
    }
    out.push({ kind: 'char', ch, raw: ch, annotated: false });
    i++;
  }
  return out;
}
