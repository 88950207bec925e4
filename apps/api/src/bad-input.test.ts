import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACCEPTED_CASE_IDS,
  type CorpusCase,
  REFUSED_CASE_IDS,
  type ServerProcess,
  startServerProcess,
  writeBadInputCorpus,
  writeSyntheticWorkbooks,
} from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenIn } from './test-support/harness';

// The real service in its own process: a bad upload must not take it down.
// The API package has no bin of its own: operators run it through the CLI's `serve`.
const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../cli/dist/bin.js');
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const BATCH = 'bad-input';

let dir: string;
let server: ServerProcess;
let admin: string;
let cases: CorpusCase[];
let baseline: { file: string; departments: string[]; materials: number };

async function api(method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${admin}` };
  let payload: FormData | string | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body: payload });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text,
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely as a client would
    body: JSON.parse(text) as any,
  };
}

function upload(...files: Array<{ name: string; path: string }>) {
  const form = new FormData();
  for (const f of files) form.append('files', new File([readFileSync(f.path)], f.name));
  return api('POST', `/api/batches/${BATCH}/imports`, form);
}

async function total(department?: string): Promise<number> {
  const q = department ? `&department=${encodeURIComponent(department)}` : '';
  const res = await api('GET', `/api/batches/${BATCH}/materials?pageSize=1${q}`);
  expect(res.status).toBe(200);
  return res.body.total;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jz-api-bad-'));
  const dbPath = join(dir, 'jianzheng.db');
  admin = await tokenIn(dbPath, 'admin');
  cases = await writeBadInputCorpus(join(dir, 'corpus'));
  const synthetic = await writeSyntheticWorkbooks({
    dir: join(dir, 'good'),
    materials: 500,
    departments: 1,
    layouts: ['plain'],
  });
  const good = synthetic.workbooks[0]!;
  baseline = { file: good.path, departments: good.departments, materials: good.materials };
  server = await startServerProcess({ script: BIN, args: ['serve', '--db', dbPath, '--port', '{port}'] });
  const departments = [
    ...baseline.departments,
    '市公安局',
    '市民政局',
    '市人社局',
    '市教育局',
    '市住房和城乡建设局',
    '市卫健委',
    '市司法局',
    '市交通运输局',
    '隐藏',
    '市医保局',
  ];
  const created = await api('POST', '/api/batches', {
    id: BATCH,
    title: '坏输入测试批次',
    departments,
    jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
  });
  expect(created.status, created.text).toBe(201);
  const first = await upload({ name: '基线.xlsx', path: baseline.file });
  expect(first.status, first.text).toBe(200);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// The bomb's shared-strings part declares ~750 MB: the server's part limit (256 MiB by default,
// 1 GiB in the library) refuses it before a single shared string is counted.
const SERVER_CODE: Partial<Record<string, string>> = { 'shared-strings-bomb': 'WORKBOOK_TOO_LARGE' };

describe('bad-input corpus through the API (real server process)', () => {
  it('starts from the committed baseline', async () => {
    expect(await total()).toBe(baseline.materials);
  });

  for (const id of REFUSED_CASE_IDS) {
    it(`${id}: 422 problem+json naming the file, nothing imported, the process stays up`, async () => {
      const c = cases.find((x) => x.id === id)!;
      const before = await total();
      const name = `上传-${c.fileName}`;
      const res = await upload({ name, path: c.path });
      expect(res.status, res.text).toBe(422);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.status).toBe(422);
      expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
      expect(res.text).toContain(name);
      expect(res.text).not.toMatch(STACK_LINE);
      expect(res.text).not.toContain('node_modules');
      // The issue that says why, with its code, as the excel import reports it — or as the
      // server's tighter limits refuse it first.
      expect(res.text).toContain(SERVER_CODE[id] ?? c.expect.code!);
      expect(await total()).toBe(before);
      expect(server.alive()).toBe(true);
    });
  }

  for (const id of ACCEPTED_CASE_IDS) {
    it(`${id}: imports (200) with its warnings, every material stored`, async () => {
      const c = cases.find((x) => x.id === id)!;
      const before = await total();
      const res = await upload({ name: c.fileName, path: c.path });
      expect(res.status, res.text).toBe(200);
      const file = res.body.files[0];
      expect(file.ok).toBe(true);
      expect(file.materials).toBe(c.expect.materials);
      if (c.expect.code) expect(JSON.stringify(file.issues)).toContain(c.expect.code);
      // A department's re-upload replaces its materials: count the department, not the total.
      const departments: string[] = file.departments;
      let stored = 0;
      for (const d of departments) stored += await total(d);
      expect(stored).toBe(c.expect.materials);
      expect(await total()).toBeGreaterThanOrEqual(before);
    });
  }

  it('a bad file next to a good one: 422 for the request, the bad file imports nothing', async () => {
    const bomb = cases.find((x) => x.id === 'zip-bomb')!;
    const good = cases.find((x) => x.id === 'header-in-wrong-row')!;
    const res = await upload(
      { name: good.fileName, path: good.path },
      { name: bomb.fileName, path: bomb.path },
    );
    expect(res.status, res.text).toBe(422);
    expect(res.text).toContain('WORKBOOK_TOO_LARGE');
    expect(await total(baseline.departments[0])).toBe(baseline.materials);
    expect(server.alive()).toBe(true);
  });

  it('is still serving after the whole corpus, and the baseline is intact', async () => {
    const res = await api('GET', `/api/batches/${BATCH}`);
    expect(res.status).toBe(200);
    expect(await total(baseline.departments[0])).toBe(baseline.materials);
    expect(server.stderr()).not.toMatch(STACK_LINE);
  });
});
