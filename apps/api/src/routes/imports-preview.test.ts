import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { form, type Harness, harness, POLICE_ROWS, workbook } from '../test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
  await h.call('admin', 'POST', '/api/batches', { id: 'b1', title: '第一批', departments: ['市公安局'] });
});
afterEach(async () => {
  await h.close();
});

describe('import preview and template', () => {
  it('reports per file what would be imported, with the engine’s decisions, and writes nothing', async () => {
    const good = await workbook('市公安局', POLICE_ROWS);
    const bad = await workbook('市公安局', [{ item: '', material: '居民身份证' }]);
    const res = await h.call(
      'police',
      'POST',
      '/api/batches/b1/imports/preview',
      form({ name: 'good.xlsx', bytes: good }, { name: 'bad.xlsx', bytes: bad }),
    );
    expect(res.status).toBe(200);
    const [ok, failed] = res.body.files;
    expect(ok).toMatchObject({ file: 'good.xlsx', ok: true, departments: ['市公安局'] });
    expect(ok.materials).toHaveLength(POLICE_ROWS.length);
    const kin = ok.materials.find((m: { material: { name: string } }) => m.material.name === '亲属关系证明');
    expect(kin.decision).toMatchObject({ verdict: 'cancel', category: 'no-legal-basis' });
    expect(failed.ok).toBe(false);
    expect(failed.issues[0]).toMatchObject({ severity: 'error', row: 2, column: 'B' });
    expect((await h.store.listMaterials('b1', { limit: 1 })).total).toBe(0);
  });

  it('refuses a department previewing another department’s workbook, as the import does', async () => {
    const res = await h.call(
      'market',
      'POST',
      '/api/batches/b1/imports/preview',
      form({ name: 'p.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) }),
    );
    expect(res.status).toBe(403);
  });

  it('gives a department its own template and refuses the legal office', async () => {
    const res = await h.call('police', 'GET', '/api/batches/b1/template?department=别的部门');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('市公安局'));
    expect((await h.call('legal', 'GET', '/api/batches/b1/template')).status).toBe(403);
  });

  it('tells each role what it may do', async () => {
    const police = await h.call('police', 'GET', '/api/me');
    expect(police.body).toMatchObject({ role: 'department', department: '市公安局' });
    expect(police.body.permissions).toContain('import');
    expect(police.body.permissions).not.toContain('review');
    const legal = await h.call('legal', 'GET', '/api/me');
    expect(legal.body.permissions.filter((p: string) => p.startsWith('transition.'))).toEqual([
      'transition.legal-review',
      'transition.review-adjustment',
    ]);
    expect((await h.call('anonymous', 'GET', '/api/me')).status).toBe(401);
  });
});
