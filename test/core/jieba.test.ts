/** jieba: loaded with a one-line IDF table, kept in the temp folder only when it holds exactly that line. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJieba, tinyIdfFile } from '../../src/core/jieba.js';

describe('loadJieba', () => {
  it('gives the keyword extractor a one-line IDF table, and segmentation still uses the full dictionary', () => {
    const file = tinyIdfFile();
    // The shared file in the temp folder, or a private copy when the shared one holds something else.
    expect(file).toMatch(/idf(?:-v1)?\.utf8$/);
    expect(readFileSync(file!, 'utf8').trim().split('\n')).toHaveLength(1);
    // Words from jieba's main dictionary (not from the IDF table) are still cut whole.
    expect(loadJieba().cut('昌吉州工业经济发展', false)).toEqual(['昌吉州', '工业', '经济', '发展']);
  });
});

describe('tinyIdfFile', () => {
  it('does not trust a shared temp file with other content: it writes a private copy instead', () => {
    // A private TMPDIR for this test only (os.tmpdir() reads it on each call).
    const saved = process.env.TMPDIR;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wenda-idf-test-'));
    process.env.TMPDIR = dir;
    try {
      const fresh = tinyIdfFile()!;
      expect(path.dirname(fresh)).toBe(dir);
      writeFileSync(fresh, 'garbage without a weight\n');
      const own = tinyIdfFile()!;
      expect(own).not.toBe(fresh);
      expect(own.startsWith(dir)).toBe(true);
      expect(readFileSync(own, 'utf8').trim().split(' ')).toHaveLength(2);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
