/** GBK byte helpers for undoing a one-byte shift, and the lazily built reading → characters index. */
import iconv from 'iconv-lite';
import { toSimplified } from '../text.js';
import { readingsOf } from './pinyin.js';

// Half-width punctuation in the scrape stands for full-width characters that were folded after
// the damage happened; their GBK bytes are those of the full-width form.
const UNFOLD: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？' };

// Cleaning asks about the same few thousand characters over and over: iconv-lite allocates a
// Buffer per call, so answers are remembered (bounded by the size of GBK, ~22k entries).
const bytesCache = new Map<string, readonly number[] | null>();
const pairCache = new Map<number, string | null>();
const commonCache = new Map<string, number>();
/** Arbitrary input could fill the character caches with non-GBK keys: start over past this size. */
const CACHE_LIMIT = 50_000;

/** GBK bytes of one character (ASCII punctuation unfolded to full width first); null when GBK cannot encode it. */
export function gbkBytes(ch: string): readonly number[] | null {
  if (bytesCache.size > CACHE_LIMIT) bytesCache.clear();
  let hit = bytesCache.get(ch);
  if (hit === undefined) bytesCache.set(ch, (hit = encodeChar(ch)));
  return hit;
}

function encodeChar(ch: string): number[] | null {
  const c = UNFOLD[ch] ?? ch;
  const code = c.codePointAt(0);
  if (code === undefined) return null;
  if (code < 0x80) return [code];
  const buf = iconv.encode(c, 'gbk');
  // iconv-lite writes `?` for characters outside GBK.
  if (buf.length !== 2) return null;
  return [buf[0]!, buf[1]!];
}

/** Decodes one GBK double-byte pair; null for invalid or user-defined (private-use) codes. */
export function decodePair(lead: number, trail: number): string | null {
  const key = (lead << 8) | trail;
  let hit = pairCache.get(key);
  if (hit === undefined) pairCache.set(key, (hit = decodeUncached(lead, trail)));
  return hit;
}

function decodeUncached(lead: number, trail: number): string | null {
  if (lead < 0x81 || lead > 0xfe || trail < 0x40 || trail > 0xfe || trail === 0x7f) return null;
  const s = iconv.decode(Buffer.from([lead, trail]), 'gbk');
  if (s.length !== 1) return null;
  const code = s.charCodeAt(0);
  if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff)) return null;
  return s;
}

/** charsWithLead's answers by lead byte and reading (GBK has 126 lead bytes and ~1,400 toned readings). */
const leadCache = new Map<string, readonly string[]>();

/** Han characters whose GBK code starts with `lead` and that can be read `reading`. The array is shared: do not change it. */
export function charsWithLead(lead: number, reading: string): readonly string[] {
  if (leadCache.size > CACHE_LIMIT) leadCache.clear();
  const key = `${lead} ${reading}`;
  let hit = leadCache.get(key);
  if (hit === undefined) leadCache.set(key, (hit = charsWithLeadUncached(lead, reading)));
  return hit;
}

function charsWithLeadUncached(lead: number, reading: string): string[] {
  const out: string[] = [];
  // One GBK row holds at most 190 codes, so scanning it is cheap and needs no index.
  for (let trail = 0x40; trail <= 0xfe; trail++) {
    const ch = decodePair(lead, trail);
    if (ch !== null && readingsOf(ch).includes(reading)) out.push(ch);
  }
  return out;
}

let readingIndex: Map<string, string[]> | undefined;

/** Han characters of the GBK range with the given toned reading (index built on first use, ~150 ms). */
export function charsWithReading(reading: string): string[] {
  if (!readingIndex) {
    const index = new Map<string, string[]>();
    const buf: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) buf.push(lead, trail);
    // One decode of the whole table is far cheaper than 24 000 small ones.
    for (const ch of iconv.decode(Buffer.from(buf), 'gbk')) {
      if (!/\p{Script=Han}/u.test(ch)) continue;
      for (const r of readingsOf(ch)) {
        const list = index.get(r);
        if (list) list.push(ch);
        else index.set(r, [ch]);
      }
    }
    readingIndex = index;
  }
  return readingIndex.get(reading) ?? [];
}

/** A Han character outside GB2312 (commonness 0): the mark shifted GBK bytes leave, and variants. */
export function isRareHan(ch: string): boolean {
  // The code-point test first: most characters of a line are not Han, and this runs on all of them.
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x2e80) return false;
  // A BMP character's answer is kept by its code (the cleaner asks it of every character of every line).
  if (ch.length !== 1) return isRareHanUncached(ch);
  let known = rareByCode[code]!;
  if (known === 0) rareByCode[code] = known = isRareHanUncached(ch) ? 2 : 1;
  return known === 2;
}

/** isRareHan's answers for BMP characters by code: 0 not yet asked, 1 no, 2 yes (64 KB). */
const rareByCode = new Uint8Array(0x10000);

function isRareHanUncached(ch: string): boolean {
  return /^\p{Script=Han}$/u.test(ch) && commonness(ch) === 0;
}

/**
 * How ordinary a character is, from where GB2312 puts its simplified form: 1 for the 3 755 common
 * characters and for CJK punctuation, 0.5 for the second level and ASCII, 0 for GBK-only characters
 * (rare or traditional) and anything else. Breaks ties between re-decodings the word scorer cannot tell apart.
 */
export function commonness(ch: string): number {
  if (commonCache.size > CACHE_LIMIT) commonCache.clear();
  let hit = commonCache.get(ch);
  if (hit === undefined) commonCache.set(ch, (hit = commonnessUncached(ch)));
  return hit;
}

function commonnessUncached(ch: string): number {
  const c = UNFOLD[ch] ?? ch;
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x21 && code < 0x7f) return 0.5;
  const b = gbkBytes(toSimplified(c));
  if (!b || b.length !== 2) return 0;
  const [lead, trail] = [b[0]!, b[1]!];
  if (trail < 0xa1) return 0;
  if (lead >= 0xa1 && lead <= 0xa9) return 1; // full-width punctuation and symbols
  if (lead >= 0xb0 && lead <= 0xd7) return 1;
  if (lead >= 0xd8 && lead <= 0xf7) return 0.5;
  return 0;
}
