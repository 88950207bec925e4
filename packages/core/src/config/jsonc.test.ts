import { describe, expect, it } from 'vitest';
import { stripJsonComments } from './jsonc';

describe('stripJsonComments', () => {
  it('drops comments and trailing commas, never inside strings', () => {
    const text = `{
  // 城市
  "name": "合肥市 // 不是注释", /* 块注释
  两行 */ "list": ["a,]", "b",],
}`;
    expect(JSON.parse(stripJsonComments(text))).toEqual({ name: '合肥市 // 不是注释', list: ['a,]', 'b'] });
    expect(stripJsonComments(text).split('\n')).toHaveLength(5);
  });
});
