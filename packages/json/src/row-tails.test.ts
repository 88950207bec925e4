import { PublishedMaterialSchema } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { canonicalBodyBytes } from './canonical-bytes';
import { DEFAULT_ROW_TAIL_LIMITS, ROW_KEYS, RowTails } from './row-tails';
import type { UnsignedPublication } from './validate';

const CATEGORY = Object.freeze({ id: 'no-legal-basis', zh: '无法律法规依据', en: 'no legal basis' });

function row(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `m-${i}`,
    name: `材料${i}`,
    verdict: 'cancel',
    category: CATEGORY,
    ruleId: 'no-legal-basis',
    effectiveFrom: null,
    replacement: '不再索要',
    wording: null,
    method: '不再索要',
    basis: '无法律、行政法规、国务院决定或地方性法规设定依据',
    status: 'proposed',
    form: 'unspecified',
    source: '申请人自备',
    issuer: i % 2 === 0 ? '公安机关' : '村民委员会',
    legalBasis: '—',
    legalBasisLevel: 'none',
    legalInstrument: null,
    ...overrides,
  };
}

/** The text after a row's `name` value, as JSON.stringify writes it at the row's depth. */
function expectedTail(r: Record<string, unknown>): string {
  const text = JSON.stringify({ a: [{ b: [{ c: [{ ...r, id: '', name: '' }] }] }] }, null, 2);
  const start = text.indexOf('"name": ""') + '"name": ""'.length;
  return text.slice(start, text.indexOf('\n            }', start) + '\n            }'.length);
}

const tailOf = (tails: RowTails) => Buffer.concat(tails.parts).toString('utf8');

function publication(rows: unknown[]): UnsignedPublication {
  return {
    schemaVersion: '1.2',
    departments: [
      { name: '市公安局', items: [{ code: null, name: '户籍迁移', type: null, materials: rows }] },
    ],
  } as unknown as UnsignedPublication;
}

const bodyText = (content: UnsignedPublication, tails: RowTails) =>
  `${Buffer.concat([...canonicalBodyBytes(content, { tails })].map((b) => Buffer.from(b))).toString('utf8')}\n}`;

describe('RowTails', () => {
  it('covers exactly the keys of a schema 1.2 row, in order', () => {
    expect(ROW_KEYS).toEqual(Object.keys(PublishedMaterialSchema.shape));
  });

  it('keeps one copy of each part: a thousand rows of two tails cost a few entries', () => {
    const tails = new RowTails();
    for (let i = 0; i < 1000; i++) {
      const r = row(i);
      expect(tails.of(r)).toBe(true);
      expect(tailOf(tails)).toBe(expectedTail(r));
    }
    // One decision part, two material parts (the issuer alternates).
    expect(tails.tails).toBe(3);
  });

  it('stops keeping parts at its bounds and still gives every row its own tail', () => {
    const limits = { ...DEFAULT_ROW_TAIL_LIMITS, tails: 5, bytes: 1 << 20 };
    const tails = new RowTails(limits);
    const rows = Array.from({ length: 200 }, (_, i) => row(i, { issuer: `出具单位${i}` }));
    for (const r of rows) {
      expect(tails.of(r)).toBe(true);
      expect(tailOf(tails)).toBe(expectedTail(r));
    }
    expect(tails.tails).toBe(5);
    const bytes = new RowTails({ ...DEFAULT_ROW_TAIL_LIMITS, bytes: 600 });
    for (const r of rows) bytes.of(r);
    expect(bytes.bytes).toBeGreaterThan(0);
    expect(bytes.bytes).toBeLessThanOrEqual(600);
    expect(bodyText(publication(rows), new RowTails(limits))).toBe(
      JSON.stringify(publication(rows), null, 2),
    );
  });

  it('leaves rows of other shapes and values to the general path', () => {
    const tails = new RowTails();
    const legacy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row(1))) {
      if (key === 'status') legacy.reason = '依据';
      legacy[key] = value;
    }
    const others = [
      legacy,
      { ...row(2), extra: null },
      Object.fromEntries(Object.entries(row(3)).filter(([key]) => key !== 'form')),
      row(4, { basis: 4 }),
      row(5, { basis: undefined }),
      row(6, { category: { id: 'x', zh: { nested: true }, en: 'x' } }),
      row(7, { category: ['no-legal-basis'] }),
      row(8, { id: 8 }),
      { ...row(9), toJSON: () => 'row' },
      row(10, { category: { ...CATEGORY, toJSON: () => 'label' } }),
      null,
      'row',
    ];
    for (const other of others) expect(tails.of(other)).toBe(false);
    const content = publication([row(0), ...others, row(11)]);
    expect(bodyText(content, tails)).toBe(JSON.stringify(content, null, 2));
  });

  it('tells labels apart by content: an unfrozen label changed between rows gives the new text', () => {
    const tails = new RowTails();
    const label = { id: 'c', zh: '旧', en: 'old' };
    expect(tails.of(row(1, { category: label }))).toBe(true);
    expect(tailOf(tails)).toContain('"旧"');
    label.zh = '新';
    expect(tails.of(row(1, { category: label }))).toBe(true);
    expect(tailOf(tails)).toBe(expectedTail(row(1, { category: label })));
    // Equal content in another object: the same part, not a new one.
    const before = tails.tails;
    expect(tails.of(row(1, { category: { ...label } }))).toBe(true);
    expect(tails.tails).toBe(before);
  });
});
