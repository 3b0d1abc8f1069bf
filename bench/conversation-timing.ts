/**
 * What reading a question against its conversation costs (`understand`, not the answer): every
 * later turn of test/eval/conversations.json, read against its conversation, many times over.
 * `npx tsx bench/conversation-timing.ts` prints the mean and p99 per question; the target is ≤ 0.2 ms.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { converse, understand, type Conversation } from '../src/core/conversation.js';
import { buildConversationEngines, loadConversations } from '../test/eval/conversations.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const items = loadConversations(path.join(root, 'test/eval/conversations.json'));
const { engines } = await buildConversationEngines(root, items);
// The conversations as the engine leaves them before each later turn.
const cases: Array<{ engine: (typeof engines)[keyof typeof engines] & object; conversation: Conversation; question: string }> = [];
for (const item of items) {
  const engine = engines[item.source]!;
  let conversation: Conversation | null = null;
  for (const turn of item.turns) {
    if (conversation) cases.push({ engine, conversation, question: turn.question });
    conversation = converse(engine, conversation, turn.question).conversation;
  }
}
for (const c of cases) c.engine.reader(); // made once per engine, on first use: not part of a question's cost
/** Times every case once with the readers' caches of earlier turns emptied (as a bot meets a new turn), or warm. */
function round(cold: boolean): number[] {
  return cases.map((c) => {
    // Cold: the previous turns' words are not cached yet, as when a bot meets a new turn.
    const reader = c.engine.reader();
    if (cold) reader.clear();
    const t = performance.now();
    understand(c.question, c.conversation, reader);
    return performance.now() - t;
  });
}
const report = (name: string, times: number[]): void => {
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, x) => s + x, 0) / times.length;
  const p = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(`understand(), ${name}: ${times.length} readings: mean ${(mean * 1000).toFixed(1)} µs, p50 ${(p(0.5) * 1000).toFixed(1)} µs, p99 ${(p(0.99) * 1000).toFixed(1)} µs — ${mean <= 0.2 ? 'PASS' : 'FAIL'} (target ≤ 0.2 ms)`);
};
round(true); // warms the JIT
report('cold (earlier turns not cached)', Array.from({ length: 50 }, () => round(true)).flat());
report('warm', Array.from({ length: 200 }, () => round(false)).flat());
