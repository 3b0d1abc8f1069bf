/**
 * Worker: real questions at scale. Each development set of ../shared/qa (DRCD dev, CMRC 2018 trial) is
 * built over its own articles, asked (with BM25 beside it and every 7th question of the other set as
 * foreign questions), then built again with `distractors` passages of other documents added (poems and
 * recombined news, test/eval/squad.ts addDistractors) and asked again: top-1 hit and false answers side by side.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildEngine } from '../../src/core/build.js';
import { createJiebaSegmenter } from '../../src/core/segment.js';
import { loadWordLists } from '../../src/core/word-lists.js';
import { SHARED_QA_DIR } from '../../test/eval/conversations.js';
import { addDistractors, createBm25, loadSquad, runSquad, writeSquadCorpus, type SquadMetrics } from '../../test/eval/squad.js';
import { ROOT } from '../lib/util.js';

/** One set's two runs. */
export interface DistractorSetResult {
  set: string;
  questions: number;
  foreign: number;
  passagesAlone: number;
  passagesWith: number;
  alone: SquadMetrics;
  withDistractors: SquadMetrics;
}

/** What the distractors worker reports (null sets: ../shared/qa is not on this machine). */
export interface DistractorResult {
  distractors: number;
  sets: DistractorSetResult[] | null;
}

const SETS = [
  ['drcd_dev.json', 'cmrc2018_trial.json'],
  ['cmrc2018_trial.json', 'drcd_dev.json'],
] as const;

/**
 * Runs development set `set` (0: DRCD, 1: CMRC) alone and with `distractors` foreign passages. One set a
 * process, as `npm run eval` runs them: nodejieba takes its user words once a process, so a second set
 * built in the same process would be cut with the first's.
 */
export async function runDistractors(args: { distractors?: number; set: number }): Promise<DistractorResult> {
  const distractors = args.distractors ?? 100_000;
  const chosen = [SETS[args.set]!];
  if (!chosen.every(([own, other]) => existsSync(path.join(SHARED_QA_DIR, own)) && existsSync(path.join(SHARED_QA_DIR, other)))) return { distractors, sets: null };
  const configDir = path.join(ROOT, 'config');
  const sets: DistractorSetResult[] = [];
  for (const [own, other] of chosen) {
    const set = loadSquad(path.join(SHARED_QA_DIR, own));
    const foreign = loadSquad(path.join(SHARED_QA_DIR, other)).questions;
    const dir = mkdtempSync(path.join(tmpdir(), 'wenda-bench-distractors-'));
    try {
      writeSquadCorpus(dir, set.documents);
      const engine = await buildEngine({ corpusDir: dir, configDir });
      const passages = engine.passages();
      const lexicon = await loadWordLists(configDir, dir);
      const bm25 = createBm25(passages, createJiebaSegmenter(), lexicon.stopWords);
      const alone = runSquad(engine, set, { bm25, passages, foreign });
      addDistractors(dir, distractors);
      const more = await buildEngine({ corpusDir: dir, configDir });
      const withDistractors = runSquad(more, set, { bm25: null, passages: more.passages(), foreign });
      sets.push({ set: own, questions: set.questions.length, foreign: alone.metrics.foreign, passagesAlone: passages.length, passagesWith: more.passages().length, alone: alone.metrics, withDistractors: withDistractors.metrics });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { distractors, sets };
}
