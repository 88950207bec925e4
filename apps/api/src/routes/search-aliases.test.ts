import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { form, type Harness, harness, workbook } from '../test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const HRSS = '市人力资源和社会保障局';

/** A list out for comment (public) whose materials are named as departments write them. */
async function publicDraft() {
  await h.call('admin', 'POST', '/api/batches', { id: 's1', title: '第一批', departments: [HRSS] });
  const rows = [
    { item: '失业登记', material: '社会保障卡（原件）' },
    { item: '失业登记', material: '居民身份证复印件' },
    { item: '社会保障卡补换', material: 'ＩＣ卡申请表' },
  ];
  const imported = await h.call(
    'admin',
    'POST',
    '/api/batches/s1/imports',
    form({ name: 'hrss.xlsx', bytes: await workbook(HRSS, rows) }),
  );
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  for (const step of [
    { action: 'submit' },
    { action: 'confirm', signer: '张三', signedAt: '2018-08-20' },
    { action: 'open-comment', start: '2018-08-21', end: '2018-08-28', channel: '政府网站' },
  ])
    expect((await h.call('admin', 'POST', '/api/batches/s1/transitions', step)).status).toBe(200);
}

const names = async (q: string) => {
  const res = await h.call('anonymous', 'GET', `/api/public/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const body = res.body as {
    items: Array<{ name: string; materials: Array<{ id: string; name: string }>; matched: string[] | null }>;
  };
  return body.items.flatMap((i) =>
    i.matched === null ? [i.name] : i.materials.filter((m) => i.matched!.includes(m.id)).map((m) => m.name),
  );
};

describe('public search finds what people type (aliases and normalized names)', () => {
  it('finds 社会保障卡 for 社保卡, full-width for half-width, with and without 原件/复印件', async () => {
    await publicDraft();
    expect(await names('社保卡')).toEqual(expect.arrayContaining(['社会保障卡补换', '社会保障卡（原件）']));
    expect(await names('社会保障卡原件')).toContain('社会保障卡（原件）');
    expect(await names('IC卡')).toEqual(['ＩＣ卡申请表']);
    expect(await names('身份证复印件')).toContain('居民身份证复印件');
    expect(await names('身份证')).toContain('居民身份证复印件');
    expect(await names('户口本')).toEqual([]);
    // The public page answers the same.
    const page = await h.app.request(`http://localhost/?q=${encodeURIComponent('社保卡')}`);
    expect(await page.text()).toContain('社会保障卡（原件）');
  });
});
