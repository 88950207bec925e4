import { describe, expect, it } from 'vitest';
import { diffPublications } from './diff';
import { PublicationChecksumError } from './errors';
import { LEGACY_REASON, legacyText } from './legacy-fixtures';
import { parsePublication } from './parse-publication';
import { serializePublication } from './serialize';
import { samplePublication } from './test-support';

describe('publications of schema 1.1', () => {
  it('are read, checked against their own checksum, and upgraded without their internal reasons', () => {
    const { text, sha256 } = legacyText('1.1');
    expect(text).toContain(LEGACY_REASON);
    const pub = parsePublication(text);
    expect(pub.schemaVersion).toBe('1.2');
    expect(pub.sha256).toBe(sha256);
    expect(pub.batch).toMatchObject({ status: 'official', legalReview: null });
    const materials = pub.departments.flatMap((d) => d.items.flatMap((i) => i.materials));
    expect(materials.length).toBeGreaterThan(0);
    for (const m of materials) {
      expect(m).not.toHaveProperty('reason');
      expect(m.basis).toBeNull();
      expect(m.method === null).toBe(m.verdict === 'retain');
    }
    expect(JSON.stringify(pub)).not.toContain(LEGACY_REASON);
  });

  it('are read from bytes and when reformatted (the canonical writer knows 1.1’s key order), and an edit is tampering', () => {
    const { text } = legacyText('1.1');
    expect(parsePublication(new TextEncoder().encode(text)).schemaVersion).toBe('1.2');
    const reformatted = JSON.stringify(JSON.parse(text), null, 4).replace(/\n/g, '\r\n');
    expect(parsePublication(reformatted).schemaVersion).toBe('1.2');
    const tampered = text.replace(LEGACY_REASON, '人工改判');
    expect(() => parsePublication(tampered)).toThrow(PublicationChecksumError);
  });

  it('refuses a 1.1 document with 1.2 fields', () => {
    const { text } = legacyText('1.1');
    const mixed = text.replace('"verdict": "cancel",', '"verdict": "cancel",\n            "basis": null,');
    expect(mixed).not.toBe(text);
    expect(() => parsePublication(mixed, { verify: false })).toThrow(/basis/);
  });

  it('diff against a 1.2 next version as any other', () => {
    const v1 = parsePublication(legacyText('1.1').text);
    const v2 = parsePublication(serializePublication({ ...samplePublication(), version: 2 }));
    const diff = diffPublications(v1, v2);
    expect(diff.from.sha256).toBe(v1.sha256);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.restored).toEqual([]);
    expect(diff.recategorised).toEqual([]);
  });
});
