/**
 * What reading a question against its conversation costs (`understand`, not the answer), alone:
 * `npx tsx --expose-gc bench/conversation-timing.ts`. The same measurement as the conversation
 * phase of `npm run bench` (bench/workers/conversation.ts); the target is ≤ 0.2 ms, cold and warm.
 */
import { runConversation, type ReadingCost } from './workers/conversation.js';

const r = await runConversation();
const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
const line = (name: string, c: ReadingCost): string =>
  `understand(), ${name}: ${c.all.n} readings: mean ${us(c.all.mean)}, p50 ${us(c.all.p50)}, p99 ${us(c.all.p99)}; ` +
  `per-question median: mean ${us(c.perQuestionMedian.mean)}, p99 ${us(c.perQuestionMedian.p99)}; ` +
  `GC ${us(c.gcPerReadingMs)} and not running ${us(c.notRunningPerReadingMs)} a reading — ${c.all.mean <= 0.2 ? 'PASS' : 'FAIL'} (target ≤ 0.2 ms)`;
console.log(line('cold', r.cold));
console.log(line('warm', r.warm));
console.log(`a turn's words, made once when it is recorded: mean ${us(r.turnRead.mean)}, p99 ${us(r.turnRead.p99)}; converse() (the answer) p50 ${r.converse.p50.toFixed(2)} ms`);
