import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../hash/sha256';
import { assignMaterialIds, materialId } from './material-id';

const item = { department: '市公安局', code: '340100-XK-001', name: '户口迁移登记' };

describe('materialId', () => {
  it('is the first 16 hex digits of sha256(department|code|normalized name)', () => {
    expect(materialId(item, '1、居民身份证（复印件）')).toBe(
      sha256Hex('市公安局|340100-XK-001|居民身份证').slice(0, 16),
    );
  });

  it('uses the item name when there is no code', () => {
    expect(materialId({ department: '市公安局', name: '户口迁移登记' }, '居民身份证')).toBe(
      sha256Hex('市公安局|户口迁移登记|居民身份证').slice(0, 16),
    );
  });

  it('appends #2, #3 for repeated names in one item', () => {
    const ids = assignMaterialIds([
      { item, name: '照片' },
      { item, name: '照片（原件）' },
      { item, name: '申请表' },
      { item, name: '照片' },
    ]).map((m) => m.id);
    expect(ids[1]).toBe(`${ids[0]}#2`);
    expect(ids[3]).toBe(`${ids[0]}#3`);
    expect(new Set(ids).size).toBe(4);
  });

  it('does not depend on the order of differently named materials or of items', () => {
    const other = { ...item, code: 'X-2' };
    const list = [
      { item, name: '申请表' },
      { item: other, name: '照片' },
      { item, name: '照片' },
    ];
    const forward = new Map(assignMaterialIds(list).map((m) => [`${m.item.code}|${m.name}`, m.id]));
    const backward = new Map(
      assignMaterialIds([...list].reverse()).map((m) => [`${m.item.code}|${m.name}`, m.id]),
    );
    expect(backward).toEqual(forward);
  });

  it('fills unknown facts', () => {
    const [m] = assignMaterialIds([{ item, name: '照片' }]);
    expect(m).toMatchObject({ necessary: 'unknown', shareable: 'unknown', departmentProposal: 'unknown' });
  });
});
