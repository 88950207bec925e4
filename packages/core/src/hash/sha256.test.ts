import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSha256, hasNativeSha256, portableSha256Hex, sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it.each([
    '',
    'abc',
    '市公安局|居民身份证申领|居民身份证',
    'x'.repeat(55),
    'x'.repeat(56),
    'x'.repeat(64),
    '减证便民'.repeat(300),
    'lone \ud800 surrogate',
  ])('agrees with node:crypto for %j, native and portable', (text) => {
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(sha256Hex(text)).toBe(expected);
    expect(portableSha256Hex(text)).toBe(expected);
  });

  it('uses the native digest on Node', () => {
    expect(hasNativeSha256).toBe(true);
  });

  it('hashes text and bytes piece by piece', () => {
    const hasher = createSha256();
    hasher.update('减证');
    hasher.update(new Uint8Array([0, 255]));
    hasher.update('便民');
    const expected = createHash('sha256')
      .update('减证')
      .update(new Uint8Array([0, 255]))
      .update('便民')
      .digest('hex');
    expect(hasher.digest()).toBe(expected);
  });

  it('hashes raw bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(portableSha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
