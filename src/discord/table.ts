/** The monospace table: text fitted to columns by its display width. */
import { eastAsianWidth } from 'get-east-asian-width';

/** Display width in a monospace font: East Asian wide and full-width characters count 2 (Unicode's East Asian Width). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += eastAsianWidth(ch.codePointAt(0)!);
  return width;
}

/** Pads (or cuts with '…') text to an exact display width. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text + ' '.repeat(width - displayWidth(text));
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - 1 - displayWidth(out)));
}
