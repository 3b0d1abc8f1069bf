import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FINGERPRINT_FILE, codeFingerprint, packageVersion, snapshotKey, sourceFingerprint } from '../../src/core/snapshot-key.js';
import { makeTempCorpus } from '../support/temp-corpus.js';

let dir: string;
let corpusDir: string;
let configDir: string;
beforeEach(async () => {
  ({ dir, corpusDir, configDir } = await makeTempCorpus());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('snapshotKey', () => {
  it('is stable for the same inputs', async () => {
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.0' })).toBe(await snapshotKey({ corpusDir, configDir, version: '1.0.0' }));
  });
  it('changes with a corpus byte, a renamed file, a config byte or the version', async () => {
    const base = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.1' })).not.toBe(base);
    await writeFile(path.join(configDir, 'bot.json'), '{ }');
    const afterConfig = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    expect(afterConfig).not.toBe(base);
    await writeFile(path.join(corpusDir, 'a.txt'), '今年前三季度，昌吉州地区生产总值增长7.9%。');
    const afterCorpus = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    expect(afterCorpus).not.toBe(afterConfig);
    await rm(path.join(corpusDir, 'a.txt'));
    await writeFile(path.join(corpusDir, 'b.txt'), '今年前三季度，昌吉州地区生产总值增长7.9%。');
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.0' })).not.toBe(afterCorpus);
  });
  it('defaults to the package version plus a fingerprint of the core code', async () => {
    const a = await snapshotKey({ corpusDir, configDir });
    expect(await snapshotKey({ corpusDir, configDir })).toBe(a);
    expect(await codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(await snapshotKey({ corpusDir, configDir, version: packageVersion() })).not.toBe(a);
  });
  it('includes files in sub-folders', async () => {
    const base = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    await mkdir(path.join(corpusDir, 'sub'));
    await writeFile(path.join(corpusDir, 'sub', 'c.txt'), '新文档。');
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.0' })).not.toBe(base);
  });
});

describe('the code part of the key, from src/ (npm run dev) and from dist/ (npm start)', () => {
  // The real build (tsc + the stamp step of `npm run build`) into a scratch package whose src/ is this repository's.
  it('is the same for the same code, so alternating them does not rebuild the snapshot', { timeout: 120_000 }, async () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-dist-'));
    try {
      fs.symlinkSync(path.join(repo, 'src'), path.join(scratch, 'src'));
      fs.symlinkSync(path.join(repo, 'node_modules'), path.join(scratch, 'node_modules'));
      fs.copyFileSync(path.join(repo, 'package.json'), path.join(scratch, 'package.json'));
      const dist = path.join(scratch, 'dist');
      execFileSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', path.join(repo, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'pipe' });
      execFileSync(process.execPath, [path.join(dist, 'cli/stamp-code-fingerprint.js')], { stdio: 'pipe' });
      const fromDist = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'core/snapshot-key.js')).href)}); process.stdout.write(await m.codeFingerprint());`],
        { encoding: 'utf8' },
      );
      expect(fromDist).toMatch(/^[0-9a-f]{64}$/);
      expect(fromDist).toBe(await codeFingerprint());
      // Without the stamp (dist compiled by hand), the compiled code is hashed: never mistaken for the sources.
      fs.rmSync(path.join(dist, 'core', FINGERPRINT_FILE));
      const unstamped = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'core/snapshot-key.js')).href)}); process.stdout.write(await m.codeFingerprint());`],
        { encoding: 'utf8' },
      );
      expect(unstamped).toMatch(/^js:[0-9a-f]{64}$/);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
  it('changes when a source file of the core changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-src-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
      fs.writeFileSync(path.join(dir, 'a.d.ts'), 'export declare const a: number;\n');
      const before = await sourceFingerprint(dir);
      fs.writeFileSync(path.join(dir, 'a.d.ts'), 'export declare const a: 1;\n'); // declarations are not code
      expect(await sourceFingerprint(dir)).toBe(before);
      fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 2;\n');
      expect(await sourceFingerprint(dir)).not.toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
