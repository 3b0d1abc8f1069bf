/** Discord's limits: truncation, clamping every embed, joining lines within a budget. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { clampEmbed, joinWithin, truncate } from '../../src/discord/limits.js';
import { expectWithinLimits } from '../support/embed-limits.js';


describe('truncate', () => {
  test('keeps short text, cuts long text to the limit with an ellipsis, never splits a surrogate pair', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (s, max) => {
        const out = truncate(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.isWellFormed()).toBe(true);
        if (s.length <= max) expect(out).toBe(s);
      }),
    );
  });
});

describe('clampEmbed', () => {
  test('any embed ends up within every Discord limit', () => {
    const field = fc.record({ name: fc.string({ maxLength: 400 }), value: fc.string({ maxLength: 1500 }) });
    fc.assert(
      fc.property(
        fc.record({
          title: fc.string({ maxLength: 400 }),
          description: fc.string({ maxLength: 6000 }),
          fields: fc.array(field, { maxLength: 30 }),
          footer: fc.record({ text: fc.string({ maxLength: 3000 }) }),
        }),
        (e) => expectWithinLimits(clampEmbed(e)),
      ),
      { numRuns: 100 },
    );
  });
});

describe('joinWithin', () => {
  test('joinWithin drops whole lines to fit, noting it', () => {
    expect(joinWithin(['aaaa', 'bbbb', 'cccc'], 12)).toBe('aaaa\nbbbb\n…');
    expect(joinWithin([], 10)).toBe('—');
  });
});
