import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../store/types';
import { planProgrammeWrite, publishedCountsOf } from './store';

const batch = (id: string, departments: string[]): BatchRecord => ({
  id,
  title: `批次${id}`,
  jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
  departments,
  stage: 'centralized-review',
  details: {},
  listRevision: 0,
  createdAt: '2018-02-01T00:00:00Z',
  updatedAt: '2018-02-01T00:00:00Z',
});
const input = {
  id: 'p',
  title: '专项',
  units: [{ name: '市民政局', batch: 'b1' }],
  batches: [{ id: 'b1', title: '写错的标题', stage: 'draft' }],
};
const at = '2018-03-01T00:00:00Z';
const ctx = { actor: { id: 'admin-1', role: 'admin' as const } };

describe('planProgrammeWrite', () => {
  it('takes the batch title and stage the store holds and audits the creation', () => {
    const plan = planProgrammeWrite(
      input,
      { existing: undefined, batches: [batch('b1', ['市民政局'])], at },
      ctx,
    );
    expect(plan.result.programme.batches).toEqual([
      { id: 'b1', title: '批次b1', stage: 'centralized-review' },
    ]);
    expect(plan.result).toMatchObject({ revision: 1, createdAt: at, updatedAt: at });
    expect(plan.audit).toMatchObject([
      { action: 'programme.create', target: 'p', before: null, actor: 'admin-1' },
    ]);
    expect([...plan.statements].map((st) => st.sql)).toEqual(['insertProgramme']);
  });

  it('refuses what the guards refuse, each with its own code', () => {
    const read = { existing: undefined, batches: [batch('b1', ['市民政局'])], at };
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { code: string; guard?: string }).guard ?? (error as { code: string }).code;
      }
      return 'none';
    };
    expect(codeOf(() => planProgrammeWrite(input, { ...read, batches: [] }, ctx))).toBe(
      'programme-batch-exists',
    );
    expect(
      codeOf(() => planProgrammeWrite(input, { ...read, batches: [batch('b1', ['市公安局'])] }, ctx)),
    ).toBe('programme-unit-in-batch');
    expect(codeOf(() => planProgrammeWrite({ ...input, units: [] }, read, ctx))).toBe('PROGRAMME_INVALID');
    const existing = planProgrammeWrite(input, read, ctx).result;
    expect(codeOf(() => planProgrammeWrite(input, { ...read, existing }, ctx))).toBe('ALREADY_EXISTS');
    expect(codeOf(() => planProgrammeWrite(input, { ...read, existing }, ctx, 7))).toBe('VERSION_CONFLICT');
    expect(codeOf(() => planProgrammeWrite({ ...input, id: 'q' }, { ...read, existing }, ctx, 1))).toBe(
      'programme-id-unchanged',
    );
    expect(planProgrammeWrite(input, { ...read, existing }, ctx, 1).result.revision).toBe(2);
  });

  it('reads a publication summary’s byDepartment as stored text or parsed', () => {
    const rows = [{ department: '市民政局', materials: 3, cancelled: 1, items: 1 }];
    expect(publishedCountsOf(JSON.stringify(rows))).toEqual([
      { department: '市民政局', materials: 3, cancelled: 1 },
    ]);
    expect(publishedCountsOf(null)).toBeNull();
  });
});
