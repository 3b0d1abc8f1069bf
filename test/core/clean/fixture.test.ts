/**
 * The cleaner's output on damaged lines of the recombined news corpus (bench/corpora.ts: GBK
 * mojibake, inline pinyin, lost characters) is what it was before its lookups were cached: a speed-up must
 * change no text, repair or unknown. Expected values were written by the cleaner of 882e1e5.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, type CleanResult } from '../../../src/core/clean/index.js';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/clean/news-lines.json');
const cases = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Array<{ line: string; expected: CleanResult }>;

describe('cleanText on damaged news lines', () => {
  it('gives the recorded text, repairs and unknowns for every line, twice over (the caches warm)', () => {
    expect(cases.length).toBeGreaterThan(100);
    expect(cases.some((c) => c.expected.repairs.some((r) => r.kind === 'gbk-shift'))).toBe(true);
    for (let round = 0; round < 2; round++) for (const c of cases) expect(cleanText(c.line), c.line).toEqual(c.expected);
  });
});
