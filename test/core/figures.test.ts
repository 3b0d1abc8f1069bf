/**
 * Figure extraction. Fixtures are made-up sentences in the corpus's news style (not copied
 * from it), each glossed with what the method must read from it.
 */
import { describe, expect, it } from 'vitest';
import { chineseNumeral, extractFigures, parseNumber } from '../../src/core/figures.js';
import type { Figure } from '../../src/core/types.js';

const ID = 'doc#p1.s1';
const figs = (text: string): Figure[] => extractFigures(text, ID, ID.slice(0, ID.indexOf('#')));
const one = (text: string): Figure => {
  const all = figs(text);
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('parseNumber / chineseNumeral', () => {
  it('applies 万/亿 magnitudes without floating-point noise', () => {
    expect(parseNumber('3200', '万')).toBe(32_000_000);
    // 554.7 × 1e8 is 55470000000.00001 in raw floating point
    expect(parseNumber('554.7', '亿')).toBe(55_470_000_000);
    expect(parseNumber('1.5', '万亿')).toBe(1_500_000_000_000);
    expect(parseNumber('42')).toBe(42);
  });
  it('reads Chinese numerals', () => {
    expect(chineseNumeral('十')).toBe(10);
    expect(chineseNumeral('十三')).toBe(13);
    expect(chineseNumeral('二十一')).toBe(21);
    expect(chineseNumeral('两百')).toBe(200);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(parseNumber('十三')).toBe(13);
  });
  it('returns NaN for what is not a numeral', () => {
    expect(chineseNumeral('abc')).toBeNaN();
    expect(chineseNumeral('三个')).toBeNaN();
  });
});

describe('amounts', () => {
  it('超2800万千瓦: qualifier 超, 2800×万 = 28,000,000, unit 千瓦', () => {
    const [f] = figs('今年以来，乌苏市风电装机超2800万千瓦。');
    expect(f).toMatchObject({ text: '超2800万千瓦', value: 28_000_000, unit: '千瓦', qualifier: '超', kind: 'amount', passage: ID });
  });
  it('231.5亿元: 231.5×亿 = 23,150,000,000, unit 元', () => {
    expect(one('该市完成工业固投231.5亿元。')).toMatchObject({ text: '231.5亿元', value: 23_150_000_000, unit: '元', qualifier: '', kind: 'amount' });
  });
  it('410亿千瓦时: the longest unit wins (千瓦时, not 千瓦)', () => {
    expect(one('全市全年发电量410亿千瓦时。')).toMatchObject({ text: '410亿千瓦时', value: 41_000_000_000, unit: '千瓦时' });
  });
  it('30km / 128KB: an SI symbol in Latin letters is the unit; a letter after it makes a name (30kms is none)', () => {
    expect(one('雷达的有效距离为30km。')).toMatchObject({ text: '30km', value: 30, unit: '千米', kind: 'amount' });
    expect(one('机器配有128KB内存。')).toMatchObject({ text: '128KB', value: 128, unit: 'KB' });
    expect(figs('型号为30kms的车。')).toEqual([]);
  });
  it('60亿立方米 and 560万吨 in one list, each with its own unit', () => {
    const all = figs('推进60亿立方米煤制气、560万吨煤制烯烃等项目。');
    expect(all.map((f) => [f.text, f.value, f.unit])).toEqual([
      ['60亿立方米', 6_000_000_000, '立方米'],
      ['560万吨', 5_600_000, '吨'],
    ]);
  });
  it('qualifiers before and after: 约, 突破, 达到 … 左右', () => {
    expect(one('年节水量约3000万立方米。')).toMatchObject({ qualifier: '约', value: 30_000_000, unit: '立方米' });
    expect(one('并网规模将突破1500万千瓦。')).toMatchObject({ qualifier: '突破', text: '突破1500万千瓦' });
    // 达到 … 左右: the qualifier before is kept, the text holds both
    expect(one('全县产值达到2000万元左右。')).toMatchObject({ text: '达到2000万元左右', value: 20_000_000, unit: '元', qualifier: '达到' });
  });
  it('a bare magnitude without a unit: 12.6万 = 126,000', () => {
    expect(one('新增灌溉面积12.6万，较上年增加。')).toMatchObject({ text: '12.6万', value: 126_000, unit: '', kind: 'amount' });
  });
  it('classifier counts with digits: 158个, 25名 (unit 人, the one form of 名/位/人), 172家', () => {
    const all = figs('该市实施158个项目，引进25名专家，建成172家创新平台。');
    expect(all.map((f) => [f.text, f.value, f.unit])).toEqual([
      ['158个', 158, '个'],
      ['25名', 25, '人'],
      ['172家', 172, '家'],
    ]);
  });
  it('multiples: 1.5倍', () => {
    expect(one('出口额增长1.5倍。')).toMatchObject({ value: 1.5, unit: '倍', kind: 'amount' });
  });
});

describe('percent', () => {
  it('超40%: qualifier 超, value 40, kind percent', () => {
    expect(one('其中绿电比例超40%。')).toMatchObject({ text: '超40%', value: 40, unit: '%', qualifier: '超', kind: 'percent' });
  });
  it('6.5% keeps its decimals', () => {
    expect(one('地区生产总值增长6.5%。')).toMatchObject({ text: '6.5%', value: 6.5, kind: 'percent' });
  });
  it('per mille is a percent-kind figure too: 3.5‰', () => {
    expect(one('人口自然增长率为3.5‰。')).toMatchObject({ value: 3.5, unit: '‰', kind: 'percent' });
  });
});

describe('ordinals', () => {
  it('第二: value 2, no unit', () => {
    expect(one('经济总量居全区第二。')).toMatchObject({ text: '第二', value: 2, unit: '', kind: 'ordinal' });
  });
  it('第13场: value 13, unit 场', () => {
    expect(one('系列发布会第13场在喀什举行。')).toMatchObject({ text: '第13场', value: 13, unit: '场', kind: 'ordinal' });
  });
  it('第十三次: a Chinese-numeral ordinal', () => {
    expect(one('召开第十三次代表大会。')).toMatchObject({ text: '第十三次', value: 13, unit: '次', kind: 'ordinal' });
  });
  it('首个: value 1, unit 个', () => {
    expect(one('全市建成首个数字化灌区。')).toMatchObject({ text: '首个', value: 1, unit: '个', kind: 'ordinal' });
  });
});

describe('shares', () => {
  it('一半 = 0.5', () => {
    expect(one('节水灌溉覆盖全市一半耕地。')).toMatchObject({ text: '一半', value: 0.5, kind: 'share' });
  });
  it('三分之一 = 1/3 (6 significant digits)', () => {
    const f = one('光伏发电占全县三分之一。');
    expect(f).toMatchObject({ text: '三分之一', kind: 'share' });
    expect(f.value).toBeCloseTo(1 / 3, 5);
  });
  it('过半 = 0.5', () => {
    expect(one('民营企业占比过半。')).toMatchObject({ text: '过半', value: 0.5, kind: 'share' });
  });
});

describe('Chinese-numeral counts', () => {
  it('两家, 二十个: counted with a classifier', () => {
    expect(one('全县新建两家工厂。')).toMatchObject({ text: '两家', value: 2, unit: '家', kind: 'amount' });
    expect(one('新增二十个项目。')).toMatchObject({ text: '二十个', value: 20, unit: '个' });
  });
  it('4个百亿级: the scale stays in the text, the value is the count', () => {
    expect(one('打造棉纺、番茄、葡萄4个百亿级产业集群。')).toMatchObject({ text: '4个百亿级', value: 4, unit: '个', kind: 'amount' });
  });
  it('2个千亿级 (digit count) keeps 千亿级 too', () => {
    expect(one('重点培育化工、新材料2个千亿级产业。').text).toBe('2个千亿级');
  });
  // "The province has 2 national-level parks and 5 4A-level scenic spots." The level says what is counted.
  it('2家国家级 / 5个4A级: a level written after a count stays in its text; 级别 is no level', () => {
    const [a, b] = figs('全省有2家国家级园区、5个4A级景区。');
    expect(a).toMatchObject({ text: '2家国家级', value: 2, unit: '家' });
    expect(b).toMatchObject({ text: '5个4A级', value: 5, unit: '个' });
    expect(one('该馆有3个级别的会员。').text).toBe('3个');
  });
  // "Men's singles are played over one to five sets; the team won three matches and released three albums."
  // Games, matches and records are counted with 盘/局/场/张 as with any measure word; 六盘水 is a city.
  it('五盘, 三场, 三张: measure words of games and records; 六盘水 is a name', () => {
    expect(one('男子单打比赛打一至五盘。')).toMatchObject({ text: '五盘', value: 5, unit: '盘', kind: 'amount' });
    expect(one('该队本赛季赢了三场比赛。')).toMatchObject({ text: '三场', value: 3, unit: '场' });
    expect(one('乐队共发行了三张专辑。')).toMatchObject({ text: '三张', value: 3, unit: '张' });
    expect(one('决胜局打满3局。')).toMatchObject({ text: '3局', value: 3, unit: '局' });
    expect(figs('六盘水市位于贵州西部。')).toEqual([]);
  });
  // 五大工程 / 十大行动 name a programme of N parts: the number is part of the name, not an amount.
  it('五大 in 五大工程 is a name, not a figure', () => {
    expect(figs('实施五大工程。')).toEqual([]);
  });
});

describe('dates', () => {
  it('5月20日: kind date, ISO --05-20 (no year stated), value 0', () => {
    expect(one('5月20日，哈密市召开现场会。')).toMatchObject({ text: '5月20日', value: 0, unit: '', kind: 'date', date: '--05-20' });
  });
  it('11月3日 is read as one date, not as 11 and 3', () => {
    expect(one('11月3日，会议在伊宁举行。')).toMatchObject({ date: '--11-03', kind: 'date' });
  });
  it('a full date 2024年3月5日 keeps its year; a year alone 2023年 is the year 2023', () => {
    expect(one('2024年3月5日召开。')).toMatchObject({ text: '2024年3月5日', value: 2024, kind: 'date', date: '2024-03-05' });
    const [year, pct] = figs('2023年全县投资增长12.5%。');
    expect(year).toMatchObject({ text: '2023年', value: 2023, unit: '', kind: 'date', date: '2023' });
    expect(pct).toMatchObject({ value: 12.5, kind: 'percent' });
  });
});

describe('year ranges', () => {
  // "The country was invaded during 1386–1403." 间 after a range does not make it a duration.
  it('1386年至1403年间 is a range of years, from 1386 to 1403', () => {
    expect(one('该国于1386年至1403年间受到侵袭。')).toMatchObject({ text: '1386年至1403年', kind: 'date', date: '1386', end: '1403' });
  });
});

describe('measures', () => {
  it('超2800万千瓦、位居全疆第一: the amount measures 风电装机, the ordinal borrows the subject', () => {
    const [amount, rank] = figs('风电装机超2800万千瓦、位居全疆第一');
    expect(amount).toMatchObject({ text: '超2800万千瓦', measure: '风电装机' });
    expect(rank).toMatchObject({ text: '第一', measure: '风电装机位居全疆' });
  });
  it('a measure never crosses a clause break', () => {
    const [a, b] = figs('年产能达120万吨，其中出口40万吨。');
    expect(a).toMatchObject({ text: '达120万吨', measure: '年产能' });
    // 其中 is a connective, not part of the measure; nothing from the first clause leaks in
    expect(b).toMatchObject({ text: '40万吨', measure: '出口' });
  });
  // "Since last year the city's exports reached 30bn yuan; in recent years, imports 12bn."
  // Connectives and time words relative to the writing open a clause, they are not what is measured.
  it('leading connectives and relative time words are not part of the measure', () => {
    expect(one('去年以来，全市出口额达300亿元。').measure).toBe('全市出口额');
    expect(one('近年来进口额120亿元。').measure).toBe('进口额');
    expect(one('但是目前全县人口仅5万人。').measure).toBe('全县人口');
    expect(one('每月游客量20万人次。').measure).toBe('游客量');
    expect(one('全年发电量410亿千瓦时。').measure).toBe('发电量');
  });
  it('a list before a classifier count is gathered into the measure', () => {
    const f = one('重点打造棉纺、番茄、葡萄4个百亿级产业集群。');
    expect(f.measure).toContain('棉纺、番茄、葡萄');
    expect(f.measure).toContain('产业集群');
  });
  it('what follows the classifier is part of the measure (州财政引进…院士专家)', () => {
    // the words before and after the figure, joined by …
    expect(one('州财政引进25名院士专家。').measure).toBe('州财政引进…院士专家');
  });
  it('a measure is at most 30 characters, keeping the words nearest the figure', () => {
    const long = '全州范围内各县市区域统筹推进的重点民生保障和基础设施建设以及生态环境治理综合投资总额达88亿元。';
    const f = one(long);
    expect([...f.measure].length).toBeLessThanOrEqual(30);
    expect(f.measure.endsWith('综合投资总额')).toBe(true);
  });
});

describe('what is not a figure', () => {
  it('bare one- or two-digit numbers (list labels, room numbers) are skipped', () => {
    expect(figs('会场设在3号楼。')).toEqual([]);
    expect(figs('见附件12。')).toEqual([]);
  });
  it('text without numbers has no figures', () => {
    expect(figs('哈密市推进节水灌溉。')).toEqual([]);
    expect(figs('')).toEqual([]);
  });
  it('a bare number of three or more digits is kept', () => {
    expect(one('共收到意见368条建议。').value).toBe(368);
  });
  it('every figure is cited to the passage id given', () => {
    const all = extractFigures('增长6.5%，居全区第二，完成投资20亿元。', 'x#p9.s2', 'x');
    expect(all).toHaveLength(3);
    for (const f of all) expect(f.passage).toBe('x#p9.s2');
  });
});

describe('harder forms', () => {
  // A thousands separator is part of the number: `1,500万人` is 15,000,000, not 500万人.
  it('1,500万人 = 15,000,000 (thousands separator)', () => {
    expect(one('全区常住人口1,500万人。')).toMatchObject({ value: 15_000_000, unit: '人' });
  });
  // `10余家` (number + 余/多 + classifier, "over N") is a figure with qualifier 余.
  it('10余家企业 → value 10, unit 家, qualifier 余', () => {
    expect(one('全县引进10余家企业。')).toMatchObject({ value: 10, unit: '家', qualifier: '余' });
  });
  // Fixed terms that begin with 第N are not ranks: 第一季度 is a period (January to March), 第三产业 a sector.
  it('第一季度 is a period and 第三产业 a name, neither an ordinal', () => {
    const all = figs('今年第一季度，全市第三产业增加值增长8%。');
    expect(all.map((f) => [f.kind, f.date, f.end])).toEqual([['date', '--01', '--03'], ['percent', undefined, undefined]]);
  });
});

/**
 * The wrong figures of issue 9, each on a sentence written for the test (glossed above each).
 * Every one must come out as a reader of the sentence would state it.
 */
describe('issue 9: dates as dates', () => {
  // "The expo opened on 8 March." A date without a year is a month and day, not the number 308.
  it('3月8日 → --03-08, not 308', () => {
    expect(one('博览会3月8日开幕。')).toMatchObject({ kind: 'date', date: '--03-08', value: 0, unit: '' });
  });
  // "On 9 Feb 2023 the bridge opened to traffic." The stated year is kept.
  it('2023年2月9日 → 2023-02-09, the year kept', () => {
    expect(one('2023年2月9日，大桥建成通车。')).toMatchObject({ kind: 'date', date: '2023-02-09', value: 2023 });
  });
  // "The fair runs from 15 to 18 May." A range is one figure with both ends.
  it('5月15日至18日 is one range: --05-15 to --05-18', () => {
    expect(one('交易会5月15日至18日举办。')).toMatchObject({ kind: 'date', date: '--05-15', end: '--05-18' });
  });
  // "From 30 Dec 2022 to 2 Jan 2023 …" A range across a year takes each end's own year.
  it('2022年12月30日至2023年1月2日: each end keeps its year', () => {
    expect(one('2022年12月30日至2023年1月2日，景区免费开放。')).toMatchObject({ date: '2022-12-30', end: '2023-01-02' });
  });
  // "The town was first walled in 863 and rebuilt in 1420." Three- and four-digit years follow one rule.
  it('one rule for years: 863年 and 1420年 are both years', () => {
    const [a, b] = figs('该镇始筑城于863年，1420年重修。');
    expect(a).toMatchObject({ text: '863年', kind: 'date', date: '0863', value: 863 });
    expect(b).toMatchObject({ text: '1420年', kind: 'date', date: '1420' });
  });
  // "For nearly 600 years …" / "over 300 years since …": durations, written like years, are amounts of 年.
  it('a duration is an amount of 年: 近600年, 300年来, 历时12年', () => {
    expect(one('这座桥近600年未曾重修。')).toMatchObject({ kind: 'amount', value: 600, unit: '年', qualifier: '近' });
    expect(figs('300年来，古镇格局未变。')[0]).toMatchObject({ kind: 'amount', value: 300, unit: '年' });
    expect(one('工程历时12年。')).toMatchObject({ kind: 'amount', value: 12, unit: '年' });
  });
  // "The empire was unified in 221 BC." A year BC is negative, in astronomical numbering (221 BC = -0220).
  it('公元前221年 → -0220', () => {
    expect(one('公元前221年，秦统一六国。')).toMatchObject({ kind: 'date', date: '-0220', value: -220 });
  });
  // "From 1 to 10 … / In January–October the port handled …": month ranges are periods.
  it('1月至10月 and 1-10月 are the period --01 to --10', () => {
    expect(figs('1月至10月，港口吞吐量增长。')[0]).toMatchObject({ kind: 'date', date: '--01', end: '--10' });
    expect(figs('1-10月，港口吞吐量增长。')[0]).toMatchObject({ kind: 'date', date: '--01', end: '--10' });
  });
  // "In the first three quarters of 2023, retail sales rose 6%." 前三季度 is January to September.
  it('前三季度 is the period January–September, with its year when stated', () => {
    const [period, pct] = figs('2023年前三季度，社会消费品零售总额增长6%。');
    expect(period).toMatchObject({ kind: 'date', text: '2023年前三季度', date: '2023-01', end: '2023-09' });
    expect(pct).toMatchObject({ kind: 'percent', value: 6 });
  });
  // "Through the 1990s …" A decade is a period.
  it('1990年代 is the decade 1990–1999', () => {
    expect(one('1990年代，该厂扩建。')).toMatchObject({ kind: 'date', date: '1990', end: '1999' });
  });
});

describe('issue 9: units from the shared table', () => {
  // "The port's container throughput reached 2.3 million TEU." 标准箱 is the unit, not dropped.
  it('达到230万标准箱 → 2,300,000 标准箱', () => {
    expect(one('港口集装箱吞吐量达到230万标准箱。')).toMatchObject({ value: 2_300_000, unit: '标准箱', qualifier: '达到' });
  });
  // "The museum handed out 4500 tickets." 张 (sheets, tickets) is a measure word.
  it('4500张 → unit 张', () => {
    expect(one('博物馆当天发放4500张门票。')).toMatchObject({ value: 4500, unit: '张' });
  });
  // "Rainfall that day reached 28 mm." 毫米 is a length.
  it('达到28毫米 → unit 毫米', () => {
    expect(one('当日降水量达到28毫米。')).toMatchObject({ value: 28, unit: '毫米', qualifier: '达到' });
  });
  // "The county covers 8,712 km²." 平方公里 and 平方千米 are one unit.
  it('8,712平方公里 and 8712平方千米 are both 平方千米', () => {
    expect(one('全县面积8,712平方公里。')).toMatchObject({ value: 8712, unit: '平方千米' });
    expect(one('全县面积8712平方千米。')).toMatchObject({ value: 8712, unit: '平方千米' });
  });
  // "The district covers 3.2 km²; the chip runs at 2.4 GHz." A Latin unit symbol may follow one space.
  it('3.2 km² and 2.4 GHz: a Latin unit after one space; a Chinese measure word after a space is no unit', () => {
    expect(one('该区面积3.2 km²。')).toMatchObject({ text: '3.2 km²', value: 3.2, unit: '平方千米' });
    expect(one('芯片主频2.4 GHz。')).toMatchObject({ text: '2.4 GHz', unit: 'GHz' });
    expect(extractFigures('共有15 个', 'p', 'd').some((f) => f.unit === '个')).toBe(false);
  });
  // "The centre is 1.85 m tall; the wall is 3 m 10 cm." Digits after 米 with no unit are the centimetres of one height.
  it('身高1米85 → 1.85 米; 1米8 → 1.8 米; 3米10厘米 stays two figures', () => {
    expect(one('这名中锋身高1米85。')).toMatchObject({ text: '1米85', value: 1.85, unit: '米' });
    expect(one('她身高1米8。')).toMatchObject({ value: 1.8, unit: '米' });
    expect(extractFigures('围墙高3米10厘米。', 'p', 'd').map((f) => f.text)).toEqual(['3米', '10厘米']);
  });
  // "The fine was 300 million gold marks." 金马克 is the mark (a currency), written with its metal.
  it('3亿金马克 → 马克', () => {
    expect(one('罚款为3亿金马克。')).toMatchObject({ value: 300_000_000, unit: '马克' });
  });
  // "Unemployment fell by 0.3 percentage points." 百分点 is its own unit, not 个 and not %.
  it('0.3个百分点 → 0.3 百分点 (an amount, not a percent)', () => {
    expect(one('城镇失业率下降0.3个百分点。')).toMatchObject({ text: '0.3个百分点', value: 0.3, unit: '百分点', kind: 'amount' });
  });
  // "Imports were 4.5 billion USD, 1.2 billion euros, 300 million HKD, 2 billion yen."
  it('currencies: 美元, 欧元, 港元, 日元', () => {
    const all = figs('进口45亿美元、12亿欧元、3亿港元、20亿日元。');
    expect(all.map((f) => [f.value, f.unit])).toEqual([
      [4_500_000_000, '美元'],
      [1_200_000_000, '欧元'],
      [300_000_000, '港元'],
      [2_000_000_000, '日元'],
    ]);
  });
  // "The lake covers 350 hectares; 1.2 million mu of farmland."
  it('areas: 公顷, 亩', () => {
    const all = figs('湖面350公顷，耕地120万亩。');
    expect(all.map((f) => [f.value, f.unit])).toEqual([
      [350, '公顷'],
      [1_200_000, '亩'],
    ]);
  });
  // "The scenic area received 8.6 million visits." 人次 (person-times) is not 人.
  it('860万人次 → unit 人次', () => {
    expect(one('景区接待游客860万人次。')).toMatchObject({ value: 8_600_000, unit: '人次' });
  });
  // "Generation reached 32 billion kWh, saving 1.1 million tonnes of standard coal."
  it('亿千瓦时 and 吨标准煤', () => {
    const all = figs('发电量320亿千瓦时，节约110万吨标准煤。');
    expect(all.map((f) => [f.value, f.unit])).toEqual([
      [32_000_000_000, '千瓦时'],
      [1_100_000, '吨标准煤'],
    ]);
  });
});

describe('issue 9: one scale for percentages', () => {
  // "Exports grew by 30% (三成), imports by 20% (两成)." 成 is tenths: on the scale of 7.8%.
  it('三成 = 30%, 两成 = 20%', () => {
    const [a, b] = figs('出口增长三成，进口增长两成。');
    expect(a).toMatchObject({ text: '三成', value: 30, unit: '%', kind: 'percent' });
    expect(b).toMatchObject({ text: '两成', value: 20, unit: '%', kind: 'percent' });
  });
  // "Costs fell by five percent (百分之五)." 百分之五 is 5, as 7.8% is 7.8.
  it('百分之五 = 5%, 百分之十二点五 = 12.5%, 7.8% = 7.8', () => {
    expect(one('成本下降百分之五。')).toMatchObject({ value: 5, unit: '%', kind: 'percent' });
    expect(one('成本下降百分之十二点五。')).toMatchObject({ value: 12.5, unit: '%', kind: 'percent' });
    expect(one('成本下降7.8%。')).toMatchObject({ value: 7.8, unit: '%', kind: 'percent' });
  });
  // "The plant became (成为) the largest; the project was completed (完成)." 成 in a word is no share.
  it('成 inside a word (成为, 完成, 三成为) is not a percentage', () => {
    expect(figs('该厂成为全省最大的工厂，项目已完成。')).toEqual([]);
  });
});

describe('issue 9: numbers inside names', () => {
  // "The city carries out its Ten Major Actions." 十大 names a programme; it counts nothing.
  it('十大 in 十大惠民行动 is not an amount', () => {
    expect(figs('该市深入实施“十大惠民行动”。')).toEqual([]);
  });
  // "The 15th Games open in the city." 第十五届 keeps its measure word 届.
  it('第十五届 → ordinal 15, unit 届', () => {
    expect(one('第十五届全运会在该市开幕。')).toMatchObject({ text: '第十五届', value: 15, unit: '届', kind: 'ordinal' });
  });
  // "The airline flies the A350 and runs a 5G network." Digits glued to Latin letters are model names.
  it('A350 and 5G are names, not amounts', () => {
    expect(figs('该航空公司引进A350客机，并建成5G网络。')).toEqual([]);
  });
});

describe('issue 9: the measure is the whole noun phrase', () => {
  // "Wind projects under construction and in preparation exceed 30 GW." 及 joins two modifiers of one noun.
  it('在建及筹建的风电项目 keeps 在建及', () => {
    expect(one('在建及筹建的风电项目超3000万千瓦。').measure).toBe('在建及筹建的风电项目');
  });
  // "Grid-connected capacity this year will exceed 8 GW□;" — the modal 将 and a lost character □ are not the measure.
  it('并网规模将突破…□ measures 年内并网规模', () => {
    expect(one('年内并网规模将突破800万千瓦□；').measure).toBe('年内并网规模');
  });
  // "Coal output 100 Mt and power 50 TWh": after a figure, 和 still starts the next conjunct.
  it('和 after a figure starts a new measure', () => {
    const [, b] = figs('原煤产量1亿吨和发电量500亿千瓦时。');
    expect(b).toMatchObject({ unit: '千瓦时', measure: '发电量' });
  });
});
