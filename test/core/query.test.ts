/** Reading a question: script, stop words, synonyms, number terms, intents, and the input checks. */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BotError } from '../../src/core/errors.js';
import { loadWordLists } from '../../src/core/word-lists.js';
import { detectIntent, parseQuery, validateQuestion, type Query } from '../../src/core/query.js';
import { createVocabulary, type Vocabulary } from '../../src/core/vocabulary.js';
import { PassageIndex } from '../../src/core/search-index.js';
import { createJiebaSegmenter } from '../../src/core/segment.js';

const CONFIG = path.resolve(import.meta.dirname, '../../config');
const PASSAGES = [
  '乌苏市风电装机超2800万千瓦、位居全疆第一。',
  '乌苏市地区生产总值增长6.5%。',
  '系列发布会第13场在喀什举行。',
  '哈密市新增高效节水灌溉面积12.6万亩。',
];

let lexicon: Vocabulary;
const parse = (q: string): Query => parseQuery(q, lexicon, 500);
const termTexts = (q: string): string[] => parse(q).terms.map((t) => t.text);

beforeAll(async () => {
  const segment = createJiebaSegmenter();
  const index = PassageIndex.build(PASSAGES.map((p) => segment(p)));
  const lex = await loadWordLists(CONFIG);
  lexicon = createVocabulary(index, lex, ['乌苏市', '喀什', '哈密市']);
});

describe('parseQuery', () => {
  it('detects a traditional question and searches its simplified form', () => {
    const q = parse('烏蘇市風電裝機多少？');
    expect(q.script).toBe('traditional');
    expect(q.text).toBe('乌苏市风电装机多少？');
    expect(q.terms.map((t) => t.text)).toEqual(['乌苏市', '风电', '装机']);
  });
  it('a simplified question is simplified', () => {
    expect(parse('乌苏市风电装机多少？').script).toBe('simplified');
  });
  it('drops stop words (的, 是, 多少, 请问 …)', () => {
    expect(termTexts('请问乌苏市的风电装机是多少')).toEqual(['乌苏市', '风电', '装机']);
  });
  it('expands synonyms: GDP also finds 地区生产总值; 装机 also 装机容量', () => {
    const [, gdp] = parse('乌苏市GDP增长多少').terms;
    expect(gdp!.text).toBe('gdp');
    expect(gdp!.alternatives).toEqual(expect.arrayContaining(['gdp', '地区生产总值', '生产总值']));
    expect(gdp!.known).toBe(true);
    const zhuangji = parse('风电装机').terms.find((t) => t.text === '装机')!;
    expect(zhuangji.alternatives).toEqual(expect.arrayContaining(['装机', '装机容量']));
  });
  it('numbers are required number terms, kept whole', () => {
    const [n] = parse('第13场发布会在哪里举行').terms;
    expect(n).toMatchObject({ text: '第13场', number: true, required: true, known: true });
    const [fig] = parse('2800万千瓦是什么').terms;
    expect(fig).toMatchObject({ text: '2800万千瓦', number: true, required: true });
  });
  it('a figure the corpus lacks is still a required number term, but unknown', () => {
    const t = parse('9999万吨是哪里的').terms.find((x) => x.number)!;
    expect(t).toMatchObject({ number: true, required: true, known: false });
  });
  it('place names and time words are required; ordinary words are not', () => {
    const terms = parse('乌苏市去年风电装机多少');
    expect(terms.terms.find((t) => t.text === '乌苏市')!.required).toBe(true);
    expect(terms.terms.find((t) => t.text === '去年')!.required).toBe(true);
    expect(terms.terms.find((t) => t.text === '风电')!.required).toBe(false);
  });
  it('words asking about a kind of passage carry the kind (标题 → headline, 来源 → dateline)', () => {
    expect(parse('这篇文章的标题是什么').terms.find((t) => t.text === '标题')).toMatchObject({ kind: 'headline', known: true });
    expect(parse('来源是哪家媒体').terms.find((t) => t.text === '来源')).toMatchObject({ kind: 'dateline' });
  });
  it('reads the unit asked for: 多少亿元 → 元, 几家 → 家', () => {
    expect(parse('工业固投多少亿元').unit).toBe('元');
    expect(parse('建成几家创新平台').unit).toBe('家');
    expect(parse('风电装机多少').unit).toBe('');
    // 多少钱 asks for 元; a unit inside a number the question quotes is not what it asks for.
    expect(parse('60亿立方米煤制气项目总投资要多少钱').unit).toBe('元');
    expect(parse('2800万千瓦风电在全疆排第几').unit).toBe('');
  });
  it('reads any unit of the shared table: 美元, 公顷, 人次, 千瓦 (not 千 + 瓦), 百分点', () => {
    expect(parse('交通投资多少美元').unit).toBe('美元');
    expect(parse('湿地面积有多少公顷').unit).toBe('公顷');
    // 人次 is its own unit, not 人 (and never 名)
    expect(parse('哈密接待游客多少人次').unit).toBe('人次');
    expect(parse('在建项目规模是多少千瓦').unit).toBe('千瓦');
    expect(parse('失业率下降了几个百分点').unit).toBe('百分点');
    // one form per unit: 多少公里 asks for 千米, 多少名 and 多少人 for 人
    expect(parse('铁路全长多少公里').unit).toBe('千米');
    expect(parse('引进了多少名专家').unit).toBe('人');
    // a unit the question names without 多少
    expect(parse('全县面积是几平方公里').unit).toBe('平方千米');
    expect(parse('占比是百分之几').unit).toBe('%');
  });
  it('the words around a removed mention (discord/mentions.ts) are read as words', () => {
    expect(termTexts('    乌苏市风电装机')).toEqual(['乌苏市', '风电', '装机']);
  });
  it('keeps the question as asked', () => {
    expect(parse('  烏蘇市風電裝機多少？ ').question).toBe('  烏蘇市風電裝機多少？ ');
  });
  it('rejects unusable input with catalog errors', () => {
    const code = (q: string): string => {
      try {
        parse(q);
        return 'none';
      } catch (e) {
        expect(e).toBeInstanceOf(BotError);
        return (e as BotError).code;
      }
    };
    expect(code('')).toBe('EMPTY_QUESTION');
    expect(code(' \n\t ')).toBe('EMPTY_QUESTION');
    expect(code('\u0000\u0007')).toBe('EMPTY_QUESTION');
    expect(code('😀😀')).toBe('NO_SEARCHABLE_TEXT');
    expect(code('风'.repeat(501))).toBe('QUESTION_TOO_LONG');
    // English or pinyin: the bot says it reads Chinese, instead of "not found"
    expect(code('how much wind power')).toBe('NOT_CHINESE');
    expect(code('wusu fengdian zhuangji')).toBe('NOT_CHINESE');
    expect(code('GDP')).toBe('none');
  });
  it('a bare kind word (a pasted Markdown heading `# 标题`) asks for nothing specific', () => {
    const error = (() => {
      try {
        parse('# 标题');
      } catch (e) {
        return e as BotError;
      }
      return null;
    })();
    expect(error?.code).toBe('QUESTION_TOO_VAGUE');
    expect(error?.params.word).toBe('标题');
    // asking about the headline is still a question
    expect(parse('这篇报道的标题是什么？').terms.some((t) => t.kind === 'headline')).toBe(true);
  });
  it('a question with a trailing terminal colour code reads as without it', () => {
    expect(parse('乌苏市风电装机多少\x1b[0m').terms).toEqual(parse('乌苏市风电装机多少').terms);
  });
  it('property: parseQuery returns a query or throws a BotError, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        try {
          const q = parse(s);
          for (const t of q.terms) {
            expect(t.text.length).toBeGreaterThan(0);
            expect(t.alternatives).toContain(t.text);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(BotError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectIntent', () => {
  it.each([
    ['风电装机多少', 'quantity'],
    ['建成几家创新平台', 'quantity'],
    ['绿电比例是多大', 'quantity'],
    ['总量在全疆排第几', 'rank'],
    ['风电装机位居全疆第几', 'rank'],
    ['GDP总量在新疆排老几', 'rank'], // colloquial
    ['发布会哪天举行', 'date'],
    ['什么时候举行的', 'date'],
    ['发布会在哪里举行', 'place'],
    ['在哪个城市举行', 'place'],
    ['谁介绍了情况', 'person'],
    ['介绍一下新能源产业', 'other'],
    // two questions in one: the first asked decides (the amount, then the rank)
    ['煤电装机有多少？在全疆排第几', 'quantity'],
    ['在全疆排第几？煤电装机有多少', 'rank'],
    // 多大 in a name is no question word: 多伦多大学 asks nothing of quantity.
    ['多伦多大学在哪里', 'place'],
    ['湖泊面积有多大', 'quantity'],
    // 在哪 + a measure word asks which one, not where: 在哪一年 is a time.
    ['古桥在哪一年重建', 'date'],
    ['运河在哪一天通航', 'date'],
    ['在哪一个城市首演', 'place'],
    ['在哪次比赛夺冠', 'other'],
    ['城墙在哪一世纪建成', 'date'],
    ['王朝在西元几年灭亡', 'date'],
    ['读了几年书', 'other'],
  ])('%s → %s', (q, intent) => {
    expect(detectIntent(q)).toBe(intent);
  });
});

describe('validateQuestion', () => {
  it('returns the sanitised question', () => {
    expect(validateQuestion('  风电\n装机  ', 500)).toBe('风电 装机');
  });
  it('measures length in characters after sanitising (astral characters count once)', () => {
    expect(validateQuestion('𠀀'.repeat(10), 10)).toBe('𠀀'.repeat(10));
    expect(() => validateQuestion('𠀀'.repeat(11), 10)).toThrow(BotError);
  });
  it('QUESTION_TOO_LONG carries the limit in its message', () => {
    try {
      validateQuestion('风'.repeat(30), 20);
      expect.unreachable();
    } catch (e) {
      expect((e as BotError).code).toBe('QUESTION_TOO_LONG');
      expect((e as BotError).message).toContain('20');
    }
  });
});

describe('a question word whose classifier begins a word', () => {
  it('多少人口 asks how much 人口, in no unit; 多少人 still asks for people', async () => {
    const segment = createJiebaSegmenter();
    const index = PassageIndex.build(['小城人口约五万。', '三百人参加了比赛。'].map((p) => segment(p)));
    const own = createVocabulary(index, { userWords: [], synonyms: [], stopWords: new Set(['多少人', '有']) });
    const population = parseQuery('小城有多少人口', own, 500);
    expect(population.unit).toBe('');
    expect(population.terms.map((t) => t.text)).toContain('人口');
    expect(parseQuery('有多少人参加比赛', own, 500).unit).toBe('人');
  });
});

describe('question phrases are cut out before segmenting', () => {
  // Tiny corpus, glossed: "The old bridge was rebuilt in one year; part of it is stone." /
  // "A person went to the city in AD 1901.", and "That country used this thing in that dynasty." Its words include 一年, 一部分, 西元 and 城市, which the
  // question's 哪一年, 哪一部分, 西元几年 and 哪个城市 would otherwise be segmented into.
  let own: Vocabulary;
  const terms = (q: string): string[] => parseQuery(q, own, 500).terms.map((t) => t.text);
  beforeAll(() => {
    const segment = createJiebaSegmenter();
    const index = PassageIndex.build(['古桥用了一年重建，其中一部分是石头。', '有一个人在西元1901年的时候去了城市。', '这个国家在那个朝代用这种东西。'].map((p) => segment(p)));
    own = createVocabulary(index, { userWords: [], synonyms: [], stopWords: new Set(['在', '是', '的', '了', '哪个城市']) });
  });

  it('哪一年 / 哪一部分 / 哪一个 are not searched as 一年 / 一部分 / 一个', () => {
    expect(terms('古桥在哪一年重建')).toEqual(['古桥', '重建']);
    expect(terms('古桥哪一部分是石头')).toEqual(['古桥', '石头']);
    expect(terms('哪一个人去了城市')).toEqual(['人', '去', '城市']);
  });

  it('西元 before the year asked, and 的时候 / 时 after it, are part of asking it', () => {
    expect(terms('古桥在西元几年的时候重建')).toEqual(['古桥', '重建']);
    expect(terms('古桥在哪一年时重建')).toEqual(['古桥', '重建']);
    // A year the question states is still a term, and 西元 elsewhere is a word like any other.
    expect(terms('西元1901年去了哪里')).toEqual(expect.arrayContaining(['西元', '1901年']));
  });

  it('什么东西 is part of asking; the noun after 哪个 stays a term (哪个朝代 → 朝代)', () => {
    expect(terms('古桥用什么东西重建')).toEqual(['古桥', '用', '重建']);
    expect(terms('古桥建于哪个朝代')).toEqual(['古桥', '建于', '朝代']);
    expect(terms('哪个国家用石头')).toEqual(['国家', '用', '石头']);
  });

  it('a stop-word phrase the question phrase begins is cut whole (哪个城市), and 哪一 words inside a word are left', () => {
    expect(terms('那个人去了哪个城市')).not.toContain('城市');
    expect(terms('一个人去了哪一个城市')).toContain('一个');
    // Without the cut the index's 一个 would be a term of a question that only asks 哪一个.
    expect(terms('哪一个人去了石头城')).not.toContain('一个');
  });
});
