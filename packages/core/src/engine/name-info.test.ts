import { describe, expect, it } from 'vitest';
import { createNameNormalizer } from '../normalize/normalize-name';
import { nameFingerprint } from './item-group';
import { createNameInfoCache, createNormalizedCache } from './name-info';

describe('name info', () => {
  const normalize = createNameNormalizer();

  it('gives a name as written its normalized name, form and fingerprint, once per text', () => {
    const infoOf = createNameInfoCache(normalize, 2);
    const info = infoOf('1、居民身份证（原件及复印件）');
    expect(info).toMatchObject({ name: '居民身份证', form: 'both', original: true });
    expect(info.fingerprint).toBe(nameFingerprint('居民身份证'));
    expect(info.slots).toHaveLength(2);
    expect(infoOf('1、居民身份证（原件及复印件）')).toBe(info);
    // Another text of the same name: its own record, the same normalized name and fingerprint.
    expect(infoOf('居民身份证')).toMatchObject({ name: '居民身份证', form: 'unspecified', original: false });
    expect(infoOf('居民身份证').fingerprint).toBe(info.fingerprint);
  });

  it('normalizes issuers and departments as the shared normalizer does, blank or absent as empty', () => {
    const issuerOf = createNormalizedCache(normalize);
    expect(issuerOf(' 张庄村 民委员会 ')).toBe(normalize(' 张庄村 民委员会 '));
    expect([issuerOf(null), issuerOf(undefined), issuerOf('')]).toEqual(['', '', '']);
  });
});
