/** The /source embed. */
import { describe, expect, test } from 'vitest';
import type { DocumentInfo, SourceInfo } from '../../../src/core/types.js';
import { sourceEmbed } from '../../../src/discord/embeds/source.js';

const doc: DocumentInfo = {
  id: 'doc', file: 'doc.txt', title: '昌吉州发展', source: '天山网', date: '2024-12-10',
  passages: 2, figures: 1, repairs: [], unknowns: [], hash: 'h',
};
const source: SourceInfo = { documents: [doc], passages: 2, figures: 1, builtAt: '2024-12-10T00:00:00Z', buildMs: 12 };

describe('sourceEmbed', () => {
  test('says what is served: counts, and the feedback summary for moderators', () => {
    const s = sourceEmbed(source, null, { up: 2, down: 1, worst: [{ question: '**q**', down: 1 }] });
    expect(s.description).toContain('**1** 篇文档 documents');
    expect(s.fields?.at(-1)?.value).toBe('👍 2 · 👎 1\n👎 1 — \\*\\*q\\*\\*');
    expect(s.fields?.some((f) => f.name.includes('Skipped'))).toBe(false);
  });
  test('sourceEmbed lists the files a start skipped, with the reason, escaped', () => {
    const skipped = [{ file: 'empty_draft.txt', code: 'DOCUMENT_EMPTY', message: '文档没有可用的段落：empty_draft.txt (The document has no usable passages: empty_draft.txt)' }];
    const s = sourceEmbed({ ...source, skipped }, null);
    const field = s.fields?.find((f) => f.name === '已跳过的文件 Skipped files');
    expect(field?.value).toBe('⚠️ `empty_draft.txt` — 文档没有可用的段落：empty\\_draft.txt (The document has no usable passages: empty\\_draft.txt)');
  });
});
