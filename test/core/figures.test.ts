/**
 * Figure extraction. Fixtures are made-up sentences in the corpus's news style (not copied
 * from it), each glossed with what the method must read from it.
 */
import { describe, expect, it } from 'vitest';
import { chineseNumeral, extractFigures, parseNumber } from '../../src/core/figures.js';
import type { Figure } from '../../src/core/types.js';

const ID = 'doc#p1.s1';
const figs = (text: string): Figure[] => extractFigures(text, ID);
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
  it('classifier counts with digits: 158个, 25名, 172家', () => {
    const all = figs('该市实施158个项目，引进25名专家，建成172家创新平台。');
    expect(all.map((f) => [f.text, f.value, f.unit])).toEqual([
      ['158个', 158, '个'],
      ['25名', 25, '名'],
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
  it('五大: counted with 大, unit empty', () => {
    expect(one('实施五大工程。')).toMatchObject({ text: '五大', value: 5, unit: '', kind: 'amount' });
  });
});

describe('dates', () => {
  it('5月20日: kind date, value MMDD = 520, unit 日', () => {
    expect(one('5月20日，哈密市召开现场会。')).toMatchObject({ text: '5月20日', value: 520, unit: '日', kind: 'date' });
  });
  it('11月3日 is read as one date (1103), not as 11 and 3', () => {
    expect(one('11月3日，会议在伊宁举行。')).toMatchObject({ value: 1103, kind: 'date' });
  });
  it('a full date 2024年3月5日 → 305; a year alone 2023年 → 2023, unit 年', () => {
    expect(one('2024年3月5日召开。')).toMatchObject({ text: '2024年3月5日', value: 305, kind: 'date' });
    const [year, pct] = figs('2023年全县投资增长12.5%。');
    expect(year).toMatchObject({ text: '2023年', value: 2023, unit: '年', kind: 'date' });
    expect(pct).toMatchObject({ value: 12.5, kind: 'percent' });
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
    const all = extractFigures('增长6.5%，居全区第二，完成投资20亿元。', 'x#p9.s2');
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
  // Fixed terms that begin with 第N are names, not ranks: 第一季度 (first quarter), 第三产业 (tertiary sector).
  it('第一季度 and 第三产业 are names, not ordinals', () => {
    const all = figs('今年第一季度，全市第三产业增加值增长8%。');
    expect(all.map((f) => f.kind)).toEqual(['percent']);
  });
});
