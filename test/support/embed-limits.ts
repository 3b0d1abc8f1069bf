/** An assertion shared by the embed tests: every length Discord measures an embed by is within its limit. */
import { expect } from 'vitest';
import { LIMITS, embedLength, type clampEmbed } from '../../src/discord/limits.js';

/** Every length an embed is measured by, checked against Discord's limits. */
export function expectWithinLimits(e: ReturnType<typeof clampEmbed>): void {
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
}
