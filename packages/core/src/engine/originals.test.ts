import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGS } from '../catalogs/defaults';
import { decide, decideOne } from '../testing/fixtures';

// domain.md §4 “Originals and copies”: sharing waives copies; an original the applicant holds
// stays to be shown unless an electronic licence replaces it.
describe('originals and copies under 户口迁移登记', () => {
  it('keeps 居民身份证原件 as 现场核验原件 and cancels its copy', () => {
    const [original, copy] = decide([{ name: '居民身份证原件' }, { name: '居民身份证复印件' }]);
    expect(original).toMatchObject({ verdict: 'retain', form: 'original', copyWaived: false });
    expect(original!.reason).toContain('现场核验原件');
    const sharing = original!.trace.find((t) => t.ruleId === 'shared-data')!;
    expect(sharing).toMatchObject({ matched: false, facts: { originalRetained: true, form: 'original' } });
    expect(copy).toMatchObject({ verdict: 'cancel', form: 'copy' });
  });

  it('waives the copy of 原件及复印件 and counts it', () => {
    const decision = decideOne({ name: '居民身份证（原件及复印件）' });
    expect(decision).toMatchObject({ verdict: 'retain', form: 'both', copyWaived: true });
    expect(decision.reason).toContain('免交复印件');
  });

  it('cancels a copy alone by sharing, and a name without form words as before', () => {
    expect(decideOne({ name: '身份证复印件' })).toMatchObject({
      verdict: 'cancel',
      ruleId: 'shared-data',
      form: 'copy',
      copyWaived: false,
    });
    expect(decideOne({ name: '居民身份证' })).toMatchObject({ ruleId: 'shared-data', form: 'unspecified' });
  });

  it('cancels the original too when the entry is an electronic licence (replacesOriginal)', () => {
    const sharedData = DEFAULT_CATALOGS.sharedData.map((e) =>
      e.name === '居民身份证' ? { ...e, replacesOriginal: true } : e,
    );
    const [original, both] = decide([{ name: '居民身份证原件' }, { name: '户口簿原件及复印件' }], {
      catalogs: { sharedData },
    });
    expect(original).toMatchObject({ verdict: 'cancel', ruleId: 'shared-data', form: 'original' });
    expect(both).toMatchObject({ verdict: 'retain', copyWaived: true });
  });

  it('keeps an original the department declared shareable', () => {
    expect(decideOne({ name: '营业执照原件', shareable: 'yes' }).verdict).toBe('retain');
  });

  it('never makes an original the duplicate of a copy listed before it', () => {
    const [copy, original, again] = decide([
      { name: '居民身份证复印件' },
      { name: '居民身份证原件' },
      { name: '居民身份证（原件）' },
    ]);
    expect(copy!.ruleId).toBe('shared-data');
    expect(original).toMatchObject({ verdict: 'retain', form: 'original' });
    expect(again).toMatchObject({ verdict: 'cancel', ruleId: 'duplicate' });
  });

  it('a later rule may still cancel an original (a commitment replaces the certificate itself)', () => {
    expect(decideOne({ name: '无房证明原件' })).toMatchObject({
      ruleId: 'written-commitment',
      form: 'original',
    });
  });
});
