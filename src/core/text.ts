/** Text normalisation shared by cleaning, indexing and querying: script conversion, width folding, sanitising. */
import * as OpenCC from 'opencc-js';
import type { Script } from './types.js';

// Built once: opencc-js compiles its dictionaries into a trie on first use (~50 ms each).
let t2s: ((s: string) => string) | undefined;
let s2t: ((s: string) => string) | undefined;

/**
 * Traditional (any variant) → simplified Chinese; other characters unchanged. Idempotent: some
 * text converts in two steps (薴 → 苧 → 苎; 於倫敦 keeps 於 as part of a phrase the first time), so
 * text the first pass changed is converted again until it stays (at most twice more).
 */
export function toSimplified(text: string): string {
  const convert = (t2s ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  let out = convert(text);
  if (out === text) return out;
  for (let k = 0; k < 2; k++) {
    const again = convert(out);
    if (again === out) break;
    out = again;
  }
  return out;
}

/** Simplified → traditional (Taiwan standard characters, no phrase conversion). */
export function toTraditional(text: string): string {
  const convert = (s2t ??= OpenCC.Converter({ from: 'cn', to: 'tw' }));
  return convert(text);
}

/** Converts simplified text to the given script. */
export function toScript(text: string, script: Script): string {
  return script === 'traditional' ? toTraditional(text) : text;
}

/** 'traditional' when converting to simplified changes more than it would change a simplified text (pass the conversion if it is at hand). */
export function detectScript(text: string, simplified = toSimplified(text)): Script {
  if (simplified === text) return 'simplified';
  // Count characters that differ: a traditional question has several, a simplified one with a
  // stray variant (e.g. 著) may have one; compare with what the reverse conversion changes.
  let toS = 0;
  for (let i = 0; i < text.length; i++) if (text[i] !== simplified[i]) toS++;
  const traditional = toTraditional(text);
  let toT = 0;
  for (let i = 0; i < text.length; i++) if (text[i] !== traditional[i]) toT++;
  return toS > toT ? 'traditional' : 'simplified';
}

const FULLWIDTH_PUNCT: Record<string, string> = {
  '\u3000': ' ',
};

/** The units foldWidth changes: U+3000, ％ ＋ － ． ／, full-width digits and Latin letters. */
const FOLDED = /[\u3000\uff05\uff0b\uff0d-\uff19\uff21-\uff3a\uff41-\uff5a]/;

/**
 * Folds full-width ASCII (digits, Latin letters, ％．＋－ …) to half-width, so `３２００万` and
 * `3200万` index alike; Chinese punctuation (，。：；！？) is kept, it separates sentences.
 */
export function foldWidth(text: string): string {
  // Most text has none of the characters folded below: it comes back as it is, not rebuilt.
  if (!FOLDED.test(text)) return text;
  let out = '';
  for (const ch of text.includes('\u3000') ? unpadNames(text) : text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0); // ０-９
    else if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) out += String.fromCharCode(code - 0xfee0);
    else if (ch === '％' || ch === '．' || ch === '＋' || ch === '－' || ch === '／') out += String.fromCharCode(code - 0xfee0);
    else out += FULLWIDTH_PUNCT[ch] ?? ch;
  }
  return out;
}

/**
 * A two-character name padded to three characters' width (刘　洋 in a cast list or a roster: an
 * ideographic space after a single character that follows no other) is one word: the space goes.
 * Not between longer words (北京　上海, 第一章　总则), whose space separates.
 */
function unpadNames(text: string): string {
  return text.replace(/(?<!\p{Script=Han})(\p{Script=Han})\u3000(?=\p{Script=Han})/gu, '$1');
}

const HALF_TO_FULL_PUNCT: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

/**
 * Turns half-width punctuation written between Chinese characters into the full-width form,
 * so sentence splitting sees `；` and `！`; a `,` inside a number (`1,500`) or a `.` in `7.8` is left alone.
 */
export function chinesePunctuation(text: string): string {
  // The digit after the mark is looked at, not consumed, so `1?1,` sees both marks.
  return text.replace(/([\p{Script=Han}\p{Pe}”’%\d□])([,;:!?])(?=(\d)?)/gu, (_m, before: string, p: string, after?: string) => {
    // A comma or colon between two digits belongs to a number or a time (1,500 · 21:39): leave it.
    if (/\d/.test(before) && after && (p === ',' || p === ':')) return before + p;
    return before + (HALF_TO_FULL_PUNCT[p] ?? p);
  });
}

/**
 * Makes arbitrary user input safe to process: drops control and format characters
 * (keeping newlines as spaces), lone surrogates and variation selectors, folds width,
 * and collapses white space. Never throws.
 */
export function sanitize(input: string): string {
  // toWellFormed replaces lone surrogates with U+FFFD, which we then drop with the other specials.
  return foldWidth(stripTerminalCodes(input.toWellFormed()))
    .replace(/[\r\n\t\v\f]+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\uFFFD\uFE00-\uFE0F]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Removes terminal escape sequences whole (colours `\x1b[0m`, cursor moves, titles `\x1b]0;…\x07`):
 * dropping only the ESC would leave `[0m` behind, which reads as a word and a number.
 */
export function stripTerminalCodes(text: string): string {
  return text
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g, '') // OSC … BEL / ST
    .replace(/(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]/g, '') // CSI (7- and 8-bit)
    .replace(/\x1b[ -/]*[0-~]/g, ''); // other two-character escapes (ESC c, ESC ( B …)
}

/** False for a question written in another language (two or more Latin words and no Chinese character): English, or pinyin. */
export function asksInChinese(text: string): boolean {
  if (/\p{Script=Han}/u.test(text)) return true;
  // One Latin word may be a term the corpus uses (GDP, PM2.5); a sentence of them is not Chinese.
  return (text.match(/\p{Script=Latin}+/gu) ?? []).length < 2;
}

/** True when the text holds at least one letter or digit a search can use (Han, Latin, digits). */
export function hasSearchableText(text: string): boolean {
  return /[\p{Script=Han}\p{L}\p{N}]/u.test(text.replace(/\p{Extended_Pictographic}/gu, ''));
}

/** User input made safe to show back: sanitised and cut to `max` characters (code points) with '…', so a 5,000-character paste is not echoed whole. */
export function forEcho(input: string, max = 60): string {
  const chars = [...sanitize(input)];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
