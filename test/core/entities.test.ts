/** People named in a passage: after a title, before a verb of saying, in a photo credit. */
import { describe, expect, it } from 'vitest';
import { findPeople } from '../../src/core/entities.js';

describe('findPeople', () => {
  it('finds a name between a title and a verb of saying', () => {
    expect(findPeople('州长郑敏作介绍。')).toEqual(['郑敏']);
    expect(findPeople('记者盖有军报道')).toEqual(['盖有军']);
  });
  it('finds the photographer of a caption', () => {
    expect(findPeople('工人在安装组件。何龙摄')).toEqual(['何龙']);
  });
  it('finds a speaker opening a clause', () => {
    expect(findPeople('“今天的乌苏，潜力巨大。”王明表示，乌苏将继续推动高质量发展。')).toEqual(['王明']);
  });
  it('lists each name once, in order of first appearance', () => {
    expect(findPeople('州长郑敏介绍，记者盖有军报道，郑敏表示欢迎。')).toEqual(['郑敏', '盖有军']);
  });
  it('finds nobody in a sentence that names no one', () => {
    expect(findPeople('全市发电量达410亿千瓦时，增长较快。')).toEqual([]);
  });
});
