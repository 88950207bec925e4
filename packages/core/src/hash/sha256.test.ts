import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it.each([
    '',
    'abc',
    '市公安局|居民身份证申领|居民身份证',
    'x'.repeat(55),
    'x'.repeat(56),
    'x'.repeat(64),
    '减证便民'.repeat(300),
  ])('agrees with node:crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('hashes raw bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
