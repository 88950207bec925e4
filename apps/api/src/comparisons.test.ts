import { publicationFromSpec } from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signForm } from './security';
import { FORM_SECRET, type Harness, harness, publishedBatch } from './test-support/harness';

let h: Harness;

// The store holds 宿州's published batch (POLICE_ROWS: 迁移申请书 retained, 居民身份证复印件 cancelled
// as shareable). Two neighbours, uploaded: both cancel 迁移申请书 → a finding for 宿州; 萧县 still
// demands 居民身份证 while 宿州 and 砀山 cancelled it → a finding for 萧县.
const neighbour = (code: string, name: string, id: string, materials: [string, string?][]) =>
  publicationFromSpec(
    { code, name, level: 'county' },
    { id, title: `${name}第一批`, documentNumber: `${name}〔2018〕1号` },
    [{ department: '县公安局', name: '户口迁移', materials }],
  );
const dangshan = neighbour('341321', '砀山县', 'ds', [
  ['居民身份证', 'information-sharing'],
  ['迁移申请书', 'commitment'],
]);
const xiaoxian = neighbour('341322', '萧县', 'xx', [['居民身份证'], ['迁移申请书', 'internal-query']]);

beforeAll(async () => {
  h = await harness();
  await publishedBatch(h);
});
afterAll(async () => {
  await h.close();
});

describe('/api/comparisons', () => {
  it('compares the published lists here with uploaded ones: findings with their precedent', async () => {
    const res = await h.call('anonymous', 'POST', '/api/comparisons', {
      batches: ['b1'],
      publications: [dangshan, xiaoxian],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.jurisdictions.map((j: { name: string }) => j.name)).toEqual(['宿州市', '砀山县', '萧县']);
    const findings = res.body.findings.map(
      (f: {
        jurisdiction: { name: string };
        material: string;
        precedents: { batch: { documentNumber: string } }[];
      }) => [f.jurisdiction.name, f.material, f.precedents.map((p) => p.batch.documentNumber)],
    );
    // Equal precedent counts keep row order; a row shows the name as the first list wrote it.
    expect(findings).toEqual([
      ['萧县', '居民身份证复印件', ['宿政办秘〔2018〕100号', '砀山县〔2018〕1号']],
      ['宿州市', '迁移申请书', ['砀山县〔2018〕1号', '萧县〔2018〕1号']],
    ]);
  });

  it('compares what the store holds alone (GET), every published batch by default', async () => {
    const res = await h.call('anonymous', 'GET', '/api/comparisons?k=1');
    expect(res.status).toBe(200);
    expect(res.body.jurisdictions).toHaveLength(1);
    expect(res.body.rows.length).toBeGreaterThan(3);
    expect(res.body.findings).toEqual([]);
  });

  it('refuses a tampered upload, the same batch twice, an unknown batch and a bad k, with a problem', async () => {
    const tampered = { ...dangshan, version: 2 };
    const bad = await h.call('anonymous', 'POST', '/api/comparisons', { publications: [tampered] });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('publications[0]');
    const twice = await h.call('anonymous', 'POST', '/api/comparisons', {
      publications: [dangshan, dangshan],
    });
    expect([twice.status, twice.body.code]).toEqual([422, 'COMPARE_DUPLICATE_BATCH']);
    expect((await h.call('anonymous', 'GET', '/api/comparisons?batch=nope')).status).toBe(404);
    expect((await h.call('anonymous', 'GET', '/api/comparisons?k=0')).status).toBe(400);
  });
});

describe('/operator/compare (page)', () => {
  const ORIGIN = 'http://localhost';
  const signIn = async () => {
    const signed = signForm(FORM_SECRET);
    const res = await h.app.request(`${ORIGIN}/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: signed.cookie },
      body: new URLSearchParams({ token: h.tokens.reviewer, _csrf: signed.token }).toString(),
    });
    return res.headers
      .getSetCookie()
      .find((c) => c.startsWith('jz_token='))!
      .split(';')[0]!;
  };

  it('shows the findings first, then the matrix, with uploaded neighbours and a department filter', async () => {
    const cookie = await signIn();
    const signed = signForm(FORM_SECRET, cookie);
    const form = new FormData();
    form.append('_csrf', signed.token);
    form.append('batch', 'b1');
    form.append('k', '2');
    form.append('department', '县公安局');
    for (const pub of [dangshan, xiaoxian])
      form.append(
        'files',
        new File([JSON.stringify(pub)], `${pub.batch.id}.json`, { type: 'application/json' }),
      );
    const res = await h.app.request(`${ORIGIN}/operator/compare`, {
      method: 'POST',
      headers: { cookie: signed.cookie, origin: ORIGIN },
      body: form,
    });
    const html = await res.text();
    expect(res.status, html).toBe(200);
    const findings = html.indexOf('id="findings-title"');
    const matrix = html.indexOf('id="matrix-title"');
    expect(findings).toBeGreaterThan(0);
    expect(matrix).toBeGreaterThan(findings);
    expect(html.slice(findings, matrix)).toContain('迁移申请书');
    expect(html.slice(findings, matrix)).toContain(
      '砀山县（改为申请人书面承诺、事中事后核查, 砀山县〔2018〕1号）',
    );
    // Filtered to 县公安局: rows of 市市场监督管理局 (营业执照) are not in the matrix.
    expect(html.slice(matrix)).not.toContain('营业执照');
    expect(html.slice(matrix)).toContain('<th>萧县</th>');

    const all = await h.app.request(`${ORIGIN}/operator/compare?batch=b1`, { headers: { cookie } });
    const page = await all.text();
    expect(all.status).toBe(200);
    expect(page).toContain('营业执照');
    expect(page).toContain('没有发现');
  });
});
