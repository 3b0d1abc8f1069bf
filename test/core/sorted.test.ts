/** lowerBound: the bisection the core's sorted lookups share (candidate rows, passage ids, completions). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound } from '../../src/core/sorted.js';

describe('lowerBound', () => {
  it('gives the first position not before the value, as a linear search would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -5, max: 55 }), (xs, v) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const linear = sorted.findIndex((x) => x >= v);
        expect(lowerBound(sorted.length, (k) => sorted[k]! < v)).toBe(linear < 0 ? sorted.length : linear);
      }),
    );
  });
  it('is 0 for an empty range', () => {
    expect(lowerBound(0, () => true)).toBe(0);
  });
});
