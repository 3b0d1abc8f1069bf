/** The conversation set as a test: its shape, its substrings in the documents, and follow-up accuracy on the committed articles. */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src/core/types.js';
import { buildConversationEngines, conversationMetrics, loadConversations, runConversations, type ConversationMetrics, type ConversationSource, type TurnResult } from './conversations.js';
import { normalizeAnswer } from './squad.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const items = loadConversations();

describe('conversation set: shape', () => {
  it('has ≥ 90 two- and three-turn conversations over the seed and both sets, with standalone later turns', () => {
    expect(items.length).toBeGreaterThanOrEqual(90);
    for (const source of ['seed', 'cmrc', 'drcd']) expect(items.some((i) => i.source === source), source).toBe(true);
    expect(items.every((i) => i.turns.length >= 2 && i.turns.length <= 3)).toBe(true);
    expect(items.flatMap((i) => i.turns.slice(1)).filter((t) => t.standalone).length).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });
});

describe('conversation set on the committed articles', () => {
  let engines: Partial<Record<ConversationSource, Engine>>;
  let results: TurnResult[];
  let m: ConversationMetrics;
  beforeAll(async () => {
    // Only committed files: the fixture articles, never ../shared/qa.
    ({ engines } = await buildConversationEngines(root, items, { qaDir: null }));
    results = runConversations(engines, items);
    m = conversationMetrics(results);
  }, 120_000);

  it('finds every answer and passage substring in its source\'s documents', () => {
    const missing: string[] = [];
    for (const item of items) {
      const texts = engines[item.source]!.passages().map((p) => normalizeAnswer(p.text));
      for (const t of item.turns) if (!texts.some((x) => x.includes(normalizeAnswer(t.passage)) && x.includes(normalizeAnswer(t.answer)))) missing.push(`${item.id} ${t.passage}`);
    }
    expect(missing).toEqual([]);
  });

  const failing = (keep: (r: TurnResult) => boolean): string =>
    results.filter(keep).map((r) => `${r.id}.${r.turn} ${r.question} → ${r.understood}`).join('\n');

  it('never rewrites a later turn that stands alone', () => {
    expect(m.standaloneUnchanged, failing((r) => r.standalone && r.rewritten)).toBe(1);
  });

  // Floors a little under what the reader reaches (86.7% with 69.6% for the same turns asked as
  // typed; the written `understood` questions asked alone, without the conversation's document,
  // reach 77.0%: see README, Quality).
  it('answers ≥ 83% of follow-ups right, more than asking them as typed or the written questions alone', () => {
    expect(m.followUpRight, failing((r) => r.turn > 1 && !r.standalone && !r.ok)).toBeGreaterThanOrEqual(0.83);
    expect(m.followUpRight).toBeGreaterThan(m.followUpTyped);
    expect(m.followUpRight).toBeGreaterThan(m.followUpOracle);
  });

  it('answers standalone later turns as well as asked alone (the conversation\'s document does not lead them astray)', () => {
    const alone = results.filter((r) => r.standalone);
    expect(alone.filter((r) => r.ok).length, failing((r) => r.standalone && r.typedOk && !r.ok)).toBeGreaterThanOrEqual(alone.filter((r) => r.typedOk).length);
  });

  it('answers without throwing', () => {
    expect(results.filter((r) => r.error).map((r) => `${r.id}.${r.turn} ${r.error}`)).toEqual([]);
  });
});
