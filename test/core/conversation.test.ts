/** Follow-up questions read against the conversation: ellipsis, pronouns, standalone questions, and the answer carrying what was understood. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { converse, extend, MAX_TURNS, understand, understoodLine, type Conversation } from '../../src/core/conversation.js';
import { restoreEngine, type ServingEngine } from '../../src/core/engine.js';
import { buildEngine } from '../../src/core/build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let engine: ServingEngine;
beforeAll(async () => {
  engine = await buildEngine({ corpusDir: path.join(root, 'corpus'), configDir: path.join(root, 'config') });
});

/** Asks the questions as one conversation; returns each answer. */
function chat(...questions: string[]) {
  let conversation: Conversation | null = null;
  return questions.map((q) => {
    const turn = converse(engine, conversation, q);
    conversation = turn.conversation;
    return turn;
  });
}

describe('understand', () => {
  test('那X呢 replaces the place of the previous question with the new one', () => {
    const [, second] = chat('昌吉州GDP增速是多少？', '那克拉玛依市呢？');
    expect(second!.answer.understood).toBe('克拉玛依市GDP增速是多少？');
    expect(understoodLine(second!.answer)).toBe('（理解为：克拉玛依市GDP增速是多少？）');
  });

  test('X呢 replaces the measure, and the answer is the new measure\'s figure', () => {
    const [, second] = chat('昌吉州煤电装机多少？', '新能源呢？');
    expect(second!.answer.understood).toContain('新能源');
    expect(second!.answer.understood).toContain('昌吉州');
    expect(second!.answer.figures[0]!.text).toBe('超4200万千瓦');
  });

  test('a time replaces the time: 今年 → 去年 (which the article does not state)', () => {
    const [, second] = chat('今年前三季度昌吉州地区生产总值增长多少？', '去年呢？');
    expect(second!.answer.understood).toBe('去年前三季度昌吉州地区生产总值增长多少？');
    expect(second!.answer.found).toBe(false);
  });

  test('a pronoun refers to the person the previous answer named', () => {
    const [first, second] = chat('州长是谁？', '他还介绍了什么？');
    expect(first!.answer.answer).toBe('郑敏');
    expect(second!.answer.understood).toBe('郑敏还介绍了什么？');
    expect(second!.answer.passages[0]!.text).toContain('郑敏介绍');
  });

  test('该 + noun and 其 refer to the organisation the previous question was about', () => {
    const [, second, third] = chat('准东开发区是全疆首个什么园区？', '该开发区疆煤外运突破多少？', '其绿电比例是多少？');
    expect(second!.answer.understood).toBe('准东开发区疆煤外运突破多少？');
    expect(third!.answer.understood).toBe('准东开发区的绿电比例是多少？');
    expect(third!.answer.figures[0]!.text).toBe('超30%');
  });

  test('那里 refers to the place the previous answer gave', () => {
    const [, second] = chat('发布会在哪里举行？', '那里是哪个地区的首府？');
    expect(second!.answer.understood).toBe('乌鲁木齐是哪个地区的首府？');
  });

  test('a question that names its own place and measure is never rewritten', () => {
    const [, second] = chat('昌吉州GDP增速是多少？', '准东开发区疆煤外运突破多少？');
    expect(second!.answer.understood).toBeUndefined();
    expect(second!.understanding.how).toBe('standalone');
    expect(second!.answer.figures[0]!.text).toBe('突破5000万吨');
  });

  test('words like 其中, 其他, 因此 are not pronouns', () => {
    const u = understand('其中绿电比例是多少？', { turns: [{ understood: '准东开发区每年疆电外送多少？' }] }, engine.reader());
    expect(u.rewritten).toBe(false);
  });

  test('a question without a conversation, or one that cannot be read against it, is answered as typed', () => {
    expect(understand('那克拉玛依市呢？', null, engine.reader())).toMatchObject({ rewritten: false, how: 'new', understood: '那克拉玛依市呢？' });
    const u = understand('他呢？', { turns: [{ understood: '煤电装机多少？' }] }, engine.reader());
    expect(u.rewritten).toBe(false);
  });

  test('a traditional follow-up is understood in traditional characters', () => {
    const [, second] = chat('昌吉州GDP增速是多少？', '那克拉瑪依市呢？');
    expect(second!.answer.understood).toBe('克拉瑪依市GDP增速是多少？');
    expect(understoodLine(second!.answer)).toBe('（理解為：克拉瑪依市GDP增速是多少？）');
  });

  test('works from a snapshot, without jieba (the reader is made from the saved state)', () => {
    const restored = restoreEngine(engine.state());
    const first = converse(restored, null, '昌吉州GDP增速是多少？');
    expect(converse(restored, first.conversation, '那克拉玛依市呢？').answer.understood).toBe('克拉玛依市GDP增速是多少？');
  });
});

describe('conversation state', () => {
  test('keeps the last few turns only, as plain JSON', () => {
    let c: Conversation | null = null;
    for (let i = 0; i < MAX_TURNS + 2; i++) c = extend(c, { understood: `问题${i}` });
    expect(c!.turns.map((t) => t.understood)).toEqual(Array.from({ length: MAX_TURNS }, (_, i) => `问题${i + 2}`));
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
