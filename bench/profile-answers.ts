/**
 * `npx tsx bench/profile-answers.ts [--corpus=news-1000k] [--questions=2000]`: answer() latency on the
 * bench's own questions (bench/lib/questions.ts, same seed), by question kind (its ending), with the
 * slowest questions listed, their phases (`--phases=N`) and a digest of every answer. The engine is
 * built once and kept as a snapshot under bench/.cache/profile-<corpus>/ with the questions, so a later
 * run (after a change in src/core) restores it in a fraction of the build and asks the same questions.
 * The questions of the first run, drawn in the building process, are the bench's own; a process that
 * restores has no user words in its segmenter and would draw others. A development tool for issue 12,
 * not part of `npm run bench`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildEngine } from '../src/core/build.js';
import { engineFromSnapshot, engineSnapshotContent, isEngineSnapshotData } from '../src/core/engine-snapshot.js';
import { readSnapshot, snapshotPath, writeSnapshot } from '../src/core/snapshot-file.js';
import { createJiebaSegmenter } from '../src/core/segment.js';
import { PassageIndex } from '../src/core/search-index.js';
import { newsCorpus, poetryCorpus } from './corpora.js';
import { byKind, drawQuestions, type Question } from './lib/questions.js';
import { CACHE, ROOT, latency, msSince } from './lib/util.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const corpus = arg('corpus') ?? 'news-1000k';
const count = Number(arg('questions') ?? 2000);
// Not under bench/.cache/work: `npm run bench` deletes that folder when it ends.
const dataDir = path.join(CACHE, `profile-${corpus}`);
mkdirSync(dataDir, { recursive: true });

let t = process.hrtime.bigint();
let engine;
if (existsSync(snapshotPath(dataDir))) {
  const read = await readSnapshot(dataDir, 'profile', isEngineSnapshotData);
  if (read.status !== 'hit') throw new Error(`snapshot: ${read.status}`);
  engine = engineFromSnapshot(read);
  console.error(`restored ${corpus} from snapshot in ${(msSince(t) / 1000).toFixed(1)} s`);
} else {
  // The bench's corpora are made on demand (news-<n>k, poetry-<n>k), as `npm run bench` makes them.
  const made = /^(news|poetry)-(\d+)k$/.exec(corpus);
  if (made && !existsSync(path.join(CACHE, 'corpora', corpus))) (made[1] === 'news' ? newsCorpus : poetryCorpus)(Number(made[2]) * 1000);
  engine = await buildEngine({ corpusDir: path.join(CACHE, 'corpora', corpus), configDir: path.join(ROOT, 'config') });
  console.error(`built ${corpus} in ${(msSince(t) / 1000).toFixed(1)} s`);
  t = process.hrtime.bigint();
  await writeSnapshot(dataDir, 'profile', engineSnapshotContent(engine));
  console.error(`snapshot written in ${(msSince(t) / 1000).toFixed(1)} s`);
}

const served = engine.passages();
const segment = createJiebaSegmenter();
// The questions are drawn once and kept beside the snapshot: a restored process's segmenter lacks the
// build's user words, so drawing again there would ask other questions than the run before.
const questionsFile = path.join(dataDir, `questions-${count}.json`);
const questions: Question[] = existsSync(questionsFile) ? (JSON.parse(readFileSync(questionsFile, 'utf8')) as Question[]) : drawQuestions(served, segment, count);
if (!existsSync(questionsFile)) writeFileSync(questionsFile, JSON.stringify(questions));
for (const q of questions.slice(0, 100)) engine.answer(q.text); // warm-up, as the bench does
const all: Array<{ ms: number; text: string }> = [];
const signature: string[] = [];
for (const q of questions) {
  const s = process.hrtime.bigint();
  const a = engine.answer(q.text);
  const ms = msSince(s);
  all.push({ ms, text: q.text });
  signature.push(JSON.stringify(a));
}
const f = (x: number): string => x.toFixed(3);
const row = (name: string, xs: number[]): string => {
  const l = latency(xs);
  return `${name.padEnd(8)} n=${String(xs.length).padStart(4)} p50 ${f(l.p50)} p99 ${f(l.p99)} max ${f(Math.max(...xs))} ms`;
};
console.log(row('all', all.map((x) => x.ms)));
for (const [k, xs] of byKind(questions, all.map((x) => x.ms))) console.log(row(k, xs));
console.log('slowest:');
for (const x of [...all].sort((a, b) => b.ms - a.ms).slice(0, Number(arg('slowest') ?? 25))) console.log(`  ${f(x.ms)} ms  ${x.text}`);
// A digest of every answer (found, passages, text): equal digests before and after a change mean the same answers.
const { createHash } = await import('node:crypto');
console.log(`answers digest ${createHash('sha256').update(signature.join('\n')).digest('hex').slice(0, 16)}`);

// ---- phases of the slowest questions: each re-run a few times, the fastest of the runs kept ----
// answer() = parse + rank (what search() does) + assembly; inside rank, the index's candidates() and countEach().
const timed = { candidates: 0, countEach: 0 };
for (const name of ['candidates', 'countEach'] as const) {
  const original = PassageIndex.prototype[name] as (...args: unknown[]) => unknown;
  (PassageIndex.prototype as unknown as Record<string, unknown>)[name] = function (this: PassageIndex, ...args: unknown[]) {
    const s = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      timed[name] += msSince(s);
    }
  };
}
const best = (run: () => void): { ms: number; candidates: number; countEach: number } => {
  let out = { ms: Infinity, candidates: 0, countEach: 0 };
  for (let r = 0; r < 5; r++) {
    timed.candidates = 0;
    timed.countEach = 0;
    const s = process.hrtime.bigint();
    run();
    const ms = msSince(s);
    if (ms < out.ms) out = { ms, candidates: timed.candidates, countEach: timed.countEach };
  }
  return out;
};
const phaseCount = Number(arg('phases') ?? 0);
if (phaseCount > 0) {
  console.log('phases of the slowest (best of 5 runs, ms): answer | parse+rank (search) | candidates | countEach');
  for (const x of [...all].sort((a, b) => b.ms - a.ms).slice(0, phaseCount)) {
    const a = best(() => engine.answer(x.text));
    const r = best(() => engine.search(x.text, { limit: 10 }));
    console.log(`  ${f(a.ms)} | ${f(r.ms)} | ${f(r.candidates)} | ${f(r.countEach)}  ${x.text}`);
  }
  const c = all.map((x) => best(() => engine.search(x.text, { limit: 10 })).candidates);
  console.log(row('candidates() per question (best of 5)', c));
}
