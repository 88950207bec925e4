import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BodyBytesOptions, canonicalBodyBytes } from './canonical-bytes';
import { ROW_KEYS, RowTails } from './row-tails';
import type { UnsignedPublication } from './validate';

// Strings built from the units JSON.stringify escapes or that need more than one UTF-8 byte —
// quotes, backslashes, control characters, U+2028/2029, lone and paired surrogates — and any unit.
const unit = fc.oneof(
  fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\ud800', '\udfff'),
  fc.constantFrom('😀', '减', 'é', 'a', ' '),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const text = fc.string({ unit, maxLength: 8 });

type Row = Record<string, unknown>;

/**
 * Rows drawn from small pools of values, so that tails repeat and the cache serves most rows;
 * some rows are bent out of the schema 1.2 shape the cache covers (1.0/1.1's `reason`, a key
 * missing or added, values of other types, a `toJSON`), and labels are shared frozen objects,
 * unfrozen copies or objects with more keys.
 */
const rows = fc
  .record({
    texts: fc.array(fc.option(text, { nil: null }), { minLength: 1, maxLength: 4 }),
    labels: fc.array(fc.record({ id: text, zh: text, en: text }), { minLength: 1, maxLength: 3 }),
    frozen: fc.boolean(),
  })
  .chain(({ texts, labels, frozen }) => {
    const shared = labels.map((label) => (frozen ? Object.freeze(label) : label));
    const pick = fc.constantFrom(...texts);
    const label = fc.oneof(
      fc.constantFrom(...shared),
      fc.constantFrom(...shared).map((l) => ({ ...l })),
      fc.constant(null),
    );
    const row = fc.record({
      id: text,
      name: text,
      verdict: fc.constantFrom('cancel', 'retain'),
      category: label,
      ruleId: pick,
      effectiveFrom: pick,
      replacement: pick,
      wording: fc.oneof(
        label.map((l) => (l === null ? null : { zh: l.zh, en: l.en })),
        fc.constant(null),
      ),
      method: pick,
      basis: pick,
      status: pick,
      form: pick,
      source: pick,
      issuer: pick,
      legalBasis: pick,
      legalBasisLevel: pick,
      legalInstrument: pick,
    });
    return fc.array(
      fc.tuple(row, fc.nat(40)).map(([r, bend]) => bent(r, bend)),
      { maxLength: 12 },
    );
  });

/** Most rows as they are; the rest changed in one way the cache must not cover. */
function bent(row: Row, how: number): unknown {
  switch (how) {
    case 0: {
      // 1.0/1.1: the engine's reason before `status`.
      const out: Row = {};
      for (const key of ROW_KEYS) {
        if (key === 'status') out.reason = 'reason';
        out[key] = row[key];
      }
      return out;
    }
    case 1:
      return { ...row, extra: 1 };
    case 2: {
      const { legalInstrument: _, ...rest } = row;
      return rest;
    }
    case 3:
      return { ...row, basis: 3 };
    case 4:
      return { ...row, issuer: undefined };
    case 5:
      return { ...row, method: { nested: { deep: ['x'] } } };
    case 6:
      return { ...row, toJSON: () => ({ replaced: true }) };
    case 7:
      return { ...row, category: { id: 'c', zh: 1, en: null } };
    case 8:
      return null;
    case 9:
      return { ...row, id: 7 };
    case 10:
      // The same 17 own keys, and a toJSON inherited from its prototype.
      return Object.assign(Object.create({ toJSON: () => ({ inherited: true }) }), row);
    default:
      return row;
  }
}

const items = rows.chain((materials) =>
  fc.array(
    fc.oneof(
      {
        weight: 9,
        arbitrary: fc.record({
          code: fc.option(text, { nil: null }),
          name: text,
          type: fc.option(text, { nil: null }),
          materials: fc.subarray(materials),
        }),
      },
      { weight: 1, arbitrary: fc.record({ name: text, materials: fc.subarray(materials), more: text }) },
    ),
    { maxLength: 4 },
  ),
);

const content = fc
  // A department name that is not a string (absent) must not be written as `undefined`.
  .tuple(
    fc.array(fc.tuple(fc.oneof(text, text, text, fc.constant(undefined)), items), { maxLength: 3 }),
    text,
  )
  .map(([departments, title]) => ({
    schemaVersion: '1.2',
    title,
    departments: departments.map(([name, list]) => ({ name, items: list })),
  })) as unknown as fc.Arbitrary<UnsignedPublication>;

const limits = fc.record({
  tails: fc.integer({ min: 0, max: 8 }),
  bytes: fc.integer({ min: 0, max: 4000 }),
  nodes: fc.integer({ min: 2, max: 60 }),
  labels: fc.integer({ min: 0, max: 4 }),
});

/** The body's bytes joined, each piece copied as it comes (the generator reuses its array). */
function bodyBytes(value: UnsignedPublication, options: BodyBytesOptions): Buffer {
  const pieces: Buffer[] = [];
  for (const piece of canonicalBodyBytes(value, options)) pieces.push(Buffer.from(piece));
  return Buffer.concat([...pieces, Buffer.from('\n}')]);
}

describe('canonicalBodyBytes', () => {
  it('writes the UTF-8 bytes of JSON.stringify(content, null, 2) for any content, buffer and cache limits', () => {
    fc.assert(
      fc.property(content, fc.integer({ min: 8, max: 3000 }), limits, (value, bufferBytes, bounds) => {
        const expected = Buffer.from(JSON.stringify(value, null, 2), 'utf8');
        const tails = new RowTails(bounds);
        expect(bodyBytes(value, { bufferBytes, tails }).toString('hex')).toBe(expected.toString('hex'));
        expect(tails.tails).toBeLessThanOrEqual(bounds.tails);
        expect(tails.bytes).toBeLessThanOrEqual(bounds.bytes);
        expect(tails.nodes).toBeLessThanOrEqual(Math.max(2, bounds.nodes));
        // The default cache and array, as writePublication and contentChecksum use them.
        expect(bodyBytes(value, {}).equals(expected)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('canonicalBodyBytes with a toJSON on a prototype', () => {
  it('lets JSON.stringify apply it, as it would to the whole content', () => {
    // A schema 1.2 row, which the row cache would otherwise cover.
    const row = Object.fromEntries(ROW_KEYS.map((key) => [key, key === 'id' ? 'm-1' : '户口簿']));
    const value = {
      schemaVersion: '1.2',
      departments: [
        { name: '市公安局', items: [{ code: null, name: '户籍迁移', type: null, materials: [row] }] },
      ],
    } as unknown as UnsignedPublication;
    Object.defineProperty(Object.prototype, 'toJSON', {
      configurable: true,
      value(this: Record<string, unknown>) {
        return 'verdict' in this ? { id: this.id, shown: 'by toJSON' } : this;
      },
    });
    try {
      const expected = Buffer.from(JSON.stringify(value, null, 2), 'utf8');
      expect(expected.toString()).toContain('by toJSON');
      expect(bodyBytes(value, {}).toString()).toBe(expected.toString());
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
    }
  });
});
