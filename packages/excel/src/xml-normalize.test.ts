import { describe, expect, it } from 'vitest';
import { normalizedWhole } from './xml-normalize';

describe('normalizedWhole', () => {
  it('finds a CDATA section after other "!" in the part', () => {
    const part = Buffer.from(
      '<worksheet><sheetData><row><c t="inlineStr"><is><t>注意!</t></is></c><c t="inlineStr"><is><t><![CDATA[a<b!]]></t></is></c></row></sheetData></worksheet>',
    );
    expect(normalizedWhole(part).toString()).toContain('<t>a&lt;b!</t>');
  });

  it('passes a part without CDATA through untouched, "!" or not', () => {
    for (const text of ['<worksheet><sheetData/></worksheet>', '!<worksheet><t>!!</t><![CDATA</worksheet>']) {
      const part = Buffer.from(text);
      expect(normalizedWhole(part)).toBe(part);
    }
  });
});
