import { describe, expect, it } from 'vitest';
import { TextCache } from './text-cache';
import { textAt } from './xml-bytes';

describe('TextCache', () => {
  it('reads every text as textAt does, repeated or not, through slot collisions', () => {
    const cache = new TextCache();
    const texts = ['公安机关', '是', '否', 'a&amp;b', '居民户口簿_x000D_', 'x\r\ny', ''];
    // Far more distinct texts than slots, so slots are taken over and compared byte by byte.
    for (let i = 0; i < 6_000; i++) texts.push(`材料${i}`, `${i}`);
    texts.push('长'.repeat(40)); // past the cached length
    const buf = Buffer.from(texts.join('|'));
    const spans: Array<[number, number]> = [];
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x7c) {
        spans.push([start, i]);
        start = i + 1;
      }
    }
    for (let round = 0; round < 2; round++) {
      for (const [from, to] of spans) expect(cache.text(buf, from, to)).toBe(textAt(buf, from, to));
    }
  });

  it('gives one string object for a repeated text', () => {
    const cache = new TextCache();
    const buf = Buffer.from('安徽省住房和城乡建设局|安徽省住房和城乡建设局');
    const half = (buf.length - 1) / 2;
    const a = cache.text(buf, 0, half);
    const b = cache.text(buf, half + 1, buf.length);
    expect(a).toBe('安徽省住房和城乡建设局');
    expect(Object.is(a, b)).toBe(true);
  });
});
