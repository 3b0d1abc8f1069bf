/** Follow-up questions read against the conversation: ellipsis, pronouns, standalone questions, and the answer carrying what was understood. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { converse, extend, MAX_TURNS, understand, understoodLine, type Conversation } from '../../src/core/conversation.js';
import { parseDocument } from '../../src/core/documents.js';
import { restoreEngine, type ServingEngine } from '../../src/core/engine.js';
import { buildEngine, buildFromDocuments } from '../../src/core/build.js';
import { loadWordLists } from '../../src/core/word-lists.js';

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

describe('the conversation\'s document', () => {
  // Two made-up documents that both state a headquarters: a follow-up that names neither is about
  // the one the previous answer came from ("Qingsong Bank, founded 1995, headquartered in
  // Shihezi, listed in Shenzhen in 2010"; "Hongliu Company, founded 2001, headquartered in Korla").
  const BANK = '青松银行\n青松银行成立于1995年，是一家地方商业银行。\n该银行的总部位于石河子市。\n2010年，青松银行在深圳证券交易所上市。\n';
  const COMPANY = '红柳公司\n红柳公司成立于2001年，是一家物流企业。\n红柳公司的总部位于库尔勒市。\n';
  let two: ServingEngine;
  beforeAll(async () => {
    two = buildFromDocuments([parseDocument(BANK, 'bank.txt'), parseDocument(COMPANY, 'company.txt')], await loadWordLists(path.join(root, 'config')));
  });
  const talk = (...questions: string[]) => {
    let conversation: Conversation | null = null;
    return questions.map((q) => {
      const turn = converse(two, conversation, q);
      conversation = turn.conversation;
      return turn;
    });
  };

  test('a follow-up that names no document is answered from the previous answer\'s', () => {
    const [first, second] = talk('青松银行是哪年成立的？', '总部在哪里？');
    expect(first!.conversation.turns[0]!.doc).toBe(first!.answer.passages[0]!.doc);
    expect(second!.answer.found).toBe(true);
    expect(second!.answer.passages[0]!.text).toContain('石河子市');
    // Asked alone, the same words are not kept to the bank's document.
    const alone = two.answer('总部在哪里？');
    expect(alone.byDocument !== undefined || !alone.passages[0]?.text.includes('石河子市')).toBe(true);
  });

  test('a follow-up that names another document\'s title word is answered from that one', () => {
    const [, second] = talk('青松银行是哪年成立的？', '红柳公司的总部在哪里？');
    expect(second!.answer.passages[0]!.text).toContain('库尔勒市');
  });

  test('a question that names its own subject, asked again in the conversation, is answered as asked alone', () => {
    const [, again] = chat('昌吉州煤电装机多少？', '昌吉州煤电装机多少？');
    expect(again!.answer).toEqual(engine.answer('昌吉州煤电装机多少？'));
  });

  test('这家 + noun stands for the whole name the previous question used', () => {
    const [, second] = talk('青松银行是哪年成立的？', '这家银行哪年上市？');
    expect(second!.answer.understood).toBe('青松银行哪年上市？');
    expect(second!.answer.passages[0]!.text).toContain('深圳证券交易所');
  });

  test('each turn keeps the words it was read into: the next question does not segment it again', () => {
    const [first] = talk('青松银行是哪年成立的？');
    const turn = first!.conversation.turns[0]!;
    expect(turn.read!.text).toBe('青松银行是哪年成立的？');
    const reader = two.reader();
    const read: string[] = [];
    const counting = { ...reader, segments: (t: string) => (read.push(t), reader.segments(t)) };
    understand('这家银行哪年上市？', first!.conversation, counting);
    expect(read).not.toContain(turn.read!.text);
  });
});

describe('reading fragments', () => {
  test('a possessive pronoun in a fragment keeps the previous question\'s subject (他母亲呢 after …的父亲是谁)', () => {
    const u = understand('他母亲呢？', { turns: [{ understood: '忽必烈的父亲是谁？' }] }, engine.reader());
    expect(u.understood).toBe('忽必烈的母亲是谁？');
  });

  test('an era\'s year is one time, and replaces a date written in several words', () => {
    // "How many people did Yunnan have in the third year of Xuantong (Qing)?" then "And in Minguo 26?"
    const u = understand('民国26年呢？', { turns: [{ understood: '清代宣统三年云南省有多少人？' }] }, engine.reader());
    expect(u.understood).toBe('民国26年云南省有多少人？');
  });

  test('a date replaces a time clause (成立时, when it was founded) of a question without a date', () => {
    const u = understand('2007年呢？', { turns: [{ understood: '青松银行成立时的注册资本是多少？' }] }, engine.reader());
    expect(u.understood).toBe('青松银行2007年的注册资本是多少？');
  });

  test('a four-digit year with a season is one time replacing the year', () => {
    const u = understand('2013年夏天呢？', { turns: [{ understood: '张永海2007年加盟了哪支球队？' }] }, engine.reader());
    expect(u.understood).toBe('张永海2013年夏天加盟了哪支球队？');
  });

  test('这个 after an amount stands for what the amount measured', () => {
    const [, second] = chat('昌吉州煤电装机多少？', '这个在全疆排第几？');
    expect(second!.answer.understood).toBe('昌吉州煤电装机在全疆排第几？');
    expect(second!.answer.passages[0]!.text).toContain('煤电装机超3200万千瓦、位居全疆第一');
  });

  test('它 after a question asking what something is called stands for that thing, not its owner', () => {
    const u = understand('它海拔多少？', { turns: [{ understood: '天山最高峰叫什么？' }] }, engine.reader());
    expect(u.understood).toBe('天山最高峰海拔多少？');
  });

  test('a measure the corpus counts is asked how much, whatever the previous question word asked', () => {
    // The seed counts 装机 (煤电装机超3200万千瓦): after "where is …", "装机呢" asks how much.
    const u = understand('装机呢？', { turns: [{ understood: '昌吉州的首府在哪里？' }] }, engine.reader());
    expect(u.understood).toBe('昌吉州的装机是多少？');
  });
});

describe('a time alone asks what happened then', () => {
  // A made-up player's career: what he did differs by year (started playing for one team, joined another).
  const PLAYER = '王小明\n王小明是一名足球运动员。\n2001年，王小明开始效力于红山队，并在那里踢了四年，帮助球队升级。2005年夏，王小明转会加盟蓝河队。2008年，他退役。\n';
  let one: ServingEngine;
  beforeAll(async () => {
    one = buildFromDocuments([parseDocument(PLAYER, 'player.txt')], await loadWordLists(path.join(root, 'config')));
  });

  test('the previous question\'s verbs are dropped in a last reading (their predicate may not hold at the other time)', () => {
    const u = understand('2005年夏天呢？', { turns: [{ understood: '王小明2001年开始效力于哪支球队？' }] }, one.reader());
    expect(u.understood).toBe('王小明2005年夏天开始效力于哪支球队？');
    expect(u.alternatives.at(-1)).toBe('王小明2005年夏天哪支球队？');
    // A fragment that is not only a time keeps its readings as they were.
    const v = understand('蓝河队呢？', { turns: [{ understood: '王小明2001年开始效力于哪支球队？' }] }, one.reader());
    expect(v.alternatives.every((a) => a.includes('效力'))).toBe(true);
  });

  test('the answer states the new time, written short in the text (2005年夏 for 2005年夏天)', () => {
    let conversation: Conversation | null = null;
    const turns = ['王小明2001年开始效力于哪支球队？', '2005年夏天呢？'].map((q) => {
      const t = converse(one, conversation, q);
      conversation = t.conversation;
      return t;
    });
    expect(turns[0]!.answer.passages[0]!.text).toContain('红山队');
    // The whole previous question finds the 2001 passage (开始效力于); the reading without its verbs finds 2005年夏's.
    expect(one.answer('王小明2005年夏天开始效力于哪支球队？').passages[0]?.text ?? '').not.toContain('蓝河队');
    expect(turns[1]!.answer.found).toBe(true);
    expect(turns[1]!.answer.passages[0]!.text).toContain('蓝河队');
  });
});

describe('a name replaces a word that ends as it does', () => {
  // A made-up town's election: 红星党 is a word of this text only (cut 红星 + 党), 国民党 a name jieba knows.
  const ELECTION = '小城选举\n小城选举中，红星党拿到了12席，国民党拿到了8席。\n';
  let one: ServingEngine;
  beforeAll(async () => {
    one = buildFromDocuments([parseDocument(ELECTION, 'election.txt')], await loadWordLists(path.join(root, 'config')));
  });

  test('国民党呢 after a question about 红星党 asks the same of 国民党 (both end in 党), not of both', () => {
    const u = understand('国民党呢？', { turns: [{ understood: '小城选举中红星党拿到了多少席？' }] }, one.reader());
    expect(u.understood).toBe('小城选举中国民党拿到了多少席？');
    const [, second] = ['小城选举中红星党拿到了多少席？', '国民党呢？'].reduce<Array<ReturnType<typeof converse>>>((acc, q) => [...acc, converse(one, acc.at(-1)?.conversation ?? null, q)], []);
    expect(second!.answer.found).toBe(true);
    expect(second!.answer.answer).toContain('8席');
  });

  test('with no word ending alike, the name is still put before the question', () => {
    const u = understand('国民党呢？', { turns: [{ understood: '小城选举有多少席？' }] }, one.reader());
    expect(u.understood).toBe('国民党小城选举有多少席？');
  });
});

describe('a fragment asked about the previous topic', () => {
  // A made-up kingdom: the sentence stating its capital does not name it; a later one names both.
  const KINGDOM = '青河王国\n青河王国是一个位于海边的小国，全国面积3.2万平方公里。\n1950年5月1日在北方地区成立，首都为白石城。\n尽管如此，1980年青河王国首都白石城仍然爆发了三次大规模的抗议游行。\n';
  let one: ServingEngine;
  beforeAll(async () => {
    one = buildFromDocuments([parseDocument(KINGDOM, 'kingdom.txt')], await loadWordLists(path.join(root, 'config')));
  });
  const founded = { turns: [{ understood: '青河王国是哪天成立的？' }] };

  test('is asked with a question word (how much, for what the corpus counts), then alone', () => {
    const u = understand('首都呢？', founded, one.reader());
    expect(u.understood).toBe('青河王国的首都是什么？');
    expect(u.alternatives).toEqual(['首都是什么？']);
    expect(understand('面积呢？', founded, one.reader()).understood).toBe('青河王国的面积是多少？');
  });

  test('the reading whose answer names something wins, a passage of the topic\'s document stating the topic', () => {
    // Asked whole, the sentence naming the kingdom and its capital ranks first, and no span of it answers.
    const whole = one.answer('青河王国的首都是什么？');
    expect(whole.passages[0]!.text).toContain('抗议游行');
    expect(whole.answer).toBe(whole.passages[0]!.text);
    const first = converse(one, null, '青河王国是哪天成立的？');
    const second = converse(one, first.conversation, '首都呢？');
    expect(second.answer.answer).toBe('白石城');
    // Asked within the kingdom's document, the fragment alone is shown (and remembered) as the whole reading.
    expect(second.answer.understood).toBe('青河王国的首都是什么？');
    expect(second.conversation.turns.at(-1)!.understood).toBe('青河王国的首都是什么？');
    expect(second.answer.passages[0]!.text).toContain('首都为白石城');
    expect(one.reader().title('kingdom')).toBe('青河王国');
  });
});

describe('a follow-up asking where something is', () => {
  const SCHOOL = '青松市第一中学\n青松一中现有两个校区：东校区和西校区。\n东校区位于湖滨路8号。\n西校区位于山前大道。\n';
  let one: ServingEngine;
  beforeAll(async () => {
    one = buildFromDocuments([parseDocument(SCHOOL, 'school.txt')], await loadWordLists(path.join(root, 'config')));
  });
  const east = { turns: [{ understood: '青松一中东校区在哪里？' }] };

  test('is also read as texts state a place (在哪里 → 位于哪里), last; not a question where something happened', () => {
    const u = understand('西校区呢？', east, one.reader());
    expect(u.understood).toBe('青松一中西校区在哪里？');
    expect(u.alternatives.at(-1)).toBe('青松一中西校区位于哪里？');
    const held = understand('西校区呢？', { turns: [{ understood: '青松一中东校区的运动会在哪里举行？' }] }, one.reader());
    expect([held.understood, ...held.alternatives].some((t) => t.includes('位于'))).toBe(false);
  });

  test('the 位于 reading answers when it is the one whose answer names the place', () => {
    // The engine as the ranker would have it: 在哪里 finds the sentence listing the campuses, 位于 the one placing it.
    const asked: string[] = [];
    const passage = (text: string) => ({ id: 'school#p1.s1', doc: 'school', text, score: 1, matched: [] });
    const stub = {
      reader: () => one.reader(),
      passage: (id: string) => one.passage(id),
      answer: (q: string) => {
        asked.push(q);
        const placing = q.includes('位于');
        const text = placing ? '西校区位于山前大道。' : '青松一中现有两个校区：东校区和西校区。';
        return { question: q, found: true, confidence: 'answer' as const, answer: placing ? '山前大道' : text, script: 'simplified' as const, figures: [], passages: [passage(text)] };
      },
    };
    const turn = converse(stub, east, '西校区呢？');
    expect(asked).toContain('青松一中西校区位于哪里？');
    expect(turn.answer.answer).toBe('山前大道');
    expect(turn.answer.understood).toBe('青松一中西校区位于哪里？');
  });
});

describe('a building\'s name ending belongs to the name', () => {
  test('高度呢 after 「…银行广场楼高多少层」 replaces the measure 楼高, not 广场 (name endings after the name)', async () => {
    // A made-up tower named after a place (西湖, a name) and two name endings (银行, 广场).
    const TOWER = '西湖银行广场\n西湖银行广场是一座楼高40层、高180米的大楼。\n';
    const one = buildFromDocuments([parseDocument(TOWER, 'tower.txt')], await loadWordLists(path.join(root, 'config')));
    const u = understand('高度呢？', { turns: [{ understood: '西湖银行广场楼高多少层？' }] }, one.reader());
    expect(u.understood).toBe('西湖银行广场高度多少层？');
    expect(u.alternatives).toContain('西湖银行广场高度多少？');
  });
});
