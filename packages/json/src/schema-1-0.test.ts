import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffPublications } from './diff';
import { PublicationChecksumError, PublicationSchemaVersionError } from './errors';
import { parsePublication } from './parse-publication';
import { serializePublication } from './serialize';
import { samplePublication } from './test-support';

// A 1.0 document made the way 1.0 defined it, independently of our canonical writer: the current
// canonical text without the keys 1.1 added, stringified with two-space indent, hashed with
// node:crypto, and the checksum appended as the last member.
function legacyText(): { text: string; sha256: string } {
  const doc = JSON.parse(serializePublication(samplePublication()));
  delete doc.sha256;
  doc.schemaVersion = '1.0';
  const strip = (t: Record<string, unknown>) => {
    delete t.effective;
    delete t.planned;
    delete t.plannedRate;
  };
  strip(doc.summary);
  for (const d of doc.summary.byDepartment) strip(d);
  for (const t of doc.summary.byItemType) strip(t);
  for (const d of doc.departments)
    for (const i of d.items) for (const m of i.materials) delete m.effectiveFrom;
  const json = JSON.stringify(doc, null, 2);
  const sha256 = createHash('sha256').update(`${json}\n`).digest('hex');
  return { text: `${json.slice(0, -2)},\n  "sha256": "${sha256}"\n}\n`, sha256 };
}

describe('publications of schema 1.0', () => {
  it('are read, checked against their own checksum, and upgraded: nothing planned, every cancellation in force', () => {
    const { text, sha256 } = legacyText();
    const pub = parsePublication(text);
    expect(pub.schemaVersion).toBe('1.1');
    expect(pub.sha256).toBe(sha256);
    expect(pub.summary.planned).toBe(0);
    expect(pub.summary.effective).toBe(pub.summary.cancelled);
    for (const d of pub.summary.byDepartment) expect([d.planned, d.effective]).toEqual([0, d.cancelled]);
    const materials = pub.departments.flatMap((d) => d.items.flatMap((i) => i.materials));
    expect(materials.length).toBeGreaterThan(0);
    for (const m of materials) expect(m.effectiveFrom).toBeNull();
    // Everything else is as the document says.
    const current = parsePublication(serializePublication(samplePublication()));
    expect(materials.map((m) => [m.id, m.verdict, m.category?.id ?? null])).toEqual(
      current.departments.flatMap((d) =>
        d.items.flatMap((i) => i.materials.map((m) => [m.id, m.verdict, m.category?.id ?? null])),
      ),
    );
  });

  it('are read from bytes and when reformatted, and an edit is still tampering', () => {
    const { text } = legacyText();
    expect(parsePublication(new TextEncoder().encode(text)).summary.planned).toBe(0);
    const reformatted = JSON.stringify(JSON.parse(text), null, 4).replace(/\n/g, '\r\n');
    expect(parsePublication(reformatted).schemaVersion).toBe('1.1');
    const tampered = text.replace('"居民身份证"', '"居民身份正"');
    expect(() => parsePublication(tampered)).toThrow(PublicationChecksumError);
  });

  it('refuses a 1.0 document that carries 1.1 fields, and names both readable versions for others', () => {
    const { text } = legacyText();
    const mixed = text.replace(
      '"verdict": "cancel",',
      '"verdict": "cancel",\n            "effectiveFrom": null,',
    );
    expect(mixed).not.toBe(text);
    expect(() => parsePublication(mixed, { verify: false })).toThrow(/effectiveFrom/);
    const future = text.replace('"schemaVersion": "1.0"', '"schemaVersion": "2.0"');
    expect(() => parsePublication(future)).toThrow(PublicationSchemaVersionError);
    expect(() => parsePublication(future)).toThrow(/1\.0, 1\.1/);
  });

  it('diff against the next version as any other: an old 1.0 v1 and a 1.1 v2', () => {
    const v1 = parsePublication(legacyText().text);
    const v2 = parsePublication(serializePublication({ ...samplePublication(), version: 2 }));
    const diff = diffPublications(v1, v2);
    expect(diff.from.sha256).toBe(v1.sha256);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.restored).toEqual([]);
  });
});
