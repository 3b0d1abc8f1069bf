/** Unit tests of the bounded state behind buttons. */
import { expect, test } from 'vitest';
import { LruMap, TextRefs, keyOf } from '../../src/discord/state.js';

test('LruMap keeps the most recently used entries', () => {
  const m = new LruMap<string, number>(2);
  m.set('a', 1);
  m.set('b', 2);
  expect(m.get('a')).toBe(1); // a is now the most recent
  m.set('c', 3);
  expect(m.get('b')).toBeUndefined();
  expect(m.get('a')).toBe(1);
  expect(m.get('c')).toBe(3);
  expect(m.size).toBe(2);
});

test('TextRefs gives short custom_id-safe keys and recalls them', () => {
  const refs = new TextRefs();
  const q = '昌吉州'.repeat(300);
  const key = refs.remember(q);
  expect(key).toBe(keyOf(q));
  expect(key).toMatch(/^[A-Za-z0-9_-]{12}$/);
  expect(refs.recall(key)).toBe(q);
  expect(refs.recall('nope')).toBeUndefined();
});
