/** Plain-text answers: possibly related passages labelled, several documents' answers each with its marker. */
import { describe, expect, it } from 'vitest';
import { formatAnswer } from '../../src/console/format.js';
import type { Answer, DocumentInfo, ScoredPassage } from '../../src/core/types.js';

const doc = (id: string, title: string): DocumentInfo => ({ id, file: `${id}.txt`, title, source: '', date: '', passages: 1, figures: 0, repairs: [], unknowns: [], hash: '' });
const passage = (id: string, text: string): ScoredPassage => ({ id, doc: id.split('#')[0]!, text, score: 1, matched: [] });
const base: Answer = { question: '问？', found: false, confidence: 'none', answer: '没有找到。', script: 'simplified', figures: [], passages: [] };

describe('formatAnswer', () => {
  it('lists possibly related passages under their label, numbered apart from citations', () => {
    const out = formatAnswer({ ...base, confidence: 'related', answer: '下面的段落可能相关。', related: [passage('a#p1.s1', '甲段。')] }, [doc('a', '甲')]);
    expect(out.split('\n')).toEqual(['答：下面的段落可能相关。', '可能相关的段落 (possibly related passages):', '(1) a#p1.s1', '    甲段。']);
  });

  it('after an answer’s citations and sources, lists the related passages under their label', () => {
    const out = formatAnswer(
      { ...base, found: true, confidence: 'answer', answer: '9亿元', passages: [passage('a#p2.s1', '甲县收入9亿元。')], related: [passage('a#p2.s2', '乙句。')] },
      [doc('a', '甲县')],
    ).split('\n');
    expect(out.slice(-3)).toEqual(['可能相关的段落 (possibly related passages):', '(1) a#p2.s2', '    乙句。']);
    expect(out.indexOf('[1] a#p2.s1  (1)')).toBeLessThan(out.indexOf('(1) a#p2.s2'));
  });

  it('prints nothing but the sentence when nothing was found', () => {
    expect(formatAnswer(base, [])).toBe('答：没有找到。');
  });

  it('gives each document’s answer beside the marker of the passage it cites', () => {
    const out = formatAnswer(
      {
        ...base,
        found: true,
        confidence: 'answer',
        answer: '多个文档各有答案：甲：9亿元 · 乙：7亿元',
        passages: [passage('a#p2.s1', '甲县收入9亿元。'), passage('b#p2.s1', '乙县收入7亿元。')],
        byDocument: [
          { doc: 'a', title: '甲县', answer: '9亿元', passage: 'a#p2.s1' },
          { doc: 'b', title: '乙县', answer: '7亿元', passage: 'b#p2.s1' },
        ],
      },
      [doc('a', '甲县'), doc('b', '乙县')],
    );
    expect(out).toContain('  [1] 《甲县》：9亿元');
    expect(out).toContain('  [2] 《乙县》：7亿元');
  });
});
