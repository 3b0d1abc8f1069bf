/** The snapshot's key: a hash of the corpus, the config, the package version and the core code's fingerprint. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SNAPSHOT_FORMAT } from './snapshot-file.js';

/** The project's package version (the code version part of the key); '0.0.0' if unreadable. */
export function packageVersion(): string {
  // src/core/snapshot-key.ts and dist/core/snapshot-key.js both sit two levels below the package root.
  const file = new URL('../../package.json', import.meta.url);
  try {
    if (!existsSync(file)) return '0.0.0';
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  await walk('');
  // Sorted with a fixed comparison (not localeCompare), so the key is the same on every machine.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

let fingerprint: string | undefined;

/** Where a build records the fingerprint of the sources it compiled (beside dist/core/snapshot-key.js). */
export const FINGERPRINT_FILE = 'code-fingerprint.json';

/** sha256 of a folder's TypeScript sources (paths and bytes; not .d.ts): the core's code as written. */
export async function sourceFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const rel of await listFiles(dir)) {
    if (!rel.endsWith('.ts') || rel.endsWith('.d.ts')) continue;
    hash.update(`${rel}:`);
    hash.update(await readFile(path.join(dir, rel)));
  }
  return hash.digest('hex');
}

/**
 * The fingerprint of the core's code: a snapshot written by other cleaning or indexing code is
 * stale even when the package version was not bumped. It is the same whichever way the code runs:
 * from src/ (tsx: the .ts files are hashed) or from dist/ (the build recorded the hash of the .ts
 * files it compiled in FINGERPRINT_FILE), so `npm run dev` and `npm start` share a snapshot; a dist
 * built from older sources has their older hash. A dist without that file hashes its own .js.
 */
export async function codeFingerprint(): Promise<string> {
  if (fingerprint) return fingerprint;
  const self = fileURLToPath(import.meta.url);
  const dir = path.dirname(self);
  if (self.endsWith('.ts')) return (fingerprint = await sourceFingerprint(dir));
  try {
    const stamp = JSON.parse(await readFile(path.join(dir, FINGERPRINT_FILE), 'utf8')) as { sha256?: unknown };
    if (typeof stamp.sha256 === 'string' && /^[0-9a-f]{64}$/.test(stamp.sha256)) return (fingerprint = stamp.sha256);
  } catch {
    // no stamp (dist compiled by hand): fall back to the compiled code itself
  }
  const hash = createHash('sha256');
  for (const rel of await listFiles(dir)) {
    if (!rel.endsWith('.js')) continue; // not .map files: they change with build options only
    hash.update(`${rel}:`);
    hash.update(await readFile(path.join(dir, rel)));
  }
  fingerprint = `js:${hash.digest('hex')}`;
  return fingerprint;
}

/**
 * sha256 of every corpus file's relative path + bytes, every config file's path + bytes, the
 * package version (plus the core code's fingerprint unless a version is given) and
 * SNAPSHOT_FORMAT: any change to what a build reads, or to the code that builds, changes the key.
 */
export async function snapshotKey(options: { corpusDir: string; configDir: string; version?: string }): Promise<string> {
  const hash = createHash('sha256');
  // Lengths are hashed before each part, so ('ab','c') and ('a','bc') cannot collide.
  const part = (label: string, bytes: Buffer | string): void => {
    const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    hash.update(`${label}:${b.length}:`);
    hash.update(b);
  };
  part('format', String(SNAPSHOT_FORMAT));
  part('version', options.version ?? `${packageVersion()}+${await codeFingerprint()}`);
  for (const [label, dir] of [['corpus', options.corpusDir], ['config', options.configDir]] as const) {
    for (const rel of await listFiles(dir)) {
      part(`${label}-path`, rel);
      part(`${label}-file`, await readFile(path.join(dir, rel)));
    }
  }
  return hash.digest('hex');
}
