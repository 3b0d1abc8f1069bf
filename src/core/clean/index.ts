/** Cleans scraped Chinese text: pinyin annotations, lost characters, GBK-shifted mojibake, width and script. */
import { chinesePunctuation, foldWidth, sanitize, toSimplified } from '../text.js';
import type { Repair } from '../types.js';
import { charsWithReading, isRareHan } from './gbk.js';
import { jiebaCoverage, jiebaWordScore } from './score.js';
import { chooseByWords, findShiftRepairs, shownTokens, type Piece, type ShiftRepair } from './shift.js';
import { scanLine, type Token } from './scan.js';


/** Scores how much a simplified string reads as real Chinese (higher = better). */
export type WordScorer = (simplified: string) => number;

/** The cleaned text, every change made, and the spans that stayed unknown (shown as `□`). */
export interface CleanResult {
  text: string;
  repairs: Repair[];
  unknowns: string[];
}

const UNKNOWN = '□';
const CONTEXT = 3;

/** Marks tokens that are damage or that no multi-character dictionary word covers. */
function suspectTokens(tokens: Token[], shown: string[]): boolean[] {
  const covered = jiebaCoverage(shown.join(''));
  const suspect: boolean[] = [];
  let offset = 0;
  for (let k = 0; k < tokens.length; k++) {
    const len = shown[k]!.length;
    const t = tokens[k]!;
    const isCovered = covered.slice(offset, offset + len).every(Boolean) && len > 0;
    // Spaces, numbers and Latin words end a suspect stretch; a lone Latin letter glued to Han text does
    // not, since 0x40–0x7e are also GBK second bytes (`紹` = bd 42 decodes one byte off as `榻B`).
    const latinNeighbour = (n: number): boolean => { const x = tokens[n]; return x?.kind === 'char' && /[A-Za-z0-9]/.test(x.ch); };
    const loneLetter = t.kind === 'char' && /^[A-Za-z]$/.test(t.ch) && !latinNeighbour(k - 1) && !latinNeighbour(k + 1);
    suspect.push(t.kind !== 'char' || loneLetter || (!isCovered && !/[\sA-Za-z0-9]/.test(t.ch)));
    offset += len;
  }
  return suspect;
}

/** Characters outside GB2312 this close together suggest a shifted run. */
const RARE_SPAN = 6;

/** True when two Han characters outside GB2312 stand within RARE_SPAN of each other. */
function rareCluster(tokens: Token[]): boolean {
  return rareClusterIn(tokens.map((t) => (t.kind === 'char' ? t.ch : '')));
}

/** The same test over plain characters (an empty string for a non-character token), or over a line's characters. */
function rareClusterIn(chars: Iterable<string>): boolean {
  let lastRare = -Infinity;
  let k = 0;
  for (const ch of chars) {
    if (isRareHan(ch)) {
      if (k - lastRare <= RARE_SPAN) return true;
      lastRare = k;
    }
    k++;
  }
  return false;
}

function cleanTokens(tokens: Token[], score: WordScorer): CleanResult {
  // Converting token by token costs more than the rest of a clean line: only damaged lines need it.
  let shownCache: string[] | undefined;
  const shown = (): string[] => (shownCache ??= shownTokens(tokens));
  // A shift repair needs a damage mark, or garbage that shows: characters outside GB2312 close
  // together. One rare character alone is a variant (classical text has many), and ordinary lines
  // have neither: then jieba need not be asked at all, which is most of the cleaning time saved.
  const mayBeShifted = tokens.some((t) => t.kind !== 'char') || rareCluster(tokens);
  const shifts: ShiftRepair[] = mayBeShifted ? findShiftRepairs(tokens, suspectTokens(tokens, shown()), score) : [];
  const repairs: Repair[] = [];
  const unknowns: string[] = [];
  const out: Piece[] = [];
  const rawAround = (from: number, to: number): string =>
    tokens.slice(Math.max(0, from - CONTEXT), from).map((t) => (t.kind === 'char' ? t.ch : t.raw)).join('') +
    '[' + tokens.slice(from, to).map((t) => t.raw).join('') + ']' +
    tokens.slice(to, to + CONTEXT).map((t) => (t.kind === 'char' ? t.ch : t.raw)).join('');

  // Annotated characters are reported per stretch of Han text, so the report stays readable.
  let pinyinRun: Token[] = [];
  const flushPinyin = (): void => {
    if (pinyinRun.some((t) => t.kind === 'char' && t.annotated))
      repairs.push({ kind: 'pinyin', before: pinyinRun.map((t) => t.raw).join(''), after: toSimplified(pinyinRun.map((t) => (t.kind === 'char' ? t.ch : '')).join('')) });
    pinyinRun = [];
  };

  let k = 0;
  let s = 0;
  while (k < tokens.length) {
    const shift = shifts[s];
    if (shift && shift.start === k) {
      flushPinyin();
      out.push(...shift.pieces);
      const before = tokens.slice(shift.start, shift.end).map((t) => t.raw).join('');
      repairs.push({ kind: 'gbk-shift', before, after: toSimplified(shift.pieces.map((p) => p.text).join('')) });
      if (shift.pieces.some((p) => p.unknown)) unknowns.push(rawAround(shift.start, shift.end));
      k = shift.end;
      s++;
      continue;
    }
    const t = tokens[k]!;
    if (t.kind === 'char') {
      if (/\p{Script=Han}/u.test(t.ch)) pinyinRun.push(t);
      else flushPinyin();
      out.push({ text: t.ch, unknown: false });
    } else {
      flushPinyin();
      let ch: string | null = null;
      if (t.kind === 'lost') {
        // No byte is known: pick, among the characters with this reading, the one that makes a word.
        const left = out.slice(-CONTEXT).map((p) => p.text).join('');
        const right = shown().slice(k + 1, k + 1 + CONTEXT).join('');
        ch = chooseByWords(charsWithReading(t.reading), left, right, score);
      }
      if (ch !== null) {
        out.push({ text: ch, unknown: false });
        repairs.push({ kind: 'lost-char', before: t.raw, after: toSimplified(ch) });
      } else {
        out.push({ text: UNKNOWN, unknown: true });
        repairs.push({ kind: 'unknown', before: t.raw, after: UNKNOWN });
        unknowns.push(rawAround(k, k + 1));
      }
    }
    k++;
  }
  flushPinyin();

  // Neighbouring unknown spots are one gap as far as a reader can tell.
  let joined = '';
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    if (p.unknown && out[i - 1]?.unknown) continue;
    joined += p.unknown ? UNKNOWN : p.text;
  }
  const text = chinesePunctuation(foldWidth(toSimplified(joined)));
  return { text, repairs, unknowns };
}

/** Cleans one line/paragraph of scraped text into simplified Chinese. Never throws. */
export function cleanText(raw: string, options?: { scoreWords?: WordScorer }): CleanResult {
  const score = options?.scoreWords ?? jiebaWordScore;
  let line = '';
  try {
    line = sanitize(typeof raw === 'string' ? raw : String(raw));
    // Most lines of most documents carry no annotation, no `?` and no garbage: convert them
    // directly, without the per-character token pass (a third of a large corpus's ingest time).
    if (!/[(?]/.test(line) && !rareClusterIn(line)) return { text: chinesePunctuation(foldWidth(toSimplified(line))), repairs: [], unknowns: [] };
    return cleanTokens(scanLine(line), score);
  } catch {
    // A cleaner bug must not lose a document: fall back to the plain conversions, with no repairs claimed.
    try {
      return { text: chinesePunctuation(foldWidth(toSimplified(line))), repairs: [], unknowns: [] };
    } catch {
      return { text: line, repairs: [], unknowns: [] };
    }
  }
}
