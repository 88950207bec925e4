import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGS } from './defaults';
import { createAliasExpander, searchAliasGroups } from './search-aliases';

describe('search aliases', () => {
  const expand = createAliasExpander(searchAliasGroups(DEFAULT_CATALOGS));

  it('spells a query with each name of its document: 社保卡 → 社会保障卡, and the catalogs’ aliases', () => {
    expect(expand('社保卡')).toContain('社会保障卡');
    expect(expand('社保卡申领')).toContain('社会保障卡申领');
    expect(expand('身份证')).toContain('居民身份证');
    expect(expand('户口本')).toContain('居民户口簿');
    // From the shared-data catalog: 社保缴费证明 is an alias of 社会保险参保证明.
    expect(expand('社保缴费证明')).toContain('社会保险参保证明');
    expect(expand('社保卡')[0]).toBe('社保卡');
  });

  it('takes the longest alias inside a query, and bounds the spellings', () => {
    expect(expand('居民身份证')).not.toContain('居民居民身份证');
    // Never widened to a shorter name inside the query: 居民身份证 does not become 身份证.
    expect([...expand('居民身份证')].sort()).toEqual(['二代身份证', '居民身份证', '居民身份证明'].sort());
    expect(expand('营业执照')).not.toContain('执照');
    expect(expand('无关材料')).toEqual(['无关材料']);
    const many = createAliasExpander([['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']], 4);
    expect(many('a')).toHaveLength(4);
  });

  it('adds a city’s own catalog aliases, merged with the groups that share a name', () => {
    const groups = searchAliasGroups({
      sharedData: [{ name: '社会保障卡', aliases: ['第三代社保卡'], source: '人社' }],
    } as never);
    const group = groups.find((g) => g.includes('社会保障卡'))!;
    expect(group).toEqual(expect.arrayContaining(['社会保障卡', '社保卡', '第三代社保卡']));
  });
});
