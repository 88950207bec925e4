import { createHash } from 'node:crypto';
import {
  assignMaterialIds,
  type Publication,
  PublicationSchema,
  PublishedMaterialSchema,
  sha256Hex,
} from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { canonicalContent } from './canonical';
import { diffPublications } from './diff';
import { PublicationInvalidError } from './errors';
import { hasNativeSha256, sha256Text } from './hash';
import { parsePublication } from './parse-publication';
import { serializePublication } from './serialize';
import { sampleInputs, samplePublication } from './test-support';

/** Deep copy with every object's keys inserted in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)])) as T;
}

/**
 * Walks a zod schema alongside a value and lists, per object, either the schema's keys or the
 * value's own keys in their order: equal lists mean the value is in schema order.
 */
function keysByPath(schema: z.ZodType, value: unknown, from: 'shape' | 'value', path = '$'): string[] {
  const type = (schema as unknown as { def: { type: string } }).def.type;
  if (type === 'nullable' || type === 'optional')
    return value === null
      ? []
      : keysByPath((schema as z.ZodNullable).unwrap() as z.ZodType, value, from, path);
  if (type === 'array')
    return (value as unknown[]).flatMap((v, i) =>
      keysByPath((schema as z.ZodArray).element as z.ZodType, v, from, `${path}[${i}]`),
    );
  if (type !== 'object') return [];
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  const record = value as Record<string, unknown>;
  const keys = from === 'shape' ? Object.keys(shape) : Object.keys(record);
  return [
    `${path}: ${keys.join(',')}`,
    ...Object.keys(shape).flatMap((k) => keysByPath(shape[k]!, record[k], from, `${path}.${k}`)),
  ];
}

describe('serializePublication', () => {
  it('round-trips: create → serialize → parse gives an equal publication', () => {
    const pub = samplePublication();
    const text = serializePublication(pub);
    const parsed = parsePublication(text);
    expect(parsed).toEqual(pub);
    expect(serializePublication(parsed)).toBe(text);
  });

  it('writes keys in schema order at every level, then sha256 last', () => {
    const pub = samplePublication();
    const reparsed = JSON.parse(serializePublication(reverseKeys(pub))) as Publication;
    expect(keysByPath(PublicationSchema, reparsed, 'value')).toEqual(
      keysByPath(PublicationSchema, reparsed, 'shape'),
    );
    expect(Object.keys(reparsed).at(-1)).toBe('sha256');
    expect(Object.keys(reparsed.summary.agreement)).toEqual([
      'agree',
      'engine-cancels',
      'department-cancels',
      'no-proposal',
    ]);
    expect(Object.keys(reparsed.summary.byCategory).slice(0, 3)).toEqual([
      'information-sharing',
      'internal-query',
      'commitment',
    ]);
  });

  it('gives identical text for equal publications whatever the key insertion order', () => {
    const pub = samplePublication();
    const reversed = reverseKeys(pub);
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(pub));
    expect(serializePublication(reversed)).toBe(serializePublication(pub));
    // Map keys too: byCategory given in another order serializes the same.
    const shuffled = structuredClone(pub);
    shuffled.summary.byCategory = Object.fromEntries(Object.entries(pub.summary.byCategory).reverse());
    expect(serializePublication(shuffled)).toBe(serializePublication(pub));
  });

  it('is UTF-8 JSON with 2-space indent and a final newline, and the checksum is reproducible by hand', () => {
    const text = serializePublication(samplePublication());
    expect(text.endsWith('\n}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": "1.2",');
    expect(text).toContain('"name": "宿州市"'); // not \\u-escaped

    // The recipe of docs/packages/json.md: drop the sha256 member (and the comma before it), hash the UTF-8 bytes.
    const match = /,\n {2}"sha256": "([0-9a-f]{64})"\n\}\n$/.exec(text)!;
    const unsigned = `${text.slice(0, match.index)}\n}\n`;
    expect(createHash('sha256').update(Buffer.from(unsigned, 'utf8')).digest('hex')).toBe(match[1]);
    // … which equals JSON.stringify of the document without sha256, as any JSON library writes it.
    const { sha256: _, ...content } = JSON.parse(text) as Publication;
    expect(`${JSON.stringify(content, null, 2)}\n`).toBe(unsigned);
  });

  it('freezes what createPublication returns, and serializes it exactly as a validated plain copy', () => {
    const pub = samplePublication();
    expect(Object.isFrozen(pub)).toBe(true);
    expect(Object.isFrozen(pub.departments[0]!.items[0]!.materials[0])).toBe(true);
    expect(Object.isFrozen(pub.summary.byCategory)).toBe(true);
    expect(() => {
      (pub.departments[0]!.items[0]!.materials[0] as { name: string }).name = '改过';
    }).toThrow(TypeError);
    expect(serializePublication(pub)).toBe(serializePublication(structuredClone(pub)));
  });

  it('recomputes a stale or missing sha256 rather than trusting it', () => {
    const pub = samplePublication();
    const stale = { ...pub, sha256: '0'.repeat(64) };
    expect(serializePublication(stale)).toBe(serializePublication(pub));
    const { sha256: _, ...unsigned } = pub;
    expect(serializePublication(unsigned)).toBe(serializePublication(pub));
  });

  it('refuses to serialize an object that is not a valid publication, naming the path', () => {
    const pub = structuredClone(samplePublication()) as Publication;
    (pub.departments[0]!.items[0]!.materials[0] as { verdict: string }).verdict = 'maybe';
    try {
      serializePublication(pub);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PublicationInvalidError);
      expect((error as PublicationInvalidError).issues[0]!.path).toBe(
        '$.departments[0].items[0].materials[0].verdict',
      );
    }
    const dup = structuredClone(samplePublication());
    dup.departments[0]!.items[0]!.materials[1]!.id = dup.departments[0]!.items[0]!.materials[0]!.id;
    expect(() => serializePublication(dup)).toThrow(/重复/);
  });

  it('keeps material ids stable when rows and items are reordered, so the diff is empty', () => {
    const inputs = sampleInputs();
    const reordered = [...inputs].reverse();
    const a = samplePublication(inputs);
    const b = samplePublication(reordered);
    const ids = (p: Publication) =>
      p.departments.flatMap((d) => d.items.flatMap((i) => i.materials.map((m) => m.id)));
    expect(new Set(ids(b))).toEqual(new Set(ids(a)));
    expect(assignMaterialIds(reordered).map((m) => m.id)).toEqual(
      assignMaterialIds(inputs)
        .map((m) => m.id)
        .reverse(),
    );
    const diff = diffPublications(a, b);
    expect(diff.counts).toMatchObject({
      added: 0,
      removed: 0,
      newlyCancelled: 0,
      restored: 0,
      changedFacts: 0,
    });
    expect(diff.counts.unchanged).toBe(inputs.length);
  });

  it('hashes with node:crypto here and agrees with core’s portable SHA-256 (the browser path)', () => {
    expect(hasNativeSha256).toBe(true);
    const text = serializePublication(samplePublication());
    expect(sha256Text(text)).toBe(sha256Hex(text));
  });

  it('canonicalContent keeps exactly the schema keys of a material', () => {
    const pub = samplePublication();
    const material = canonicalContent(pub).departments[0]!.items[0]!.materials[0]!;
    expect(Object.keys(material)).toEqual(Object.keys(PublishedMaterialSchema.shape));
  });
});
