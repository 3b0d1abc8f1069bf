/** Text normalisation: script conversion and detection, width folding, punctuation, sanitising. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chinesePunctuation,
  detectScript,
  foldWidth,
  asksInChinese,
  forEcho,
  hasSearchableText,
  sanitize,
  toScript,
  toSimplified,
  toTraditional,
} from '../../src/core/text.js';

describe('script conversion', () => {
  it('toSimplified converts traditional characters and leaves the rest', () => {
    expect(toSimplified('烏蘇市風電裝機')).toBe('乌苏市风电装机');
    expect(toSimplified('經濟發展 GDP 7.8%')).toBe('经济发展 GDP 7.8%');
  });
  it('toTraditional converts simplified characters', () => {
    expect(toTraditional('经济发展')).toBe('經濟發展');
    expect(toTraditional('节水灌溉')).toBe('節水灌溉');
    // Taiwan standard forms, as readers in Taiwan and Hong Kong write them (為, 裡, 著; not 爲, 裏).
    expect(toTraditional('已成为重要支点，里面着力打造')).toBe('已成為重要支點，裡面著力打造');
  });
  it('toScript converts only to traditional; simplified text is returned as is', () => {
    expect(toScript('风电', 'traditional')).toBe('風電');
    expect(toScript('风电', 'simplified')).toBe('风电');
  });
  it('round trip simplified → traditional → simplified keeps common words', () => {
    for (const s of ['乌苏市风电装机', '哈密市推进节水灌溉', '地区生产总值增长']) expect(toSimplified(toTraditional(s))).toBe(s);
  });
});

describe('detectScript', () => {
  it('traditional questions', () => {
    expect(detectScript('烏蘇市風電裝機多少？')).toBe('traditional');
    expect(detectScript('節水灌溉面積是多少')).toBe('traditional');
  });
  it('simplified questions, and text with no Han at all', () => {
    expect(detectScript('乌苏市风电装机多少？')).toBe('simplified');
    expect(detectScript('hello 123')).toBe('simplified');
    expect(detectScript('')).toBe('simplified');
  });
  it('a simplified text with a character shared by both scripts (著) stays simplified', () => {
    expect(detectScript('著名的风电基地')).toBe('simplified');
  });
});

describe('foldWidth', () => {
  it('changes a text only where it holds a unit it folds: each BMP unit alone, as the per-character fold reads it', () => {
    // The per-character fold (without the unpadding of names, which needs U+3000).
    const fold = (ch: string): string => {
      const code = ch.codePointAt(0)!;
      if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a) || '％．＋－／'.includes(ch)) return String.fromCharCode(code - 0xfee0);
      return ch === '\u3000' ? ' ' : ch;
    };
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const text = `a${ch}b`;
      if (foldWidth(text) !== `a${fold(ch)}b`) expect(c.toString(16)).toBe('a unit foldWidth gets wrong');
    }
    const same = '春眠不觉晓，处处闻啼鸟。GDP 7.8%';
    expect(foldWidth(same)).toBe(same);
  });
  it('folds full-width digits, Latin letters and ％．＋－／', () => {
    expect(foldWidth('３２００万千瓦')).toBe('3200万千瓦');
    expect(foldWidth('ＧＤＰ增长７．８％')).toBe('GDP增长7.8%');
    expect(foldWidth('ａｂｃ＋－／')).toBe('abc+-/');
  });
  it('turns the ideographic space into a space and keeps Chinese punctuation', () => {
    expect(foldWidth('乌苏\u3000市，增长。')).toBe('乌苏 市，增长。');
  });
  it('drops the ideographic space that pads a two-character name to three characters (王　五 in a cast list)', () => {
    expect(foldWidth('主角张小明（王\u3000五饰）登场')).toBe('主角张小明（王五饰）登场');
    expect(foldWidth('名单：李\u3000四、赵\u3000六')).toBe('名单：李四、赵六');
    // Between longer words the space separates: it stays (as a space).
    expect(foldWidth('北京\u3000上海')).toBe('北京 上海');
    expect(foldWidth('第一章\u3000总则')).toBe('第一章 总则');
  });
});

describe('chinesePunctuation', () => {
  it('turns half-width punctuation after Chinese into the full-width form', () => {
    expect(chinesePunctuation('增长,总量;好!吗?')).toBe('增长，总量；好！吗？');
    expect(chinesePunctuation('介绍:')).toBe('介绍：');
  });
  it('leaves numbers alone: 1,500 and 7.8', () => {
    expect(chinesePunctuation('人口1,500人')).toBe('人口1,500人');
    expect(chinesePunctuation('增长7.8%')).toBe('增长7.8%');
  });
  it('a comma after a percent sign becomes full-width', () => {
    expect(chinesePunctuation('增长7.8%,总量第二')).toBe('增长7.8%，总量第二');
  });
});

describe('sanitize', () => {
  it('drops control, format, private-use characters, lone surrogates and variation selectors', () => {
    expect(sanitize('a\u0000b\u0007c')).toBe('abc');
    expect(sanitize('风\u200b电')).toBe('风电');
    expect(sanitize('风\uD800电')).toBe('风电');
    expect(sanitize('\uE000风电\uFE0F')).toBe('风电');
  });
  it('removes terminal escape sequences whole, not only their ESC', () => {
    expect(sanitize('昌吉州煤电装机多少\x1b[0m')).toBe('昌吉州煤电装机多少');
    expect(sanitize('\x1b[1;31m风电\x1b[0m装机')).toBe('风电装机');
    expect(sanitize('\x1b]0;title\x07风电\x1b(B')).toBe('风电');
    expect(sanitize('风电\x9b2K')).toBe('风电');
  });
  it('turns newlines and tabs into single spaces and trims', () => {
    expect(sanitize('  乌苏\n\n风电\t装机  ')).toBe('乌苏 风电 装机');
  });
  it('folds width', () => {
    expect(sanitize('３２００万')).toBe('3200万');
  });
  it('property: never throws, output is well-formed, trimmed, without control characters', () => {
    const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), anyUnits), (s) => {
        const out = sanitize(s);
        expect(out.isWellFormed()).toBe(true);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/[\p{Cc}\uFFFD]/u);
        expect(out).not.toMatch(/\s{2}/u);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hasSearchableText', () => {
  it('true for Han, Latin letters or digits', () => {
    expect(hasSearchableText('风电')).toBe(true);
    expect(hasSearchableText('gdp')).toBe(true);
    expect(hasSearchableText('5')).toBe(true);
  });
  it('false for emoji, punctuation, blank', () => {
    expect(hasSearchableText('😀😀')).toBe(false);
    expect(hasSearchableText('！？。，')).toBe(false);
    expect(hasSearchableText('   ')).toBe(false);
    expect(hasSearchableText('')).toBe(false);
  });
});

describe('asksInChinese', () => {
  it('false for an English or pinyin sentence; true with any Chinese, or a single Latin term (GDP)', () => {
    expect(asksInChinese('how much coal power capacity')).toBe(false);
    expect(asksInChinese('changjizhou meidian zhuangji duoshao')).toBe(false);
    expect(asksInChinese('GDP')).toBe(true);
    expect(asksInChinese('GDP增速是多少')).toBe(true);
    expect(asksInChinese('2024')).toBe(true);
  });
});

describe('forEcho', () => {
  it('sanitises and cuts what is shown back, on a code point boundary', () => {
    expect(forEcho('短\x1b[0m')).toBe('短');
    const long = forEcho('𠀀'.repeat(5000), 10);
    expect([...long]).toHaveLength(10);
    expect(long.endsWith('…')).toBe(true);
    expect(long.isWellFormed()).toBe(true);
  });
});

describe('toSimplified is idempotent', () => {
  it('converts text that converts in two steps all the way (a character, a phrase boundary)', () => {
    // 薴 → 苧 → 苎 character by character; 於倫敦 ("in London") keeps 於 in the first pass's phrase.
    expect(toSimplified('薴')).toBe('苎');
    expect(toSimplified('僅次於倫敦')).toBe('仅次于伦敦');
    for (const s of ['薴', '僅次於倫敦', '臺灣銀行']) expect(toSimplified(toSimplified(s))).toBe(toSimplified(s));
  });
});
