import { describe, expect, it } from 'vitest';
import { cleanName, departmentFromLine, isFooterText, isNotApplicable } from './text';

describe('cleanName', () => {
  it.each([
    ['1、居民身份证', '居民身份证'],
    ['１．户口簿', '户口簿'],
    ['(3)结婚证', '结婚证'],
    ['（一）营业执照', '营业执照'],
    ['二、出生医学证明', '出生医学证明'],
    ['①不动产权证书', '不动产权证书'],
    ['12345热线记录', '12345热线记录'],
    ['居民身份证\n（原件及复印件）', '居民身份证 （原件及复印件）'],
    ['  一次性告知单  ', '一次性告知单'],
    ['1.', '1.'],
  ])('%s → %s', (raw, expected) => {
    expect(cleanName(raw)).toBe(expected);
  });
});

describe('departmentFromLine', () => {
  it.each([
    ['填报单位：宿州市公安局　填报日期：2018年6月30日', undefined, '宿州市公安局'],
    ['填报单位：宿州市公安局填报日期：2018年6月30日', undefined, '宿州市公安局'],
    ['填报单位（盖章）: 市民政局', undefined, '市民政局'],
    ['填报单位：', '宿州市市场监管局', '宿州市市场监管局'],
    ['单位名称：市人社局 联系人：张三', undefined, '市人社局'],
  ])('%s', (text, next, expected) => {
    expect(departmentFromLine(text, next)).toBe(expected);
  });

  it('ignores lines that name no department', () => {
    expect(departmentFromLine('宿州市市级政务服务事项申请材料清理情况表', undefined)).toBeUndefined();
    expect(departmentFromLine('填报单位：', undefined)).toBeUndefined();
  });
});

describe('isFooterText', () => {
  it.each([
    '注：本表由各单位填写',
    '注1：材料名称按办事指南填写',
    '填表说明：',
    '填表人：张三',
    '联系电话：0557-1234567',
  ])('treats %s as a footer', (text) => {
    expect(isFooterText(text)).toBe(true);
  });
  it.each(['注册登记申请书', '说明书', '审核表', '单位介绍信'])('keeps %s as a material', (text) => {
    expect(isFooterText(text)).toBe(false);
  });
});

describe('isNotApplicable', () => {
  it('reads dashes, slashes and 无 as "none on purpose", a blank as not', () => {
    for (const text of ['—', '-', '/', '无', ' —— ']) expect(isNotApplicable(text)).toBe(true);
    expect(isNotApplicable('')).toBe(false);
    expect(isNotApplicable('行政许可')).toBe(false);
  });
});
