import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, summarize } from '@jianzheng/core';
import { importWorkbooks } from '@jianzheng/excel';
import { parsePublication } from '@jianzheng/json';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { settleLegalQueue } from '@jianzheng/testkit';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server';
import { MARKET_ROWS, POLICE_ROWS, tokenIn, workbook } from './test-support/harness';

const EXAMPLES = resolve(fileURLToPath(import.meta.url), '../../../../examples/suzhou-2018');
const JURISDICTION = {
  code: '341300',
  name: '宿州市',
  level: 'city' as const,
  documentPrefixes: ['宿政', '宿政办', '宿州市人民政府令'],
};

/** The demo workbooks when the examples exist, else two generated ones. */
async function inputFiles(): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  if (existsSync(EXAMPLES)) {
    const names = readdirSync(EXAMPLES)
      .filter((n) => n.endsWith('.xlsx'))
      .sort();
    if (names.length > 0)
      return names.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(EXAMPLES, n))) }));
  }
  return [
    { name: '市公安局.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) },
    { name: '市市场监督管理局.xlsx', bytes: await workbook('市市场监督管理局', MARKET_ROWS) },
  ];
}

let dir: string;
let dbPath: string;
let server: RunningServer;
let admin: string;
let legal: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jz-e2e-'));
  dbPath = join(dir, 'jianzheng.db');
  admin = await tokenIn(dbPath, 'admin', { label: '管理员' });
  legal = await tokenIn(dbPath, 'legal', { label: '司法局' });
  server = await startServer({
    store: createSqliteStore({ filename: dbPath }),
    port: 0,
    host: '127.0.0.1',
    config: { jurisdiction: JURISDICTION },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = {
    ...extra,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  let payload: FormData | string | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body: payload });
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely as a client would
  return { status: res.status, body: (await res.json()) as any };
}

describe('end to end over HTTP', () => {
  it('imports the demo workbooks, walks every stage to published, and publishes the CLI figures', async () => {
    const files = await inputFiles();
    // What the CLI computes from the same files: import, evaluate, summarize.
    const local = await importWorkbooks(files.map((f) => ({ input: f.bytes, fileName: f.name })));
    expect(local.ok).toBe(true);
    const expected = summarize(
      local.materials,
      createEngine({ jurisdiction: JURISDICTION }).evaluate(local.materials),
    );

    const created = await api(admin, 'POST', '/api/batches', {
      id: 'suzhou-2018-1',
      title: '第一批',
      departments: local.departments,
    });
    expect(created.status).toBe(201);
    const form = new FormData();
    for (const f of files) form.append('files', new File([f.bytes], basename(f.name)));
    const imported = await api(admin, 'POST', '/api/batches/suzhou-2018-1/imports', form);
    expect(imported.status).toBe(200);
    expect(imported.body.files.every((f: { ok: boolean }) => f.ok)).toBe(true);

    // The legal office settles every basis the engine could not place (domain.md §14) before its
    // review can pass: in the demo they are a province's or a ministry's documents, so each stays
    // retained and is referred to its issuer — the figures do not move.
    const { pending, settled } = await settleLegalQueue(
      (method, path, body, headers) => api(legal, method, path, body, headers),
      'suzhou-2018-1',
    );
    expect(pending.length).toBeGreaterThan(0);
    for (const answer of settled) expect(answer.body.decision.flags).toEqual(['refer-to-issuer']);
    expect((await api(legal, 'GET', '/api/batches/suzhou-2018-1/legal-queue')).body.pending).toEqual([]);

    const steps: Array<[string, Record<string, string>]> = [
      [admin, { action: 'submit' }],
      [admin, { action: 'confirm', signer: '各部门负责人', signedAt: '2018-08-20' }],
      [
        admin,
        { action: 'open-comment', start: '2018-08-21', end: '2018-08-27', channel: '宿州市人民政府网' },
      ],
      [legal, { action: 'legal-review', result: 'passed', notes: '经审查，取消事项合法' }],
      [admin, { action: 'approve', meetingDate: '2018-08-31' }],
      [admin, { action: 'publish', documentNumber: '宿政办秘〔2018〕XX号', publishedAt: '2018-09-04' }],
    ];
    const stages: string[] = [];
    for (const [token, body] of steps) {
      const res = await api(token, 'POST', '/api/batches/suzhou-2018-1/transitions', body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      stages.push(res.body.batch.stage);
    }
    expect(stages).toEqual([
      'centralized-review',
      'department-confirmed',
      'public-comment',
      'legal-review',
      'approved',
      'published',
    ]);

    const live = await api(legal, 'GET', '/api/batches/suzhou-2018-1/summary');
    expect(live.body).toMatchObject({ materials: expected.materials, cancelled: expected.cancelled });
    const res = await fetch(`${server.url}/api/batches/suzhou-2018-1/publications/latest/json`);
    const pub = parsePublication(await res.text());
    expect(pub.summary.items).toBe(expected.items);
    expect(pub.summary.materials).toBe(expected.materials);
    expect(pub.summary.cancelled).toBe(expected.cancelled);
    expect(pub.summary.cancellationRate).toBe(expected.cancellationRate);
    expect(pub.summary.byCategory).toEqual(expected.byCategory);
    expect(pub.summary.byDepartment.map((d) => [d.department, d.materials, d.cancelled])).toEqual(
      expected.byDepartment.map((d) => [d.department, d.materials, d.cancelled]),
    );
    const xlsx = await fetch(`${server.url}/api/batches/suzhou-2018-1/publications/1/xlsx`);
    expect(xlsx.status).toBe(200);
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // The commitment letters of the published demo: the 208 commitment materials, one zip.
    const letters = await api(null, 'GET', '/api/batches/suzhou-2018-1/publications/1/letters');
    const committed = letters.body.flatMap((l: { materials: { id: string }[] }) => l.materials);
    expect(committed).toHaveLength(208);
    expect(committed).toHaveLength(pub.summary.byCategory.commitment!);
    const zip = await fetch(`${server.url}/api/batches/suzhou-2018-1/publications/1/letters.zip`);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(
      Object.keys(entries)
        .filter((n) => n.endsWith('.docx'))
        .sort(),
    ).toEqual(letters.body.map((l: { fileName: string }) => l.fileName).sort());

    const audit = await api(legal, 'GET', '/api/audit?batchId=suzhou-2018-1&action=publication.create');
    expect(audit.body.items[0].after).toMatchObject({ version: 1, sha256: pub.sha256 });
  });

  it('keeps everything across a restart on the same database file', async () => {
    const before = await api(admin, 'GET', '/api/batches/suzhou-2018-1');
    await server.close();
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      host: '127.0.0.1',
    });
    const after = await api(admin, 'GET', '/api/batches/suzhou-2018-1');
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    const versions = await api(null, 'GET', '/api/batches/suzhou-2018-1/publications');
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1]);
  });
});
