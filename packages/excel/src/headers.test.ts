import { describe, expect, it } from 'vitest';
import { FIELDS, matchHeader } from './headers';

describe('matchHeader', () => {
  it('recognises every canonical name and alias of domain.md §8', () => {
    for (const definition of FIELDS) {
      for (const name of [definition.canonical, ...definition.aliases]) {
        expect(matchHeader(name), name).toBe(definition.field);
      }
    }
  });

  it('ignores whitespace, line breaks and full-width spaces', () => {
    expect(matchHeader('材料\n名称')).toBe('materialName');
    expect(matchHeader(' 事项　名称 ')).toBe('itemName');
    expect(matchHeader('能否通过信息\r\n共享获取')).toBe('shareable');
  });

  it('tolerates a trailing note in brackets and a required-marker star', () => {
    expect(matchHeader('材料来源（申请人自备/政府部门核发/中介机构出具/其他）')).toBe('source');
    expect(matchHeader('*材料名称')).toBe('materialName');
    expect(matchHeader('是否必要(是/否)')).toBe('necessary');
  });

  it('does not match text that merely contains a header', () => {
    expect(matchHeader('实施基本情况')).toBeUndefined();
    expect(matchHeader('填写说明')).toBeUndefined();
    expect(matchHeader('材料名称及份数要求')).toBeUndefined();
    expect(matchHeader('')).toBeUndefined();
  });
});
