/** /reload's first line in sharded mode: how many shards took the new index, by the one rule. */
import { expect, test } from 'vitest';
import { shardsLine } from '../../../src/discord/commands/reload.js';

test('says how many shards swapped, and names those that did not, Chinese first', () => {
  expect(shardsLine({ updated: 2, total: 2, failed: [] })).toBe('已重新加载，2/2 个分片已更新。 Reloaded: 2/2 shards updated.');
  expect(shardsLine({ updated: 2, total: 3, failed: [1] }).split('\n')).toEqual([
    '已重新加载，2/3 个分片已更新。 Reloaded: 2/3 shards updated.',
    '⚠️ 分片 1 未更新，仍使用旧索引。 Shard 1 not updated: still serving the previous index.',
  ]);
});
