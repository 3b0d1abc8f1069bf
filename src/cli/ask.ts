/** `npm run ask -- "问题"`: one answer for a person, or `--json`; with no question, one per stdin line; `--explain` shows how it was ranked. */
import 'dotenv/config';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { isBotError, userMessage } from '../core/errors.js';
import type { Answer, Engine } from '../core/types.js';
import { formatAnswer } from '../console/format.js';
import { openEngine } from './open-engine.js';

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
    ...(a.related ? { related: a.related.map((p) => ({ id: p.id, doc: p.doc, text: p.text, score: p.score })) } : {}),
  };
}

/** Answers one question; a refused question (empty, too long…) becomes a not-found result with its message. */
export function askOne(engine: Engine, question: string, json: boolean): string {
  try {
    const a = engine.answer(question);
    return json ? JSON.stringify(toJson(a)) : formatAnswer(a, engine.source.documents);
  } catch (error) {
    const message = userMessage(error);
    if (!json) return message;
    const code = isBotError(error) ? error.code : 'INTERNAL';
    return JSON.stringify({ question, found: false, confidence: 'none', answer: message, figures: [], passages: [], error: code } satisfies AskJson);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { json: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const config = loadConfig();
  const engine = await openEngine(config);
  if (values.explain) {
    // For whoever tunes config/synonyms.txt and stopwords.txt: the terms, their weights, the top hits.
    process.stdout.write(`${JSON.stringify(engine.explain(positionals.join(' ')), null, 2)}
`);
    return;
  }
  const json = values.json ?? false;
  if (positionals.length > 0) {
    process.stdout.write(`${askOne(engine, positionals.join(' '), json)}\n`);
    return;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) process.stdout.write(`${askOne(engine, line, json)}\n${json ? '' : '\n'}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${isBotError(error) ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
