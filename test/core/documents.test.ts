/** Reading the corpus folder: text decoding, front matter, and the catalog errors for unusable corpora. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, parseDocument, readCorpus, readCorpusSkipping, readText } from '../../src/core/documents.js';
import { chineseScore } from '../../src/core/encoding.js';
import { BotError, type ErrorCode } from '../../src/core/errors.js';

const enc = new TextEncoder();

/** Runs `fn` and returns the catalog code it threw (fails if it threw something else or nothing). */
async function codeOf(fn: () => unknown): Promise<ErrorCode> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BotError);
    return (error as BotError<ErrorCode>).code;
  }
  throw new Error('expected a BotError, nothing was thrown');
}

describe('decodeText', () => {
  it('decodes UTF-8 text', () => {
    expect(decodeText(enc.encode('乌苏市风电装机'), 'a.txt')).toBe('乌苏市风电装机');
  });
  it('strips a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('标题')]);
    expect(decodeText(bytes, 'a.txt')).toBe('标题');
  });
  it('refuses invalid UTF-8 with CORPUS_NOT_TEXT naming the file', async () => {
    const bytes = new Uint8Array([...enc.encode('乌苏'), 0xc3, 0x28, 0xff]);
    expect(await codeOf(() => decodeText(bytes, 'bad.txt'))).toBe('CORPUS_NOT_TEXT');
    expect(() => decodeText(bytes, 'bad.txt')).toThrow(/bad\.txt/);
  });
  it('refuses a NUL byte (binary) even when the rest is valid UTF-8', async () => {
    expect(await codeOf(() => decodeText(new Uint8Array([...enc.encode('乌苏'), 0, ...enc.encode('市')]), 'x.txt'))).toBe('CORPUS_NOT_TEXT');
  });
  it('reads two GBK characters as GBK (too few to weigh: GBK is tried first)', () => {
    // 乌苏 in GBK: CE DA CB D5
    expect(readText(new Uint8Array([0xce, 0xda, 0xcb, 0xd5]), 'gbk.txt')).toEqual({ text: '乌苏', encoding: 'gb18030' });
  });
  // Gloss: a made-up note on a town's new wind farm, in simplified (for GBK) and traditional (for Big5).
  const SIMPLIFIED = '示例县今年新建了一座风力发电站，工作人员说这里的风很大，发电量也比去年多了不少。\n';
  const TRADITIONAL = '示例縣今年新建了一座風力發電站，工作人員說這裡的風很大，發電量也比去年多了不少。\n';
  it('reads a GBK file as GBK and a Big5 file as Big5, each decoded whole', () => {
    expect(readText(iconv.encode(SIMPLIFIED, 'gbk'), 'gbk.txt')).toEqual({ text: SIMPLIFIED, encoding: 'gb18030' });
    expect(readText(iconv.encode(TRADITIONAL, 'big5'), 'big5.txt')).toEqual({ text: TRADITIONAL, encoding: 'big5' });
    // GB18030 beyond GBK (a four-byte sequence) is read too
    expect(readText(iconv.encode('示例：𠀀字', 'gb18030'), 'gb.txt')).toEqual({ text: '示例：𠀀字', encoding: 'gb18030' });
  });
  it('chineseScore: the right decoding reads as Chinese, the wrong one of GBK/Big5 does not', () => {
    expect(chineseScore(SIMPLIFIED)).toBeGreaterThan(0.4);
    expect(chineseScore(iconv.decode(iconv.encode(SIMPLIFIED, 'gbk'), 'big5'))).toBeLessThan(0);
    expect(chineseScore(iconv.decode(iconv.encode(TRADITIONAL, 'big5'), 'gb18030'))).toBeLessThan(0);
  });
  it('refuses text in another encoding (Latin-1) with a message naming the encodings tried', () => {
    const latin1 = Buffer.from('Caf\xe9 na\xefve r\xe9sum\xe9, an entirely Western text.\n', 'latin1');
    expect(() => readText(latin1, 'menu.txt')).toThrow(BotError);
    expect(() => readText(latin1, 'menu.txt')).toThrow(/menu\.txt.*UTF-8, GBK\/GB18030, Big5/);
  });
  it('refuses Shift-JIS Japanese (valid bytes in GBK, but not Chinese)', () => {
    // Gloss: an everyday Japanese sentence, mostly kana.
    const sjis = iconv.encode('今日はとてもいい天気ですね。明日もきっと晴れるでしょう。', 'shift_jis');
    expect(() => readText(sjis, 'jp.txt')).toThrow(/jp\.txt/);
  });
});

describe('parseDocument', () => {
  it('takes the id from the file name and keeps non-empty trimmed lines', () => {
    const doc = parseDocument('乌苏市打造新能源基地\n\n  2024-03-05 来源: 天山网  \r\n正文一句。\n', 'wusu-energy.txt', 'abc');
    expect(doc.id).toBe('wusu-energy');
    expect(doc.file).toBe('wusu-energy.txt');
    expect(doc.lines).toEqual(['乌苏市打造新能源基地', '2024-03-05 来源: 天山网', '正文一句。']);
    expect(doc.hash).toBe('abc');
    expect(doc.meta).toEqual({});
  });
  it('reads title, source and date from front matter, and drops it from the lines', () => {
    const text = '---\ntitle: 哈密市推进节水灌溉\nsource: 哈密日报\ndate: 2024-05-20\n---\n# 小标题\n正文。\n';
    const doc = parseDocument(text, 'hami.md');
    // a YAML date is normalised back to YYYY-MM-DD
    expect(doc.meta).toEqual({ title: '哈密市推进节水灌溉', source: '哈密日报', date: '2024-05-20' });
    // a Markdown heading marker is dropped; the heading is a line like any other
    expect(doc.lines).toEqual(['小标题', '正文。']);
  });
  it('a quoted date string stays as written; unknown keys are ignored', () => {
    const doc = parseDocument('---\ndate: "2024年5月"\nauthor: 某人\n---\n正文。', 'a.md');
    expect(doc.meta).toEqual({ date: '2024年5月' });
  });
  // A `---` rule with no closing fence is not front matter: read as such, every line would be lost.
  it('a leading --- rule without a closing fence keeps the lines', () => {
    expect(parseDocument('---\n乌苏市打造新能源基地\n正文一句。', 'rule.txt').lines).toEqual(['乌苏市打造新能源基地', '正文一句。']);
  });
  it('broken front matter is CORPUS_UNREADABLE', async () => {
    expect(await codeOf(() => parseDocument('---\ntitle: [unclosed\n---\n正文。', 'a.md'))).toBe('CORPUS_UNREADABLE');
  });
  it('counts bytes of the text', () => {
    expect(parseDocument('风电', 'a.txt').bytes).toBe(6);
  });
});

describe('readCorpus', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-docs-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads .txt and .md files, sorted, skipping other extensions and hidden files', async () => {
    fs.writeFileSync(path.join(dir, 'b.md'), '---\ntitle: 乙\n---\n乙文。');
    fs.writeFileSync(path.join(dir, 'a.txt'), '甲文。');
    fs.writeFileSync(path.join(dir, 'c.TXT'), '丙文。');
    fs.writeFileSync(path.join(dir, 'notes.json'), '{}');
    fs.writeFileSync(path.join(dir, '.hidden.txt'), '隐藏。');
    const docs = await readCorpus(dir);
    expect(docs.map((d) => d.file)).toEqual(['a.txt', 'b.md', 'c.TXT']);
    expect(docs[1]!.meta.title).toBe('乙');
  });
  it('hashes the file bytes with sha256', async () => {
    const bytes = Buffer.from('\uFEFF甲文。', 'utf8');
    fs.writeFileSync(path.join(dir, 'a.txt'), bytes);
    const [doc] = await readCorpus(dir);
    expect(doc!.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(doc!.lines).toEqual(['甲文。']); // BOM stripped
  });
  it('records the encoding each file was read in', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), '甲文。');
    fs.writeFileSync(path.join(dir, 'b.txt'), iconv.encode('示例县今年新建了一座风力发电站，发电量比去年多。', 'gbk'));
    fs.writeFileSync(path.join(dir, 'c.txt'), iconv.encode('示例縣今年新建了一座風力發電站，發電量比去年多。', 'big5'));
    const docs = await readCorpus(dir);
    expect(docs.map((d) => d.encoding)).toEqual(['utf-8', 'gb18030', 'big5']);
    expect(docs[1]!.lines).toEqual(['示例县今年新建了一座风力发电站，发电量比去年多。']);
  });
  it('readCorpusSkipping reads the usable files and lists the others with their errors', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), '甲文。');
    fs.writeFileSync(path.join(dir, 'a.md'), '甲文又一份。');
    fs.writeFileSync(path.join(dir, 'b.txt'), '');
    const { documents, skipped } = await readCorpusSkipping(dir);
    expect(documents.map((d) => d.file)).toEqual(['a.md']);
    expect(skipped.map((s) => [s.file, s.error.code])).toEqual([['a.txt', 'DUPLICATE_DOCUMENT'], ['b.txt', 'DOCUMENT_EMPTY']]);
    // readCorpus (strict) throws the first one
    expect(await codeOf(() => readCorpus(dir))).toBe('DUPLICATE_DOCUMENT');
  });
  it('a missing folder is CORPUS_MISSING', async () => {
    expect(await codeOf(() => readCorpus(path.join(dir, 'nope')))).toBe('CORPUS_MISSING');
  });
  it('a file given as the folder is CORPUS_MISSING', async () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, '甲文。');
    expect(await codeOf(() => readCorpus(file))).toBe('CORPUS_MISSING');
  });
  it('a folder with no .txt or .md is CORPUS_EMPTY', async () => {
    expect(await codeOf(() => readCorpus(dir))).toBe('CORPUS_EMPTY');
    fs.writeFileSync(path.join(dir, 'data.csv'), 'a,b');
    expect(await codeOf(() => readCorpus(dir))).toBe('CORPUS_EMPTY');
  });
  it('a binary file is CORPUS_NOT_TEXT', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), '甲文。');
    fs.writeFileSync(path.join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(await codeOf(() => readCorpus(dir))).toBe('CORPUS_NOT_TEXT');
  });
  it('an invalid UTF-8 file is CORPUS_NOT_TEXT', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), Buffer.from([0xe4, 0xb9, 0x8c, 0xe8, 0x8b]));
    expect(await codeOf(() => readCorpus(dir))).toBe('CORPUS_NOT_TEXT');
  });
  it('a file with only blank lines is DOCUMENT_EMPTY', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), '甲文。');
    fs.writeFileSync(path.join(dir, 'blank.txt'), '\n   \n\t\n\r\n');
    const code = await codeOf(() => readCorpus(dir));
    expect(code).toBe('DOCUMENT_EMPTY');
  });
  // a.txt and a.md would both get the id `a` and share passage ids (a#p1.s1 twice): distinct ids,
  // or a catalog error naming the clash.
  it('two files with the same name stem (a.txt, a.md) get distinct ids or are refused', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), '甲标题\n甲文。');
    fs.writeFileSync(path.join(dir, 'a.md'), '---\ntitle: 乙\n---\n乙文。');
    let docs: Awaited<ReturnType<typeof readCorpus>>;
    try {
      docs = await readCorpus(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(BotError);
      return;
    }
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });
  it('a Markdown file with front matter only is DOCUMENT_EMPTY', async () => {
    fs.writeFileSync(path.join(dir, 'only-meta.md'), '---\ntitle: 空\n---\n\n');
    expect(await codeOf(() => readCorpus(dir))).toBe('DOCUMENT_EMPTY');
  });
});
