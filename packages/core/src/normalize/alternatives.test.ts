import { describe, expect, it } from 'vitest';
import { splitAlternatives } from './alternatives';

describe('splitAlternatives (domain.md §10)', () => {
  it.each([
    ['居民身份证或户口簿', ['居民身份证', '户口簿']],
    ['结婚证/离婚证', ['结婚证', '离婚证']],
    ['学历证书、学位证书之一', ['学历证书', '学位证书']],
    ['户口簿或户籍证明（任选其一）', ['户口簿', '户籍证明']],
    ['居民身份证或者护照', ['居民身份证', '护照']],
    ['1、营业执照副本或事业单位法人证书（复印件）', ['营业执照', '事业单位法人证书']],
    ['毕业证书、学位证书、职称证书任选一项', ['毕业证书', '学位证书', '职称证书']],
    ['居民身份证、户口簿、护照任一', ['居民身份证', '户口簿', '护照']],
    ['结婚证／离婚证', ['结婚证', '离婚证']],
    ['房产证或不动产权证书或购房合同', ['房产证', '不动产权证书', '购房合同']],
  ])('%s → %j', (cell, parts) => {
    expect(splitAlternatives(cell)).toEqual(parts);
  });

  it.each([
    ['身份证、户口簿', 'a 、 list without a choice word: both are required'],
    ['或然损失评估报告', '或 inside a word'],
    ['不可或缺的技术条件说明', '或 inside a word'],
    ['皖政办秘〔2018〕1/2号文件', '/ in a 文号'],
    ['2018/09/04前的缴费证明', '/ in a date'],
    ['居民身份证原件或复印件', 'the form, not an alternative'],
    ['居民身份证复印件或原件', 'the form, not an alternative'],
    ['身份证、户口簿或护照', 'mixed 、 and 或 without a choice word is ambiguous'],
    ['居民身份证', 'one material'],
    ['占股三分之一以上的股东名单', 'a fraction, not a choice'],
    ['股东名单（持股三分之一）', 'a fraction, not a choice'],
    ['身份证（或护照）', 'inside brackets'],
    ['或', 'nothing on either side'],
    ['甲或乙类资质证书', 'a one-character part is no material'],
    ['身份证或身份证', 'the same name twice'],
  ])('%s stays one material (%s)', (cell) => {
    expect(splitAlternatives(cell)).toBeNull();
  });
});
