import { describe, expect, it } from 'vitest';
import { decideOne } from '../testing/fixtures';

describe('shared-data', () => {
  it.each([
    ['居民身份证', 'unknown', true],
    ['身份证复印件', 'unknown', true],
    ['1、营业执照副本', 'unknown', true],
    ['居民身份证', 'no', false],
    ['单位介绍信', 'yes', true],
    ['单位介绍信', 'unknown', false],
    ['身份证号码登记表', 'unknown', false],
  ] as const)('%s with shareable %s → cancelled %s', (name, shareable, cancelled) => {
    const decision = decideOne({ name, shareable });
    expect(decision.ruleId === 'shared-data').toBe(cancelled);
    if (cancelled) expect(decision.category).toBe('information-sharing');
  });

  it('records the data source as the replacement', () => {
    expect(decideOne({ name: '户口本' }).replacement).toBe('通过全国人口基础信息库共享获取');
    expect(decideOne({ name: '单位介绍信', shareable: 'yes' }).replacement).toBe('通过信息共享获取');
  });

  it('uses an emptied catalog', () => {
    expect(decideOne({ name: '居民身份证' }, { catalogs: { sharedData: [] } }).verdict).toBe('retain');
  });

  it('loses to issuer-cannot-certify', () => {
    const decision = decideOne({ name: '亲属关系证明', issuer: '村委会', shareable: 'yes' });
    expect(decision.ruleId).toBe('issuer-cannot-certify');
  });
});
