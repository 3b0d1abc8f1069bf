/** Entry point of a benchmark child process: `worker.ts <task> <json args>`; writes its result as JSON to args.out. */
import { writeFileSync } from 'node:fs';
import { runCompare } from './workers/compare.js';
import { runConversation } from './workers/conversation.js';
import { runDistractors } from './workers/distractors.js';
import { runEngine, runServe } from './workers/engine.js';
import { runJieba } from './workers/jieba.js';
import { runPhases } from './workers/phases.js';

const [task = '', json = '{}'] = process.argv.slice(2);
const args = JSON.parse(json) as Record<string, unknown> & { out: string };

async function main(): Promise<unknown> {
  switch (task) {
    case 'engine':
      return runEngine(args as unknown as Parameters<typeof runEngine>[0]);
    case 'serve':
      return runServe(args as unknown as Parameters<typeof runServe>[0]);
    case 'phases':
      return runPhases(args as unknown as Parameters<typeof runPhases>[0]);
    case 'conversation':
      return runConversation(args as unknown as Parameters<typeof runConversation>[0]);
    case 'distractors':
      return runDistractors(args as unknown as Parameters<typeof runDistractors>[0]);
    case 'compare':
      return runCompare(args as unknown as Parameters<typeof runCompare>[0]);
    case 'jieba': {
      const a = args as unknown as Parameters<typeof runJieba>[0] & { tokensOut?: string };
      const r = runJieba(a);
      // Tokens go to their own file (the runner compares implementations), not into the result.
      if (a.tokensOut) writeFileSync(a.tokensOut, JSON.stringify(r.allTokens));
      delete r.allTokens;
      return r;
    }
    default:
      throw new Error(`unknown task ${task}`);
  }
}

main().then(
  (result) => {
    writeFileSync(args.out, JSON.stringify(result));
    // Exit now: native handles (jieba) and timers must not keep a finished measurement alive.
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
