import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAlternatives } from './alternatives';
import { normalizeName } from './normalize-name';

// Name characters with no choice or joiner meaning of their own (no 或 之 一 任 其 选 及 和 …).
const CJK = [
  ...'居民身份证户口簿营业执照结婚证明申请表收入单位介绍信房屋租赁合同出生医学健康授权委托法定代表人',
];
const name = fc.array(fc.constantFrom(...CJK), { minLength: 2, maxLength: 10 }).map((c) => c.join(''));
const names = fc.uniqueArray(name, { minLength: 2, maxLength: 4 });
const decorated = (n: string) =>
  fc.constantFrom(n, `${n}（原件及复印件）`, `${n}复印件`, ` ${n} `, `${n}（副本）`);
const cells = (list: string[]) => fc.tuple(...list.map(decorated));
const CHOICE_WORDS = ['之一', '（任选其一）', '任一', '任选一项', '（以上材料任选其一即可）', '其中之一'];

describe('splitAlternatives over generated names', () => {
  it('splits names joined by 或 / 或者 into their normalized names', () => {
    fc.assert(
      fc.property(
        names.chain((list) => fc.tuple(fc.constant(list), cells(list), fc.constantFrom('或', '或者'))),
        ([list, parts, joiner]) => {
          expect(splitAlternatives(parts.join(joiner))).toEqual(list.map(normalizeName));
        },
      ),
    );
  });

  it('splits a 、 list only when a choice word says so', () => {
    fc.assert(
      fc.property(names, fc.constantFrom(...CHOICE_WORDS), (list, word) => {
        expect(splitAlternatives(`${list.join('、')}${word}`)).toEqual(list);
        expect(splitAlternatives(list.join('、'))).toBeNull();
      }),
    );
  });

  it('splits / between Chinese names, never one between digits (dates, 文号)', () => {
    fc.assert(
      fc.property(names, fc.integer({ min: 1, max: 2030 }), fc.integer({ min: 1, max: 99 }), (list, a, b) => {
        expect(splitAlternatives(list.join('/'))).toEqual(list);
        expect(splitAlternatives(`${list[0]}〔${a}〕${b}/${a}号`)).toBeNull();
        expect(splitAlternatives(`${a}/${b}/${a}${list[0]}`)).toBeNull();
      }),
    );
  });

  it('leaves words that merely contain 或 alone', () => {
    fc.assert(
      fc.property(name, name, fc.constantFrom('或然', '或许', '不可或缺', '间或'), (a, b, word) => {
        expect(splitAlternatives(`${a}${word}${b}`)).toBeNull();
      }),
    );
  });

  it('gives atomic parts: no part splits again, and each is a normalized name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...CJK, '或', '、', '/', '之一', '（', '）', '1') }),
        (cell) => {
          const parts = splitAlternatives(cell);
          if (parts === null) return;
          expect(parts.length).toBeGreaterThanOrEqual(2);
          for (const part of parts) {
            expect(normalizeName(part)).toBe(part);
            expect(splitAlternatives(part)).toBeNull();
          }
        },
      ),
    );
  });
});
