/**
 * The typed short answer. Fixtures are sentences written for these tests (not the seed's), each
 * glossed; the question's terms are given as the query reader would make them.
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/core/figures.js';
import type { Query, Term } from '../../src/core/query.js';
import type { WordSet } from '../../src/core/vocabulary.js';
import { answerType, countedNoun, countedWords, shortAnswer, wholePlaces, type Candidate, type ShortAnswerInput } from '../../src/core/short-answer.js';
import type { Passage } from '../../src/core/types.js';

const WORDS = ['条约', '签订', '包括', '成立', '国际', '联盟', '在内', '实行', '苏联', '政治', '制度', '记者', '报道', '州长', '介绍',
  '湖泊', '面积', '鼓手', '乐器', '重要', '非常', '风电', '装机', '光伏', '煤电', '全省', '增长', '产值', '最大', '城市', '位于', '东部', '后来', '继任', '此事'];
const words: WordSet = { has: (w) => WORDS.includes(w) };
const TAGS: Record<string, string> = { 实行: 'x', 签订: 'x', 包括: 'x', 成立: 'x', 介绍: 'x', 苏联: 'ns', 后来: 'x', 继任: 'x', 记者: 'n', 报道: 'x' };
const tagOf = (w: string): string => TAGS[w] ?? '';

const term = (text: string, extra: Partial<Term> = {}): Term => ({ text, alternatives: [text], number: false, known: true, required: false, minor: false, ...extra });
const passage = (text: string, id = 'doc#p1.s1'): Passage => ({ id, doc: 'doc', order: 0, kind: 'body', text, original: text, figures: extractFigures(text, id, 'doc') });
function input(question: string, terms: string[], p: Passage, extra: Partial<ShortAnswerInput> & { intent?: Query['intent'] } = {}): ShortAnswerInput {
  const query: Query = { question, text: question, script: 'simplified', terms: terms.map((t) => term(t)), intent: extra.intent ?? 'other', unit: '' };
  return { query, passage: p, places: [], figures: p.figures, cited: [p], words, tagOf, ...extra };
}

describe('answerType', () => {
  it.each([
    ['谁发明了电话', 'person'],
    ['州长叫啥名字', 'person'],
    ['大桥是哪一年建成的', 'time'],
    ['会议在哪里举行', 'place'],
    // 在哪次 / 在哪一场 ask which one, not where.
    ['球队是在哪次的联赛夺冠', 'thing'],
    ['该城在哪一场战争后衰落', 'thing'],
    ['该作家是哪国人', 'place'],
    ['湖泊面积有多少', 'number'],
    ['签订的是哪个条约', 'thing'],
    ['为什么会下雨', 'other'],
    ['增速超过7%了吗', 'yesno'],
    ['风电和光伏哪个多', 'comparison'],
    // 什么 ends with 么 but asks; 好么 asks yes or no.
    ['湖泊的别名是什么', 'thing'],
    ['这样做好么', 'yesno'],
    // The question word left out after a copula: 为？ / 是？ ask 是什么.
    ['该湖泊的别名为？', 'thing'],
    ['该湖泊又称为？', 'thing'],
    // 每几年 counts years; 西元几年 asks for one.
    // 称为什么 asks a name, not why; 为何 ending the question asks 是什么, before 人 asks who.
    ['几何光学又被称为什么', 'thing'],
    ['该市最大的湖泊为何', 'thing'],
    ['此话为何人所言', 'person'],
    ['他为何辞职', 'other'],
    ['人口每几年普查一次', 'number'],
    ['大桥于西元几年建成', 'time'],
    // A noun for a person after the question word asks a person; a year before one does not.
    ['哪一个法国国王下令建造宫殿', 'person'],
    ['剧团于哪一年时被总统设立', 'time'],
    // 多大 inside a name (多伦多大学) or after 许多/很多 asks nothing; 有多大 does.
    ['多伦多大学的主要校区是哪个校区', 'thing'],
    ['许多长跑选手来自哪里', 'place'],
    ['这座湖有多大', 'number'],
    // 什么时后 is 什么时候 mistyped; 哪时 asks a time; `…的时间？` elides 是什么时候.
    ['城堡在什么时后被占领', 'time'],
    ['从哪时候开始衰落', 'time'],
    ['国王登基的时间？', 'time'],
    ['该游戏流行于哪一时期', 'time'],
    // A measure named before an elided question word (距离为？, 年龄限制为？) asks 多少.
    ['两地的距离为？', 'number'],
    ['候选人的年龄限制为？', 'number'],
  ])('%s → %s', (q, type) => {
    expect(answerType(q)).toBe(type);
  });
});

describe('shortAnswer: a span of the type asked, where the question points', () => {
  // "He led the US … and signed the Treaty of Versailles, which included founding the League of Nations."
  it('哪个条约: the span that ends with the governed noun (凡尔赛条约)', () => {
    const p = passage('他签订了包括成立国际联盟在内的凡尔赛条约。');
    expect(shortAnswer(input('包括成立国际联盟在内的是哪个条约', ['包括', '成立', '国际', '联盟', '在内', '条约'], p))?.text).toBe('凡尔赛条约');
  });
  // "The republic adopted a Soviet-style political system." The verb before the span is not the answer.
  // "A slice, on landing, changes course." / "Hakka is also called Lingdong." The kind asked (球, 语言) is
  // named by the passage's own word for it: the span ends with the noun's first character (削球, 客家语).
  it('哪一种球 / 哪一个国家: a span ending with the first character of the governed noun', () => {
    const p = passage('削球落地后会转向，使对手难以回击。');
    expect(shortAnswer(input('哪一种球在落地后会转向', ['落地', '转向'], p))?.text).toBe('削球');
    const q = passage('客家语也因此叫岭东语。');
    expect(shortAnswer(input('哪一种语言也被称为岭东语', ['岭东语'], q))?.text).toBe('客家语');
  });
  // "The alarm showed the gear in an unsafe state; the plane aborted take-off." 状 of 状态 ends no name.
  it('什么状况: a first character that begins a word of the passage (状 of 状态) is not the noun', () => {
    const p = passage('警报显示起落架处于非安全状态，飞机中止起飞。');
    const w: WordSet = { has: (x) => x === '状态' || WORDS.includes(x) };
    expect(shortAnswer(input('飞机在什么状况下中止起飞', ['飞机', '中止', '起飞'], p, { words: w }))?.text ?? '').not.toMatch(/状$/u);
  });
  it('哪种政治制度: the framed slot without its verb (苏联式)', () => {
    const p = passage('该国实行了苏联式的政治制度。');
    expect(shortAnswer(input('该国实行的是哪种政治制度', ['该国', '实行', '政治', '制度'], p))?.text).toBe('苏联式');
  });
  // "Johnson also signed the 《Voting Rights Act》 …" A quoted name ending with the noun asked (法案) is the one.
  it('哪一个法案: a quoted name ending with the governed noun', () => {
    const p = passage('总统同时签署了《选举权法案》，取消了这些限制。');
    expect(shortAnswer(input('总统签署了哪一个法案取消了这些限制', ['总统', '签署', '取消', '限制'], p))?.text).toBe('《选举权法案》');
  });
  // "The three battles were Liaoshen, Xubeng and Pingjin." The question names two members of the list: the third answers;
  // a question about what the named members share (都是) asks no member.
  it('A、B以及哪一个: the member of the passage list the question does not name', () => {
    const p = passage('经过辽沈、徐蚌、平津等三大战役后，战局改变。');
    expect(shortAnswer(input('三大战役包括辽沈、平津以及哪一个', ['战役', '辽沈', '平津'], p))?.text).toBe('徐蚌');
    expect(shortAnswer(input('辽沈和平津都是哪一种战役', ['辽沈', '平津', '战役'], p))?.text).not.toBe('徐蚌');
  });
  // "Geometric optics, also called ray optics, describes light." 又被称为什么: what follows the naming verb.
  it('称为什么: the name after a naming verb of the passage (又称射线光学)', () => {
    const p = passage('几何光学，又称射线光学，描述了光的传播。');
    expect(shortAnswer(input('几何光学又被称为什么', ['几何', '光学'], p))?.text).toBe('射线光学');
  });
  // "The drum is a very important instrument." Apposition X是…乐器 answers 哪一种乐器.
  it('apposition: X是…Y answers 哪一种Y (鼓)', () => {
    const p = passage('鼓是非常重要的乐器，鼓手享有很高的地位。');
    expect(shortAnswer(input('哪一种乐器非常重要', ['乐器', '非常', '重要'], p))?.text).toBe('鼓');
  });
  // "Governor Wang Li gave the briefing." A name written after a title answers 谁.
  it('谁: the person the passage names by title and verb (王立)', () => {
    const p = passage('州长王立介绍了全州经济情况。');
    expect(shortAnswer(input('谁介绍了全州经济情况', ['介绍', '全州', '经济'], p))?.text).toBe('王立');
  });
  // "… the town's products. Photo by Li Ming." A photo credit does not answer who gave a talk.
  it('谁: a photo credit is no answer unless the question is about the photo', () => {
    const p = passage('县领导在会上介绍情况。李明摄');
    expect(shortAnswer(input('谁在会上介绍情况', ['会上', '介绍'], p))).toBeNull();
    expect(shortAnswer(input('这张照片是谁拍的', ['照片'], p))?.text).toBe('李明');
  });
  // "Later Zhang Rumei took over as governor." A name no dictionary knows: a common surname and
  // the characters after it, written onto a function word (由张汝梅).
  it('谁: a name no dictionary knows, by its surname', () => {
    const p = passage('后来由张汝梅继任州长。');
    expect(shortAnswer(input('谁继任了州长', ['继任', '州长'], p))?.text).toBe('张汝梅');
  });
  // "The column writer Sidney Skolsky first used the name." A · name without the words around it.
  it('谁: a name written with ·, without the dictionary words before and after it', () => {
    const p = passage('记者西德尼·斯科尔斯基报道了此事。');
    expect(shortAnswer(input('谁报道了此事', ['报道', '此事'], p))?.text).toBe('西德尼·斯科尔斯基');
  });
  // "Aletai built the resort" / "The resort is in Aletai city": transliterating characters name a
  // person, unless a place suffix (市) follows them.
  it('谁: a transliterated run before a place suffix is a place, not the person', () => {
    expect(shortAnswer(input('谁建造了滑雪场', ['建造', '滑雪场'], passage('由阿勒泰建造了滑雪场。')))?.text).toBe('阿勒泰');
    expect(shortAnswer(input('谁建造了滑雪场', ['建造', '滑雪场'], passage('阿勒泰市建造了滑雪场。')))).toBeNull();
  });
  // "The kingdom lay in Asia, on Sumatra Island." 哪一个岛 asks an island: the place named …岛, not the continent.
  it('哪一个岛: the place named with the kind asked', () => {
    const p = passage('该王国位于亚洲，在苏门答腊岛上。');
    const places = ['亚洲', '苏门答腊岛'];
    expect(shortAnswer(input('该王国位于哪一个岛', ['王国', '位于'], p, { places }))?.text).toBe('苏门答腊岛');
  });
  // "The lake covers 45 km² and lies 1200 m above sea level." 多少 + the words of the area → 45平方千米.
  it('多少: the figure the ranking puts first, not a nearer one', () => {
    const p = passage('湖泊面积45平方千米，海拔1200米。');
    const figures = [p.figures[0]!, p.figures[1]!];
    expect(shortAnswer(input('湖泊面积有多少', ['湖泊', '面积'], p, { figures, intent: 'quantity' }))).toMatchObject({ text: '45平方千米', figure: figures[0] });
  });
  // "The bridge opened on 1 July 1997." 哪一年 asks for the year of the date; 何时 for the date.
  it('哪一年: the year of a date figure; 何时: the whole date', () => {
    const p = passage('大桥于1997年7月1日建成通车。');
    expect(shortAnswer(input('大桥是哪一年建成通车的', ['大桥', '建成', '通车'], p, { intent: 'date' }))?.text).toBe('1997年');
    expect(shortAnswer(input('大桥是何时建成通车的', ['大桥', '建成', '通车'], p, { intent: 'date' }))?.text).toBe('1997年7月1日');
  });
  // "The plant grows at 100 to 2,800 m altitude." A range A至B is one figure.
  it('多少米: a range written as two figures is answered whole', () => {
    const p = passage('该植物生长于海拔100米至2,800米的地区。');
    expect(shortAnswer(input('该植物生长的海拔是多少米', ['植物', '生长', '海拔'], p, { intent: 'quantity' }))?.text).toBe('100米至2,800米');
  });
  // "The battle took place in Tenshō 3 (1575)." The era year before the bracketed year belongs to it.
  it('何时: an era year with its bracketed year; a time with its 末 and its 公元前', () => {
    const p = passage('该战役发生于天正3年（1575年）。');
    expect(shortAnswer(input('该战役发生于何时', ['战役', '发生'], p, { intent: 'date' }))?.text).toBe('天正3年（1575年）');
    const s = passage('他于永禄5年 （1562年）被任命为知行。');
    expect(shortAnswer(input('他什么时候被任命为知行', ['任命', '知行'], s, { intent: 'date' }))?.text).toBe('永禄5年 （1562年）');
    const q = passage('王朝在14世纪末已经衰落。');
    expect(shortAnswer(input('王朝在什么时候已经衰落', ['王朝', '衰落'], q, { intent: 'date' }))?.text).toBe('14世纪末');
    const c = passage('该建筑师活跃于公元前1世纪。');
    expect(shortAnswer(input('该建筑师活跃于哪一个世纪', ['建筑师', '活跃'], c, { intent: 'date' }))?.text).toBe('公元前1世纪');
    const n = passage('士兵于1961年8月12日晚上开始设置铁丝网。');
    expect(shortAnswer(input('士兵于何时开始设置铁丝网', ['士兵', '开始', '设置', '铁丝网'], n, { intent: 'date' }))?.text).toBe('1961年8月12日晚上');
    const r = passage('该文字在19世纪晚期成为标准。');
    expect(shortAnswer(input('该文字在何时成为标准', ['文字', '成为', '标准'], r, { intent: 'date' }))?.text).toBe('19世纪晚期');
  });
  // "In 1857 the envoy mediated; in March both sides signed the treaty." 何年 asks a year: 3月 states none.
  it('哪一年 / 何年: a date with no year is no answer, the year nearby is', () => {
    const p = passage('1857年，使者进行调停，促使双方在3月签署和约。');
    expect(shortAnswer(input('和约于何年签署', ['和约', '签署'], p, { intent: 'date' }))?.text).toBe('1857年');
    expect(shortAnswer(input('和约于何时签署', ['和约', '签署'], p, { intent: 'date' }))?.text).toBe('3月');
  });
  // "On 12 April of Minguo 5 the province declared independence." The era belongs to a small year; 于 is no era.
  it('哪一年: a date counted in an era keeps the era (民国5年), not a function word before it', () => {
    const p = passage('民国5年4月12日该省宣布独立。');
    expect(shortAnswer(input('该省在哪一年宣布独立', ['该省', '宣布', '独立'], p, { intent: 'date' }))?.text).toBe('民国5年');
    const q = passage('该省成立于34年8月，随后扩建。');
    expect(shortAnswer(input('该省在哪一年成立', ['该省', '成立'], q, { intent: 'date' }))?.text).toBe('34年');
  });
  // "In September of the same year the town opened its school." / "In that period markets rose." /
  // "It was in that year the bridge opened." Each points to a time named in another sentence: no answer here.
  it('a time that points elsewhere (同年9月, 这一时期, 在这一年) is no answer', () => {
    const p = passage('同年9月，镇上开办了第一所小学。');
    expect(shortAnswer(input('镇上在哪一年开办了第一所小学', ['镇上', '开办', '小学'], p, { intent: 'date' }))).toBeNull();
    // 什么时候 does not ask the year: the month stands.
    expect(shortAnswer(input('镇上什么时候开办了第一所小学', ['镇上', '开办', '小学'], p, { intent: 'date' }))?.text).toBe('9月');
    const q = passage('在这一时期，运河两岸兴起了许多集市。');
    expect(shortAnswer(input('运河两岸在哪个时期兴起了集市', ['运河', '两岸', '兴起', '集市'], q, { intent: 'date' }))).toBeNull();
    const r = passage('也正是在这一年，大桥建成通车。');
    expect(shortAnswer(input('大桥在哪一年建成通车', ['大桥', '建成', '通车'], r, { intent: 'date' }))).toBeNull();
    // A named period and an era year still answer.
    expect(shortAnswer(input('运河两岸在哪个时期兴起了集市', ['运河', '两岸', '兴起', '集市'], passage('宋元时期，运河两岸兴起了许多集市。'), { intent: 'date' }))?.text).toBe('宋元时期');
    expect(shortAnswer(input('大桥在哪一年建成通车', ['大桥', '建成', '通车'], passage('光绪十一年，大桥建成通车。'), { intent: 'date' }))?.text).toBe('光绪十一年');
  });
  // "Men's singles are played over one to five sets." 几盘 asks the count written in Chinese numerals.
  it('几盘: a Chinese-numeral count with its measure word (五盘)', () => {
    const p = passage('在大满贯赛事中，男子单打比赛打一至五盘。');
    expect(shortAnswer(input('大满贯男子单打比赛最多打几盘', ['大满贯', '男子', '单打', '比赛', '最多'], p, { intent: 'quantity' }))?.text).toBe('五盘');
  });
  // "Born 7 May 1892 – died 4 May 1980." 哪一年出生 → the first year; 哪一年去世 → the last.
  it('哪一年 of a date range: the end the question asks about', () => {
    const p = passage('张三；1892年5月7日-1980年5月4日，画家。');
    expect(shortAnswer(input('张三出生于哪一年', ['张三', '出生'], p, { intent: 'date' }))?.text).toBe('1892年');
    expect(shortAnswer(input('张三于哪一年去世', ['张三', '去世'], p, { intent: 'date' }))?.text).toBe('1980年');
  });
  // "Rain falls mostly in the plum-rain season." A period is answered by its name, without the verb before it.
  it('哪个时期: a named period (梅雨时期), and a century in Chinese numerals', () => {
    const p = passage('降水主要分布在梅雨时期。');
    expect(shortAnswer(input('降水主要分布在哪个时期', ['降水', '主要', '分布'], p, { intent: 'date' }))?.text).toBe('梅雨时期');
    const q = passage('该学派诞生于二十世纪。');
    expect(shortAnswer(input('该学派于哪一个世纪诞生', ['学派', '诞生'], q, { intent: 'date' }))?.text).toBe('二十世纪');
  });
  // "From 1386 to 1403 the land was invaded." The question states one end: the other answers.
  it('哪一年 of a year range the question half states: the end it does not state', () => {
    const p = passage('该国于1386年至1403年间受到侵袭。');
    expect(shortAnswer(input('该国自1386年至哪一年受到侵袭', ['该国', '1386年', '侵袭'], p, { intent: 'date' }))?.text).toBe('1403年');
  });
  // "On the tenth of the seventh month the army attacked the city." A Chinese-calendar day; an era year.
  it('哪一天 / 何年: a Chinese-calendar day and an era year with digits', () => {
    const p = passage('七月初十，大军攻入城中。');
    expect(shortAnswer(input('大军在哪一天攻入城中', ['大军', '攻入', '城中'], p, { intent: 'date' }))?.text).toBe('七月初十');
    const q = passage('民国16年，该校迁往北方。');
    expect(shortAnswer(input('该校于何年迁往北方', ['该校', '迁往', '北方'], q, { intent: 'date' }))?.text).toBe('民国16年');
  });
  // "The envoys exchanged the instruments on 10 September 1961." A date in Chinese numerals, day and all.
  it('什么时候: a date written in Chinese numerals is whole (一九六一年九月十日)', () => {
    const p = passage('双方代表于一九六一年九月十日互换批准书。');
    expect(shortAnswer(input('双方代表什么时候互换批准书', ['双方', '代表', '互换', '批准书'], p, { intent: 'date' }))?.text).toBe('一九六一年九月十日');
  });
  // "In May of Minguo 19 the army was founded; it held on for ten years." 民国几年 asks a year in that era.
  it('民国几年: a year written in the era the question names, over a nearer count of years', () => {
    const p = passage('民国19年5月，各地扩展势力，该军宣布成立，持续了十年。');
    // No ranking to go by; the count of years is in the unit the question names (年), the era year is not.
    const q = input('该军于民国几年宣布成立', ['该军', '宣布', '成立'], p, { intent: 'date', figures: [] });
    expect(shortAnswer({ ...q, query: { ...q.query, unit: '年' } })?.text).toBe('民国19年');
  });
  // "The movement began in the seventies." 哪一个年代 asks a time: a decade in Chinese numerals answers.
  it('哪一个年代: a decade in Chinese numerals (七十年代)', () => {
    const p = passage('该运动从七十年代开始展开。');
    expect(shortAnswer(input('该运动于哪一个年代展开', ['运动', '展开'], p, { intent: 'date' }))?.text).toBe('七十年代');
  });
  // "Baroque is a style of 17th-century Europe." 几世纪 counts in centuries: the century answers.
  it('几世纪: a figure in the time unit the question names', () => {
    const p = passage('巴洛克是欧洲17世纪的一种艺术风格。');
    const q = input('巴洛克是欧洲几世纪的艺术风格', ['巴洛克', '欧洲', '艺术', '风格'], p, { intent: 'quantity' });
    expect(shortAnswer({ ...q, query: { ...q.query, unit: '世纪' } })?.text).toBe('17世纪');
  });
  // "The runway is 3 lanes, 1,980 m long." 多长 asks a length: the figure in metres, not the count.
  it('多长: a figure of the dimension asked, and its 摄氏 / per-unit written with it', () => {
    const p = passage('机场有三条跑道，主跑道长1,980米。');
    expect(shortAnswer(input('主跑道有多长', ['主跑道'], p, { intent: 'quantity' }))?.text).toBe('1,980米');
    const t = passage('地核的温度高达摄氏6000度。');
    expect(shortAnswer(input('地核的温度有多少度', ['地核', '温度'], t, { intent: 'quantity' }))?.text).toBe('摄氏6000度');
  });
  // "The kangaroo has three young a year and weighs only about 8 kg." 体重…多少 names a mass: the kilograms answer.
  it('体重是多少: the measure the question names says the dimension (a mass, not the count ranked first)', () => {
    const p = passage('这种袋鼠每年生三个幼崽，体重约只有8公斤。');
    expect(shortAnswer(input('这种袋鼠的体重大约是多少', ['袋鼠', '体重'], p, { intent: 'quantity' }))?.text).toBe('8公斤');
  });
  // "The school ranked 22nd in 2016; the state is the 13th largest." A rank written as a count after 位列,
  // and the adjective 第几大 asks after the rank.
  it('第几: a rank as a count after a ranking verb (位列22名), and 第几大 with its 大 (第13大)', () => {
    const p = passage('该校在2016年的排名中位列22名，拥有学生3000名。');
    expect(shortAnswer(input('该校在2016年的排名中名列第几', ['该校', '2016年', '排名'], p, { intent: 'rank' }))?.text).toBe('22名');
    const q = passage('该州是全国面积第13大的州。');
    expect(shortAnswer(input('该州是全国面积第几大的州', ['该州', '全国', '面积'], q, { intent: 'rank' }))?.text).toBe('第13大');
  });
  // "The lake, also called 'Mirror Lake', …" The noun asked about, then a quoted name: Y“Z”.
  it('Y是什么: what the passage writes after the noun asked about (别名“镜湖”)', () => {
    const p = passage('该湖泊位于城市东部，别名“镜湖”，面积不大。');
    expect(shortAnswer(input('该湖泊的别名是什么', ['湖泊', '别名'], p))?.text).toBe('镜湖');
    expect(shortAnswer(input('该湖泊的别名为？', ['湖泊', '别名'], p))?.text).toBe('镜湖');
  });
  // Nothing of the type is there: say nothing (the passage answers) rather than something wrong.
  it('no span of the type: null, and the passage is the answer', () => {
    const p = passage('湖泊面积较大，风景优美。');
    expect(shortAnswer(input('湖泊面积有多少', ['湖泊', '面积'], p, { intent: 'quantity' }))).toBeNull();
    expect(shortAnswer(input('为什么湖泊面积较大', ['湖泊', '面积'], p))).toBeNull();
  });
});

describe('shortAnswer: yes/no and comparison', () => {
  // "The county's output grew 8.2%." 超过7%了吗 → yes, deciding figure 8.2%.
  it('超过7%了吗 → 是, with the figure that decides', () => {
    const p = passage('全县产值增长8.2%。');
    const a = shortAnswer(input('全县产值增长超过7%了吗', ['全县', '产值', '增长'], p));
    expect(a?.text).toMatch(/^是，8\.2%/u);
    expect(a?.figure?.text).toBe('8.2%');
    expect(shortAnswer(input('全县产值增长超过9%了吗', ['全县', '产值', '增长'], p))?.text).toMatch(/^否，8\.2%/u);
  });
  // "Wind capacity ranks second in the province." 是不是全省最大 → no, it is second.
  it('是不是全省最大 → 否 with the rank (第二); 是 when the passage says 第一', () => {
    const second = passage('风电装机居全省第二。');
    expect(shortAnswer(input('风电装机是不是全省最大', ['风电', '装机'], second))?.text).toMatch(/^否，第二/u);
    const first = passage('风电装机居全省第一。');
    expect(shortAnswer(input('风电装机是不是全省最大', ['风电', '装机'], first))?.text).toMatch(/^是，第一/u);
  });
  // "Wind capacity 8 GW." / "PV capacity 12 GW." (two passages) — each side's figure, cited, and which is larger.
  it('风电和光伏哪个多: both figures, each with its citation, and the larger', () => {
    const a = passage('风电装机800万千瓦。', 'doc#p1.s1');
    const b = passage('光伏装机1200万千瓦。', 'doc#p2.s1');
    const r = shortAnswer(input('风电和光伏哪个多', ['风电', '光伏'], a, { figures: [...a.figures, ...b.figures], cited: [a, b] }));
    expect(r?.text).toBe('风电800万千瓦[1]，光伏1200万千瓦[2]：光伏更多');
    expect(r?.compared?.map((f) => f.passage)).toEqual(['doc#p1.s1', 'doc#p2.s1']);
  });
});

describe('shortAnswer: what belongs to the span', () => {
  // "The theatre seats 1,200 people and has 300 standing places." The noun the question counts is part of the amount.
  it('多少名观众 / 多少个站位: the counted noun after the figure, when the passage writes it there', () => {
    const p = passage('该剧院可容纳1,200名观众。');
    expect(shortAnswer(input('该剧院可容纳多少名观众', ['剧院', '容纳', '观众'], p))?.text).toBe('1,200名观众');
    const q = passage('馆内另设300个站位。');
    expect(shortAnswer(input('馆内设有多少个站位', ['馆内', '站位'], q))?.text).toBe('300个站位');
  });
  it('countedNoun: two characters at least, and only what the passage writes right after', () => {
    const text = '共有三个分馆和一个仓库。';
    expect(countedNoun(text, text.indexOf('个') + 1, countedWords('共有几个分馆'))).toBe('分馆');
    // 几个分区 shares one character (分) with 分馆: not the noun.
    expect(countedNoun(text, text.indexOf('个') + 1, countedWords('共有几个分区'))).toBe('');
    expect(countedNoun(text, text.indexOf('个') + 1, countedWords('何时建成'))).toBe('');
    // What follows the measure word in the question is no noun when it starts with a function word (第几大的州).
    expect(countedNoun('共有三个的分馆', 4, countedWords('共有几个的分馆'))).toBe('');
  });
  // "This fish grows to 60 cm; the whole catch came to 3 tonnes." 达 / 共 are the verb; 约 bounds the amount and stays.
  it('多少: an amount without the verb its figure was read with (达, 共), with the bound it states (约)', () => {
    expect(shortAnswer(input('这种鱼体长可达多少', ['鱼', '体长'], passage('这种鱼体长可达60厘米。')))?.text).toBe('60厘米');
    expect(shortAnswer(input('这种鱼年捕捞量是多少', ['鱼', '捕捞量'], passage('这种鱼年捕捞量约3吨。')))?.text).toBe('约3吨');
  });
  // "From May 2001 he was deputy secretary of the county committee." The question's 5 is the date's (5月), not the
  // slot's start; the noun asked (职务) is written as its synonym 书记, which belongs to the answer.
  it('什么职务: a slot after the whole date, through the synonym of the noun asked', () => {
    const p = passage('2001年5月任县委副书记，主持日常工作。');
    const i = input('2001年5月，他担任什么职务', ['2001', '5', '担任'], p);
    i.query.terms.push(term('职务', { alternatives: ['职务', '书记'] }));
    const a = shortAnswer(i)?.text ?? '';
    expect(a).toMatch(/县委副书记$/u);
    expect(a).not.toMatch(/^月/u);
  });
  // "The airport has three runways." 多长 asks a length: a count is no answer to it, and the passage answers instead.
  it('多长: no figure of another dimension (三条 is a count)', () => {
    const p = passage('这座机场共有三条跑道，均可起降大型客机。');
    expect(shortAnswer(input('这座机场的跑道有多长', ['机场', '跑道'], p))).toBeNull();
    expect(shortAnswer(input('这座机场的跑道长多少米', ['机场', '跑道'], passage('这座机场的跑道长3,200米。')))?.text).toBe('3,200米');
  });
  // "The old street declined from the 1980s on." 以后 says which side of the time: it is part of the answer.
  it('什么时候开始: a time with its 以后 / 以来', () => {
    const p = passage('这条老街在1980年代以后逐渐衰落。');
    expect(shortAnswer(input('这条老街什么时候开始衰落', ['老街', '衰落'], p))?.text).toBe('1980年代以后');
  });
  // "The fair was held on 3 and 4 May 1998." Both days answer 何时; 哪一年 still asks the year alone.
  it('什么时候: dates listed with 及 / 和 are the answer whole', () => {
    const p = passage('那届博览会在1998年5月3日及5月4日举行。');
    expect(shortAnswer(input('那届博览会什么时候举行', ['博览会', '举行'], p))?.text).toBe('1998年5月3日及5月4日');
    expect(shortAnswer(input('那届博览会在哪一年举行', ['博览会', '举行'], p))?.text).toBe('1998年');
  });
  // "In the spring and summer of 712 the armies met; during 1940 the school moved; the 1996 summer games."
  it('何时: a year with the season or 期间 it is written with, not a name the season begins', () => {
    expect(shortAnswer(input('两军何时会师', ['两军', '会师'], passage('712年春夏，两军在江边会师。')))?.text).toBe('712年春夏');
    expect(shortAnswer(input('学校何时迁走', ['学校', '迁走'], passage('学校于1940年期间迁走。')))?.text).toBe('1940年期间');
    expect(shortAnswer(input('她何时夺得金牌', ['夺得', '金牌'], passage('她在1996年夏季奥运会夺得金牌。')))?.text).toBe('1996年');
  });
  // "Each share was priced at HK$8." The currency written before the amount is part of it.
  it('多少: a currency named before the amount (港币8元)', () => {
    expect(shortAnswer(input('每股作价多少', ['每股', '作价'], passage('每股作价港币8元。')))?.text).toBe('港币8元');
  });
  // "The museum is a national museum of Laos, located in Pakse, Champasak." 位于 states where it is: the place after it
  // (and after the places that follow it) is the answer, not the country the passage names nearer the question's words.
  it('在哪: the place 位于 states, over a place nearer the question\'s words', () => {
    const p = passage('该博物馆是老挝国家级博物馆，位于占巴塞省巴色市。');
    const a = shortAnswer(input('该博物馆在哪', ['博物馆'], p, { places: ['老挝', '占巴塞省', '巴色市'] }))?.text;
    expect(a).toBe('占巴塞省巴色市');
  });
  // "In 1981 he earned his doctorate at the State University of Ohio." 在哪所大学 asks which university (a thing
  // ending in 大学), not where; the year before it is when, not part of the name.
  it('在哪所大学: the university, without the year leading its clause', () => {
    const p = passage('1981年在俄亥俄州立大学取得博士学位。');
    const a = shortAnswer(input('他是在哪所大学取得博士学位的', ['取得', '博士学位'], p, { places: ['俄亥俄州'] }))?.text;
    expect(a).toBe('俄亥俄州立大学');
  });
  // "From 1280 the khanate was ruled by two khans: one the heir, one Nogai." 哪两位 asks several: no single
  // span answers, and 两位 is a count, not a noun a name could end with.
  it('哪两位: a count after the question word gives no span (the passage answers)', () => {
    const p = passage('那时汗国由两位可汗掌管，一个是嫡传可汗，一个是那海。');
    expect(shortAnswer(input('汗国由哪两位可汗掌管', ['汗国', '掌管'], p))).toBeNull();
  });
  // "She was born in Melbourne, Victoria." A place finder may also report pieces of a name (维多 of 维多利亚州).
  it('在哪里: a whole place name, not a piece of one found at the same spot', () => {
    const p = passage('她生于维多利亚州的墨尔本，后来移居海外。');
    const a = shortAnswer(input('她出生在哪里', ['出生'], p, { places: ['维多', '利亚', '维多利亚州', '墨尔本'] }))?.text;
    expect(['维多利亚州', '墨尔本']).toContain(a);
  });
  it('wholePlaces: pieces dropped; places written one after the other joined unless the question names the kind', () => {
    const c = (text: string, start: number, prior = 2): Candidate => ({ start, end: start + text.length, text, prior });
    // 位于伊利诺伊州芝加哥: "in Chicago, Illinois".
    const found = [c('伊利诺伊州', 2), c('伊利', 2), c('芝加哥', 7, 1.5)];
    expect(wholePlaces(found, true).map((x) => x.text)).toEqual(['伊利诺伊州芝加哥']);
    expect(wholePlaces(found, false).map((x) => x.text)).toEqual(['伊利诺伊州', '芝加哥']);
  });
});
