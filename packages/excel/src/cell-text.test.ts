import { describe, expect, it } from 'vitest';
import { cellError, cellText } from './cell-text';

describe('cellText', () => {
  it.each([
    ['a string', '居民身份证', '居民身份证'],
    ['null', null, ''],
    ['an integer', 3413000001, '3413000001'],
    ['a float without binary noise', 0.1 + 0.2, '0.3'],
    ['a boolean', true, '是'],
    ['a date', new Date(Date.UTC(2018, 8, 4)), '2018-09-04'],
    ['a date and time', new Date(Date.UTC(2018, 8, 4, 9, 30)), '2018-09-04T09:30:00Z'],
    ['rich text', { richText: [{ text: '户口' }, { font: { bold: true }, text: '簿' }] }, '户口簿'],
    ['a formula result', { formula: 'A1&B1', result: '结婚证' }, '结婚证'],
    ['a shared formula result', { sharedFormula: 'C2', result: 12 }, '12'],
    ['a formula without result', { formula: 'A1' }, ''],
    ['an error', { error: '#REF!' }, '#REF!'],
    ['a hyperlink', { text: '市公安局', hyperlink: 'https://example.invalid' }, '市公安局'],
    [
      'a hyperlink with rich text',
      { text: { richText: [{ text: '市' }, { text: '局' }] }, hyperlink: 'x' },
      '市局',
    ],
  ])('reads %s', (_label, value, expected) => {
    expect(cellText(value)).toBe(expected);
  });

  it('resolves a shared-string index against the table (exceljs #683)', () => {
    const table = ['营业执照', { richText: [{ text: '结婚' }, { text: '证' }] }];
    expect(cellText({ sharedString: 0 }, table)).toBe('营业执照');
    expect(cellText({ sharedString: 1 }, table)).toBe('结婚证');
    expect(cellText({ sharedString: 7 }, table)).toBe('');
    expect(cellText({ sharedString: 0 })).toBe('');
  });

  it('reports error values directly and behind formulas', () => {
    expect(cellError({ error: '#N/A' })).toBe('#N/A');
    expect(cellError({ formula: '1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(cellError({ formula: '1+1', result: 2 })).toBeUndefined();
    // What exceljs's streaming reader makes of <c t="e"><f>1/0</f><v>#DIV/0!</v></c>.
    expect(cellError({ formula: '1/0', result: Number.NaN })).toBe('#ERROR');
    expect(cellError('是')).toBeUndefined();
  });
});
