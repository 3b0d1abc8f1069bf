/**
 * Conversation evaluation: two- and three-turn conversations (over the seed article and over
 * DRCD / CMRC 2018 articles) asked turn by turn through `converse`, scoring the follow-ups and
 * checking that second turns which stand alone are never rewritten.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { converse, type Conversation } from '../../src/core/conversation.js';
import type { Answer, Engine } from '../../src/core/types.js';
import { normalizeAnswer, parseSquad, writeSquadCorpus, type SquadDocument } from './squad.js';

/** Where a conversation's article comes from. */
export type ConversationSource = 'seed' | 'cmrc' | 'drcd';

/** One turn: what is asked, how it should be understood, and what answers it (exact substrings of the document). */
export interface ConversationTurnItem {
  question: string;
  understood: string;
  answer: string;
  passage: string;
  /** A later turn that names its own topic: it must be answered as typed, not rewritten. */
  standalone?: boolean;
}

/** One conversation of the set. */
export interface ConversationItem {
  id: string;
  source: ConversationSource;
  /** The article's title (`seed` for the seed article). */
  article: string;
  turns: ConversationTurnItem[];
}

/** The committed set, written blind from the documents. */
export const CONVERSATIONS_FILE = fileURLToPath(new URL('./conversations.json', import.meta.url));
/** The articles its DRCD / CMRC conversations are about, committed so `npm test` needs nothing outside the repository. */
export const CONVERSATION_ARTICLES_DIR = fileURLToPath(new URL('../fixtures/conversations/', import.meta.url));
/** The full development sets, when present (not in every CI context). */
export const SHARED_QA_DIR = fileURLToPath(new URL('../../../shared/qa/', import.meta.url));
/** The file of each set in `SHARED_QA_DIR` and in the fixture folder. */
export const SET_FILES: Record<Exclude<ConversationSource, 'seed'>, { shared: string; fixture: string }> = {
  cmrc: { shared: 'cmrc2018_trial.json', fixture: 'cmrc2018_trial.articles.json' },
  drcd: { shared: 'drcd_dev.json', fixture: 'drcd_dev.articles.json' },
};

/** Reads and validates the set; throws naming the entry on a malformed one. */
export function loadConversations(file: string = CONVERSATIONS_FILE): ConversationItem[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected an array of conversations`);
  return data.map((raw: unknown, index) => {
    const o = raw as Record<string, unknown>;
    const where = `${file}[${index}] (${String(o?.id)})`;
    if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || !o.id) throw new Error(`${where}: missing id`);
    if (o.source !== 'seed' && o.source !== 'cmrc' && o.source !== 'drcd') throw new Error(`${where}: bad source`);
    if (typeof o.article !== 'string' || !o.article) throw new Error(`${where}: missing article`);
    if (!Array.isArray(o.turns) || o.turns.length < 2) throw new Error(`${where}: needs two turns or more`);
    const turns = o.turns.map((t: unknown, i: number) => {
      const turn = t as Record<string, unknown>;
      for (const key of ['question', 'understood', 'answer', 'passage'] as const) {
        if (typeof turn?.[key] !== 'string' || !(turn[key] as string).trim()) throw new Error(`${where} turn ${i + 1}: missing ${key}`);
      }
      if (turn.standalone !== undefined && typeof turn.standalone !== 'boolean') throw new Error(`${where} turn ${i + 1}: standalone must be a boolean`);
      return turn as unknown as ConversationTurnItem;
    });
    return { id: o.id, source: o.source, article: o.article, turns };
  });
}

/** The articles of a SQuAD-format file whose titles are listed, in file order. */
export function articlesOf(json: string, titles: ReadonlySet<string>): SquadDocument[] {
  return parseSquad(json).documents.filter((d) => titles.has(d.title));
}

/** What happened to one turn. */
export interface TurnResult {
  id: string;
  source: ConversationSource;
  turn: number;
  question: string;
  expected: string;
  understood: string;
  rewritten: boolean;
  standalone: boolean;
  found: boolean;
  answer: string;
  topPassage: string;
  ok: boolean;
  /** Whether the written `understood` question, asked alone, is answered right: the engine's ceiling for this turn. */
  oracleOk: boolean;
  /** Whether the question as typed, asked alone (no conversation), is answered right: the baseline. */
  typedOk: boolean;
  error?: string;
}

/** A turn is answered right when the top passage holds the expected passage and the direct answer or that passage holds the answer. */
export function turnRight(answer: Answer | null, item: ConversationTurnItem): boolean {
  if (!answer?.found) return false;
  const top = normalizeAnswer(answer.passages[0]?.text ?? '');
  const passage = normalizeAnswer(item.passage);
  const expected = normalizeAnswer(item.answer);
  return top.includes(passage) && (normalizeAnswer(answer.answer).includes(expected) || top.includes(expected));
}

/** Whether a question asked on its own answers a turn right. */
function alone(engine: Pick<Engine, 'answer'>, question: string, turn: ConversationTurnItem): boolean {
  try {
    return turnRight(engine.answer(question, { limit: 3 }), turn);
  } catch {
    return false;
  }
}

/** Asks every conversation turn by turn, each on the engine of its source. */
export function runConversations(engines: Partial<Record<ConversationSource, Pick<Engine, 'answer' | 'reader' | 'passage'>>>, items: readonly ConversationItem[]): TurnResult[] {
  const results: TurnResult[] = [];
  for (const item of items) {
    const engine = engines[item.source];
    if (!engine) continue;
    let conversation: Conversation | null = null;
    item.turns.forEach((turn, i) => {
      let answer: Answer | null = null;
      let understood = turn.question;
      let error: string | undefined;
      try {
        const r = converse(engine, conversation, turn.question, { limit: 3 });
        answer = r.answer;
        understood = r.answer.understood ?? turn.question;
        conversation = r.conversation;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      results.push({
        id: item.id,
        source: item.source,
        turn: i + 1,
        question: turn.question,
        expected: turn.understood,
        understood,
        rewritten: understood !== turn.question,
        standalone: i > 0 && turn.standalone === true,
        found: answer?.found ?? false,
        answer: answer?.answer ?? '',
        topPassage: answer?.passages[0]?.text ?? '',
        ok: turnRight(answer, turn),
        oracleOk: alone(engine, turn.understood, turn),
        typedOk: alone(engine, turn.question, turn),
        ...(error ? { error } : {}),
      });
    });
  }
  return results;
}

/** The shares printed and gated. */
export interface ConversationMetrics {
  conversations: number;
  firstTurns: number;
  firstRight: number;
  followUps: number;
  /** Follow-up turns (second and later, not standalone) answered right. */
  followUpRight: number;
  /** The same turns with their written `understood` question asked alone: what a perfect reading would reach. */
  followUpOracle: number;
  /** The same turns asked as typed, without the conversation: the baseline. */
  followUpTyped: number;
  standalone: number;
  /** Standalone later turns answered as typed (not rewritten). */
  standaloneUnchanged: number;
  standaloneRight: number;
  bySource: Record<string, { followUps: number; followUpRight: number }>;
}

const share = (n: number, d: number): number => (d === 0 ? 0 : n / d);

/** Aggregates turn results. */
export function conversationMetrics(results: readonly TurnResult[]): ConversationMetrics {
  const first = results.filter((r) => r.turn === 1);
  const follow = results.filter((r) => r.turn > 1 && !r.standalone);
  const alone = results.filter((r) => r.standalone);
  const bySource: ConversationMetrics['bySource'] = {};
  for (const source of new Set(results.map((r) => r.source))) {
    const f = follow.filter((r) => r.source === source);
    bySource[source] = { followUps: f.length, followUpRight: share(f.filter((r) => r.ok).length, f.length) };
  }
  return {
    conversations: first.length,
    firstTurns: first.length,
    firstRight: share(first.filter((r) => r.ok).length, first.length),
    followUps: follow.length,
    followUpRight: share(follow.filter((r) => r.ok).length, follow.length),
    followUpOracle: share(follow.filter((r) => r.oracleOk).length, follow.length),
    followUpTyped: share(follow.filter((r) => r.typedOk).length, follow.length),
    standalone: alone.length,
    standaloneUnchanged: share(alone.filter((r) => !r.rewritten).length, alone.length),
    standaloneRight: share(alone.filter((r) => r.ok).length, alone.length),
    bySource,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The failures, then the summary, as plain text. */
export function formatConversations(results: readonly TurnResult[], m: ConversationMetrics): string {
  const lines: string[] = [];
  const failed = results.filter((r) => (r.turn > 1 && !r.ok) || (r.standalone && r.rewritten) || r.error);
  lines.push(`Follow-up failures: ${failed.length}`);
  for (const r of failed) {
    lines.push('');
    lines.push(`${r.id}.${r.turn} [${r.source}${r.standalone ? ', standalone' : ''}] ${r.question}`);
    lines.push(`  understood: ${r.understood}${r.rewritten ? '' : ' (as typed)'}`);
    lines.push(`  expected:   ${r.expected}`);
    lines.push(`  oracle:     ${r.oracleOk ? 'right' : 'wrong'} with the written understood`);
    lines.push(`  got:        found=${r.found} ${r.answer.replace(/\s+/g, ' ').slice(0, 60)}`);
    lines.push(`  top:        ${r.topPassage.replace(/\s+/g, ' ').slice(0, 80)}`);
    if (r.error) lines.push(`  error:      ${r.error}`);
  }
  lines.push('');
  lines.push(`conversations:                 ${m.conversations}`);
  lines.push(`first turns right:             ${pct(m.firstRight)} (${Math.round(m.firstRight * m.firstTurns)}/${m.firstTurns})`);
  lines.push(`follow-ups answered right:     ${pct(m.followUpRight)} (${Math.round(m.followUpRight * m.followUps)}/${m.followUps})`);
  lines.push(`  asked as typed, no context:   ${pct(m.followUpTyped)} (the baseline)`);
  lines.push(`  with the written understood:  ${pct(m.followUpOracle)} (the engine's ceiling for a perfect reading)`);
  for (const [source, s] of Object.entries(m.bySource)) lines.push(`  ${source.padEnd(28)} ${pct(s.followUpRight)} (${Math.round(s.followUpRight * s.followUps)}/${s.followUps})`);
  lines.push(`standalone turns not rewritten: ${pct(m.standaloneUnchanged)} (${Math.round(m.standaloneUnchanged * m.standalone)}/${m.standalone}); answered right ${pct(m.standaloneRight)}`);
  return lines.join('\n');
}

/** Builds the engines a set needs: the seed from `corpus/`, each other source from its articles (shared sets when present, else the fixture). */
export async function buildConversationEngines(
  root: string,
  items: readonly ConversationItem[],
  options: { qaDir?: string | null } = {},
): Promise<{ engines: Partial<Record<ConversationSource, Engine>>; from: Record<string, string> }> {
  const { buildEngine } = await import('../../src/core/build.js');
  const configDir = path.join(root, 'config');
  const engines: Partial<Record<ConversationSource, Engine>> = {};
  const from: Record<string, string> = {};
  if (items.some((i) => i.source === 'seed')) {
    engines.seed = await buildEngine({ corpusDir: path.join(root, 'corpus'), configDir });
    from.seed = 'corpus/';
  }
  for (const source of ['cmrc', 'drcd'] as const) {
    const titles = new Set(items.filter((i) => i.source === source).map((i) => i.article));
    if (titles.size === 0) continue;
    const shared = options.qaDir === null ? null : path.join(options.qaDir ?? SHARED_QA_DIR, SET_FILES[source].shared);
    const file = shared && existsSync(shared) ? shared : path.join(CONVERSATION_ARTICLES_DIR, SET_FILES[source].fixture);
    const documents = articlesOf(readFileSync(file, 'utf8'), titles);
    const dir = mkdtempSync(path.join(tmpdir(), `wenda-conv-${source}-`));
    try {
      writeSquadCorpus(dir, documents);
      engines[source] = await buildEngine({ corpusDir: dir, configDir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    from[source] = `${path.relative(root, file)} (${documents.length} articles)`;
  }
  return { engines, from };
}
