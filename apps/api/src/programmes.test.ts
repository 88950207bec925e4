import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, publishedBatch } from './test-support/harness';

// GET /api/programmes/{id}: the figures of domain.md §16 over a published batch, checked against
// the publication the service itself wrote, not against numbers written here.
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const programme = {
  id: 'suzhou-2018',
  title: '宿州市减证便民专项清理',
  units: [
    { name: '市公安局', batch: 'b1' },
    { name: '市市场监督管理局', batch: 'b1' },
    { name: '市民政局', batch: null },
  ],
  batches: [{ id: 'b1', title: '第一批' }],
  rounds: [
    {
      id: 'r1',
      title: '首轮',
      baseline: { materials: 6, date: '2018-02-01' },
      targetRate: 60,
      batches: ['b1'],
    },
  ],
};

describe('programmes API', () => {
  it('gives the programme with figures whose published cancellations are the latest publication’s', async () => {
    await publishedBatch(h);
    expect((await h.call('admin', 'POST', '/api/programmes', programme)).status).toBe(201);
    const res = await h.call('police', 'GET', '/api/programmes/suzhou-2018');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    const publication = await h.call('reviewer', 'GET', '/api/batches/b1/publications/1/json');
    const summary = publication.body.summary;
    const f = res.body.figures;
    expect(f.totals).toMatchObject({
      units: 3,
      submitted: 2,
      materials: summary.materials,
      publishedMaterials: summary.materials,
      cancelled: summary.cancelled,
      cancelledRate: summary.cancellationRate,
    });
    expect(f.units[2]).toMatchObject({
      name: '市民政局',
      state: 'due',
      batch: null,
      stage: null,
      cancelled: null,
    });
    expect(f.batches[0]).toMatchObject({ id: 'b1', stage: 'published' });
    expect(f.rounds[0].cumulative).toBe(summary.cancelled);
  });

  it('keeps writes to admins, needs If-Match to replace, and says why a write is refused', async () => {
    await h.call('admin', 'POST', '/api/batches', {
      id: 'b1',
      title: '第一批',
      departments: ['市公安局', '市市场监督管理局'],
    });
    expect((await h.call('reviewer', 'POST', '/api/programmes', programme)).status).toBe(403);
    expect((await h.call('admin', 'POST', '/api/programmes', programme)).status).toBe(201);
    expect((await h.call('admin', 'POST', '/api/programmes', programme)).status).toBe(409);
    const changed = { ...programme, title: '宿州市专项清理（第二轮）' };
    expect((await h.call('admin', 'PUT', '/api/programmes/suzhou-2018', changed)).status).toBe(428);
    const put = await h.call('admin', 'PUT', '/api/programmes/suzhou-2018', changed, { 'if-match': '"1"' });
    expect(put.status).toBe(200);
    expect(put.body.revision).toBe(2);
    const stale = await h.call('admin', 'PUT', '/api/programmes/suzhou-2018', changed, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    const bad = await h.call('admin', 'POST', '/api/programmes', {
      ...programme,
      id: 'p2',
      units: [{ name: '市公安局', batch: 'b7' }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.issues)).toContain('单位“市公安局”所列批次“b7”不在本专项清理的批次中');
    expect((await h.call('reviewer', 'GET', '/api/programmes/none')).status).toBe(404);
    expect((await h.call('anonymous', 'GET', '/api/programmes/suzhou-2018')).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await h.call('anonymous', 'GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/programmes', '/api/programmes/{programmeId}']),
    );
    expect(doc.paths['/api/programmes/{programmeId}'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.ProgrammeFigures).toBeDefined();
  });
});
