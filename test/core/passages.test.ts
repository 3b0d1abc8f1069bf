/** Splitting documents into passages: kinds, stable ids, original text; figures come from the injected finder. */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/core/clean/index.js';
import { parseDocument } from '../../src/core/documents.js';
import { extractFigures } from '../../src/core/figures.js';
import { splitDocument, type LineCleaner } from '../../src/core/passages.js';

/** A cleaner that changes nothing: the splitter is tested on its own. */
const identity: LineCleaner = (raw) => ({ text: raw, repairs: [], unknowns: [] });

const NEWS = [
  '乌苏市打造新能源基地',
  '2024-03-05 10:00:00 来源: 天山网-新疆日报原创',
  '3月5日，乌苏市光伏园区，工人在安装组件。李华摄',
  '今年以来成绩好。乌苏市风电装机超2800万千瓦、位居全疆第一。全市发电量达410亿千瓦时，增长较快。',
  '“今天的乌苏，产业焕新、潜力巨大。”王明表示，乌苏将继续推动高质量发展。',
].join('\n');

describe('splitDocument', () => {
  const doc = splitDocument(parseDocument(NEWS, 'wusu.txt', 'h1'), identity, extractFigures);
  const byId = new Map(doc.passages.map((p) => [p.id, p]));

  it('first line is the headline and the title', () => {
    expect(doc.passages[0]).toMatchObject({ id: 'wusu#p1.s1', kind: 'headline', text: '乌苏市打造新能源基地' });
    expect(doc.info.title).toBe('乌苏市打造新能源基地');
  });
  it('a dateline gives the date (normalised) and the outlet (without 原创), and has no figures', () => {
    expect(byId.get('wusu#p2.s1')).toMatchObject({ kind: 'dateline', figures: [] });
    expect(doc.info.date).toBe('2024-03-05');
    expect(doc.info.source).toBe('天山网-新疆日报');
  });
  it('a line ending in a photo credit is a caption, kept whole, with its figures', () => {
    const caption = byId.get('wusu#p3.s1')!;
    expect(caption.kind).toBe('caption');
    expect(caption.text).toBe('3月5日，乌苏市光伏园区，工人在安装组件。李华摄');
    expect(caption.figures.map((f) => f.text)).toEqual(['3月5日']);
  });
  it('body lines are split into sentence passages with ids doc#pN.sM (1-based)', () => {
    const body = doc.passages.filter((p) => p.doc === 'wusu' && p.kind === 'body').map((p) => p.id);
    // 今年以来成绩好。 is short and joins the sentence after it, so the next passage starts at sentence 3
    expect(body).toEqual(['wusu#p4.s1', 'wusu#p4.s3', 'wusu#p5.s1']);
    expect(byId.get('wusu#p4.s1')!.text).toBe('今年以来成绩好。乌苏市风电装机超2800万千瓦、位居全疆第一。');
  });
  it('a quotation is joined with its attribution', () => {
    expect(byId.get('wusu#p5.s1')!.text).toBe('“今天的乌苏，产业焕新、潜力巨大。”王明表示，乌苏将继续推动高质量发展。');
  });
  it('orders passages 0..n-1 and counts passages and figures in the info', () => {
    expect(doc.passages.map((p) => p.order)).toEqual(doc.passages.map((_, i) => i));
    expect(doc.info.passages).toBe(doc.passages.length);
    expect(doc.info.figures).toBe(doc.passages.reduce((n, p) => n + p.figures.length, 0));
    expect(doc.info.hash).toBe('h1');
  });
  it('figures are cited to their passage id', () => {
    for (const p of doc.passages) for (const f of p.figures) expect(f.passage).toBe(p.id);
    expect(byId.get('wusu#p4.s3')!.figures.map((f) => f.text)).toEqual(['达410亿千瓦时']);
  });
  it('ids are stable: the same document splits the same way', () => {
    const again = splitDocument(parseDocument(NEWS, 'wusu.txt', 'h1'), identity, extractFigures);
    expect(again.passages.map((p) => [p.id, p.text])).toEqual(doc.passages.map((p) => [p.id, p.text]));
  });
  it('front matter gives the title: the first line is then body text, not a headline', () => {
    const md = splitDocument(parseDocument('---\ntitle: 哈密节水\nsource: 哈密日报\ndate: 2024-05-20\n---\n哈密市新增高效节水灌溉面积12.6万亩，覆盖全市一半耕地。', 'hami.md'), identity, extractFigures);
    expect(md.info).toMatchObject({ title: '哈密节水', source: '哈密日报', date: '2024-05-20' });
    expect(md.passages.map((p) => p.kind)).toEqual(['body']);
  });
  it('keeps the original text: cleaned text is simplified, original is as written', () => {
    const trad = splitDocument(
      parseDocument('烏蘇市打造新能源產業(yè)基地\n今年以來，烏蘇市風電裝機超2800萬千瓦、位居全疆第一。', 'trad.txt'),
      (line) => cleanText(line),
      extractFigures,
    );
    const [headline, body] = trad.passages;
    expect(headline!.text).toBe('乌苏市打造新能源产业基地');
    expect(headline!.original).toBe('烏蘇市打造新能源產業(yè)基地');
    expect(body!.text).toBe('今年以来，乌苏市风电装机超2800万千瓦、位居全疆第一。');
    expect(body!.original).toBe('今年以來，烏蘇市風電裝機超2800萬千瓦、位居全疆第一。');
    expect(body!.figures[0]).toMatchObject({ text: '超2800万千瓦', value: 28_000_000 });
  });
  it('cleaning repairs are collected in the info', () => {
    const trad = splitDocument(parseDocument('新能源產業(yè)基地', 'trad.txt'), (line) => cleanText(line), extractFigures);
    expect(trad.info.repairs.length).toBeGreaterThan(0);
    expect(trad.info.repairs[0]!.kind).toBe('pinyin');
  });
  it('a line the cleaner empties produces no passage', () => {
    const d = splitDocument(parseDocument('标题\n要删除的行\n正文。', 'a.txt'), (raw) => ({ text: raw === '要删除的行' ? '' : raw, repairs: [], unknowns: [] }), extractFigures);
    expect(d.passages.map((p) => p.id)).toEqual(['a#p1.s1', 'a#p3.s1']);
  });
});

describe('repairs repeated across documents', () => {
  it('are reported alike, as one shared object', () => {
    const text = '標題\n發(fā)展產(chǎn)業(yè)。';
    const a = splitDocument(parseDocument(text, 'a.txt', 'h1'), cleanText, extractFigures).info.repairs;
    const b = splitDocument(parseDocument(text, 'b.txt', 'h2'), cleanText, extractFigures).info.repairs;
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    b.forEach((r, i) => expect(r).toBe(a[i]));
  });
});
