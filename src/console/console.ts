/** The console transport: a chat on stdin/stdout with the same commands as the slash commands. */
import { createInterface } from 'node:readline';
import { isBotError, userMessage } from '../core/errors.js';
import type { EngineStore } from '../core/engine-store.js';
import { forEcho } from '../core/text.js';
import { CONSOLE, gloss } from '../messages.js';
import { formatAnswer, formatFigures, formatPassage, formatReload, formatSearch, formatSourceInfo, PREVIOUS_INDEX_SERVING } from './format.js';
import { formatMessage } from '../core/errors.js';
import { passageIdError } from '../core/passages.js';
import { converse, type Conversation } from '../core/conversation.js';

/** A console chat's conversation: each question continues it, `/new` starts a fresh one. */
export interface ConsoleSession {
  conversation: Conversation | null;
}

/** A console command: `/name arg` → text to print. */
interface ConsoleCommand {
  usage: string;
  run(store: EngineStore, arg: string): string | Promise<string>;
}

const ask: ConsoleCommand = {
  usage: gloss(CONSOLE.usage.ask),
  run: (store, arg) => formatAnswer(store.current.answer(arg), store.current.source.documents),
};

/** The console's commands, by name: the same set as the slash commands. */
export const CONSOLE_COMMANDS: ReadonlyMap<string, ConsoleCommand> = new Map<string, ConsoleCommand>([
  ['ask', ask],
  ['search', { usage: gloss(CONSOLE.usage.search), run: (store, arg) => formatSearch(store.current.search(arg, { limit: 5 })) }],
  [
    'passage',
    {
      usage: gloss(CONSOLE.usage.passage),
      run: (store, arg) => {
        const p = store.current.passage(arg);
        if (p) return formatPassage(p, store.current.neighbours(p.id));
        throw passageIdError(arg, store.current.passages()[0]?.id ?? 'doc#p1.s1');
      },
    },
  ],
  ['figures', { usage: gloss(CONSOLE.usage.figures), run: (store, arg) => formatFigures(store.current.figures(arg)) }],
  ['source', { usage: gloss(CONSOLE.usage.source), run: (store) => formatSourceInfo(store.current.source, store.lastReload) }],
  [
    'reload',
    {
      usage: gloss(CONSOLE.usage.reload),
      run: async (store) => {
        try {
          return formatReload(await store.reload());
        } catch (error) {
          // A reload that failed changed nothing: say so, after what to fix (a reload already running is no failure).
          if (!isBotError(error) || error.code === 'RELOAD_IN_PROGRESS') throw error;
          return `${error.message}\n${PREVIOUS_INDEX_SERVING}`;
        }
      },
    },
  ],
  ['new', { usage: gloss(CONSOLE.usage.new), run: () => NEW_CONVERSATION }],
  ['help', { usage: gloss(CONSOLE.usage.help), run: () => [...CONSOLE_COMMANDS.values()].map((c) => c.usage).join('\n') }],
]);

/** What `/new` prints. */
export const NEW_CONVERSATION = gloss(CONSOLE.newConversation);

/**
 * Runs one console line and returns what to print; never throws. With a session, a question
 * (plain or `/ask`) continues its conversation and `/new` starts a fresh one.
 */
export async function handleLine(store: EngineStore, line: string, session?: ConsoleSession): Promise<string> {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  const command = m ? CONSOLE_COMMANDS.get(m[1]!.toLowerCase()) : ask;
  if (!command) return formatMessage('UNKNOWN_COMMAND', { name: forEcho(m![1]!, 30) });
  try {
    if (session && command === CONSOLE_COMMANDS.get('new')) session.conversation = null;
    if (session && command === ask) {
      const turn = converse(store.current, session.conversation, m ? m[2]! : line);
      session.conversation = turn.conversation;
      return formatAnswer(turn.answer, store.current.source.documents);
    }
    return await command.run(store, m ? m[2]! : line);
  } catch (error) {
    return userMessage(error);
  }
}

/** What an empty line gets: a pointer, not silence (which reads as a hang). */
export const EMPTY_LINE_HINT = gloss(CONSOLE.emptyLine);

/**
 * Reads questions and commands line by line until the input ends. When the input is not a
 * terminal (a file or a pipe), nobody saw the question typed: each answer is preceded by `问：…`.
 */
export async function runConsole(store: EngineStore, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const echo = (input as { isTTY?: boolean }).isTTY !== true;
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  // Each question continues the one before (那克拉玛依市呢？); /new starts over.
  const session: ConsoleSession = { conversation: null };
  for await (const line of rl) {
    const question = echo ? `${CONSOLE.question}：${forEcho(line, 200)}\n` : '';
    const reply = line.trim() ? await handleLine(store, line, session) : EMPTY_LINE_HINT;
    output.write(`${question}${reply}\n\n`);
  }
}
