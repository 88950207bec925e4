import { describe, expect, it } from 'vitest';
import { createMaterial } from '../model/material';
import { assignMaterialIds, materialId } from '../model/material-id';
import { decide, decideOne, material, POLICE_ITEM } from '../testing/fixtures';
import { createEngine } from './create-engine';

describe('alternatives (domain.md §10)', () => {
  it('cancels a material whose second alternative is shared data, as information sharing, tracing both', () => {
    const decision = decideOne({ name: '村委会出具的居住证明或居民身份证' });
    expect(decision.verdict).toBe('cancel');
    expect(decision.category).toBe('information-sharing');
    expect(decision.ruleId).toBe('shared-data');
    expect(decision.alternatives?.map((a) => [a.name, a.verdict, a.ruleId])).toEqual([
      ['村委会出具的居住证明', 'retain', null],
      ['居民身份证', 'cancel', 'shared-data'],
    ]);
    // Every rule answers for every alternative.
    const ruleIds = createEngine().rules.map((r) => r.id);
    for (const alternative of decision.alternatives ?? [])
      expect(alternative.trace.map((t) => t.ruleId)).toEqual(ruleIds);
    expect(decision.trace).toBe(decision.alternatives?.[1]?.trace);
    expect(decision.reason).toContain('居民身份证');
  });

  it('takes the category of the first cancelling alternative in rule order, not in cell order', () => {
    // 结婚证 is shared data (rule 8); 户籍证明 is proven by the 户口簿 the item requires (rule 5).
    const [, decision] = decide([{ name: '户口簿' }, { name: '结婚证或户籍证明' }]);
    expect(decision?.ruleId).toBe('proven-by-licence');
    expect(decision?.category).toBe('duplicate');
    expect(decision?.alternatives?.map((a) => a.ruleId)).toEqual(['shared-data', 'proven-by-licence']);
  });

  it('retains a material when no alternative is cancelled, and still traces every alternative', () => {
    const decision = decideOne({ name: '房屋租赁合同/购房合同' });
    expect(decision.verdict).toBe('retain');
    expect(decision.alternatives?.map((a) => a.name)).toEqual(['房屋租赁合同', '购房合同']);
    expect(decision.trace).toBe(decision.alternatives?.[0]?.trace);
  });

  it('keeps the id of the whole cell', () => {
    const [m] = assignMaterialIds([material({ name: '学历证书、学位证书之一' })]);
    expect(m?.id).toBe(materialId(POLICE_ITEM, '学历证书、学位证书之一'));
    expect(m?.alternatives).toEqual(['学历证书', '学位证书']);
  });

  it('leaves a 、 list of required materials whole: it is retained, not cancelled by its parts', () => {
    const decision = decideOne({ name: '居民身份证、村委会出具的居住证明' });
    expect(decision.alternatives).toBeNull();
    expect(decision.verdict).toBe('retain');
  });

  it('splits materials built without alternatives (stored before §10) the same way', () => {
    const built = createMaterial(material({ name: '结婚证/离婚证' }), 'x');
    const legacy = { ...built } as Record<string, unknown>;
    delete legacy.alternatives;
    const [decision] = createEngine().evaluate([legacy as unknown as typeof built]);
    expect(decision?.alternatives?.map((a) => a.name)).toEqual(['结婚证', '离婚证']);
  });

  it('gives every material one shape: the same keys in the same order, null where absent', () => {
    const [a, b] = assignMaterialIds([
      { item: POLICE_ITEM, name: '居民身份证' },
      { item: POLICE_ITEM, name: '户口簿', notes: '备注', issuer: '派出所', necessary: 'no' },
    ]);
    expect(Object.keys(a!)).toEqual(Object.keys(b!));
    expect(a?.issuer).toBeNull();
  });
});
