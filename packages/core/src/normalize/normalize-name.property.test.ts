import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize-name';

// Name characters as departments type them: CJK that is neither a numeral nor a joiner
// (及 和 与 或), plus Latin letters (ICP, CT). Digits only appear inside a name, never first.
const CJK = [
  ...'居民身份证户口簿营业执照结婚证明申请表收入单位介绍信房屋租赁合同出生医学健康授权委托法定代表人场地平面图安全管理制度从业人员名单不动产权书',
];
const LATIN = [...'ABCTICPXYZabcz'];
const nameChar = fc.constantFrom(...CJK, ...CJK, ...LATIN);
const name = fc
  .array(nameChar, { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''))
  .filter((n) => /^[\u4e00-\u9fff]/.test(n));
const WHITESPACE = [' ', '\u3000', '\t', '\n', '\r\n', '\u00a0'];
const PUNCTUATION = [
  '，',
  '。',
  '、',
  '·',
  '《',
  '》',
  '“',
  '”',
  '（',
  '）',
  '(',
  ')',
  '-',
  '—',
  '：',
  ';',
  '！',
  '"',
  "'",
];
const FORM_SUFFIXES = [
  '原件',
  '复印件',
  '影印件',
  '扫描件',
  '副本',
  '正本',
  '（原件及复印件）',
  '原件和复印件',
  '(复印件)',
  '原件、复印件',
  '正本及副本',
];
const LIST_NUMBERS = ['1、', '2.', '12、', '(3)', '（一）', '一、', '①', '⑵', '３．', ' 4) '];

/** Inserts `noise` strings at random positions of `text`. */
const withNoise = (text: string, noise: readonly string[]) =>
  fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.constantFrom(...noise)), { maxLength: 6 })
    .map((insertions) => {
      const chars = [...text];
      for (const [at, what] of insertions.sort((a, b) => b[0] - a[0]))
        chars.splice(Math.min(at, chars.length), 0, what);
      return chars.join('');
    });

const toFullWidth = (text: string) =>
  text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe('normalizeName (property-based)', () => {
  it('is idempotent when punctuation precedes a circled number — normalizeName("!❶") is "❶" but normalizeName("❶") is ""', () => {
    expect(normalizeName(normalizeName('!❶'))).toBe(normalizeName('!❶'));
  });

  it('is idempotent when removing a space leaves combining marks to compose or reorder (NFKC runs before whitespace is removed) — "𝚬῍", "〮　〭"', () => {
    expect(normalizeName(normalizeName('𝚬῍'))).toBe(normalizeName('𝚬῍'));
    expect(normalizeName(normalizeName('〮　〭'))).toBe(normalizeName('〮　〭'));
  });

  // What a cell in a Chinese department list can hold: CJK, ASCII, full-width forms, CJK
  // punctuation, whitespace, circled and parenthesised numbers.
  const cellChar = fc.oneof(
    fc.integer({ min: 0x4e00, max: 0x9fff }),
    fc.integer({ min: 0x2460, max: 0x24ff }),
    fc.integer({ min: 0x2776, max: 0x2793 }),
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0xff01, max: 0xff5e }),
    fc.integer({ min: 0x3000, max: 0x303f }),
    fc.constantFrom(0x09, 0x0a, 0x0d, 0xa0, 0x2014, 0x201c, 0x201d, 0x00b7),
  );
  const cellText = fc.array(cellChar, { maxLength: 30 }).map((codes) => String.fromCodePoint(...codes));

  // Two list numbers in a row behind punctuation: the second is exposed only by the first pass.
  it('is idempotent for two circled numbers behind punctuation — "！⓫⓫"', () => {
    expect(normalizeName(normalizeName('！⓫⓫'))).toBe(normalizeName('！⓫⓫'));
  });

  it('is idempotent for any cell text', () => {
    fc.assert(
      fc.property(cellText, (raw) => {
        const once = normalizeName(raw);
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent for realistic names with numbers, form words and punctuation', () => {
    const realistic = fc
      .tuple(fc.constantFrom('', ...LIST_NUMBERS), name, fc.constantFrom('', ...FORM_SUFFIXES))
      .chain(([n, base, suffix]) => withNoise(`${n}${base}${suffix}`, [...WHITESPACE, ...PUNCTUATION]));
    fc.assert(
      fc.property(realistic, (raw) => {
        const once = normalizeName(raw);
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores whitespace inserted anywhere', () => {
    fc.assert(
      fc.property(
        name.chain((n) => fc.tuple(fc.constant(n), withNoise(n, WHITESPACE))),
        ([clean, noisy]) => {
          expect(normalizeName(noisy)).toBe(normalizeName(clean));
        },
      ),
    );
  });

  it('ignores punctuation inserted anywhere', () => {
    fc.assert(
      fc.property(
        name.chain((n) => fc.tuple(fc.constant(n), withNoise(n, PUNCTUATION))),
        ([clean, noisy]) => {
          expect(normalizeName(noisy)).toBe(normalizeName(clean));
        },
      ),
    );
  });

  it('treats full-width and half-width forms alike', () => {
    fc.assert(
      fc.property(name, fc.constantFrom('', ...FORM_SUFFIXES), (base, suffix) => {
        const text = `${base}${suffix}`;
        expect(normalizeName(toFullWidth(text))).toBe(normalizeName(text));
      }),
    );
  });

  it('drops form words (原件, 复印件 … and their joiners) but keeps the material', () => {
    fc.assert(
      fc.property(name, fc.constantFrom(...FORM_SUFFIXES), (base, suffix) => {
        expect(normalizeName(`${base}${suffix}`)).toBe(normalizeName(base));
        expect(normalizeName(base).length).toBeGreaterThan(0);
      }),
    );
  });

  it('drops a leading list number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LIST_NUMBERS), name, (number, base) => {
        expect(normalizeName(`${number}${base}`)).toBe(normalizeName(base));
      }),
    );
  });

  it('keeps different names different (no over-normalization of the name itself)', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a !== b);
        expect(normalizeName(a)).not.toBe(normalizeName(b));
      }),
    );
  });
});
