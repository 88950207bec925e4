import { describe, expect, it } from 'vitest';
import { cleanText, createNameNormalizer, normalizeName } from './normalize-name';

describe('normalizeName', () => {
  it.each([
    ['居民身份证', '居民身份证'],
    ['居民身份证原件及复印件', '居民身份证'],
    ['居民身份证（原件及复印件）', '居民身份证'],
    ['居民身份证(复印件)', '居民身份证'],
    ['营业执照正本和副本', '营业执照'],
    ['营业执照副本', '营业执照'],
    ['户口簿影印件', '户口簿'],
    ['不动产权证书扫描件', '不动产权证书'],
    ['1、居民身份证', '居民身份证'],
    ['1.居民身份证', '居民身份证'],
    ['１．居民身份证', '居民身份证'],
    ['12、户口簿', '户口簿'],
    ['(1)户口簿', '户口簿'],
    ['（一）户口簿', '户口簿'],
    ['一、户口簿', '户口簿'],
    ['①户口簿', '户口簿'],
    ['⑴户口簿', '户口簿'],
    ['  户 口\n簿  ', '户口簿'],
    ['户口簿　（全家）', '户口簿全家'],
    ['《营业执照》', '营业执照'],
    ['ＡＢＣ证明', 'ABC证明'],
    ['１２３４５热线记录', '12345热线记录'],
    ['1.5吨以下车辆证明', '15吨以下车辆证明'],
    ['复印件', '复印件'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('keeps joiners that are part of the name', () => {
    expect(normalizeName('结婚证和户口簿')).toBe('结婚证和户口簿');
    expect(normalizeName('结婚证和户口簿复印件')).toBe('结婚证和户口簿');
  });

  it('is idempotent', () => {
    for (const name of ['1、居民身份证（原件及复印件）', '（二）营业执照副本', '⑶ 出生医学证明']) {
      expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    }
  });

  it('memoizes without changing results', () => {
    const normalize = createNameNormalizer(2);
    for (const name of ['1、户口簿', '户口簿复印件', '身份证', '1、户口簿']) {
      expect(normalize(name)).toBe(normalizeName(name));
    }
    expect(normalize(undefined)).toBe('');
  });
});

describe('cleanText', () => {
  it('collapses line breaks and full-width spaces', () => {
    expect(cleanText(' 市公安局\r\n户政科　窗口 ')).toBe('市公安局 户政科 窗口');
    expect(cleanText(null)).toBe('');
  });
});
