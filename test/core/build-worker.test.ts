/** Builds in a worker thread: the engine handed back answers as one built here does; corpus errors keep their catalog code. */
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildInWorker } from '../../src/core/build-worker.js';
import { buildEngine } from '../../src/core/build.js';
import { snapshotPath } from '../../src/core/snapshot-file.js';
import { existsSync } from 'node:fs';

const REPO = path.resolve(import.meta.dirname, '../..');
let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wenda-worker-'));
  await cp(path.join(REPO, 'corpus'), path.join(root, 'corpus'), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('the engine built in a worker answers exactly as one built on this thread', async () => {
  const options = { corpusDir: path.join(root, 'corpus'), configDir: path.join(REPO, 'config') };
  const [fromWorker, here] = await Promise.all([buildInWorker(options), buildEngine(options)]);
  expect(fromWorker.passages()).toEqual(here.passages());
  for (const q of ['昌吉州煤电装机多少？', '準東開發區疆煤外運突破多少？', '美国总统是谁？']) expect(fromWorker.answer(q)).toEqual(here.answer(q));
  expect(fromWorker.source.documents).toEqual(here.source.documents);
});

test('with a data folder the worker writes the snapshot and the next build loads it, logging through the caller', async () => {
  const dataDir = path.join(root, 'data');
  const lines: string[] = [];
  const logger = { info: (_o: object, m?: string) => void lines.push(`info ${m}`), warn: (_o: object, m?: string) => void lines.push(`warn ${m}`) };
  const options = { corpusDir: path.join(root, 'corpus'), configDir: path.join(REPO, 'config'), dataDir };
  await buildInWorker(options, logger);
  expect(existsSync(snapshotPath(dataDir))).toBe(true);
  const again = await buildInWorker(options, logger);
  expect(lines).toContain('info index snapshot written');
  expect(lines).toContain('info index snapshot loaded');
  expect(again.answer('昌吉州煤电装机多少？').found).toBe(true);
});

test('a corpus that cannot be served rejects with its catalog error', async () => {
  // A single bad file is skipped (the store decides whether that may serve); a missing folder cannot be served.
  const missing = path.join(root, 'no-such-corpus');
  await expect(buildInWorker({ corpusDir: missing, configDir: path.join(REPO, 'config') })).rejects.toMatchObject({ name: 'BotError', code: 'CORPUS_MISSING' });
});

test('a build worker gets the build young generation while the serving thread keeps its small one', async () => {
  // `npm start`'s small young generation is a process flag, which V8 would apply to the worker too: the worker
  // must get BUILD_SEMI_SPACE_MB (two semi-spaces of it when full) and this thread must keep its 2 × 2 MB.
  const { execFileSync } = await import('node:child_process');
  const { BUILD_SEMI_SPACE_MB } = await import('../../src/core/heap.js');
  const out = execFileSync(process.execPath, ['--max-semi-space-size=2', '--import', 'tsx', path.join(REPO, 'test/fixtures/heap/young-generation.ts')], { cwd: REPO, encoding: 'utf8' });
  const mb = (label: string) => Number(new RegExp(`^${label} ([\\d.]+)$`, 'm').exec(out)?.[1]);
  expect(mb('main')).toBeLessThanOrEqual(4);
  expect(mb('main after')).toBeLessThanOrEqual(4);
  expect(mb('worker')).toBeGreaterThan(4 * 4);
  expect(mb('worker')).toBeLessThanOrEqual(2 * BUILD_SEMI_SPACE_MB);
}, 60_000);
