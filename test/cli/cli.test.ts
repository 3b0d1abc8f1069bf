/** The real command-line tools, run as child processes: `ask` (answers, JSON) and `corpus` (check, dump). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const TIMEOUT = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let tmp: string;
let runs = 0;

/** Runs `npx tsx src/cli/<script> …args` in the repository, with its own data folder (snapshots go there). */
function run(script: string, args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const dataDir = path.join(tmp, `data-${runs++}`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.CORPUS_DIR;
  delete env.CONFIG_DIR;
  Object.assign(env, extraEnv);
  return new Promise((resolve) => {
    const child = execFile(
      'npx',
      ['tsx', `src/cli/${script}`, ...args],
      { cwd: REPO, env, timeout: TIMEOUT, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

/** Runs a shell pipeline in the repository (a real pipe between the tool and a reader), with its own data folder. */
function runShell(pipeline: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(tmp, `data-${runs++}`), LOG_LEVEL: 'silent' };
  return new Promise((resolve) => {
    execFile('sh', ['-c', pipeline], { cwd: REPO, env, timeout: 3 * TIMEOUT, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const lines = (s: string): string[] => s.split('\n').filter((l) => l.trim() !== '');

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-cli-'));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('ask', () => {
  it('--json "问题" prints one JSON object with exactly the documented keys', { timeout: TIMEOUT }, async () => {
    const r = await run('ask.ts', ['--json', '昌吉州煤电装机多少?']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(1);
    const json = JSON.parse(out[0]!) as Record<string, unknown>;
    // `related` is there when the cited passages leave slots free (documented as optional).
    expect(Object.keys(json).filter((k) => k !== 'related').sort()).toEqual(['answer', 'confidence', 'figures', 'found', 'passages', 'question']);
    for (const p of (json.related ?? []) as Array<Record<string, unknown>>) expect(Object.keys(p).sort()).toEqual(['doc', 'id', 'score', 'text']);
    expect(json.question).toBe('昌吉州煤电装机多少?');
    expect(json.found).toBe(true);
    expect(json.confidence).toBe('answer');
    expect(typeof json.answer).toBe('string');
    const figures = json.figures as Array<Record<string, unknown>>;
    const passages = json.passages as Array<Record<string, unknown>>;
    expect(figures.length).toBeGreaterThan(0);
    expect(passages.length).toBeGreaterThan(0);
    for (const f of figures) {
      expect(Object.keys(f).sort()).toEqual(['passage', 'text', 'unit', 'value']);
      expect(typeof f.value).toBe('number');
    }
    for (const p of passages) {
      expect(Object.keys(p).sort()).toEqual(['doc', 'id', 'score', 'text']);
      expect(p.id).toMatch(/^[\w-]+#p\d+\.s\d+$/);
    }
    expect(figures[0]!.text).toContain('3200万千瓦');
    expect(figures[0]).toMatchObject({ value: 32_000_000, unit: '千瓦' });
    // the figure is cited to a passage the answer lists
    expect(passages.map((p) => p.id)).toContain(figures[0]!.passage);
  });

  it('--json --conversation reads stdin lines as turns, an empty line starting a new conversation; each line gains "understood"', { timeout: TIMEOUT }, async () => {
    const r = await run('ask.ts', ['--json', '--conversation'], '昌吉州GDP增速是多少？\n那克拉玛依市呢？\n\n那克拉玛依市呢？\n');
    expect(r.code).toBe(0);
    const out = lines(r.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.understood)).toEqual(['昌吉州GDP增速是多少？', '克拉玛依市GDP增速是多少？', '那克拉玛依市呢？']);
    expect(out[0]!.found).toBe(true);
  });

  it('stdin mode with --json prints one JSON line per input line, refusals included', { timeout: TIMEOUT }, async () => {
    const r = await run('ask.ts', ['--json'], '昌吉州煤电装机多少?\n昌吉州地区生产总值增长多少?\n\n😀😀\n');
    expect(r.code).toBe(0);
    const out = lines(r.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out.map((o) => o.question)).toEqual(['昌吉州煤电装机多少?', '昌吉州地区生产总值增长多少?', '', '😀😀']);
    expect(out[0]!.found).toBe(true);
    expect(out[1]!.found).toBe(true);
    expect((out[1]!.figures as Array<{ text: string }>)[0]!.text).toBe('7.8%');
    expect(out[2]).toMatchObject({ found: false, error: 'EMPTY_QUESTION', figures: [], passages: [] });
    expect(out[3]).toMatchObject({ found: false, error: 'NO_SEARCHABLE_TEXT' });
  });

  it('a question with a terminal colour code after it (a paste from a terminal) is answered', { timeout: TIMEOUT }, async () => {
    const r = await run('ask.ts', ['--json', '昌吉州煤电装机多少\x1b[0m']);
    expect(JSON.parse(lines(r.stdout)[0]!)).toMatchObject({ found: true, answer: '超3200万千瓦' });
  });

  it('without --json prints the answer for a person', { timeout: TIMEOUT }, async () => {
    const r = await run('ask.ts', ['昌吉州煤电装机多少?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^答：超3200万千瓦/);
    expect(r.stdout).toContain('来源：昌吉州著力打造新疆工业高质量发展样板区');
  });

  it('a corpus that cannot be served: exit 1 with the catalog message on stderr', { timeout: TIMEOUT }, async () => {
    const missing = await run('ask.ts', ['--json', '昌吉州煤电装机多少?'], undefined, { CORPUS_DIR: '/nonexistent-corpus' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('/nonexistent-corpus');
  });
});

describe('corpus', () => {
  it('check exits 0 on the real corpus and prints the repairs', { timeout: TIMEOUT }, async () => {
    const r = await run('corpus.ts', ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('changji-industry-2024-12-10.txt: 昌吉州著力打造新疆工业高质量发展样板区');
    expect(r.stdout).toMatch(/repairs by kind: .*pinyin \d+/);
    expect(r.stdout).toMatch(/\[pinyin\] .+ → .+/);
    expect(r.stdout).toContain('超3200万千瓦 = 32000000 千瓦 (amount)');
    expect(r.stdout).toMatch(/^OK: 1 document, \d+ passages, \d+ figures/m);
  });

  it('check: the summary counts are the counts of the lines listed under them', { timeout: TIMEOUT }, async () => {
    const r = await run('corpus.ts', ['check']);
    expect(r.code).toBe(0);
    // The seed article has unrestored lost characters: the case where the counts used to disagree.
    const summary = /passages: \d+ {2}figures: \d+ {2}repairs: (\d+) {2}unknown \(shown as □\): (\d+)/.exec(r.stdout)!;
    expect(summary).not.toBeNull();
    const byKind = /repairs by kind: (.+)/.exec(r.stdout)![1]!.split(', ').map((part) => part.split(' ') as [string, string]);
    const listed = (kind: string) => r.stdout.split('\n').filter((l) => l.startsWith(`  [${kind}] `)).length;
    expect(byKind.reduce((n, [, c]) => n + Number(c), 0)).toBe(Number(summary[1]));
    for (const [kind, c] of byKind) expect(listed(kind)).toBe(Number(c));
    expect(listed('unknown, shown as □')).toBe(Number(summary[2]));
    expect(Number(summary[2])).toBeGreaterThan(0);
  });

  it('check reads GBK and Big5 files and says so (read as GBK / Big5)', { timeout: TIMEOUT }, async () => {
    const dir = path.join(tmp, 'legacy-corpus');
    fs.mkdirSync(dir);
    // Gloss: two made-up notes on a county's orchards, one saved in GBK, one (traditional) in Big5.
    fs.writeFileSync(path.join(dir, 'orchard-gbk.txt'), iconv.encode('示例县果园喜获丰收\n今年示例县的果园产量比去年多了不少，果农们都很高兴。\n', 'gbk'));
    fs.writeFileSync(path.join(dir, 'orchard-big5.txt'), iconv.encode('示例縣果園喜獲豐收\n今年示例縣的果園產量比去年多了不少，果農們都很高興。\n', 'big5'));
    const r = await run('corpus.ts', ['check', '--corpus', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('orchard-gbk.txt: 示例县果园喜获丰收\n  read as GBK (not UTF-8)');
    expect(r.stdout).toContain('orchard-big5.txt: 示例县果园喜获丰收\n  read as Big5 (not UTF-8)');
    const json = await run('corpus.ts', ['check', '--json', '--corpus', dir]);
    const docs = (JSON.parse(lines(json.stdout)[0]!) as { documents: Array<{ id: string; encoding?: string }> }).documents;
    expect(docs.map((d) => [d.id, d.encoding])).toEqual([['orchard-big5', 'big5'], ['orchard-gbk', 'gb18030']]);
  });

  it('check --json prints one JSON report', { timeout: TIMEOUT }, async () => {
    const r = await run('corpus.ts', ['check', '--json']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]!) as { ok: boolean; documents: Array<{ id: string; repairs: unknown[] }>; passages: number; figures: number };
    expect(report.ok).toBe(true);
    expect(report.documents.map((d) => d.id)).toEqual(['changji-industry-2024-12-10']);
    expect(report.documents[0]!.repairs.length).toBeGreaterThan(0);
    expect(report.passages).toBeGreaterThan(0);
  });

  it('check exits non-zero on a missing corpus folder', { timeout: TIMEOUT }, async () => {
    const r = await run('corpus.ts', ['check', '--corpus', '/nonexistent']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('corpus check failed');
    expect(r.stderr).toContain('/nonexistent');
    const json = await run('corpus.ts', ['check', '--json', '--corpus', '/nonexistent']);
    expect(json.code).toBe(1);
    expect(JSON.parse(lines(json.stdout)[0]!)).toMatchObject({ ok: false, error: 'CORPUS_MISSING' });
  });

  it('check exits non-zero on a folder holding a binary file', { timeout: TIMEOUT }, async () => {
    const dir = path.join(tmp, 'binary-corpus');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'good.txt'), '标题\n正文足够长的一句话，用来测试语料检查。\n');
    fs.writeFileSync(path.join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]));
    const r = await run('corpus.ts', ['check', '--json', '--corpus', dir]);
    expect(r.code).not.toBe(0);
    expect(JSON.parse(lines(r.stdout)[0]!)).toMatchObject({ ok: false, error: 'CORPUS_NOT_TEXT' });
    expect(r.stdout).toContain('photo.txt');
  });

  it('dump --json prints one JSON line per passage with id, doc, text, original, figures', { timeout: TIMEOUT }, async () => {
    const r = await run('corpus.ts', ['dump', '--json']);
    expect(r.code).toBe(0);
    const rows = lines(r.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['doc', 'figures', 'id', 'original', 'text']);
      expect(row.id).toMatch(new RegExp(`^${String(row.doc)}#p\\d+\\.s\\d+$`));
      expect(Array.isArray(row.figures)).toBe(true);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const coal = rows.find((row) => String(row.text).includes('煤电装机'))!;
    expect((coal.figures as Array<{ text: string }>).map((f) => f.text)).toContain('超3200万千瓦');
    // text is cleaned and simplified; original is the file's mojibake-laden traditional text
    expect(coal.original).not.toBe(coal.text);
  });

  it('an unknown command prints the usage and exits 2', { timeout: TIMEOUT }, async () => {
    const r = await run('corpus.ts', ['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage:');
  });
});

describe('output through a pipe', () => {
  const PASSAGES = 10_500;
  let big: string;
  beforeAll(() => {
    big = path.join(tmp, 'big-corpus');
    fs.mkdirSync(big);
    // Gloss: a made-up station log, one numbered sentence per line, so the corpus has > 10,000 passages
    // and its dump (~2 MB) is far more than a pipe's 64 KB buffer.
    const body = Array.from({ length: PASSAGES }, (_, i) => `虚构观测站第${i + 1}号记录写下了一段足够长的示例文字。`);
    fs.writeFileSync(path.join(big, 'station-log.txt'), ['虚构观测站记录汇编', ...body].join('\n') + '\n');
  });

  // The reader starts late (sleep), as `| wc -l` behind a slow terminal does: the pipe fills and the
  // tool must wait for it instead of exiting with the rest unwritten.
  it('corpus dump writes every passage to a slow reader', { timeout: 3 * TIMEOUT }, async () => {
    const r = await runShell(`npx tsx src/cli/corpus.ts dump --json --corpus '${big}' | (sleep 1; wc -l)`);
    expect(r.stderr).toBe('');
    expect(Number(r.stdout.trim())).toBe(PASSAGES + 1);
  });

  it('corpus check writes its whole report to a slow reader', { timeout: 3 * TIMEOUT }, async () => {
    const r = await runShell(`npx tsx src/cli/corpus.ts check --corpus '${big}' | (sleep 1; tail -n 1)`);
    expect(r.stdout).toMatch(/^OK: 1 document, 10501 passages, /);
  });

  it('ask writes one JSON line per question to a slow reader', { timeout: 3 * TIMEOUT }, async () => {
    const questions = path.join(tmp, 'questions.txt');
    fs.writeFileSync(questions, Array.from({ length: 3000 }, (_, i) => `虚构观测站第${i + 1}号记录写了什么`).join('\n') + '\n');
    const r = await runShell(`CORPUS_DIR='${big}' npx tsx src/cli/ask.ts --json < '${questions}' | (sleep 1; wc -l)`);
    expect(Number(r.stdout.trim())).toBe(3000);
  });

  it('a reader that stops early (head) ends the tool quietly', { timeout: 3 * TIMEOUT }, async () => {
    const r = await runShell(`npx tsx src/cli/corpus.ts dump --json --corpus '${big}' | head -n 2`);
    expect(lines(r.stdout)).toHaveLength(2);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe('--help and unknown options', () => {
  const tools: Array<[string, string[]]> = [
    ['ask.ts', []],
    ['corpus.ts', []],
    ['corpus.ts', ['check']],
    ['deploy-commands.ts', []],
    ['stamp-code-fingerprint.ts', []],
  ];
  for (const [script, before] of tools) {
    const name = [script, ...before].join(' ');
    it(`${name} --help / -h print the usage and exit 0`, { timeout: TIMEOUT }, async () => {
      for (const flag of ['--help', '-h']) {
        const r = await run(script, [...before, flag]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Usage:\n/);
        expect(r.stderr).toBe('');
      }
    });
    it(`${name} --bogus prints one line and the usage and exits 2, no stack trace`, { timeout: TIMEOUT }, async () => {
      const r = await run(script, [...before, '--bogus']);
      expect(r.code).toBe(2);
      const [first, ...rest] = r.stderr.split('\n');
      expect(first).toMatch(/: Unknown option '--bogus'$/);
      expect(rest[0]).toBe('Usage:');
      expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
      expect(r.stdout).toBe('');
    });
  }
  it('corpus check --corpus without a value is a usage error too', { timeout: TIMEOUT }, async () => {
    const r = await run('corpus.ts', ['check', '--corpus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^corpus: Option '--corpus <value>' argument missing\nUsage:/);
  });
});
