/**
 * Worker: what reading a question against its conversation costs (`understand`, not the answer),
 * over every later turn of test/eval/conversations.json read against the conversation the
 * engine leaves before it. Cold: the reader's caches emptied before each reading (a bot meeting
 * a new turn; the turns still carry the words they were read into when made); warm: as cached.
 * Every reading is timed by the wall clock; the GC pauses and the time the process was not
 * running (preempted on a shared machine) during the measurement are reported beside it, and a
 * per-question median over repeats, which neither touches, says what the reading itself costs.
 */
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { converse, understand, type Conversation, type QuestionReader } from '../../src/core/conversation.js';
import { toSimplified } from '../../src/core/text.js';
import { buildConversationEngines, loadConversations } from '../../test/eval/conversations.js';
import { latency, ROOT, type Latency } from '../lib/util.js';

/** One way of reading (cold or warm), measured. */
export interface ReadingCost {
  /** Every reading, wall clock, ms. */
  all: Latency;
  /** Per question, the median of its repeats, ms: what the reading costs without the pauses that hit a few samples. */
  perQuestionMedian: Latency;
  /** GC pauses during the measurement, ms in all and per reading. */
  gcMs: number;
  gcPerReadingMs: number;
  /** Wall time of the measurement minus the process's CPU time, ms per reading (≥ 0: time spent preempted). */
  notRunningPerReadingMs: number;
}

/** What the conversation worker reports. */
export interface ConversationResult {
  /** Later turns read (one reading each per round). */
  questions: number;
  rounds: { cold: number; warm: number };
  cold: ReadingCost;
  warm: ReadingCost;
  /** Making a turn's words when it is recorded (after its answer), cold, ms: paid once per turn, not per reading. */
  turnRead: Latency;
  /** The answers (converse, with the rereadings it tries), ms, for scale. */
  converse: Latency;
}

interface Case {
  reader: QuestionReader;
  conversation: Conversation;
  question: string;
}

/** Times understand() cold and warm, and what each turn's reading costs when it is made. */
export async function runConversation(args: { coldRounds?: number; warmRounds?: number } = {}): Promise<ConversationResult> {
  const items = loadConversations(path.join(ROOT, 'test/eval/conversations.json'));
  const { engines } = await buildConversationEngines(ROOT, items);
  const cases: Case[] = [];
  const converseTimes: number[] = [];
  for (const item of items) {
    const engine = engines[item.source]!;
    let conversation: Conversation | null = null;
    for (const turn of item.turns) {
      if (conversation) cases.push({ reader: engine.reader(), conversation, question: turn.question });
      const t = performance.now();
      conversation = converse(engine, conversation, turn.question).conversation;
      converseTimes.push(performance.now() - t);
    }
  }
  const coldRounds = args.coldRounds ?? 50;
  const warmRounds = args.warmRounds ?? 200;

  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  // GC entries arrive asynchronously: a tick lets the ones of a measurement in before it is read.
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

  const measure = async (cold: boolean, rounds: number): Promise<ReadingCost> => {
    const samples: number[][] = cases.map(() => []);
    const round = (): void =>
      cases.forEach((c, i) => {
        if (cold) c.reader.clear();
        const t = performance.now();
        understand(c.question, c.conversation, c.reader);
        samples[i]!.push(performance.now() - t);
      });
    round(); // JIT warm-up, not counted
    samples.forEach((s) => (s.length = 0));
    global.gc?.();
    await settle();
    gcMs = 0;
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let r = 0; r < rounds; r++) round();
    const wallMs = performance.now() - wall;
    const used = process.cpuUsage(cpu);
    await settle();
    const n = cases.length * rounds;
    const medians = samples.map((s) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)]!);
    return {
      all: latency(samples.flat()),
      perQuestionMedian: latency(medians),
      gcMs,
      gcPerReadingMs: gcMs / n,
      notRunningPerReadingMs: Math.max(0, wallMs - (used.user + used.system) / 1000) / n,
    };
  };
  const cold = await measure(true, coldRounds);
  const warm = await measure(false, warmRounds);
  observer.disconnect();

  // A turn's words are made once, when it is recorded: timed cold over every turn's understood question.
  const turnTimes: number[] = [];
  for (const c of cases) {
    for (const turn of c.conversation.turns) {
      c.reader.clear();
      const t = performance.now();
      c.reader.segments(toSimplified(turn.understood));
      turnTimes.push(performance.now() - t);
    }
  }
  return { questions: cases.length, rounds: { cold: coldRounds, warm: warmRounds }, cold, warm, turnRead: latency(turnTimes), converse: latency(converseTimes) };
}
