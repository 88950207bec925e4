import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYesNo, parseYesNo } from './yes-no';

// Every spelling domain.md §8 lists, with the answer it must give.
const SPELLINGS: ReadonlyArray<[string, 'yes' | 'no']> = [
  ['是', 'yes'],
  ['否', 'no'],
  ['可以', 'yes'],
  ['不可以', 'no'],
  ['能', 'yes'],
  ['不能', 'no'],
  ['必要', 'yes'],
  ['非必要', 'no'],
  ['Y', 'yes'],
  ['N', 'no'],
  ['√', 'yes'],
  ['×', 'no'],
];
const WHITESPACE = fc
  .array(fc.constantFrom(' ', '\u3000', '\t', '\n', '\r\n', '\u00a0'), { maxLength: 4 })
  .map((parts) => parts.join(''));

const toFullWidth = (text: string) =>
  text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('parseYesNo (property-based)', () => {
  it('reads every accepted spelling, whatever whitespace surrounds or splits it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPELLINGS),
        WHITESPACE,
        WHITESPACE,
        WHITESPACE,
        fc.nat(),
        ([spelling, answer], before, after, inside, at) => {
          const chars = [...spelling];
          chars.splice(at % (chars.length + 1), 0, inside);
          expect(parseYesNo(`${before}${chars.join('')}${after}`)).toBe(answer);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads full-width and lower-case forms of the Latin spellings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPELLINGS),
        fc.boolean(),
        fc.boolean(),
        ([spelling, answer], wide, lower) => {
          let text = lower ? spelling.toLowerCase() : spelling;
          if (wide) text = toFullWidth(text);
          expect(parseYesNo(text)).toBe(answer);
        },
      ),
    );
  });

  it('reads blank and whitespace-only cells as unknown', () => {
    fc.assert(
      fc.property(WHITESPACE, (blank) => {
        expect(parseYesNo(blank)).toBe('unknown');
      }),
    );
    expect(parseYesNo(undefined)).toBe('unknown');
    expect(parseYesNo(null)).toBe('unknown');
  });

  it('never throws and never guesses: any other text is yes, no, unknown or undefined, stably', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (text) => {
        const value = parseYesNo(text);
        expect([undefined, 'yes', 'no', 'unknown']).toContain(value);
        expect(parseYesNo(` ${text}\u3000`)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips what formatYesNo writes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('yes', 'no', 'unknown') as fc.Arbitrary<'yes' | 'no' | 'unknown'>,
        (value) => {
          expect(parseYesNo(formatYesNo(value))).toBe(value);
        },
      ),
    );
  });
});
