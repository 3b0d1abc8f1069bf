/** Finds runs of text decoded one byte off (GBK) and decodes them again with the right alignment. */
import { toSimplified } from '../text.js';
import { charsWithLead, commonness, decodePair, gbkBytes, isRareHan } from './gbk.js';
import type { Token } from './scan.js';

/** A piece of repaired output: a character, or a spot that stays unknown (`□`). */
export interface Piece {
  text: string;
  unknown: boolean;
}

/** A repaired window: tokens [start, end) are replaced by `pieces`. */
export interface ShiftRepair {
  start: number;
  end: number;
  pieces: Piece[];
}

/** Chooses among candidate characters the one that best makes words with its neighbours; null if none or a tie. */
export function chooseByWords(candidates: readonly string[], left: string, right: string, score: (s: string) => number): string | null {
  const base = score(toSimplified(left + '□' + right));
  let best: string | null = null;
  let bestGain = 0;
  let tie = false;
  const seen = new Set<string>();
  for (const c of candidates) {
    const simplified = toSimplified(c);
    // Traditional and simplified forms of one character are the same choice.
    if (seen.has(simplified)) continue;
    seen.add(simplified);
    const gain = score(toSimplified(left + c + right)) - base;
    if (gain > bestGain) {
      best = c;
      bestGain = gain;
      tie = false;
    } else if (gain === bestGain && gain > 0) tie = true;
  }
  return tie ? null : best;
}

/** The shown form of tokens, one string per token: damaged spots as `□`. */
export function shownTokens(tokens: Token[]): string[] {
  return tokens.map((t) => (t.kind === 'char' ? toSimplified(t.ch) : '□'));
}

const MAX_WINDOW = 8;
const CONTEXT = 4;

/**
 * Decodes tokens [i, j) as if their GBK bytes were shifted by one: re-encode, drop the first byte,
 * decode. Returns the pieces and the end of the consumed tokens (j, or j + 1 when a following damaged
 * token is used to finish the last character), or null when the bytes do not decode.
 */
export function unshift(tokens: Token[], i: number, j: number, score: (s: string) => number): { pieces: Piece[]; end: number } | null {
  const bytes: (number | null)[] = [];
  for (let k = i; k < j; k++) {
    const t = tokens[k]!;
    if (t.kind === 'char') {
      const b = gbkBytes(t.ch);
      if (!b) return null;
      bytes.push(...b);
    } else if (t.kind === 'lost' && k === i) {
      // A shifted character that was itself annotated, then lost: its first byte is the second byte
      // of the character before it, which with its reading usually pins it down.
      const prev = tokens[i - 1];
      const pb = prev?.kind === 'char' ? gbkBytes(prev.ch) : null;
      if (!pb || pb.length !== 2) return null;
      const cands = charsWithLead(pb[1]!, t.reading);
      if (cands.length !== 1) return null;
      bytes.push(...gbkBytes(cands[0]!)!);
    } else bytes.push(null, null);
  }
  bytes.shift();
  const pieces: Piece[] = [];
  let end = j;
  let p = 0;
  while (p < bytes.length) {
    const b = bytes[p];
    if (b === null || b === undefined) {
      pieces.push({ text: '□', unknown: true });
      p += 2;
      continue;
    }
    if (b < 0x80) {
      pieces.push({ text: String.fromCharCode(b), unknown: false });
      p += 1;
      continue;
    }
    if (p + 1 < bytes.length) {
      const t = bytes[p + 1];
      if (t === null || t === undefined) pieces.push({ text: '□', unknown: true });
      else {
        const ch = decodePair(b, t);
        if (ch === null) return null;
        pieces.push({ text: ch, unknown: false });
      }
      p += 2;
      continue;
    }
    // The last byte is the first half of the next character, whose second half was lost.
    const next = tokens[j];
    if (next?.kind === 'lost') {
      // `?reading)`: the lead byte and the reading together usually leave a single character.
      const cands = charsWithLead(b, next.reading);
      const left = pieces.map((x) => x.text).join('');
      const right = shownTokens(tokens.slice(j + 1, j + 1 + CONTEXT)).join('');
      const ch = cands.length === 1 ? cands[0]! : chooseByWords(cands, left, right, score);
      pieces.push(ch === null ? { text: '□', unknown: true } : { text: ch, unknown: false });
      end = j + 1;
    } else {
      pieces.push({ text: '□', unknown: true });
      if (next?.kind === 'qmark') end = j + 1;
    }
    p += 1;
  }
  return { pieces, end };
}

/** How many Han characters outside GB2312 (commonness 0) tokens [a, b) hold. */
function rareCount(tokens: Token[], a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (t.kind === 'char' && isRareHan(t.ch)) n++;
  }
  return n;
}

function isCjkPunctuation(ch: string): boolean {
  return /^[\u3000-\u303f\u2010-\u203f\uff01-\uff0f\uff1a-\uff20]$/u.test(ch);
}

/**
 * Finds shifted runs: within stretches of suspect tokens (damage marks, or characters no dictionary
 * word covers), tries every short window, and keeps a re-decoding only when it reads clearly better.
 */
export function findShiftRepairs(tokens: Token[], suspect: boolean[], scoreWords: (s: string) => number): ShiftRepair[] {
  const shown = shownTokens(tokens);
  // The same context strings are scored for many windows: jieba is the cost, so remember them.
  const memo = new Map<string, number>();
  const score = (s: string): number => {
    let v = memo.get(s);
    if (v === undefined) memo.set(s, (v = scoreWords(s)));
    return v;
  };
  const done = new Array<boolean>(tokens.length).fill(false);
  const repairs: ShiftRepair[] = [];
  const damaged = (k: number): boolean => tokens[k]?.kind === 'lost' || tokens[k]?.kind === 'qmark';
  let a = 0;
  while (a < tokens.length) {
    if (!suspect[a]) {
      a++;
      continue;
    }
    let b = a;
    while (b < tokens.length && suspect[b]) b++;
    let hasDamage = false;
    for (let k = a; k <= b && k < tokens.length; k++) if (damaged(k)) hasDamage = true;
    // A stretch with no damage mark needs stronger evidence: ordinary text must never be "repaired".
    const threshold = hasDamage ? 2 : 3;
    // Without a damage mark, a stretch must show garbage: at least two characters outside GB2312.
    if (!hasDamage && rareCount(tokens, a, b) < 2) {
      a = b;
      continue;
    }
    for (let round = 0; round < 4; round++) {
      let best: { i: number; j: number; end: number; pieces: Piece[]; gain: number; common: number } | null = null;
      for (let i = a; i < b; i++) {
        for (let j = i + 1; j <= Math.min(b, i + MAX_WINDOW); j++) {
          if (done.slice(i, j).some(Boolean)) break;
          // Without a damage mark, only a window holding two characters outside GB2312 is suspect
          // enough (the same evidence cleanText asks of the line before calling this).
          if (!hasDamage && rareCount(tokens, i, j) < 2) continue;
          const r = unshift(tokens, i, j, score);
          if (!r || done.slice(j, r.end).some(Boolean)) continue;
          if (r.pieces.every((x) => x.unknown)) continue;
          // Words decide first; then how ordinary the characters become (a name such as 郑敏 is no
          // dictionary word, but it is made of common characters where the garbage 编嵜 is not); then
          // the shorter window, which claims less of the text as garbage.
          let common = 0;
          for (const x of r.pieces) if (!x.unknown) common += commonness(x.text);
          for (let k = i; k < r.end; k++) { const t = tokens[k]!; if (t.kind === 'char') common -= commonness(t.ch); }
          // Re-decoding real text gives rarer characters; with no damage mark around, such a window
          // cannot win, so it is not worth asking jieba about (most of the cost on clean corpora).
          if (!hasDamage && common < 0) continue;
          const left = shown.slice(Math.max(0, i - CONTEXT), i).join('');
          const right = shown.slice(r.end, r.end + CONTEXT).join('');
          const before = score(toSimplified(left + shown.slice(i, r.end).join('') + right));
          const after = score(toSimplified(left + r.pieces.map((x) => x.text).join('') + right));
          const gain = after - before;
          if (!best || gain > best.gain || (gain === best.gain && (common > best.common || (common === best.common && j - i < best.j - best.i))))
            best = { i, j, end: r.end, pieces: r.pieces, gain, common };
        }
      }
      if (!best || best.gain < threshold) break;
      // Grow the window leftwards while the extra token reads as part of the run: a damage mark, a
      // garbage character no word covers that re-decodes into a common one (`编` → `鄭`), or any token
      // whose bytes re-decode into punctuation (`！` → `”`). A punctuation mark that would turn into a
      // letter is kept: bytes may be missing there, and the mark is the likelier text.
      let { i, pieces, end } = best;
      while (i - 1 >= a && !done[i - 1]) {
        const r = unshift(tokens, i - 1, best.j, score);
        const first = r?.pieces[0];
        const absorbed = tokens[i - 1]!;
        const fits = first?.unknown
          ? absorbed.kind === 'qmark'
          : first !== undefined &&
            (isCjkPunctuation(first.text) || (absorbed.kind === 'char' && /\p{Script=Han}/u.test(absorbed.ch) && commonness(first.text) === 1));
        if (!r || r.end !== end || !fits) break;
        i--;
        pieces = r.pieces;
      }
      for (let k = i; k < end; k++) done[k] = true;
      repairs.push({ start: i, end, pieces });
    }
    a = b;
  }
  return repairs.sort((x, y) => x.start - y.start);
}
