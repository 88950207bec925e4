import { describe, expect, it } from 'vitest';
import { parseMaterialForm, showsOriginal } from './material-form';
import { normalizeName } from './normalize-name';

describe('parseMaterialForm', () => {
  it.each([
    ['居民身份证原件', 'original'],
    ['居民身份证（原件）', 'original'],
    ['1、居民身份证(原件)', 'original'],
    ['居民身份证复印件', 'copy'],
    ['户口簿影印件', 'copy'],
    ['不动产权证书扫描件', 'copy'],
    ['营业执照复印件（非原件）', 'copy'],
    ['居民身份证原件及复印件', 'both'],
    ['居民身份证（原件及复印件）', 'both'],
    ['居民身份证原件和复印件', 'both'],
    ['居民身份证复印件（验原件）', 'both'],
    ['居民身份证', 'unspecified'],
    ['营业执照副本', 'unspecified'],
    ['营业执照正本和副本', 'unspecified'],
    ['', 'unspecified'],
  ] as const)('%s → %s', (name, form) => {
    expect(parseMaterialForm(name)).toBe(form);
  });

  it('reads the form words that normalization drops, so the name still matches the catalogs', () => {
    expect(normalizeName('居民身份证（原件）')).toBe(normalizeName('居民身份证复印件'));
    expect(parseMaterialForm('居民身份证（原件）')).not.toBe(parseMaterialForm('居民身份证复印件'));
  });

  it('finds every form word by the 件 it ends in (the engine skips names without 件)', () => {
    for (const word of ['原件', '复印件', '影印件', '扫描件', '复制件']) {
      expect(word.endsWith('件')).toBe(true);
      expect(parseMaterialForm(`户口簿${word}`)).not.toBe('unspecified');
    }
  });

  it('says which forms show the original', () => {
    expect(showsOriginal('original')).toBe(true);
    expect(showsOriginal('both')).toBe(true);
    expect(showsOriginal('copy')).toBe(false);
    expect(showsOriginal('unspecified')).toBe(false);
  });
});
