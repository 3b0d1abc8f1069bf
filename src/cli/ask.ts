/** `npm run ask -- "问题"`: one answer for a person, or `--json`; with no question, one per stdin line; `--explain` shows how it was ranked. */
import 'dotenv/config';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { isBotError, userMessage } from '../core/errors.js';
import { converse, type Conversation } from '../core/conversation.js';
import type { Answer, Engine } from '../core/types.js';
import { formatAnswer } from '../console/format.js';
import { exitWhenFlushed, parseCommandLine, quietOnClosedPipe, write } from './io.js';
import { openEngine } from './open-engine.js';

const USAGE = `Usage:
  npm run ask -- "问题"                 one answer for a person
  npm run ask -- --json "问题"          the answer as one JSON object
  npm run ask -- [--json] < questions   one question per input line (JSON Lines with --json)
  npm run ask -- [--json] --conversation < turns
                                        stdin lines are turns of one conversation (an empty line
                                        starts a new one); JSON lines gain "understood"
  npm run ask -- --explain "问题"       how the question was read: terms, weights, top passages
  npm run ask -- --help                 this text`;

/** The JSON shape other tools read: exactly these fields (plus `error` when the question was refused). */
export interface AskJson {
  question: string;
  found: boolean;
  /** `answer` (found), `related` (not found; `related` lists passages that may help), `none`. */
  confidence: Answer['confidence'];
  answer: string;
  figures: Array<{ text: string; value: number; unit: string; passage: string }>;
  passages: Array<{ id: string; doc: string; text: string; score: number }>;
  related?: Array<{ id: string; doc: string; text: string; score: number }>;
  /** When several documents answer alike: each one's answer and the passage it cites. */
  byDocument?: Array<{ doc: string; title: string; answer: string; passage: string }>;
  /** With --conversation: the question as understood in its conversation (the question itself when not rewritten). */
  understood?: string;
  error?: string;
}

/** Projects an answer onto the documented JSON shape. */
export function toJson(a: Answer): AskJson {
  return {
    question: a.question,
    found: a.found,
    confidence: a.confidence,
    answer: a.answer,
    figures: a.figures.map((f) => ({ text: f.text, value: f.value, unit: f.unit, passage: f.passage })),
    passages: a.passages.map((p) => ({ id: p.id, doc: p.doc, text: p.text, score: p.score })),
    ...(a.byDocument ? { byDocument: a.byDocument.map((d) => ({ doc: d.doc, title: d.title, answer: d.answer, passage: d.passage })) } : {}),
    ...(a.related ? { related: a.related.map((p) => ({ id: p.id, doc: p.doc, text: p.text, score: p.score })) } : {}),
  };
}

/**
 * Answers one question; a refused question (empty, too long…) becomes a not-found result with its
 * message. With a session, the question is the next turn of its conversation.
 */
export function askOne(engine: Engine, question: string, json: boolean, session?: { conversation: Conversation | null }): string {
  try {
    let a: Answer;
    if (session) {
      const turn = converse(engine, session.conversation, question);
      session.conversation = turn.conversation;
      a = turn.answer;
    } else a = engine.answer(question);
    if (!json) return formatAnswer(a, engine.source.documents);
    return JSON.stringify(session ? { ...toJson(a), understood: a.understood ?? a.question } : toJson(a));
  } catch (error) {
    const message = userMessage(error);
    if (!json) return message;
    const code = isBotError(error) ? error.code : 'INTERNAL';
    return JSON.stringify({ question, found: false, confidence: 'none', answer: message, figures: [], passages: [], ...(session ? { understood: question } : {}), error: code } satisfies AskJson);
  }
}

async function main(): Promise<number> {
  const line = parseCommandLine('ask', USAGE, {
    json: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    conversation: { type: 'boolean', default: false },
  });
  if (!line.ok) return line.code;
  const { values, positionals } = line;
  const config = loadConfig();
  const engine = await openEngine(config);
  if (values.explain) {
    // For whoever tunes config/synonyms.txt and stopwords.txt: the terms, their weights, the top hits.
    await write(process.stdout, `${JSON.stringify(engine.explain(positionals.join(' ')), null, 2)}\n`);
    return 0;
  }
  const json = values.json ?? false;
  if (positionals.length > 0) {
    await write(process.stdout, `${askOne(engine, positionals.join(' '), json)}\n`);
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  if (values.conversation) {
    // One conversation per block of lines: an empty line starts the next.
    const session = { conversation: null as Conversation | null };
    for await (const question of rl) {
      if (!question.trim()) session.conversation = null;
      else await write(process.stdout, `${askOne(engine, question, json, session)}\n${json ? '' : '\n'}`);
    }
    return 0;
  }
  for await (const question of rl) await write(process.stdout, `${askOne(engine, question, json)}\n${json ? '' : '\n'}`);
  return 0;
}

quietOnClosedPipe();
main().then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    process.stderr.write(`${isBotError(error) ? error.message : String((error as Error)?.stack ?? error)}\n`);
    return exitWhenFlushed(1);
  },
);
