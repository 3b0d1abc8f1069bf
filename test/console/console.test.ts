/** The console transport: one line in, text out; commands mirror the slash commands; errors become messages. */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_COMMANDS, EMPTY_LINE_HINT, handleLine, runConsole } from '../../src/console/console.js';
import { type ServingEngine } from '../../src/core/engine.js';
import { buildEngine } from '../../src/core/build.js';
import { ENCODINGS_TRIED } from '../../src/core/encoding.js';
import { formatMessage } from '../../src/core/errors.js';
import { EngineStore } from '../../src/core/engine-store.js';
import { makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

let corpus: TinyCorpus;
let engine: ServingEngine;
let store: EngineStore;

beforeAll(async () => {
  corpus = makeTinyCorpus('wenda-console-');
  engine = await buildEngine({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
  store = new EngineStore(engine, { corpusDir: corpus.corpusDir, configDir: corpus.configDir });
});
afterAll(() => corpus?.remove());

describe('handleLine in a conversation', () => {
  it('a follow-up continues the conversation and says how it was understood; /new starts a fresh one', async () => {
    const session = { conversation: null };
    await handleLine(store, '乌苏市风电装机多少？', session);
    const follow = await handleLine(store, '光伏呢？', session);
    expect(follow.split('\n')[0]).toMatch(/^（理解为：乌苏市光伏.*）$/u);
    expect(await handleLine(store, '/new', session)).toContain('新的对话');
    expect(session.conversation).toBeNull();
    expect((await handleLine(store, '光伏呢？', session)).split('\n')[0]).not.toContain('理解为');
  });
});

describe('handleLine', () => {
  it('a plain line is a question: answer, cited passage, figures, source', async () => {
    const out = await handleLine(store, '乌苏市风电装机多少？');
    expect(out).toMatch(/^答：超2800万千瓦/);
    expect(out).toContain('[1] wusu-energy#p4.s1');
    expect(out).toContain('超2800万千瓦 = 28,000,000 千瓦');
    expect(out).toContain('来源：乌苏市著力打造新能源产业基地 | 天山网-新疆日报 | 2024-03-05');
  });
  it('a traditional question is answered in traditional', async () => {
    const out = await handleLine(store, '烏蘇市風電裝機多少？');
    expect(out).toMatch(/^答：超2800萬千瓦/);
    expect(out).toContain('數據');
    expect(out).toContain('烏蘇市風電裝機');
  });
  it('/ask does the same as a plain line', async () => {
    expect(await handleLine(store, '/ask 乌苏市风电装机多少？')).toBe(await handleLine(store, '乌苏市风电装机多少？'));
  });
  it('a question nothing answers gets the not-found sentence only', async () => {
    expect(await handleLine(store, '上海的房价是多少？')).toBe('答：没有在文档中找到与这个问题相关的内容。');
  });
  it('/search lists numbered passages with a page footer', async () => {
    const out = await handleLine(store, '/search 节水灌溉');
    expect(out).toMatch(/^1\. hami-water#p\d\.s1/);
    expect(out).toMatch(/\(1–\d \/ \d+\)$/);
  });
  it('/search with no match says so', async () => {
    expect(await handleLine(store, '/search 上海房价')).toBe('没有找到匹配的段落。 (No matching passages.)');
  });
  it('/passage shows the passage, its original and its neighbours', async () => {
    const out = await handleLine(store, '/passage wusu-energy#p4.s1');
    expect(out).toContain('wusu-energy#p4.s1 (body)');
    expect(out).toContain('原文：今年以來，烏蘇市風電裝機超2800萬千瓦');
    expect(out).toContain('数据：超2800万千瓦、第一');
    expect(out).toContain('← wusu-energy#p3.s1    → wusu-energy#p5.s1');
  });
  it('/passage: an unknown id → PASSAGE_NOT_FOUND; none → what an id looks like; garbage → cut echo and what an id looks like', async () => {
    const example = store.current.passages()[0]!.id;
    expect(await handleLine(store, '/passage nope#p1.s1')).toBe(formatMessage('PASSAGE_NOT_FOUND', { id: 'nope#p1.s1', example }));
    expect(await handleLine(store, '/passage')).toBe(formatMessage('PASSAGE_ID_MISSING', { example }));
    expect(await handleLine(store, '/passage')).toContain('#p');
    const garbage = await handleLine(store, `/passage ${'x'.repeat(5000)}`);
    expect(garbage).toBe(formatMessage('PASSAGE_ID_INVALID', { id: `${'x'.repeat(59)}…`, example }));
    expect(garbage.length).toBeLessThan(400);
  });
  it('a question that names nothing to look for (`# 标题`) gets a message, not every headline', async () => {
    expect(await handleLine(store, '# 标题')).toBe(formatMessage('QUESTION_TOO_VAGUE', { word: '标题' }));
  });
  it('a question with a terminal colour code after it is answered', async () => {
    expect(await handleLine(store, '乌苏市风电装机多少？\x1b[0m')).toMatch(/^答：超2800万千瓦/);
  });
  it('a question in English gets 请用中文提问', async () => {
    expect(await handleLine(store, 'how much wind power in Wusu')).toBe(formatMessage('NOT_CHINESE'));
  });
  it('every console notice is Chinese first, English after in parentheses', async () => {
    const notices = [
      await handleLine(store, '/frobnicate now'),
      await handleLine(store, '/figures <script>'),
      await handleLine(store, '/search 上海房价'),
      await handleLine(store, '/passage'),
      await handleLine(store, '/passage <b>'),
      EMPTY_LINE_HINT,
      ...(await handleLine(store, '/help')).split('\n'),
    ];
    for (const n of notices) expect(n).toMatch(/^[^()]*\p{Script=Han}[^()]* \([A-Za-z\u0022][^\p{Script=Han}]*\)$/u);
  });
  it('/figures lists every figure; with a topic only those about it', async () => {
    const all = (await handleLine(store, '/figures')).split('\n');
    expect(all).toHaveLength(engine.figures().length);
    expect(all).toContain('超2800万千瓦 = 28,000,000 千瓦  乌苏市风电装机  wusu-energy#p4.s1');
    const water = await handleLine(store, '/figures 节水灌溉');
    expect(water).toContain('12.6万亩 = 126,000 亩');
    expect(water).not.toContain('千瓦');
    expect(await handleLine(store, '/figures 上海房价')).toBe('没有找到相关数据。 (No figures found.)');
  });
  it('/source describes the corpus', async () => {
    const out = await handleLine(store, '/source');
    expect(out).toMatch(/^2 documents, \d+ passages, \d+ figures; built /);
    expect(out).toContain('- hami-water: 哈密市推进节水灌溉 | 哈密日报 | 2024-05-20');
  });
  it('/help lists every command', async () => {
    const out = await handleLine(store, '/help');
    for (const name of CONSOLE_COMMANDS.keys()) expect(out).toContain(`/${name}`);
  });
  it('command names are case-insensitive', async () => {
    expect(await handleLine(store, '/HELP')).toBe(await handleLine(store, '/help'));
  });
  it('an unknown command points to /help', async () => {
    expect(await handleLine(store, '/frobnicate now')).toBe(formatMessage('UNKNOWN_COMMAND', { name: 'frobnicate' }));
  });
  it('input errors become the catalog message', async () => {
    expect(await handleLine(store, '/ask')).toBe(formatMessage('EMPTY_QUESTION'));
    expect(await handleLine(store, '😀😀')).toBe(formatMessage('NO_SEARCHABLE_TEXT'));
    expect(await handleLine(store, '/search ' + '风'.repeat(600))).toBe(formatMessage('QUESTION_TOO_LONG', { max: 500 }));
  });
  it('/reload reports what changed; a failing reload is a friendly message and the old engine stays', async () => {
    const copy = makeTinyCorpus('wenda-console-reload-');
    try {
      const s = new EngineStore(engine, { corpusDir: copy.corpusDir, configDir: copy.configDir });
      fs.writeFileSync(path.join(copy.corpusDir, 'extra.txt'), '吐鲁番葡萄喜获丰收\n今年吐鲁番市葡萄总产量超120万吨。\n');
      const ok = await handleLine(s, '/reload');
      expect(ok).toMatch(/^reloaded in \d+ ms/);
      expect(ok).toContain('documents: +1 -0 ~0 (+extra)');
      fs.writeFileSync(path.join(copy.corpusDir, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      const served = s.current;
      const refused = (await handleLine(s, '/reload')).split('\n');
      expect(refused).toEqual([
        formatMessage('RELOAD_REFUSED', { files: 'bad.txt', reasons: `bad.txt: ${formatMessage('CORPUS_NOT_TEXT', { path: 'bad.txt', tried: ENCODINGS_TRIED })}` }).split('\n'),
        '之前的索引仍在服务。 (The previous index is still serving.)',
      ].flat());
      expect(s.current).toBe(served);
    } finally {
      copy.remove();
    }
  });
  it('an unexpected error (a bug) becomes the INTERNAL message, never a stack', async () => {
    const broken = new EngineStore(engine, {
      corpusDir: corpus.corpusDir,
      configDir: corpus.configDir,
      build: async () => {
        throw new TypeError('x is undefined');
      },
    });
    const out = await handleLine(broken, '/reload');
    expect(out).toBe(formatMessage('INTERNAL'));
    expect(out).not.toContain('TypeError');
  });
});

describe('runConsole', () => {
  /** Runs the console over lines; `tty` marks the input as a terminal (a person typing, who sees the question). */
  async function converse(chunks: string[], tty = false): Promise<string> {
    const input = new PassThrough();
    if (tty) Object.assign(input, { isTTY: true });
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const done = runConsole(store, input, output);
    for (const c of chunks.slice(0, -1)) input.write(c);
    input.end(chunks.at(-1));
    await expect(done).resolves.toBeUndefined();
    return written;
  }
  it('piped input: each answer is preceded by 问：<question>; an empty line gets a one-line hint', async () => {
    const written = await converse(['乌苏市风电装机多少？\n', '\n', '/passage nope\n', '/help']); // a last line without a newline still counts
    const blocks = written.split('\n\n').filter(Boolean);
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toMatch(/^问：乌苏市风电装机多少？\n答：超2800万千瓦/);
    expect(blocks[1]).toBe(`问：\n${EMPTY_LINE_HINT}`);
    expect(blocks[2]).toMatch(/^问：\/passage nope\n「nope」不是段落编号/);
    expect(blocks[3]).toMatch(/^问：\/help\n\/ask/);
    expect(EMPTY_LINE_HINT.split('\n')).toHaveLength(1);
  });
  it('terminal input: no echo (the person just typed it)', async () => {
    const blocks = (await converse(['乌苏市风电装机多少？\n', '   \n'], true)).split('\n\n').filter(Boolean);
    expect(blocks[0]).toMatch(/^答：超2800万千瓦/);
    expect(blocks[1]).toBe(EMPTY_LINE_HINT);
  });
  it('the echo is sanitised and cut: a pasted 5,000 characters are not shown back whole', async () => {
    const written = await converse([`${'风'.repeat(5000)}\x1b[31m\n`]);
    const echo = written.split('\n')[0]!;
    expect(echo).toMatch(/^问：风+…$/);
    expect([...echo].length).toBeLessThanOrEqual(202);
  });
  it('an input that ends at once writes nothing', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    input.end();
    await runConsole(store, input, output);
    expect(written).toBe('');
  });
});
