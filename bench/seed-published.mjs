// A city's published list made the way a city makes it: synthetic department workbooks imported
// over HTTP into a running API, then walked through every review stage to published. Shared by
// api-servers.mjs and shared-deployment.bench.mjs, so both measure the same data.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createToken } from '@jianzheng/api';
import { writeSyntheticWorkbooks } from '@jianzheng/testkit';

export const JURISDICTION = { code: '341300', name: '宿州市', level: 'city' };
/** The published list (latest version's canonical JSON): public, no token. */
export const LIST = '/api/batches/bench/publications/latest/json';
/** The operators' material search (a token, the store on every request). */
export const SEARCH = `/api/batches/bench/materials?q=${encodeURIComponent('身份证')}&pageSize=50`;
/** The home page's search as JSON (public; in-memory index over the published lists). */
export const PUBLIC_SEARCH = `/api/public/search?q=${encodeURIComponent('身份证')}&limit=20`;

/** An admin and a legal-review token in the store, in plain text. */
export async function benchTokens(store) {
  const admin = (await createToken({ store, role: 'admin', label: 'bench' })).token;
  const legal = (await createToken({ store, role: 'legal', label: 'bench' })).token;
  return { admin, legal };
}

/** Imports `materials` synthetic materials into batch `bench` on the API at `url` and publishes it. */
export async function seedPublishedList({ url, admin, legal, dir, materials }) {
  async function call(token, method, path, body) {
    const headers = { authorization: `Bearer ${token}` };
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${url}${path}`, { method, headers, body: payload });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  }
  const manifest = await writeSyntheticWorkbooks({
    dir: join(dir, 'in'),
    materials,
    departments: 11,
    workbooks: 11,
  });
  const departments = manifest.workbooks.flatMap((w) => w.departments);
  await call(admin, 'POST', '/api/batches', { id: 'bench', title: '第一批', departments });
  const form = new FormData();
  for (const w of manifest.workbooks)
    form.append('files', new File([readFileSync(w.path)], basename(w.path)));
  await call(admin, 'POST', '/api/batches/bench/imports', form);
  for (const [token, body] of [
    [admin, { action: 'submit' }],
    [admin, { action: 'confirm', signer: '各部门负责人', signedAt: '2018-08-20' }],
    [admin, { action: 'open-comment', start: '2018-08-21', end: '2018-08-27', channel: '政府网站' }],
    [legal, { action: 'legal-review', result: 'passed', notes: '合法' }],
    [admin, { action: 'approve', meetingDate: '2018-08-31' }],
    [admin, { action: 'publish', documentNumber: '宿政办秘〔2018〕1号', publishedAt: '2018-09-04' }],
  ]) {
    await call(token, 'POST', '/api/batches/bench/transitions', body);
  }
  return { materials: manifest.materials, call };
}
