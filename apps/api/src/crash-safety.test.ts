import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePublication } from '@jianzheng/json';
import {
  type ServerProcess,
  type SyntheticManifest,
  startServerProcess,
  writeSyntheticWorkbooks,
} from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenIn } from './test-support/harness';

const HERE = dirname(fileURLToPath(import.meta.url));
// The API package has no bin of its own: operators run it through the CLI's `serve`.
const BIN = resolve(HERE, '../../cli/dist/bin.js');
const REPO = resolve(HERE, '../../..');
const BATCH = 'crash';
const JURISDICTION = { code: '341300', name: '宿州市', level: 'city' };

let dir: string;
let dbPath: string;
let admin: string;
let small: SyntheticManifest;
let large: SyntheticManifest;

// The large file is over the server's default import limits (100,000 rows, 50,000 materials per
// request), which are not what this test is about: raise them for it.
// Every server started, so that a failed expectation never leaves one running after the test.
const servers: ServerProcess[] = [];
const start = async () => {
  const server = await startServerProcess({
    script: BIN,
    args: [
      'serve',
      '--db',
      dbPath,
      '--port',
      '{port}',
      '--max-import-rows',
      '200000',
      '--max-import-materials',
      '200000',
    ],
    // On libsql, the driver of every machine without a compiler: its transactions are the store's
    // own BEGIN/COMMIT (better-sqlite3's are its own), so that is where a kill could find a gap.
    env: { JIANZHENG_SQLITE_DRIVER: 'libsql' },
  });
  servers.push(server);
  expect(server.stderr()).toContain('SQLite 驱动 libsql');
  return server;
};

async function api(server: ServerProcess, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${admin}` };
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

function form(path: string, name: string): FormData {
  const data = new FormData();
  data.append('files', new File([readFileSync(path)], name));
  return data;
}

async function count(server: ServerProcess, department?: string): Promise<number> {
  const q = department ? `&department=${encodeURIComponent(department)}` : '';
  const res = await api(server, 'GET', `/api/batches/${BATCH}/materials?pageSize=1${q}`);
  expect(res.status).toBe(200);
  return res.body.total;
}

async function ids(server: ServerProcess, department: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const res = await api(
      server,
      'GET',
      `/api/batches/${BATCH}/materials?pageSize=500&page=${page}&department=${encodeURIComponent(department)}`,
    );
    out.push(...res.body.items.map((m: { id: string }) => m.id));
    if (res.body.items.length < 500) return out.sort();
  }
}

const walSize = () => (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jz-crash-'));
  dbPath = join(dir, 'jianzheng.db');
  admin = await tokenIn(dbPath, 'admin');
  small = await writeSyntheticWorkbooks({ dir: join(dir, 'small'), materials: 400, departments: 1, seed: 1 });
  // One department's large workbook, under the 20 MB upload limit: long enough to kill mid-import.
  large = await writeSyntheticWorkbooks({
    dir: join(dir, 'large'),
    materials: 120_000,
    departments: 1,
    departmentOffset: 1,
    seed: 2,
    layouts: ['plain'],
  });
}, 300_000);

afterAll(async () => {
  for (const server of servers) if (server.alive()) await server.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('crash safety: SIGKILL in the middle of a large import', () => {
  it('keeps either the whole file or none of it, and everything committed before', async () => {
    const committedDepartment = small.workbooks[0]!.departments[0]!;
    const largeDepartment = large.workbooks[0]!.departments[0]!;
    expect(largeDepartment).not.toBe(committedDepartment);

    let server = await start();
    const created = await api(server, 'POST', '/api/batches', {
      id: BATCH,
      title: '崩溃测试批次',
      departments: [committedDepartment, largeDepartment],
      jurisdiction: JURISDICTION,
    });
    expect(created.status).toBe(201);
    const first = await api(
      server,
      'POST',
      `/api/batches/${BATCH}/imports`,
      form(small.workbooks[0]!.path, 'a.xlsx'),
    );
    expect(first.status).toBe(200);
    const committedIds = await ids(server, committedDepartment);
    expect(committedIds).toHaveLength(small.materials);

    // Upload the large file and kill the server once its transaction is writing (the WAL grows),
    // or, failing that, a little after the upload went out.
    const walBefore = walSize();
    let answered = false;
    let response: unknown;
    const request = api(
      server,
      'POST',
      `/api/batches/${BATCH}/imports`,
      form(large.workbooks[0]!.path, 'b.xlsx'),
    )
      .then((res) => {
        response = res;
        answered = true;
      })
      .catch(() => undefined);
    const deadline = Date.now() + 120_000;
    while (walSize() <= walBefore + 256 * 1024 && !answered && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
    }
    const killedWhileWriting = walSize() > walBefore + 256 * 1024 && !answered;
    // The import's transaction had written pages to the WAL but not committed: truly mid-import.
    expect(killedWhileWriting).toBe(true);
    await server.kill();
    await request;
    expect(
      answered,
      `the import finished before the kill: ${String(JSON.stringify(response)).slice(0, 500)}`,
    ).toBe(false);

    server = await start();
    try {
      const stored = await count(server, largeDepartment);
      // All or nothing; the kill landed before the commit, so nothing.
      expect([0, large.materials]).toContain(stored);
      expect(stored).toBe(0);
      expect(await ids(server, committedDepartment)).toEqual(committedIds);
      expect(await count(server)).toBe(committedIds.length + stored);
      // And the database still takes the same import whole after the restart.
      const again = await api(
        server,
        'POST',
        `/api/batches/${BATCH}/imports`,
        form(large.workbooks[0]!.path, 'b.xlsx'),
      );
      expect(again.status).toBe(200);
      expect(await count(server, largeDepartment)).toBe(large.materials);
      expect(await ids(server, committedDepartment)).toEqual(committedIds);
    } finally {
      await server.stop();
    }
  }, 300_000);
});

describe('crash safety: publication files', () => {
  it('are never left half-written when the writer is SIGKILLed mid-write', async () => {
    const out = join(dir, 'publications');
    // A writer that publishes version after version of a large list until it is killed.
    const script = `
      import { assignMaterialIds, createEngine } from '@jianzheng/core';
      import { createPublication } from '@jianzheng/json';
      import { writePublication } from '@jianzheng/json/node';
      const engine = createEngine();
      const item = (i) => ({ department: '市公安局', code: 'X' + Math.floor(i / 10), name: '事项' + Math.floor(i / 10) });
      const materials = assignMaterialIds(Array.from({ length: 5000 }, (_, i) => ({ item: item(i), name: '材料' + i, legalBasis: i % 3 ? '《条例》' : '无' })));
      const decisions = engine.evaluate(materials);
      for (let version = 1; ; version++) {
        process.stdout.write('writing ' + version + '\\n');
        const pub = createPublication({ jurisdiction: ${JSON.stringify(JURISDICTION)}, batch: { id: 'b', title: '第一批', adjustmentReason: version > 1 ? '调整' : null },
          version, materials, decisions, ruleSet: engine.ruleSet, publishedAt: '2018-09-04T00:00:00Z' });
        await writePublication(${JSON.stringify(out)}, pub);
      }
    `;
    let killedMidWrite = 0;
    // `delay`: how many sightings of the temp file to let pass before the kill.
    for (const delay of [0, 0, 2, 5]) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // Kill the moment a temp file shows up after the first version is complete: mid-write.
      const folder = join(out, 'b');
      const deadline = Date.now() + 60_000;
      let seen = 0;
      while (Date.now() < deadline && child.exitCode === null) {
        const names = existsSync(folder) ? readdirSync(folder) : [];
        if (
          names.some((n) => /^v\d+\.json$/.test(n)) &&
          names.some((n) => n.endsWith('.tmp')) &&
          ++seen > delay
        )
          break;
        await new Promise((r) => setImmediate(r));
      }
      expect(child.exitCode, stderr).toBeNull();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const names = readdirSync(folder);
      if (names.some((n) => n.endsWith('.tmp'))) killedMidWrite++;
      const finals = names.filter((n) => /^v\d+\.json$/.test(n));
      expect(finals.length).toBeGreaterThan(0);
      for (const name of finals) {
        // Every file under a final name is complete and its checksum verifies.
        const pub = parsePublication(readFileSync(join(folder, name), 'utf8'));
        expect(pub.summary.materials).toBe(5000);
      }
      rmSync(folder, { recursive: true, force: true });
    }
    // At least one kill landed inside a write (its temp file is left, never the final name).
    expect(killedMidWrite).toBeGreaterThan(0);
  }, 300_000);
});
