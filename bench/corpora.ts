/**
 * Benchmark corpora, built deterministically into bench/.cache/corpora/<name>/ (git-ignored):
 * - `seed`: the project's own corpus/ folder (one news article);
 * - `poetry-<n>`: n passages of real Chinese text from chinese-poetry (Tang, then Song poems),
 *   fetched on demand with `npm pack` (never a dependency), traditional characters as published;
 * - `news-<n>`: n sentences recombined from the seed article, with varied numbers and places:
 *   the news-like shape, but with few distinct words, so very long posting lists (worst case).
 * Each generated document is written like a corpus file (headline, dateline, one passage a line),
 * so the engine cleans, converts and segments it exactly as it would a moderator's upload.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_EXTENSIONS } from '../src/core/documents.js';
import { CACHE, ROOT, rng } from './lib/util.js';

/** Bump when a builder changes, so cached corpora are rebuilt. */
const BUILDER_VERSION = 4;
/** Poem lines per real-text passage. */
const LINES_PER_PASSAGE = 4;
const POETRY_PACKAGE = 'chinese-poetry@2.0.1';
const POETRY_DIR = path.join(CACHE, 'chinese-poetry');
/** Passages per generated document: a long report-sized file. */
const PER_DOC = 500;

/** A corpus ready to be built: a folder of documents plus what it is. */
export interface CorpusInfo {
  name: string;
  kind: 'seed' | 'real' | 'recombined';
  description: string;
  dir: string;
  /** Passage lines written (the engine may count a few more: headlines and datelines). */
  passagesWritten: number;
  documents: number;
  bytes: number;
}

/** Downloads chinese-poetry's tarball once with `npm pack`, then extracts only the poem JSON files. */
export function ensurePoetry(): string {
  const marker = path.join(POETRY_DIR, '.complete');
  if (existsSync(marker)) return POETRY_DIR;
  mkdirSync(CACHE, { recursive: true });
  const tgz = path.join(CACHE, 'chinese-poetry-2.0.1.tgz');
  if (!existsSync(tgz)) {
    console.error(`[bench] fetching ${POETRY_PACKAGE} (85 MB, once) into ${path.relative(ROOT, CACHE)}/`);
    execFileSync('npm', ['pack', POETRY_PACKAGE, '--pack-destination', CACHE, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  rmSync(POETRY_DIR, { recursive: true, force: true });
  mkdirSync(POETRY_DIR, { recursive: true });
  // Only the Tang and Song poems (~130 MB of the 350 MB unpacked); the 'error/' sub-folder is skipped.
  execFileSync('tar', ['xzf', tgz, '-C', POETRY_DIR, '--strip-components=3', '--wildcards', '--no-wildcards-match-slash', 'package/dist/quantangshi/poet.*.json']);
  writeFileSync(marker, POETRY_PACKAGE);
  return POETRY_DIR;
}

interface Poem {
  title?: string;
  author?: string;
  paragraphs?: string[];
}

/**
 * Real-text passages: up to four consecutive lines of a poem (a quatrain, ~48 characters, about
 * a news sentence's length) joined into one sentence, the inner full stops made commas so a
 * sentence splitter keeps the passage whole. Poems are
 * read in file order, Tang before Song: the same n passages on every machine.
 * The Tang and Song poems give ~420k such passages. Beyond that (the 1M corpus), further passes
 * take the full windows of four lines shifted by 2, then 1, then 3 lines (~285k more), then
 * couplets (two lines, ~24 characters): each passage is still consecutive lines of one poem, but
 * a line then appears in several passages (its words' document frequencies grow, as they would in
 * a corpus with quotations). The first pass is unchanged, so the 10k and 100k corpora are too.
 */
function* poetryPassages(): Generator<string> {
  for (const shift of [0, 2, 1, 3]) yield* poetryPass(shift, LINES_PER_PASSAGE);
  yield* poetryPass(0, 2);
}

function* poetryPass(shift: number, size: number): Generator<string> {
  const dir = ensurePoetry();
  const files = readdirSync(dir)
    .filter((f) => /^poet\.(tang|song)\.\d+\.json$/.test(f))
    .sort((a, b) => {
      const [, da = '', na = '0'] = /^poet\.(\w+)\.(\d+)/.exec(a) ?? [];
      const [, db = '', nb = '0'] = /^poet\.(\w+)\.(\d+)/.exec(b) ?? [];
      return da === db ? Number(na) - Number(nb) : da === 'tang' ? -1 : 1;
    });
  for (const file of files) {
    const poems = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Poem[];
    for (const poem of poems) {
      // Lines with editorial marks ({}, [], □ for lost characters) are skipped, not repaired.
      const lines = (poem.paragraphs ?? []).map((l) => l.trim()).filter((l) => l.length >= 4 && !/[□{}\[\]()（）]/.test(l));
      // A shifted pass only takes full windows that the first pass did not (poems longer than the shift).
      for (let i = shift; i < lines.length; i += size) {
        if ((shift > 0 || size !== LINES_PER_PASSAGE) && i + size > lines.length) break;
        const pair = lines.slice(i, i + size).map((l, j, all) => (j < all.length - 1 ? l.replace(/[。！？；]$/u, '，') : l));
        yield pair.join('');
      }
    }
  }
}

/** Sentences of the seed article as written in the file (traditional, with its encoding damage): the news-like material. */
function seedSentences(): string[] {
  const dir = path.join(ROOT, 'corpus');
  const out: string[] = [];
  // Documents only (documents.ts's rule): the word lists beside them (<id>.words, <id>.synonyms) are not sentences.
  for (const f of readdirSync(dir).sort().filter((f) => (DOCUMENT_EXTENSIONS as readonly string[]).includes(path.extname(f).toLowerCase()) && !f.startsWith('.'))) {
    const lines = readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/);
    // Skip the headline and dateline: they are not body sentences.
    for (const line of lines.slice(2)) {
      for (const s of line.split(/(?<=[。！？])/u)) if (s.trim().length >= 8) out.push(s.trim());
    }
  }
  return out;
}

/** Places of the seed article and the places that replace them (traditional, like the file). */
const SEED_PLACES = ['昌吉回族自治州', '昌吉州', '昌吉', '烏魯木齊', '木壘哈薩克自治縣', '準東'];
const OTHER_PLACES = [
  '哈密', '吐魯番', '伊犁', '阿克蘇', '喀什', '和田', '塔城', '阿勒泰', '博爾塔拉', '巴音郭楞', '克拉瑪依',
  '石河子', '奎屯', '庫爾勒', '五家渠', '阜康', '瑪納斯', '呼圖壁', '奇台', '吉木薩爾', '蘭州', '西寧', '銀川',
  '包頭', '鄂爾多斯', '榆林', '大同', '酒泉', '嘉峪關', '張掖', '武威', '天水', '格爾木', '海西', '阿拉善',
];

/** Recombined news-like passages: seed sentences in random order, numbers and places varied. */
function* newsPassages(seed: number): Generator<string> {
  const pool = seedSentences();
  const random = rng(seed);
  const placeRe = new RegExp(SEED_PLACES.join('|'), 'gu');
  for (;;) {
    const s = pool[Math.floor(random() * pool.length)]!;
    const place = OTHER_PLACES[Math.floor(random() * OTHER_PLACES.length)]!;
    yield s
      .replace(placeRe, (m) => (random() < 0.7 ? place : m))
      .replace(/\d+(?:\.\d+)?/g, (m) => {
        // Same number of digits (and decimals), so 3200萬 stays a plausible 4-digit figure.
        const [int = '', dec] = m.split('.');
        const lo = int.length > 1 ? 10 ** (int.length - 1) : 1;
        const n = lo + Math.floor(random() * (10 ** int.length - lo));
        return dec === undefined ? String(n) : `${n}.${String(Math.floor(random() * 10 ** dec.length)).padStart(dec.length, '0')}`;
      });
  }
}

function writeCorpus(name: string, kind: CorpusInfo['kind'], description: string, n: number, source: Iterable<string>, title: (doc: number) => string, sourceName: string): CorpusInfo {
  const dir = path.join(CACHE, 'corpora', name);
  const manifest = path.join(dir, '.manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as CorpusInfo & { builder: number };
    if (m.builder === BUILDER_VERSION && m.passagesWritten === n) return { ...m, dir };
  }
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let written = 0;
  let bytes = 0;
  let doc = 0;
  let lines: string[] = [];
  const flush = () => {
    if (!lines.length) return;
    doc++;
    // Headline and dateline first, as in a real article: the engine reads metadata from them.
    const day = String(1 + (doc % 28)).padStart(2, '0');
    const text = `${title(doc)}\n2024-01-${day} 08:00:00 來源: ${sourceName}\n${lines.join('\n')}\n`;
    const file = path.join(tmp, `${name}-${String(doc).padStart(4, '0')}.txt`);
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    lines = [];
  };
  for (const p of source) {
    if (written >= n) break;
    lines.push(p);
    written++;
    if (lines.length === PER_DOC) flush();
  }
  flush();
  if (written < n) throw new Error(`${name}: only ${written} passages available, ${n} requested`);
  const info: CorpusInfo = { name, kind, description, dir, passagesWritten: written, documents: doc, bytes };
  writeFileSync(path.join(tmp, '.manifest.json'), JSON.stringify({ ...info, builder: BUILDER_VERSION }, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return info;
}

/** The seed corpus (the project's corpus/ folder, used as is). */
export function seedCorpus(): CorpusInfo {
  const dir = path.join(ROOT, 'corpus');
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  const bytes = files.reduce((a, f) => a + readFileSync(path.join(dir, f)).length, 0);
  return { name: 'seed', kind: 'seed', description: 'the seed article (corpus/)', dir, passagesWritten: 0, documents: files.length, bytes };
}

/** n passages of real text (chinese-poetry, traditional as published). */
export function poetryCorpus(n: number): CorpusInfo {
  return writeCorpus(`poetry-${n / 1000}k`, 'real', `real text: ${n} passages of Tang/Song poems (chinese-poetry 2.0.1, traditional → converted by the pipeline)`, n, poetryPassages(), (d) => `全唐詩 第${d}卷`, 'chinese-poetry');
}

/** n recombined sentences of the seed article with varied numbers and places. */
export function newsCorpus(n: number): CorpusInfo {
  return writeCorpus(`news-${n / 1000}k`, 'recombined', `recombined: ${n} sentences of the seed article, numbers and places varied (few distinct words: worst case)`, n, newsPassages(20241210), (d) => `${OTHER_PLACES[d % OTHER_PLACES.length]}工業發展第${d}期`, '天山網');
}
