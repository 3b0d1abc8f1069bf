/** The /reload embeds. */
import { describe, expect, test } from 'vitest';
import { reloadEmbed } from '../../../src/discord/embeds/reload.js';

describe('reloadEmbed', () => {
  test('says what changed: documents, passages, figures, and warnings', () => {
    const r = reloadEmbed({
      documents: { added: ['new'], removed: [], changed: ['doc'] },
      passages: { added: 3, removed: 1, changed: 2, total: 30 },
      figures: { before: 10, after: 12 },
      repairs: 4,
      ms: 150,
      warnings: ['snapshot not written'],
    });
    expect(r.description).toContain('+1 −0 ~1');
    expect(r.description).toContain('+3 −1 ~2, 30');
    expect(r.description).toContain('10 → 12');
    expect(r.description).toContain('⚠️ snapshot not written');
  });
});
