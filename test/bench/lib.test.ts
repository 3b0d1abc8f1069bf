/** The benchmark's own arithmetic and sampling: percentiles, the seeded generator, the question drawer. */
import { describe, expect, it } from 'vitest';
import { byKind, drawQuestions, kindOf } from '../../bench/lib/questions.js';
import { BOT_NODE_OPTIONS, BUILD_NODE_OPTIONS, latency, median, rng } from '../../bench/lib/util.js';
import { buildWorkerLimits } from '../../src/core/heap.js';

describe('latency', () => {
  it('reads nearest-rank percentiles, max and mean, whatever the input order', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    expect(latency(samples)).toEqual({ n: 100, p50: 50, p90: 90, p99: 99, max: 100, mean: 50.5 });
    expect(latency([7])).toMatchObject({ n: 1, p50: 7, p99: 7, max: 7 });
  });
  it('an empty run reports NaN rather than a made-up zero', () => {
    const l = latency([]);
    expect(l.n).toBe(0);
    expect(l.p50).toBeNaN();
    expect(l.max).toBeNaN();
  });
  it('median of an odd and an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('rng', () => {
  it('gives the same sequence for the same seed, another for another, in [0, 1)', () => {
    const a = Array.from({ length: 50 }, rng(42));
    expect(Array.from({ length: 50 }, rng(42))).toEqual(a);
    expect(Array.from({ length: 50 }, rng(43))).not.toEqual(a);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('drawQuestions', () => {
  // Tokens are given by a toy segmenter (two-character chunks), so no jieba is needed.
  const segment = (s: string): string[] => s.match(/\p{Script=Han}{2}|\d+/gu) ?? [];
  const passages = [
    { id: 'a', text: '风电装机超过两千万千瓦' },
    { id: 'b', text: '地区生产总值增长七点八' },
    { id: 'c', text: '短' },
  ];
  it('is deterministic for a seed and asks 2–4 words of one passage, in order', () => {
    const qs = drawQuestions(passages, segment, 30, 7);
    expect(drawQuestions(passages, segment, 30, 7)).toEqual(qs);
    expect(qs).toHaveLength(30);
    for (const q of qs) {
      const words = segment(passages.find((p) => p.id === q.from)!.text);
      const asked = segment(q.text).filter((w) => words.includes(w));
      expect(asked.length).toBeGreaterThanOrEqual(2);
      expect(asked.length).toBeLessThanOrEqual(4);
      // In passage order: their positions in the passage increase.
      const at = asked.map((w) => words.indexOf(w));
      expect([...at].sort((x, y) => x - y)).toEqual(at);
    }
    // A passage with fewer than two content words is never asked about.
    expect(qs.some((q) => q.from === 'c')).toBe(false);
  });
});

describe('kindOf', () => {
  it('names a question by the ending it was drawn with', () => {
    expect(kindOf('风电装机是多少？')).toBe('是多少？');
    expect(kindOf('风电装机在哪里？')).toBe('在哪里？');
    // A bare question mark, and no ending at all, are kinds of their own.
    expect(kindOf('风电装机？')).toBe('？');
    expect(kindOf('风电装机')).toBe('(none)');
  });
  it('groups values by the kind of their question, kinds in code-unit order (byKind)', () => {
    const qs = [{ text: '风电是多少？' }, { text: '风电' }, { text: '装机是多少？' }, { text: '风电？' }];
    expect([...byKind(qs, [1, 2, 3, 4])]).toEqual([['(none)', [2]], ['是多少？', [1, 3]], ['？', [4]]]);
  });
  it('gives every drawn question one of the endings', () => {
    const segment = (s: string): string[] => s.match(/\p{Script=Han}{2}/gu) ?? [];
    const kinds = new Set(drawQuestions([{ id: 'a', text: '风电装机超过两千万千瓦' }], segment, 200, 3).map((q) => kindOf(q.text)));
    expect(kinds).toEqual(new Set(['是多少？', '有哪些？', '是什么？', '在哪里？', '怎么样？', '？', '(none)']));
  });
});

describe('BOT_NODE_OPTIONS and BUILD_NODE_OPTIONS', () => {
  it('are the Node options of npm start (serving) and of the build worker\'s young generation', () => {
    expect(BOT_NODE_OPTIONS).toContain('--max-semi-space-size=2');
    expect(BOT_NODE_OPTIONS.every((a) => a.startsWith('--'))).toBe(true);
    // A process flag of the semi-space that buildWorkerLimits gives the bot's build worker (three of them: its young generation).
    expect(BUILD_NODE_OPTIONS).toEqual([`--max-semi-space-size=${buildWorkerLimits().maxYoungGenerationSizeMb / 3}`]);
  });
});
