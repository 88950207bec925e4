import { createHash } from 'node:crypto';
import { isJianzhengError, type Publication } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { PublicationChecksumError, PublicationInvalidError, PublicationSchemaVersionError } from './errors';
import { parsePublication, verifyPublication } from './parse-publication';
import { serializePublication } from './serialize';
import { samplePublication } from './test-support';

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

const text = serializePublication(samplePublication());

describe('verifyPublication', () => {
  it('accepts the text as published', () => {
    const result = verifyPublication(text);
    expect(result.ok).toBe(true);
    expect(result.actual).toBe(result.expected);
    expect(result.expected).toBe(JSON.parse(text).sha256);
  });

  it('detects a single edited character anywhere in the content', () => {
    for (const [from, to] of [
      ['"居民身份证"', '"居民身份正"'],
      ['"verdict": "retain"', '"verdict": "cancel"'],
      ['"cancelled": 6', '"cancelled": 7'],
      ['宿州市第一批', '宿州市第二批'],
    ] as const) {
      expect(text).toContain(from);
      const tampered = text.replace(from, to);
      const result = verifyPublication(tampered);
      expect(result.ok, from).toBe(false);
      expect(result.expected).toBe(JSON.parse(text).sha256);
      expect(result.actual).not.toBe(result.expected);
    }
  });

  it('detects an edited checksum', () => {
    const sha = JSON.parse(text).sha256 as string;
    const edited = text.replace(sha, `${sha.slice(0, -1)}${sha.endsWith('0') ? '1' : '0'}`);
    expect(verifyPublication(edited).ok).toBe(false);
  });

  it('defines the checksum over content, so reformatting (indent, CRLF, key order) keeps it valid', () => {
    const pub = JSON.parse(text) as Publication;
    expect(verifyPublication(JSON.stringify(pub, null, 4)).ok).toBe(true);
    expect(verifyPublication(text.replace(/\n/g, '\r\n')).ok).toBe(true);
    const { sha256, ...rest } = pub;
    expect(verifyPublication(JSON.stringify({ sha256, ...rest })).ok).toBe(true);
  });
});

describe('parsePublication', () => {
  it('throws PUBLICATION_CHECKSUM_MISMATCH with expected and actual for a tampered file', () => {
    const error = thrown(() =>
      parsePublication(text.replace('"居民身份证"', '"居民身份正"'), { source: 'v1.json' }),
    );
    expect(error).toBeInstanceOf(PublicationChecksumError);
    const mismatch = error as PublicationChecksumError;
    expect(mismatch.code).toBe('PUBLICATION_CHECKSUM_MISMATCH');
    expect(mismatch.expected).toBe(JSON.parse(text).sha256);
    expect(mismatch.actual).toMatch(/^[0-9a-f]{64}$/);
    expect(mismatch.message).toMatch(/^v1\.json：校验和不符/);
    expect(parsePublication(text.replace('"居民身份证"', '"居民身份正"'), { verify: false })).toBeTruthy();
  });

  it('gives line and column for a truncated file and calls it truncated', () => {
    // Cut inside a token, not in indentation: where the cut falls depends on the sample's text.
    let end = Math.floor(text.length / 2);
    while (/\s/.test(text[end - 1]!)) end--;
    const cut = text.slice(0, end);
    const error = thrown(() => parsePublication(cut, { source: 'v1.json' })) as PublicationInvalidError;
    expect(error).toBeInstanceOf(PublicationInvalidError);
    expect(error.code).toBe('PUBLICATION_INVALID');
    const lines = cut.trimEnd().split('\n');
    expect(error.line).toBe(lines.length);
    expect(error.column).toBe(lines.at(-1)!.length + 1);
    expect(error.message).toContain(`第 ${error.line} 行第 ${error.column} 列意外结束`);
    expect(error.message).toContain('截断');
    expect(error.messageEn).toContain('truncated');
    expect(thrown(() => parsePublication('')).message).toContain('第 1 行第 1 列');
  });

  it('gives line and column of a syntax error in the middle', () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"verdict"'));
    lines[at] = lines[at]!.replace('"verdict":', '"verdict"'); // missing colon
    const error = thrown(() => parsePublication(lines.join('\n'))) as PublicationInvalidError;
    expect(error.line).toBe(at + 1);
    expect(error.message).toContain(`JSON 语法错误：第 ${at + 1} 行`);
    expect(error.message).not.toContain('截断');
  });

  it('reports schema problems with their JSON path, zh-CN first and English in messageEn', () => {
    const pub = JSON.parse(text);
    pub.departments[0].items[0].materials[1].verdict = 'maybe';
    pub.departments[1].items[0].materials[0].extra = 1;
    delete pub.batch.title;
    const error = thrown(() => parsePublication(JSON.stringify(pub))) as PublicationInvalidError;
    expect(isJianzhengError(error)).toBe(true);
    expect(error.code).toBe('PUBLICATION_INVALID');
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain('$.departments[0].items[0].materials[1].verdict');
    expect(paths).toContain('$.departments[1].items[0].materials[0]');
    expect(paths).toContain('$.batch.title');
    const verdict = error.issues.find((i) => i.path.endsWith('.verdict'))!;
    expect(verdict.message).toMatch(/[\u4e00-\u9fff]/);
    expect(verdict.messageEn).toMatch(/expected one of "retain"\|"cancel"/);
    expect(error.message).toMatch(/^发布文件无效/);
  });

  it('refuses a schema version it does not know, before looking at anything else', () => {
    const error = thrown(() => parsePublication(JSON.stringify({ schemaVersion: '9.0' })));
    expect(error).toBeInstanceOf(PublicationSchemaVersionError);
    expect((error as PublicationSchemaVersionError).code).toBe('PUBLICATION_SCHEMA_UNSUPPORTED');
  });

  it('rejects repeated material ids even when the checksum is consistent with them', () => {
    const pub = JSON.parse(text) as Publication;
    const rows = pub.departments[0]!.items[0]!.materials;
    rows[1]!.id = rows[0]!.id;
    // Re-sign so only the id rule can object.
    const { sha256: _, ...content } = pub;
    const body = `${JSON.stringify(content, null, 2)}\n`;
    const signed = `${body.slice(0, -3)},\n  "sha256": "${createHash('sha256').update(body).digest('hex')}"\n}\n`;
    const error = thrown(() => parsePublication(signed)) as PublicationInvalidError;
    expect(error).toBeInstanceOf(PublicationInvalidError);
    expect(error.issues[0]!.path).toBe('$.departments[0].items[0].materials[1].id');
  });

  it('accepts a UTF-8 byte order mark added by an editor', () => {
    expect(parsePublication(`\uFEFF${text}`)).toEqual(JSON.parse(text));
  });
});

describe('parsePublication from bytes (as readPublication reads a file)', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('gives the same publication as the text, with or without a byte order mark', () => {
    const expected = parsePublication(text);
    expect(parsePublication(bytes(text))).toEqual(expected);
    expect(parsePublication(bytes(`\uFEFF${text}`))).toEqual(expected);
  });

  it('checks the checksum over the bytes: one edited character is tampering, reformatting is not', () => {
    const tampered = bytes(text.replace('"居民身份证"', '"居民身份正"'));
    expect(thrown(() => parsePublication(tampered))).toBeInstanceOf(PublicationChecksumError);
    const reformatted = bytes(JSON.stringify(JSON.parse(text), null, 4).replace(/\n/g, '\r\n'));
    expect(parsePublication(reformatted)).toEqual(parsePublication(text));
  });

  it('refuses bytes that are not UTF-8 instead of reading them as U+FFFD', () => {
    const raw = bytes(text);
    const at = raw.indexOf(0xe5); // first byte of a Chinese character
    const broken = Uint8Array.from(raw);
    broken[at] = 0xff;
    const error = thrown(() => parsePublication(broken, { source: 'city.json' })) as PublicationInvalidError;
    expect(error).toBeInstanceOf(PublicationInvalidError);
    expect(error.message).toMatch(/^city\.json.*UTF-8/);
    // Without the checksum check the same bytes are still refused: nothing is read as something else.
    expect(thrown(() => parsePublication(broken, { verify: false }))).toBeInstanceOf(PublicationInvalidError);
  });

  it('gives line and column of a syntax error as the text path does', () => {
    const broken = text.replace('"verdict": "retain"', '"verdict" "retain"');
    const fromText = thrown(() => parsePublication(broken)) as PublicationInvalidError;
    const fromBytes = thrown(() => parsePublication(bytes(broken))) as PublicationInvalidError;
    expect([fromBytes.line, fromBytes.column]).toEqual([fromText.line, fromText.column]);
  });
});
