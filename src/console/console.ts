/** The console transport: a chat on stdin/stdout with the same commands as the slash commands. */
import { createInterface } from 'node:readline';
import { isBotError, userMessage } from '../core/errors.js';
import type { EngineStore } from '../core/engine-store.js';
import { forEcho } from '../core/text.js';
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
  usage: '/ask 问题 — 回答问题 (answer a question; a line without a command does the same)',
  run: (store, arg) => formatAnswer(store.current.answer(arg), store.current.source.documents),
};

/** The console's commands, by name: the same set as the slash commands. */
export const CONSOLE_COMMANDS: ReadonlyMap<string, ConsoleCommand> = new Map<string, ConsoleCommand>([
  ['ask', ask],
  ['search', { usage: '/search 词语 — 最相关的段落 (the best passages)', run: (store, arg) => formatSearch(store.current.search(arg, { limit: 5 })) }],
  [
    'passage',
    {
      usage: '/passage ID — 查看一个段落及其前后段落 (one passage whole, with its neighbours)',
      run: (store, arg) => {
        const p = store.current.passage(arg);
        if (p) return formatPassage(p, store.current.neighbours(p.id));
        throw passageIdError(arg, store.current.passages()[0]?.id ?? 'doc#p1.s1');
      },
    },
  ],
  ['figures', { usage: '/figures [主题] — 某个主题的数据，不给主题则列出全部 (figures about a topic, all without one)', run: (store, arg) => formatFigures(store.current.figures(arg)) }],
  ['source', { usage: '/source — 语料概况 (what the corpus holds)', run: (store) => formatSourceInfo(store.current.source, store.lastReload) }],
  [
    'reload',
    {
      usage: '/reload — 从 corpus/ 和 config/ 重建索引 (rebuild the index from corpus/ and config/)',
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
  ['new', { usage: '/new — 开始新的对话，后面的问题不再接着前面的问 (a fresh conversation: the next question stands alone)', run: () => NEW_CONVERSATION }],
  ['help', { usage: '/help — 命令列表 (this list)', run: () => [...CONSOLE_COMMANDS.values()].map((c) => c.usage).join('\n') }],
]);

/** What `/new` prints. */
export const NEW_CONVERSATION = '已开始新的对话。 (A fresh conversation.)';

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
export const EMPTY_LINE_HINT = '请输入一个问题，或输入 /help 查看命令。 (Type a question, or /help for the commands.)';

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
    const question = echo ? `问：${forEcho(line, 200)}\n` : '';
    const reply = line.trim() ? await handleLine(store, line, session) : EMPTY_LINE_HINT;
    output.write(`${question}${reply}\n\n`);
  }
}
