import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredEncoding } from './compression';
import {
  type Harness,
  harness,
  PUBLISH_STEPS_2026,
  publishThrough,
  seededBatch,
} from './test-support/harness';

describe('preferredEncoding (RFC 9110 Accept-Encoding)', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0.5', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', null],
    ['gzip;q=0', null],
    ['', null],
    [undefined, null],
  ] as const)('%s → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});

describe('compressed pages and JSON', () => {
  let h: Harness;
  const get = (path: string, headers: Record<string, string> = {}) =>
    h.app.request(`http://localhost${path}`, { headers });
  const body = async (res: Response) => {
    const bytes = Buffer.from(await res.arrayBuffer());
    const enc = res.headers.get('content-encoding');
    return (enc === 'br' ? brotliDecompressSync(bytes) : enc === 'gzip' ? gunzipSync(bytes) : bytes).toString(
      'utf8',
    );
  };

  beforeAll(async () => {
    h = await harness();
    await seededBatch(h, 'b1');
    h.setNow('2026-11-27T02:00:00Z');
    await publishThrough(h.call, 'b1', PUBLISH_STEPS_2026);
  });
  afterAll(() => h?.close());

  it('sends the home page as br or gzip as asked, the same text as uncompressed, with Vary', async () => {
    const plain = await get('/');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    const text = await body(plain);
    expect(text).toContain('第一批');
    for (const [accept, enc] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await get('/', { 'accept-encoding': accept });
      expect(res.headers.get('content-encoding')).toBe(enc);
      expect(res.headers.get('content-length')).toBeNull();
      expect(res.headers.get('content-security-policy')).toBeTruthy();
      expect(await body(res)).toBe(text);
    }
  });

  it('compresses the publication JSON with a weak ETag that still answers If-None-Match; leaves the xlsx alone', async () => {
    const plain = await get('/api/batches/b1/publications/1/json');
    expect(plain.status).toBe(200);
    const strong = plain.headers.get('etag') ?? '';
    expect(strong).toMatch(/^"/);
    const json = await body(plain);
    const br = await get('/api/batches/b1/publications/1/json', { 'accept-encoding': 'br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('etag')).toBe(`W/${strong}`);
    expect(await body(br)).toBe(json);
    const again = await get('/api/batches/b1/publications/1/json', {
      'accept-encoding': 'br',
      'if-none-match': `W/${strong}`,
    });
    expect(again.status).toBe(304);
    const xlsx = await get('/api/batches/b1/publications/1/xlsx', {
      'accept-encoding': 'br, gzip',
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-encoding')).toBeNull();
  });

  it('keeps a repeated public search compressed: the fast lane sends the same result as the first answer', async () => {
    // A page over 1 KB (smaller ones go out as they are: compressing saves less than it costs).
    const path = `/api/public/search?q=${encodeURIComponent('证明')}`;
    const first = await get(path, { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    const firstText = await body(first);
    const second = await get(path, { 'accept-encoding': 'br' });
    expect(second.headers.get('content-encoding')).toBe('br');
    expect(await body(second)).toBe(firstText);
    const gzip = await get(path, { 'accept-encoding': 'gzip' });
    expect(JSON.parse(await body(gzip))).toEqual(JSON.parse(firstText));
    const plain = await get(path);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number((await plain.clone().arrayBuffer()).byteLength)).toBeGreaterThan(1024);
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(JSON.parse(await body(plain)).items.length).toBeGreaterThan(0);
  });

  it('serves a favicon', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toContain('<svg');
    }
  });
});
