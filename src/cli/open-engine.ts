/** How the command-line tools get an engine: from the index snapshot when it matches the corpus, else built (and snapshotted). */
import type { Config } from '../config.js';
import type { ServingEngine } from '../core/engine.js';
import { loadOrBuildEngine } from '../core/engine-snapshot.js';
import { formatSkipped } from '../console/format.js';
import { createLogger } from '../logger.js';

/** Opens the engine the CLI tools answer from: `dataDir/snapshot/` when valid, otherwise a full build that writes one. */
export async function openEngine(config: Config): Promise<ServingEngine> {
  const { engine } = await loadOrBuildEngine({
    corpusDir: config.corpusDir,
    configDir: config.configDir,
    dataDir: config.dataDir,
    maxQuestionLength: config.bot.maxQuestionLength,
    // A stale or corrupt snapshot is reported on stderr (stdout carries the answer).
    logger: createLogger(config.logLevel),
  });
  // The tools answer from the other documents; stderr says which were left out (stdout carries the answers).
  for (const f of engine.source.skipped ?? []) process.stderr.write(`${formatSkipped(f)}\n`);
  return engine;
}
