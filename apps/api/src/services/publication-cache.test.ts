import type { JianzhengStore } from '@jianzheng/core';
import { parsePublication } from '@jianzheng/json';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { type Harness, harness, JURISDICTION, seededBatch } from '../test-support/harness';
import { ifNoneMatch } from './publication-cache';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const STEPS = [
  ['reviewer', { action: 'submit' }],
  ['reviewer', { action: 'confirm', signer: '王局长', signedAt: '2018-08-10' }],
  ['reviewer', { action: 'open-comment', start: '2018-08-11', end: '2018-08-20', channel: '政府网站' }],
  ['legal', { action: 'legal-review', result: 'passed', notes: '合法' }],
  ['admin', { action: 'approve', meetingDate: '2018-08-30' }],
] as const;

async function published(batchId: string, documentNumber: string) {
  await seededBatch(h, batchId);
  for (const [who, body] of STEPS) {
    const res = await h.call(who, 'POST', `/api/batches/${batchId}/transitions`, body);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
  const res = await h.call('admin', 'POST', `/api/batches/${batchId}/transitions`, {
    action: 'publish',
    documentNumber,
    publishedAt: '2018-09-04',
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/** The real SQLite store, counting how often a publication body is read from it. */
function counting(store: JianzhengStore) {
  const counter = { reads: 0 };
  const wrapped: JianzhengStore = Object.create(store);
  wrapped.getPublication = (batchId, version) => {
    counter.reads++;
    return store.getPublication(batchId, version);
  };
  return { wrapped, counter };
}

async function adjust(call: Harness['call'], batchId: string) {
  const cancelled = (await call('reviewer', 'GET', `/api/batches/${batchId}/materials?verdict=cancel`)).body
    .items[0];
  await call(
    'reviewer',
    'POST',
    `/api/batches/${batchId}/materials/${cancelled.material.id}/review`,
    { action: 'override', verdict: 'retain', note: '恢复' },
    { 'if-match': cancelled.etag },
  );
  // Restoring a cancelled material needs the adjustment's legal review first (domain.md §5).
  await call('legal', 'POST', `/api/batches/${batchId}/transitions`, {
    action: 'review-adjustment',
    result: 'passed',
    notes: '恢复有据',
  });
  const res = await call('admin', 'POST', `/api/batches/${batchId}/transitions`, {
    action: 'adjust',
    reason: '上级部门要求恢复',
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

describe('published versions from memory', () => {
  it('reads a version from SQLite once, then serves identical bytes without reading it again', async () => {
    h = await harness();
    await published('b1', '宿政办秘〔2018〕1号');
    const { wrapped, counter } = counting(h.store);
    const app = createApp({ store: wrapped, config: { jurisdiction: JURISDICTION }, log: () => {} });
    const first = await app.request('/api/batches/b1/publications/1/json');
    const text = await first.text();
    for (const url of ['/api/batches/b1/publications/1/json', '/api/batches/b1/publications/latest/json'])
      expect(await (await app.request(url)).text()).toBe(text);
    expect(parsePublication(text).version).toBe(1);
    expect(counter.reads).toBe(1);

    // With no memory for it, every request goes to the store (the option is honoured).
    const { wrapped: w2, counter: c2 } = counting(h.store);
    const uncached = createApp({ store: w2, publicationCacheBytes: 0, log: () => {} });
    await uncached.request('/api/batches/b1/publications/1/json');
    await uncached.request('/api/batches/b1/publications/1/json');
    expect(c2.reads).toBe(2);
  });

  it('answers If-None-Match with 304 and the caching headers, versioned immutable, latest short', async () => {
    h = await harness();
    await published('b1', '宿政办秘〔2018〕1号');
    const v1 = await h.app.request('/api/batches/b1/publications/1/json');
    const etag = v1.headers.get('etag')!;
    expect(etag).toBe(`"${parsePublication(await v1.text()).sha256}"`);
    expect(v1.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const latest = await h.app.request('/api/batches/b1/publications/latest/json');
    expect(latest.headers.get('etag')).toBe(etag);
    expect(latest.headers.get('cache-control')).toBe('public, max-age=30');
    expect(latest.headers.get('content-location')).toBe('/api/batches/b1/publications/1/json');

    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await h.app.request('/api/batches/b1/publications/latest/json', {
        headers: { 'if-none-match': header },
      });
      expect(res.status).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(await res.text()).toBe('');
    }
    const stale = await h.app.request('/api/batches/b1/publications/1/json', {
      headers: { 'if-none-match': '"not-this-one"' },
    });
    expect(stale.status).toBe(200);

    // The Excel attachment is another representation: its own tag, and the JSON's does not match it.
    const xlsx = await h.app.request('/api/batches/b1/publications/1/xlsx', {
      headers: { 'if-none-match': etag },
    });
    expect(xlsx.status).toBe(200);
    const xlsxTag = xlsx.headers.get('etag')!;
    expect(xlsxTag).not.toBe(etag);
    expect(
      (await h.app.request('/api/batches/b1/publications/1/xlsx', { headers: { 'if-none-match': xlsxTag } }))
        .status,
    ).toBe(304);
    // A version that does not exist is a 404 even with a wildcard.
    expect(
      (await h.app.request('/api/batches/b1/publications/2/json', { headers: { 'if-none-match': '*' } }))
        .status,
    ).toBe(404);
  });

  it('moves latest to a new version as soon as it is published, here and from another connection', async () => {
    h = await harness();
    await published('b1', '宿政办秘〔2018〕1号');
    const v1 = await h.app.request('/api/batches/b1/publications/latest/json');
    const v1Text = await v1.text();
    const v1Tag = v1.headers.get('etag')!;

    await adjust(h.call, 'b1');
    const v2 = await h.app.request('/api/batches/b1/publications/latest/json', {
      headers: { 'if-none-match': v1Tag },
    });
    expect(v2.status).toBe(200);
    const v2Pub = parsePublication(await v2.text());
    expect(v2Pub.version).toBe(2);
    expect(v2.headers.get('etag')).toBe(`"${v2Pub.sha256}"`);
    expect(v2.headers.get('etag')).not.toBe(v1Tag);
    expect(await (await h.app.request('/api/batches/b1/publications/1/json')).text()).toBe(v1Text);

    // A second process (another store connection on the same file) publishes version 3.
    const other = createSqliteStore({ filename: h.file });
    try {
      const otherApp = createApp({ store: other, config: { jurisdiction: JURISDICTION }, log: () => {} });
      const call: Harness['call'] = async (who, method, path, body, extra = {}) => {
        const headers: Record<string, string> = { ...extra };
        if (who !== 'anonymous') headers.authorization = `Bearer ${h.tokens[who]}`;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await otherApp.request(path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, headers: res.headers, body: await res.json() };
      };
      await adjust(call, 'b1');
    } finally {
      await other.close();
    }
    const v3 = await h.app.request('/api/batches/b1/publications/latest/json');
    expect(parsePublication(await v3.text()).version).toBe(3);
    expect(v3.headers.get('content-location')).toBe('/api/batches/b1/publications/3/json');
    const diff = await h.call('anonymous', 'GET', '/api/batches/b1/publications/latest/diff');
    expect(diff.status).toBe(200);
    expect(diff.body.restored).toHaveLength(1);
  });

  it('never serves one batch’s bytes for another batch with the same version number', async () => {
    h = await harness({ publicationCacheBytes: 64 * 1024 * 1024 });
    await published('b1', '宿政办秘〔2018〕1号');
    await published('b2', '宿政办秘〔2018〕2号');
    for (let round = 0; round < 2; round++) {
      const a = parsePublication(await (await h.app.request('/api/batches/b1/publications/1/json')).text());
      const b = parsePublication(await (await h.app.request('/api/batches/b2/publications/1/json')).text());
      expect(a.batch).toMatchObject({ id: 'b1', documentNumber: '宿政办秘〔2018〕1号' });
      expect(b.batch).toMatchObject({ id: 'b2', documentNumber: '宿政办秘〔2018〕2号' });
    }
  });

  it('stays within its byte budget, dropping the least recently used version', async () => {
    h = await harness();
    await published('b1', '宿政办秘〔2018〕1号');
    await published('b2', '宿政办秘〔2018〕2号');
    const size = (await h.store.getPublication('b1', 1))!;
    const one = new TextEncoder().encode(size.json).byteLength + size.excel.byteLength;
    // Room for one version and a half: the second read must evict the first.
    const { wrapped, counter } = counting(h.store);
    const app = createApp({ store: wrapped, publicationCacheBytes: Math.floor(one * 1.5), log: () => {} });
    await app.request('/api/batches/b1/publications/1/json');
    await app.request('/api/batches/b1/publications/1/json');
    expect(counter.reads).toBe(1);
    await app.request('/api/batches/b2/publications/1/json');
    await app.request('/api/batches/b1/publications/1/json');
    expect(counter.reads).toBe(3);
  });
});

describe('ifNoneMatch', () => {
  it('compares weakly, accepts lists and *, and rejects other tags', () => {
    expect(ifNoneMatch('"a"', '"a"')).toBe(true);
    expect(ifNoneMatch('W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatch(' "b" , "a" ', '"a"')).toBe(true);
    expect(ifNoneMatch('*', '"a"')).toBe(true);
    expect(ifNoneMatch('"ab"', '"a"')).toBe(false);
    expect(ifNoneMatch('a', '"a"')).toBe(false);
    expect(ifNoneMatch(undefined, '"a"')).toBe(false);
  });
});
