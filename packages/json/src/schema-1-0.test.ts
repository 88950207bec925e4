import { describe, expect, it } from 'vitest';
import { diffPublications } from './diff';
import { PublicationChecksumError, PublicationSchemaVersionError } from './errors';
import { legacyText } from './legacy-fixtures';
import { parsePublication } from './parse-publication';
import { serializePublication } from './serialize';
import { samplePublication } from './test-support';

const legacy = () => legacyText('1.0');

describe('publications of schema 1.0', () => {
  it('are read, checked against their own checksum, and upgraded: nothing planned, every cancellation in force', () => {
    const { text, sha256 } = legacy();
    const pub = parsePublication(text);
    expect(pub.schemaVersion).toBe('1.2');
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
    const { text } = legacy();
    expect(parsePublication(new TextEncoder().encode(text)).summary.planned).toBe(0);
    const reformatted = JSON.stringify(JSON.parse(text), null, 4).replace(/\n/g, '\r\n');
    expect(parsePublication(reformatted).schemaVersion).toBe('1.2');
    const tampered = text.replace('"居民身份证"', '"居民身份正"');
    expect(() => parsePublication(tampered)).toThrow(PublicationChecksumError);
  });

  it('refuses a 1.0 document that carries 1.1 fields, and names both readable versions for others', () => {
    const { text } = legacy();
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

  it('diff against the next version as any other: an old 1.0 v1 and a 1.2 v2', () => {
    const v1 = parsePublication(legacy().text);
    const v2 = parsePublication(serializePublication({ ...samplePublication(), version: 2 }));
    const diff = diffPublications(v1, v2);
    expect(diff.from.sha256).toBe(v1.sha256);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.restored).toEqual([]);
  });
});
