/** Unit tests of the button custom_ids: round trips, the 100-character limit, long passage ids by key. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { answerButtons, decodeAction, encodeAction, passageRef, resolvePassageRef, searchButtons, type ButtonAction } from '../../src/discord/components.js';
import { TextRefs, keyOf } from '../../src/discord/text-refs.js';
import type { Engine, Passage } from '../../src/core/types.js';

describe('custom ids', () => {
  test('every action round-trips and stays within 100 characters', () => {
    const refs = new TextRefs();
    const ref = fc.string({ minLength: 1, maxLength: 200 }).map((id) => passageRef(id, refs));
    const key = fc.string({ minLength: 1, maxLength: 500 }).map((q) => refs.remember(q));
    const script = fc.constantFrom('simplified' as const, 'traditional' as const);
    const action: fc.Arbitrary<ButtonAction> = fc.oneof(
      key.map((questionKey) => ({ kind: 'more' as const, questionKey })),
      fc.record({ kind: fc.constant('page' as const), page: fc.integer({ min: 0, max: 9999 }), questionKey: key }),
      fc.record({ kind: fc.constant('show' as const), script, passageRef: ref }),
      fc.record({ kind: fc.constant('nav' as const), script, passageRef: ref }),
      fc.record({ kind: fc.constant('fb' as const), vote: fc.constantFrom('up' as const, 'down' as const), questionKey: key, passageRef: ref }),
      fc.record({ kind: fc.constant('figs' as const), page: fc.integer({ min: 0, max: 9999 }), topicKey: key }),
    );
    fc.assert(
      fc.property(action, (a) => {
        const id = encodeAction(a);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(decodeAction(id)).toEqual(a);
      }),
    );
  });

  test('foreign or malformed ids decode to null', () => {
    for (const id of ['', 'noop:previous', 'more:', 'page:x:k', 'fb:maybe:k:p', 'show:x:id', 'figs:1']) expect(decodeAction(id)).toBeNull();
  });

  test('a long passage id goes by key and is found again, even once forgotten', () => {
    const long = 'a-very-long-document-name-'.repeat(4) + '#p1.s1';
    const refs = new TextRefs(1);
    const ref = passageRef(long, refs);
    expect(ref).toBe('~' + keyOf(long));
    const engine = { passages: () => [{ id: long } as Passage] } as unknown as Engine;
    expect(resolvePassageRef(ref, refs, engine)).toBe(long);
    refs.remember('something else'); // evicts the id
    expect(resolvePassageRef(ref, refs, engine)).toBe(long);
    expect(resolvePassageRef('~' + keyOf('unknown'), refs, engine)).toBeNull();
    expect(resolvePassageRef('doc#p1.s1', refs, engine)).toBe('doc#p1.s1');
  });
});

describe('button rows', () => {
  test('answer buttons: more, show, 👍, 👎; unique ids', () => {
    const [row] = answerButtons('KEY', 'doc#p1.s1', 'simplified');
    expect(row!.components.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual(['more:KEY', 'show:s:doc#p1.s1', 'fb:up:KEY:doc#p1.s1', 'fb:down:KEY:doc#p1.s1']);
  });

  test('search buttons: at most 5 per row, unique ids, previous disabled on the first page and next on the last', () => {
    const rows = searchButtons('K', 0, 1, 1, ['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'simplified');
    for (const r of rows) expect(r.components.length).toBeLessThanOrEqual(5);
    const ids = rows.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(new Set(ids).size).toBe(ids.length);
    const nav = rows.at(-1)!.components;
    expect(nav.map((c) => c.disabled)).toEqual([true, true]);
  });
});
