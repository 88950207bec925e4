import { afterEach, describe, expect, it } from 'vitest';
import { signForm } from './security';
import {
  FORM_SECRET,
  form,
  type Harness,
  harness,
  POLICE_ROWS,
  type Row,
  seededBatch,
  workbook,
} from './test-support/harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

// Bytes no reader accepts: parsed, they are a 422 NOT_A_WORKBOOK; refused earlier, never read.
const HOSTILE = { name: 'hostile.xlsx', bytes: new TextEncoder().encode('PK\u0003\u0004 not a workbook') };

const rows = (n: number, item = '户口迁移'): Row[] =>
  Array.from({ length: n }, (_, i) => ({ item, material: `材料${i + 1}` }));

describe('import scope is checked before any workbook is parsed (finding 1)', () => {
  it('a department token outside the batch, or naming another department, gets 403, not the 422 of parsing', async () => {
    h = await harness();
    await h.call('admin', 'POST', '/api/batches', {
      id: 'b2',
      title: 't',
      departments: ['市市场监督管理局'],
    });
    const outside = await h.call('police', 'POST', '/api/batches/b2/imports', form(HOSTILE));
    expect(outside.status).toBe(403);
    expect(outside.body.code).not.toBe('IMPORT_FAILED');

    await seededBatch(h);
    const named = form(HOSTILE);
    named.append('department', '市市场监督管理局');
    const other = await h.call('police', 'POST', '/api/batches/b1/imports', named);
    expect(other.status).toBe(403);
    const preview = form(HOSTILE);
    preview.append('department', '市市场监督管理局');
    expect((await h.call('police', 'POST', '/api/batches/b1/imports/preview', preview)).status).toBe(403);

    // In scope, the same bytes are read and refused for what they are.
    const own = await h.call('police', 'POST', '/api/batches/b1/imports', form(HOSTILE));
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('IMPORT_FAILED');
    expect(own.body.files[0].issues[0].file).toBe('hostile.xlsx');
  });

  it('stops at the first item of another department in a department token’s file (403, nothing written)', async () => {
    h = await harness();
    await seededBatch(h);
    const before = JSON.stringify(await h.store.allMaterials('b1'));
    const res = await h.call(
      'police',
      'POST',
      '/api/batches/b1/imports',
      form({ name: 'm.xlsx', bytes: await workbook('市市场监督管理局', rows(3)) }),
    );
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('市市场监督管理局');
    expect(JSON.stringify(await h.store.allMaterials('b1'))).toBe(before);
  });
});

describe('import limits (findings 2 and 4)', () => {
  it('bounds a multipart upload while it streams in, without Content-Length (413, not buffered whole)', async () => {
    h = await harness({ limits: { uploadBytes: 64 * 1024 } });
    await seededBatch(h);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 64 MiB offered; the server must stop long before.
        if (sent >= 64 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x41));
      },
    });
    const res = await h.app.request('/api/batches/b1/imports', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.tokens.admin}`,
        'content-type': 'multipart/form-data; boundary=xyz',
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a file over the row limit with 422 naming file, sheet and row, zh-CN first', async () => {
    h = await harness({ limits: { importRows: 5 } });
    await h.call('admin', 'POST', '/api/batches', { id: 'b3', title: 't', departments: ['市公安局'] });
    const res = await h.call(
      'admin',
      'POST',
      '/api/batches/b3/imports',
      form({ name: '公安局.xlsx', bytes: await workbook('市公安局', rows(10)) }),
    );
    expect(res.status).toBe(422);
    const issue = res.body.files[0].issues.find((i: { code: string }) => i.code === 'TOO_MANY_ROWS');
    expect(issue).toMatchObject({ file: '公安局.xlsx', sheet: '市公安局', row: 6 });
    expect(issue.message).toMatch(/^「公安局\.xlsx」工作表「市公安局」第 6 行/);
    expect(issue.message).toContain('5 行');
    expect((await h.store.allMaterials('b3')).length).toBe(0);
  });

  it('shares one material budget between the files of a request', async () => {
    h = await harness({ limits: { importMaterials: 5 } });
    await h.call('admin', 'POST', '/api/batches', { id: 'b4', title: 't', departments: ['市公安局'] });
    const first = { name: 'a.xlsx', bytes: await workbook('市公安局', rows(3, '甲')) };
    const second = { name: 'b.xlsx', bytes: await workbook('市公安局', rows(3, '乙')) };
    const res = await h.call('admin', 'POST', '/api/batches/b4/imports', form(first, second));
    expect(res.status).toBe(422);
    const [a, b] = res.body.files;
    expect(a).toMatchObject({ file: 'a.xlsx', ok: true, materials: 3 });
    expect(b.ok).toBe(false);
    expect(b.issues.map((i: { code: string }) => i.code)).toContain('TOO_MANY_MATERIALS');
    expect(b.issues.some((i: { message: string }) => i.message.includes('本次上传的文件合计'))).toBe(true);
    // Each file alone fits: the budget is the request's, not a file's.
    expect((await h.call('admin', 'POST', '/api/batches/b4/imports', form(second))).status).toBe(200);
  });

  it('refuses a cell over the cell limit, naming the cell (422)', async () => {
    h = await harness({ limits: { cellChars: 50 } });
    await h.call('admin', 'POST', '/api/batches', { id: 'b5', title: 't', departments: ['市公安局'] });
    const res = await h.call(
      'admin',
      'POST',
      '/api/batches/b5/imports',
      form({
        name: 'long.xlsx',
        bytes: await workbook('市公安局', [...POLICE_ROWS, { item: '户口迁移', material: '长'.repeat(51) }]),
      }),
    );
    expect(res.status).toBe(422);
    const issue = res.body.files[0].issues[0];
    expect(issue).toMatchObject({ code: 'CELL_TOO_LONG', sheet: '市公安局', row: 6, column: 'C' });
  });

  it('takes its limits and proxy trust from the config file’s server section; options win', async () => {
    h = await harness({
      config: {
        jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
        server: { maxImportRows: 3, trustProxy: true },
      },
    });
    await h.call('admin', 'POST', '/api/batches', { id: 'b6', title: 't', departments: ['市公安局'] });
    const res = await h.call(
      'admin',
      'POST',
      '/api/batches/b6/imports',
      form({ name: 'p.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) }),
    );
    expect(res.status).toBe(422);
    expect(res.body.files[0].issues[0].code).toBe('TOO_MANY_ROWS');

    const signed = signForm(FORM_SECRET);
    const login = await h.app.request('http://localhost/operator/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        // Through the TLS proxy the browser's origin is https (the Origin check uses the forwarded scheme).
        origin: 'https://localhost',
        cookie: signed.cookie,
        'x-forwarded-proto': 'https',
      },
      body: new URLSearchParams({ token: h.tokens.reviewer, _csrf: signed.token }).toString(),
    });
    expect(login.status).toBeLessThan(400);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('jz_token='))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    await h.close();

    h = await harness({
      config: {
        jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
        server: { maxImportRows: 3 },
      },
      limits: { importRows: 100 },
    });
    await h.call('admin', 'POST', '/api/batches', { id: 'b7', title: 't', departments: ['市公安局'] });
    const wins = await h.call(
      'admin',
      'POST',
      '/api/batches/b7/imports',
      form({ name: 'p.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) }),
    );
    expect(wins.status).toBe(200);
  });

  it('refuses an unknown key in the config’s server section', async () => {
    h = await harness();
    await expect(harness({ config: { server: { maxImportRowz: 3 } as never } })).rejects.toThrow(
      /maxImportRowz|server/,
    );
  });
});
