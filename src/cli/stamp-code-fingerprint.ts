/** Build step (`npm run build`): records beside dist/core/snapshot-key.js the fingerprint of the src/core sources just compiled. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FINGERPRINT_FILE, sourceFingerprint } from '../core/snapshot-key.js';
import { parseCommandLine } from './io.js';

const USAGE = `Usage:
  node dist/cli/stamp-code-fingerprint.js   write dist/core/${FINGERPRINT_FILE} from src/core (run by npm run build)
  node dist/cli/stamp-code-fingerprint.js --help   this text`;

async function main(): Promise<number> {
  const line = parseCommandLine('stamp-code-fingerprint', USAGE, {});
  if (!line.ok) return line.code;
  // From src/ (tsx) the paths below would point into src/: the stamp belongs to a build.
  if (import.meta.url.endsWith('.ts')) {
    process.stderr.write('stamp-code-fingerprint: run the compiled dist/cli/stamp-code-fingerprint.js (npm run build)\n');
    return 2;
  }
  // dist/cli/ → the package root's src/core (what tsc compiled) and dist/core (where snapshot-key.js looks).
  const sources = fileURLToPath(new URL('../../src/core', import.meta.url));
  const target = fileURLToPath(new URL(`../core/${FINGERPRINT_FILE}`, import.meta.url));
  const sha256 = await sourceFingerprint(sources);
  await writeFile(target, `${JSON.stringify({ sha256, from: 'src/core' })}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`stamp-code-fingerprint: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
