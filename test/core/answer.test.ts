/** Answer assembly (src/core/answer.ts) over tiny made-up corpora: the three outcomes, several documents' answers, required names, related slots, typed spans first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/core/documents.js';
import type { ServingEngine } from '../../src/core/engine.js';
import { buildEngine, buildFromDocuments } from '../../src/core/build.js';
import { askedHead, namesHead } from '../../src/core/answer.js';
import { loadWordLists } from '../../src/core/word-lists.js';
import { DEFAULT_RANK_OPTIONS } from '../../src/core/rank.js';
import { makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

let corpus: TinyCorpus;
let engine: ServingEngine;

beforeAll(async () => {
  corpus = makeTinyCorpus();
  engine = await buildEngine({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
});
afterAll(() => corpus?.remove());

describe('three outcomes: an answer, possibly related passages, nothing', () => {
  it('answers with confidence "answer" and cites passages', () => {
    const a = engine.answer('乌苏市风电装机多少');
    expect(a).toMatchObject({ found: true, confidence: 'answer' });
    expect(a.related).toBeUndefined();
    expect(a.passages.length).toBeGreaterThan(0);
  });
  it('shows partial evidence as possibly related: no answer, no figure claimed', () => {
    // The corpus names 乌苏市 and 光伏 but says nothing of how many people work there.
    const a = engine.answer('乌苏市光伏运维人员有多少人');
    expect(a).toMatchObject({ found: false, confidence: 'related', figures: [], passages: [] });
    expect(a.related!.length).toBeGreaterThan(0);
    expect(a.related!.every((p) => p.doc === 'wusu-energy')).toBe(true);
    expect(a.answer).toContain('可能相关');
  });
  it('says nothing relevant was found when nothing is', () => {
    const a = engine.answer('美国总统是谁');
    expect(a).toMatchObject({ found: false, confidence: 'none', passages: [], figures: [] });
    expect(a.related).toBeUndefined();
  });
});

describe('answers from several documents', () => {
  // Two made-up county reports stating the same measure, and a third about something else.
  const docs = () => [
    parseDocument('青河县旅游持续升温\n去年青河县接待游客120万人次，旅游收入达9.6亿元。\n', 'qinghe.txt'),
    parseDocument('福海县旅游持续升温\n去年福海县接待游客95万人次，旅游收入达7.1亿元。\n', 'fuhai.txt'),
    parseDocument('福海县修建新公路\n福海县今年新建农村公路210公里。\n', 'fuhai-road.txt'),
  ];
  let e: ServingEngine;
  beforeAll(async () => {
    e = buildFromDocuments(docs(), await loadWordLists(corpus.configDir));
  });

  it('gives each document its answer, cited, when the question names none of them', () => {
    const a = e.answer('去年旅游收入是多少？');
    expect(a.found).toBe(true);
    expect(a.byDocument?.map((d) => d.doc).sort()).toEqual(['fuhai', 'qinghe']);
    expect(a.answer).toContain('多个文档各有答案');
    expect(a.answer).toContain('9.6亿元');
    expect(a.answer).toContain('7.1亿元');
    // Each document's answer cites its own passage, listed in the same order.
    expect(a.passages.map((p) => p.id)).toEqual(a.byDocument!.map((d) => d.passage));
    for (const d of a.byDocument!) expect(d.figure?.passage).toBe(d.passage);
  });

  it('answers from the one document a question names', () => {
    const a = e.answer('福海县去年旅游收入是多少？');
    expect(a.found).toBe(true);
    expect(a.byDocument).toBeUndefined();
    expect(a.answer).toContain('7.1亿元');
    expect(a.passages[0]!.doc).toBe('fuhai');
  });
});

describe('names the corpus does not state', () => {
  it('does not answer a question about an organisation no passage of the document names', () => {
    // 世界银行 is an organisation (nt) in jieba's dictionary; the 乌苏 report never names it.
    const a = engine.answer('世界银行给乌苏市风电装机投入多少');
    expect(a.found).toBe(false);
    // Without it the same question is answered.
    expect(engine.answer('乌苏市风电装机多少').found).toBe(true);
  });
});

describe('what an answer shows beside its citations', () => {
  // A made-up ski resort report: the sentence naming the resort and the ones about it, one paragraph.
  const altay = () => [
    parseDocument(
      '阿勒泰地区冬季旅游升温\n阿勒泰市新建的将军山滑雪场今年开业。该滑雪场由本地一家旅游企业投资建设。雪道总长18公里，可同时接待3000名游客。\n阿勒泰市今年还新修了两条旅游公路。\n',
      'altay.txt',
    ),
  ];
  let e: ServingEngine;
  let lexicon: Awaited<ReturnType<typeof loadWordLists>>;
  beforeAll(async () => {
    lexicon = await loadWordLists(corpus.configDir);
    e = buildFromDocuments(altay(), lexicon);
  });

  it('fills the slots the cited passages leave with related ones, the best passage’s neighbour among them', () => {
    const a = e.answer('将军山滑雪场由谁投资建设', { limit: 3 });
    expect(a.confidence).toBe('answer');
    expect(a.passages[0]!.id).toBe('altay#p2.s2');
    const shown = [...a.passages, ...(a.related ?? [])].map((p) => p.id);
    expect(shown).toHaveLength(3);
    expect(new Set(shown).size).toBe(3); // a cited passage is never listed again as related
    // Both sentences beside the cited one (s1 before it, s3 after) are shown, cited or related.
    expect(shown).toEqual(expect.arrayContaining(['altay#p2.s1', 'altay#p2.s3']));
  });

  it('refuses a passage that leaves out a large share of the question in words no document uses, unless it covers most of the rest', () => {
    // 门票收入 is in no document; the resort's name matches strongly. With the unknown-word term of
    // the confidence switched off, only the strict coverage rule keeps it from being answered.
    const question = '将军山滑雪场今年的门票收入是多少';
    const base = DEFAULT_RANK_OPTIONS;
    const confident = { ...base, answer: { ...base.answer, confidence: { ...base.answer.confidence, unknown: 0 } } };
    const strict = buildFromDocuments(altay(), lexicon, { rank: confident });
    const loose = buildFromDocuments(altay(), lexicon, { rank: { ...confident, answer: { ...confident.answer, unknownShare: 1 } } });
    expect(loose.answer(question).found).toBe(true);
    expect(strict.answer(question)).toMatchObject({ found: false, confidence: 'related' });
    expect(e.answer(question).found).toBe(false);
  });
});

describe('a passage holding the type of answer asked for', () => {
  // Made-up: the first sentence repeats the library's name, the second says when it opened.
  const qinghe = () => [parseDocument('青河县新建图书馆\n青河县图书馆的设计获得了自治区建筑奖，青河县图书馆深受读者欢迎。\n该馆于2019年对外开放。\n', 'qinghe.txt')];
  it('answers before a better-scoring one that holds none, when nearly as good', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    const base = DEFAULT_RANK_OPTIONS;
    const on = buildFromDocuments(qinghe(), lexicon);
    const off = buildFromDocuments(qinghe(), lexicon, { rank: { ...base, answer: { ...base.answer, typedAmong: 1 } } });
    const question = '青河县图书馆什么时候开放';
    const plain = off.answer(question);
    expect(plain.passages[0]!.id).toBe('qinghe#p2.s1');
    const a = on.answer(question);
    expect(a.passages[0]!.id).toBe('qinghe#p3.s1');
    expect(a.passages[0]!.score).toBeLessThan(plain.passages[0]!.score);
    expect(a.answer).toBe('2019年');
  });
});

describe('a sentence that refers back to the one before it', () => {
  // Made-up: the year is stated once, the school's opening counted from it (同年9月); a printer is
  // named (as a speaker), then referred to as 他; a third paragraph says something else.
  const town = () => [
    parseDocument(
      '青禾镇的往事\n1921年，青禾镇修通了通往县城的第一条公路。同年9月，镇上又开办了全镇第一所公立小学。\n赵明远介绍，青禾镇的印刷业始于清朝末年。因此他后来在镇东的老街上开设了全镇第一家书局。\n青禾镇盛产黄梨，每年秋天都在镇中心举办黄梨节。\n',
      'town.txt',
    ),
  ];
  let e: ServingEngine;
  beforeAll(async () => {
    e = buildFromDocuments(town(), await loadWordLists(corpus.configDir));
  });
  it('a year asked: the sentence before answers when the best counts its date from it', () => {
    const a = e.answer('青禾镇在哪一年开办了第一所公立小学？');
    expect(a.found).toBe(true);
    expect(a.passages[0]!.id).toBe('town#p2.s1');
    expect(a.answer).toBe('1921年');
    // 什么时候 is answered by the month the best sentence states.
    const when = e.answer('青禾镇什么时候开办了第一所公立小学？');
    expect(when.passages[0]!.id).toBe('town#p2.s2');
  });
  it('a person asked: the sentence before answers when the best says (因此)他 and names no one', () => {
    const a = e.answer('谁在镇东的老街上开设了第一家书局？');
    expect(a.passages[0]!.id).toBe('town#p3.s1');
    expect(a.answer).toBe('赵明远');
  });
  it('a year asked: a sentence dated from the one before (同年…) does not answer with a later year it writes', async () => {
    // Made-up: electric light came in the year of the power plant (同年5月); the telephone in 1935.
    const power = [parseDocument('县城的电\n1930年，县里在河边建起了第一座火电厂。同年5月，县城通了电灯，1935年又通了长途电话。\n', 'power.txt')];
    const a = buildFromDocuments(power, await loadWordLists(corpus.configDir)).answer('县城在哪一年通了电灯？');
    expect(a.passages[0]!.id).toBe('power#p2.s1');
    expect(a.answer).toBe('1930年');
  });
  it('back through the paragraph, up to lookBack sentences, to the nearest that states the year', async () => {
    // Made-up: the year is stated two sentences before the flight; the sentence between states a month only.
    const fort = [parseDocument('河口炮台\n1858年4月，三艘外国军舰驶抵河口外的海面。5月初，守军开始在南岸加紧修筑新的炮台。但总督却在此时弃守逃亡，炮台守军孤立无援。\n', 'fort.txt')];
    const lexicon = await loadWordLists(corpus.configDir);
    const base = DEFAULT_RANK_OPTIONS;
    const a = buildFromDocuments(fort, lexicon).answer('总督在哪一年弃守逃亡？');
    expect(a.passages[0]!.id).toBe('fort#p2.s1');
    expect(a.answer).toBe('1858年');
    const one = buildFromDocuments(fort, lexicon, { rank: { ...base, answer: { ...base.answer, lookBack: 1 } } }).answer('总督在哪一年弃守逃亡？');
    expect(one.passages[0]!.id).toBe('fort#p2.s3');
  });
  it('a sentence that does not refer back keeps its place', () => {
    const a = e.answer('青禾镇每年什么时候举办黄梨节？');
    expect(a.passages[0]!.id).toBe('town#p4.s1');
  });
});

describe('two copies of one sentence, one damaged', () => {
  // Made-up: a story's lead and body both say where the festival opened; the lead lost its date's digits (□).
  const festival = () => [parseDocument('县里的音乐节\n□日，第三届草原音乐节在县体育场开幕，持续三天。\n据介绍，本月12日，第三届草原音乐节在县体育场开幕，吸引游客两万人次。\n', 'festival.txt')];
  it('cites the intact copy first', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    const base = DEFAULT_RANK_OPTIONS;
    const question = '第三届草原音乐节在哪里开幕？';
    const off = buildFromDocuments(festival(), lexicon, { rank: { ...base, intactShare: 1 } }).answer(question);
    expect(off.passages[0]!.id).toBe('festival#p2.s1');
    const a = buildFromDocuments(festival(), lexicon).answer(question);
    expect(a.passages[0]!.id).toBe('festival#p3.s1');
  });
});

describe('the noun a which-question asks for', () => {
  const words = { has: (w: string) => ['风格', '语言', '河', '国家'].includes(w) } as unknown as Parameters<typeof askedHead>[1];
  it('is the word after the question word and its measure word', () => {
    expect(askedHead('这条支流汇入哪一条河', words)).toBe('河');
    expect(askedHead('这座教堂是什么风格', words)).toBe('风格');
    expect(askedHead('当地人说哪种语言', words)).toBe('语言');
    expect(askedHead('谁写了这本书', words)).toBeNull();
  });
  it('is named by a passage writing something of it the question does not', () => {
    expect(namesHead('这条支流最后汇入白石河。', '河', '这条支流汇入哪一条河')).toBe(true);
    // The only 河 written is one the question names itself.
    expect(namesHead('这条支流流经青河县。', '河', '青河县的这条支流汇入哪一条河')).toBe(false);
    // A two-character noun's first character heads the name (汉语 for 语言).
    expect(namesHead('当地居民多说汉语。', '语言', '当地人说哪种语言')).toBe(true);
  });
  it('puts a nearly as good passage naming one first when the best names none', async () => {
    // Made-up: the first sentence repeats the question's words, the second names the river.
    const river = () => [parseDocument('青河县的水系\n青河县境内最长的一条河流经县城北部，是当地农业用水的主要来源。县境内最长的一条河名叫白石河，全长一百二十公里。\n', 'river.txt')];
    const lexicon = await loadWordLists(corpus.configDir);
    const base = DEFAULT_RANK_OPTIONS;
    const question = '青河县境内最长的是哪一条河？';
    const off = buildFromDocuments(river(), lexicon, { rank: { ...base, answer: { ...base.answer, typedAmong: 1 } } }).answer(question);
    expect(off.passages[0]!.id).toBe('river#p2.s1');
    const a = buildFromDocuments(river(), lexicon).answer(question);
    expect(a.passages[0]!.id).toBe('river#p2.s2');
  });
});

describe('a sentence the question quotes whole', () => {
  // Made-up: the question quotes the first sentence and asks what the second says.
  const bridge = () => [parseDocument('白沙河大桥建成通车\n白沙河大桥于去年三月开工建设。大桥全长八百米，由省交通设计院设计。\n县城新建了两座公园。\n', 'bridge.txt')];
  it('hands its place and evidence to the sentence beside it that says more', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    const base = DEFAULT_RANK_OPTIONS;
    const question = '白沙河大桥于去年三月开工建设，由哪个单位设计？';
    const off = buildFromDocuments(bridge(), lexicon, { rank: { ...base, echo: { ...base.echo, penalty: 0 } } }).answer(question);
    expect(off.passages[0]!.id).toBe('bridge#p2.s1');
    const a = buildFromDocuments(bridge(), lexicon).answer(question);
    expect(a.confidence).toBe('answer');
    expect(a.passages[0]!.id).toBe('bridge#p2.s2');
    expect(a.passages[0]!.score).toBe(off.passages[0]!.score);
  });
  it('stays the answer when the question asks whether what it says is so', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    const a = buildFromDocuments(bridge(), lexicon).answer('白沙河大桥是去年三月开工建设的吗');
    expect(a.passages[0]!.id).toBe('bridge#p2.s1');
  });
});

describe('how sure: the question\'s one-character words and its length', () => {
  // Made-up: a school report; 李 and 高 are one-character words here, neither in the second sentence.
  const school = () => [parseDocument('县一中召开家长会\n县一中的校长姓李，副校长姓高。王明担任教务主任职务，负责全校教学。\n', 'school.txt')];
  const confidence = (over: Partial<typeof DEFAULT_RANK_OPTIONS.answer.confidence>) => {
    const base = DEFAULT_RANK_OPTIONS;
    return { rank: { ...base, answer: { ...base.answer, confidence: { ...base.answer.confidence, ...over } } } };
  };
  it('answers less readily as more of the question is one-character words the passage lacks', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    const question = '李高担任什么职务';
    const none = buildFromDocuments(school(), lexicon, confidence({ singles: 0 })).answer(question);
    expect(none.found).toBe(true);
    expect(none.passages[0]!.id).toBe('school#p2.s2');
    const strict = buildFromDocuments(school(), lexicon, confidence({ singles: 5 })).answer(question);
    expect(strict.found).toBe(false);
  });
  it('gives a long question credit for its length and a short one none', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    // A second made-up report holds the question's other words: known to the corpus, not to the school's sentence.
    const stadium = parseDocument('新建体育馆举行足球赛\n市里新建的体育馆昨天举行足球赛开幕式，观众坐满看台。\n', 'stadium.txt');
    const docs = () => [...school(), stadium];
    const long = '王明在体育馆足球赛开幕式上担任什么职务';
    const short = '王明担任什么职务';
    const on = buildFromDocuments(docs(), lexicon);
    const off = buildFromDocuments(docs(), lexicon, confidence({ length: 0 }));
    const { longFrom } = DEFAULT_RANK_OPTIONS.answer.confidence;
    expect(on.explain(long).hits[0]!.questionWeight as number).toBeGreaterThan(longFrom);
    expect(on.explain(short).hits[0]!.questionWeight as number).toBeLessThanOrEqual(longFrom);
    // The school's sentence holds half of the long question: with the credit it answers, without it only relates.
    expect(off.answer(long).found).toBe(false);
    const a = on.answer(long);
    expect(a.found).toBe(true);
    expect(a.passages[0]!.id).toBe('school#p2.s2');
    expect(on.answer(short)).toMatchObject({ found: true, passages: [{ id: 'school#p2.s2' }] });
    expect(off.answer(short).found).toBe(true);
  });
});

describe('a question that names a unit is answered by a figure in it', () => {
  // Made-up: a ticket's price in yen, a count of cells written with 亿 and no count word.
  const museum = () => [parseDocument('青河县博物馆\n青河县博物馆的门票价格为5800日元。\n青河县博物馆收藏的化石约有1.25亿块碎片。\n', 'museum.txt')];
  it('多少钱 by any currency; 多少个 by an amount in 亿 that leaves the count word out', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    const e = buildFromDocuments(museum(), lexicon);
    expect(e.answer('青河县博物馆的门票价格是多少钱')).toMatchObject({ found: true, answer: '5800日元' });
    expect(e.answer('青河县博物馆收藏的化石约有多少个碎片')).toMatchObject({ found: true });
  });
  // Made-up: "The curator is married with 2 children. The museum's halls cover 3000 m²." 个 is the general
  // measure word: 几个 is answered by a count in any (2名), never by an area.
  it('几个 by a count in any measure word (2名子女), not by a figure of another kind', async () => {
    const lexicon = await loadWordLists(corpus.configDir);
    const doc = '青河县博物馆馆长\n青河县博物馆馆长已婚，育有2名子女。\n青河县博物馆展厅面积为3000平方米。\n';
    const e = buildFromDocuments([parseDocument(doc, 'curator.txt')], lexicon);
    expect(e.answer('青河县博物馆馆长有几个子女')).toMatchObject({ found: true, answer: '2名子女' });
    expect(e.answer('青河县博物馆有几个展厅')).toMatchObject({ found: false });
  });
});
