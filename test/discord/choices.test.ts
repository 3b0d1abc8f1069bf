/** Autocomplete choices within Discord's limits. */
import { describe, expect, test } from 'vitest';
import type { ScoredPassage, } from '../../src/core/types.js';
import { passageChoices } from '../../src/discord/choices.js';

const passage = (id: string, text: string, matched: string[] = []): ScoredPassage => ({ id, doc: 'doc', text, score: 1, matched });

describe('passageChoices', () => {
  test('autocomplete choices: at most 25, names and values within 100 characters, no duplicates', () => {
    const many = Array.from({ length: 40 }, (_, i) => passage(`doc#p${i}.s1`, '煤电'.repeat(200), []));
    const choices = passageChoices(many, 'simplified', (p) => p.id);
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(passageChoices([many[0]!, many[0]!], 'simplified', (p) => p.id)).toHaveLength(1);
    expect(passageChoices([passage('x'.repeat(101), 'a')], 'simplified', (p) => p.id)).toEqual([]);
  });
});
