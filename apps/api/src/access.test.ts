import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, seededBatch } from './test-support/harness';

// Role × route: every protected route answers 401 to the public and 403 to roles it does not
// serve, before looking at the body (the bodies here are deliberately empty, so an allowed role
// gets a 400 or 428 — anything but 401/403) and without changing anything.
type Who = 'anonymous' | 'admin' | 'reviewer' | 'legal' | 'police';
const ALL: Who[] = ['anonymous', 'admin', 'reviewer', 'legal', 'police'];

let h: Harness;
let materialId: string;
beforeAll(async () => {
  h = await harness();
  await seededBatch(h);
  materialId = (await h.call('admin', 'GET', '/api/batches/b1/materials?department=市公安局')).body.items[0]
    .material.id;
});
afterAll(async () => {
  await h.close();
});

const routes = (): Array<{ method: string; path: string; allowed: Who[]; body?: unknown }> => [
  { method: 'GET', path: '/api/batches', allowed: ['admin', 'reviewer', 'legal', 'police'] },
  { method: 'POST', path: '/api/batches', allowed: ['admin', 'reviewer'], body: {} },
  { method: 'GET', path: '/api/batches/b1', allowed: ['admin', 'reviewer', 'legal', 'police'] },
  { method: 'GET', path: '/api/batches/b1/transitions', allowed: ['admin', 'reviewer', 'legal', 'police'] },
  { method: 'GET', path: '/api/batches/b1/summary', allowed: ['admin', 'reviewer', 'legal', 'police'] },
  {
    method: 'POST',
    path: '/api/batches/b1/imports',
    allowed: ['admin', 'reviewer', 'police'],
    body: new FormData(),
  },
  { method: 'GET', path: '/api/batches/b1/materials', allowed: ['admin', 'reviewer', 'legal', 'police'] },
  {
    method: 'GET',
    path: `/api/batches/b1/materials/${materialId}`,
    allowed: ['admin', 'reviewer', 'legal', 'police'],
  },
  {
    method: 'POST',
    path: `/api/batches/b1/materials/${materialId}/review`,
    allowed: ['admin', 'reviewer'],
    body: {},
  },
  {
    method: 'PUT',
    path: `/api/batches/b1/materials/${materialId}/annotation`,
    allowed: ['admin', 'reviewer', 'police'],
    body: {},
  },
  { method: 'POST', path: '/api/batches/b1/transitions', allowed: ['admin', 'reviewer', 'legal'], body: {} },
  { method: 'GET', path: '/api/batches/b1/comments', allowed: ['admin', 'reviewer', 'legal'] },
  { method: 'POST', path: '/api/batches/b1/comments/1/answer', allowed: ['admin', 'reviewer'], body: {} },
  { method: 'GET', path: '/api/audit', allowed: ['admin', 'reviewer', 'legal'] },
  { method: 'POST', path: '/api/tokens', allowed: ['admin'], body: {} },
  { method: 'GET', path: '/api/publications', allowed: ALL },
  { method: 'GET', path: '/api/batches/b1/publications', allowed: ALL },
  { method: 'POST', path: `/api/batches/b1/materials/${materialId}/comments`, allowed: ALL, body: {} },
];

describe('role × route matrix', () => {
  it('answers 401 / 403 exactly where the role is not served, and changes nothing', async () => {
    const auditBefore = (await h.store.listAudit()).total;
    const failures: string[] = [];
    for (const route of routes()) {
      for (const who of ALL) {
        const res = await h.call(who, route.method, route.path, route.body);
        const denied = res.status === 401 || res.status === 403;
        const expected = route.allowed.includes(who) ? 'served' : who === 'anonymous' ? 401 : 403;
        const ok = expected === 'served' ? !denied : res.status === expected;
        if (!ok)
          failures.push(`${route.method} ${route.path} as ${who}: ${res.status}, expected ${expected}`);
        if (denied) expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    expect(failures).toEqual([]);
    expect((await h.store.listAudit()).total).toBe(auditBefore);
  });
});
