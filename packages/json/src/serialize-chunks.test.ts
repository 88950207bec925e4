import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MaterialInput, Publication, ServiceItem } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import {
  canonicalBodyChunks,
  canonicalContent,
  canonicalJson,
  checksumOfJson,
  contentChecksum,
  signJson,
} from './canonical';
import { PublicationInvalidError } from './errors';
import { writePublication } from './node';
import { parsePublication } from './parse-publication';
import { serializePublication, serializePublicationChunks } from './serialize';
import { sampleInputs, samplePublication } from './test-support';
import type { UnsignedPublication } from './validate';

/** The one-string way the text was built before it was chunked: the reference for byte identity. */
function oneStringText(pub: Publication | UnsignedPublication): string {
  const { sha256: _, ...rest } = pub as Publication;
  const json = canonicalJson(canonicalContent(rest));
  return signJson(json, checksumOfJson(json));
}

/** Strings that JSON escapes or that are more than one UTF-16 unit: where re-indenting could slip. */
function awkwardInputs(): MaterialInput[] {
  const item: ServiceItem = {
    department: '市"公安"局\n二处',
    code: ' 341300-GA-001',
    name: '户籍\t迁移\u2028',
    type: '行政确认',
  };
  return [
    ...sampleInputs(),
    {
      item,
      name: '居民身份证 😀 \\ "复印件"\n第二行',
      source: '政府部门核发',
      issuer: '公安机关\r\n',
      legalBasis: '《户口登记条例》',
    },
    { item, name: '  空格  ', source: '申请人自备', legalBasis: '无' },
  ];
}

/** A list long enough that writePublication flushes several batches (over 1 Mi UTF-16 units). */
function manyInputs(count: number): MaterialInput[] {
  const out: MaterialInput[] = [];
  for (let i = 0; i < count; i++) {
    const item: ServiceItem = {
      department: `部门${i % 7}`,
      code: `C-${Math.floor(i / 5)}`,
      name: `事项${Math.floor(i / 5)}`,
      type: '行政许可',
    };
    out.push({
      item,
      name: `材料${i}：居民身份证`,
      source: '政府部门核发',
      issuer: '公安机关',
      legalBasis: `《条例》第${i}条`,
    });
  }
  return out;
}

describe('serializePublicationChunks', () => {
  it('joins to exactly the one-string canonical text, for sealed, reparsed and reordered publications', () => {
    for (const pub of [
      samplePublication(),
      samplePublication(awkwardInputs()),
      samplePublication(manyInputs(3000)),
    ]) {
      const reference = oneStringText(pub);
      expect([...serializePublicationChunks(pub)].join('')).toBe(reference);
      expect(serializePublication(pub)).toBe(reference);
      // Not sealed: validated, canonicalised and checksummed on the way.
      const parsed = parsePublication(reference);
      expect([...serializePublicationChunks(parsed)].join('')).toBe(reference);
      const loose = JSON.parse(JSON.stringify({ ...pub, sha256: '0'.repeat(64) })) as Publication;
      expect([...serializePublicationChunks(loose)].join('')).toBe(reference);
    }
  });

  it('yields the text in pieces of a few dozen items, none holding the whole list', () => {
    const pub = samplePublication(manyInputs(3000));
    const chunks = [...serializePublicationChunks(pub)];
    const items = pub.departments.reduce((n, d) => n + d.items.length, 0);
    expect(chunks.length).toBeGreaterThan(items / 32);
    const longest = Math.max(...chunks.map((c) => c.length));
    expect(longest * 10).toBeLessThan(chunks.join('').length);
  });

  it('throws for an invalid publication when called, before any chunk is taken', () => {
    const bad = JSON.parse(serializePublication(samplePublication())) as Publication;
    (bad.departments[0]!.items[0]!.materials[0] as { name: string }).name = '';
    expect(() => serializePublicationChunks(bad)).toThrow(PublicationInvalidError);
  });
});

describe('canonicalBodyChunks and contentChecksum', () => {
  it('write JSON.stringify(content, null, 2) for empty departments and empty item lists too', () => {
    const content = canonicalContent(samplePublication());
    const shapes: UnsignedPublication[] = [
      content,
      { ...content, departments: [] },
      { ...content, departments: [{ name: '空部门', items: [] }, ...content.departments] },
      {
        ...content,
        departments: content.departments.map((d) => ({
          ...d,
          items: d.items.map((i) => ({ ...i, materials: [] })),
        })),
      },
    ];
    for (const shape of shapes) {
      expect(`${[...canonicalBodyChunks(shape)].join('')}\n}`).toBe(JSON.stringify(shape, null, 2));
      expect(contentChecksum(shape)).toBe(checksumOfJson(canonicalJson(shape)));
    }
  });

  it('gives createPublication the checksum the one-string hash gives', () => {
    for (const pub of [
      samplePublication(),
      samplePublication(awkwardInputs()),
      samplePublication(manyInputs(300)),
    ]) {
      const { sha256, ...content } = pub;
      expect(sha256).toBe(checksumOfJson(canonicalJson(content)));
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('writePublication streams the chunks', () => {
  it('writes the same bytes as serializePublication across several write batches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jz-json-chunks-'));
    try {
      const pub = samplePublication(manyInputs(6000));
      const text = serializePublication(pub);
      expect(text.length).toBeGreaterThan(2 * 1048576);
      const path = await writePublication(dir, pub);
      expect(await readFile(path, 'utf8')).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives a fresh publication the checksum of the bytes it writes, when the write comes first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jz-json-pending-'));
    try {
      // A legal basis longer than the write buffer takes a third of (one chunk encoded on its own),
      // awkward strings (escapes, a surrogate pair) and several buffers' worth of items.
      const inputs = [...awkwardInputs(), ...manyInputs(3000)];
      inputs[3] = { ...inputs[3]!, legalBasis: '《减证便民条例》'.repeat(200_000) };
      const written = samplePublication(inputs);
      const path = await writePublication(dir, written);
      const reference = samplePublication(inputs);
      const text = oneStringText(reference);
      expect(Buffer.byteLength(text)).toBeGreaterThan(4 * 1048576);
      expect(await readFile(path, 'utf8')).toBe(text);
      expect(written.sha256).toBe(reference.sha256);
      expect(parsePublication(text).sha256).toBe(written.sha256);

      // The chunked serializer settles it the same way when it is iterated first.
      const chunked = samplePublication(inputs);
      expect([...serializePublicationChunks(chunked)].join('')).toBe(text);
      expect(chunked.sha256).toBe(reference.sha256);
      expect(Object.isFrozen(chunked)).toBe(true);
      expect(Object.keys(chunked).at(-1)).toBe('sha256');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
