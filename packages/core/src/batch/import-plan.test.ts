import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/create-engine';
import { assignMaterialIds } from '../model/material-id';
import { ImportScopeError, planImport } from './import-plan';

const engine = createEngine();
function entries(department: string, names: string[]) {
  const materials = assignMaterialIds(
    names.map((name) => ({ item: { department, name: '个体工商户登记' }, name, legalBasis: '《条例》' })),
  );
  const decisions = engine.evaluate(materials);
  return materials.map((material, i) => ({ material, decision: decisions[i]! }));
}

describe('planImport', () => {
  it('keeps a settled decision whose id survives, refreshes proposals, removes what the file no longer lists', () => {
    const first = entries('市场监管局', ['营业执照', '申请书', '场所证明']);
    const settled = {
      ...first[1]!.decision,
      status: 'overridden' as const,
      verdict: 'cancel' as const,
      note: '非必要',
    };
    const existing = [
      { id: first[0]!.material.id, department: '市场监管局', decision: first[0]!.decision },
      { id: first[1]!.material.id, department: '市场监管局', decision: settled },
      { id: first[2]!.material.id, department: '市场监管局', decision: first[2]!.decision },
      { id: 'other', department: '公安局', decision: first[0]!.decision },
    ];
    const second = entries('市场监管局', ['申请书', '经营场所使用证明', '营业执照']);
    const plan = planImport(existing, 7, { departments: ['市场监管局'], entries: second, source: 'm.xlsx' });
    expect(plan.result).toEqual({
      departments: ['市场监管局'],
      added: 1,
      updated: 2,
      removed: 1,
      keptDecisions: 1,
    });
    expect(plan.remove).toEqual([first[2]!.material.id]);
    expect(plan.rows.map((r) => [r.seq, r.write])).toEqual([
      [8, 'update'],
      [9, 'insert'],
      [10, 'update'],
    ]);
    expect(plan.rows[0]!.decision).toBe(settled);
    expect(plan.before).toEqual({ 市场监管局: 3 });
    expect(plan.after).toEqual({ 市场监管局: 3 });
  });

  it('refuses an entry outside the declared departments', () => {
    expect(() =>
      planImport([], 0, {
        departments: ['公安局'],
        entries: entries('市场监管局', ['营业执照']),
        source: 'x',
      }),
    ).toThrow(ImportScopeError);
  });
});
