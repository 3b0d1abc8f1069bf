/** Sentences: split at sentence marks, short ones grouped with the next. */
import { describe, expect, it } from 'vitest';
import { groupSentences, splitSentences } from '../../src/core/sentences.js';

describe('splitSentences', () => {
  it('splits at 。！？； and keeps closing quotes with their sentence', () => {
    expect(splitSentences('第一句话。第二句！“引语。”第三句？剩下')).toEqual(['第一句话。', '第二句！', '“引语。”', '第三句？', '剩下']);
    expect(splitSentences('甲；乙')).toEqual(['甲；', '乙']);
  });
  it('returns [] for empty text', () => {
    expect(splitSentences('')).toEqual([]);
  });
});

describe('groupSentences', () => {
  it('joins a short sentence to the next one', () => {
    expect(groupSentences(['短句。', '这是一个足够长的句子用来单独成段落。'])).toEqual([[0, '短句。这是一个足够长的句子用来单独成段落。']]);
  });
  it('a short tail joins the previous passage', () => {
    expect(groupSentences(['这是一个足够长的句子用来单独成段落。', '好。'])).toEqual([[0, '这是一个足够长的句子用来单独成段落。好。']]);
  });
  it('a quotation sentence is joined with the attribution after it', () => {
    const groups = groupSentences(['“今天的乌苏，产业焕新、民生改善，潜力巨大。”', '王明表示，乌苏将继续推动高质量发展。']);
    expect(groups).toEqual([[0, '“今天的乌苏，产业焕新、民生改善，潜力巨大。”王明表示，乌苏将继续推动高质量发展。']]);
  });
  it('records the index of the first sentence of each group', () => {
    const s = ['第一句足够长可以单独成为一个段落。', '短。', '第三句也足够长可以单独成为段落。'];
    expect(groupSentences(s).map(([i]) => i)).toEqual([0, 1]);
  });
});
