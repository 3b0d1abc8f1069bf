/** Unit tests of the per-user cooldown. */
import { expect, test } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';

test('a user waits the configured seconds; others do not; 0 disables it', () => {
  let now = 0;
  const c = new Cooldown(5, () => now);
  expect(c.take('a')).toEqual({ ok: true });
  expect(c.take('b')).toEqual({ ok: true });
  now = 1_200;
  expect(c.take('a')).toEqual({ ok: false, retryAfter: 4 });
  now = 4_999;
  expect(c.take('a')).toEqual({ ok: false, retryAfter: 1 });
  now = 5_000;
  expect(c.take('a')).toEqual({ ok: true });
  const off = new Cooldown(0, () => now);
  expect(off.take('a')).toEqual({ ok: true });
  expect(off.take('a')).toEqual({ ok: true });
});
