import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createToken } from '@jianzheng/api';
import { formatLocalDate, type Role } from '@jianzheng/core';
import { createPostgresStore } from '@jianzheng/store-postgres';
import {
  type PostgresCluster,
  pgTestSkipReason,
  type ServerProcess,
  settleLegalQueue,
  startPostgres,
  startServerProcess,
  writeSyntheticWorkbooks,
} from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDir } from './test-support';

// Two `jianzheng serve` processes on one PostgreSQL database, driven at the same time: what a
// province behind one reverse proxy runs. Every guard must hold across processes.
const skipReason = pgTestSkipReason();
const tmp = tempDir('two-instances');
let cluster: PostgresCluster | undefined;
let database: Awaited<ReturnType<PostgresCluster['createDatabase']>> | undefined;
const servers: ServerProcess[] = [];
const tokens: Record<string, string> = {};
let departments: string[] = [];
let files: Array<{ department: string; path: string; name: string }> = [];
const BATCH = 'prov-1';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely as a client would
type Reply = { status: number; body: any };
async function call(
  server: ServerProcess,
  who: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const h: Record<string, string> = { ...headers };
  if (who) h.authorization = `Bearer ${tokens[who]}`;
  let payload: FormData | string | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(`${server.url}${path}`, { method, headers: h, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed };
}

/** The legal office settles the synthetic lists' bases (ministries' rules without 令号, §14). */
const settleLegalQueueOn = (server: ServerProcess) =>
  settleLegalQueue(
    (method, path, body, headers) => call(server, 'legal', method, path, body, headers),
    BATCH,
    {
      level: 'department-rule',
      issuedBy: 'superior',
      reason: '部门规章',
    },
  );

const importFile = (server: ServerProcess, file: (typeof files)[number]) => {
  const form = new FormData();
  form.append('files', new File([readFileSync(file.path)], file.name));
  return call(server, file.department, 'POST', `/api/batches/${BATCH}/imports`, form);
};

beforeAll(async () => {
  if (skipReason) return;
  cluster = await startPostgres();
  database = await cluster.createDatabase();
  const synthetic = await writeSyntheticWorkbooks({
    dir: join(tmp.path, 'wb'),
    materials: 60,
    departments: 3,
    layouts: ['plain'],
  });
  files = synthetic.workbooks.map((w) => ({ department: w.departments[0]!, path: w.path, name: w.fileName }));
  departments = files.map((f) => f.department);
  const store = await createPostgresStore({ connectionString: database.url });
  try {
    const roles: Array<[string, Role, string | null]> = [
      ['admin', 'admin', null],
      ['reviewer', 'reviewer', null],
      ['legal', 'legal', null],
      ...departments.map((d): [string, Role, string] => [d, 'department', d]),
    ];
    for (const [name, role, department] of roles)
      tokens[name] = (await createToken({ store, role, department, label: name })).token;
  } finally {
    await store.close();
  }
  for (let i = 0; i < 2; i++)
    servers.push(
      await startServerProcess({ script: BIN, args: ['serve', '--db', database.url, '--port', '{port}'] }),
    );
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await database?.drop();
  await cluster?.stop();
  tmp.remove();
});

describe.skipIf(Boolean(skipReason))(
  `two API processes on one PostgreSQL${skipReason ? ` (skipped — ${skipReason})` : ''}`,
  () => {
    it('keeps every guard across processes under concurrent load, and both serve a publication at once', async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const pick = (i: number) => (i % 2 ? b : a);
      expect(
        (
          await call(a, 'admin', 'POST', '/api/batches', {
            id: BATCH,
            title: '省级第一批',
            jurisdiction: { code: '340000', name: '安徽省', level: 'province' },
            departments,
          })
        ).status,
      ).toBe(201);

      // Departments import at once, through both instances.
      const imports = await Promise.all(files.map((f, i) => importFile(pick(i), f)));
      expect(imports.map((r) => r.status)).toEqual(files.map(() => 200));

      // Two reviewers with the same If-Match on each of 6 materials, one per instance: one wins.
      const listed = await call(b, 'reviewer', 'GET', `/api/batches/${BATCH}/materials?pageSize=6`);
      const reviewed = await Promise.all(
        listed.body.items.flatMap((m: { material: { id: string }; etag: string }) =>
          [a, b].map((server) =>
            call(
              server,
              'reviewer',
              'POST',
              `/api/batches/${BATCH}/materials/${m.material.id}/review`,
              { action: 'confirm', note: '同意' },
              { 'if-match': m.etag },
            ),
          ),
        ),
      );
      // The same confirm from both instances: one writes; the other is refused as stale (409) or, when
      // it reads the record after the first committed, answered as the no-op it is (200, idempotent
      // review, #25) — either way exactly one review per pair reaches the audit log.
      for (let i = 0; i < reviewed.length; i += 2) {
        expect([
          [200, 409],
          [200, 200],
        ]).toContainEqual([reviewed[i]!.status, reviewed[i + 1]!.status].sort());
      }
      let reviewWins = reviewed.length / 2;

      // The comment period runs until today where the batch is (Asia/Shanghai).
      const today = formatLocalDate(new Date().toISOString(), 'Asia/Shanghai', 'date');
      for (const step of [
        { action: 'submit' },
        { action: 'confirm', signer: '王处长', signedAt: today },
        { action: 'open-comment', start: today, end: today, channel: '省政府网站' },
      ])
        expect((await call(pick(1), 'admin', 'POST', `/api/batches/${BATCH}/transitions`, step)).status).toBe(
          200,
        );

      // Eight comments from one address through both instances: the limit (5) is shared.
      const target = listed.body.items[0].material.id;
      const comments = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call(pick(i), null, 'POST', `/api/batches/${BATCH}/materials/${target}/comments`, {
            body: `意见${i}`,
          }),
        ),
      );
      const posted = comments.filter((r) => r.status === 201);
      expect(posted).toHaveLength(5);
      expect(comments.filter((r) => r.status === 429)).toHaveLength(3);
      for (const [i, c] of posted.entries())
        expect(
          (
            await call(pick(i), 'reviewer', 'POST', `/api/batches/${BATCH}/comments/${c.body.id}/answer`, {
              answer: '已采纳',
            })
          ).status,
        ).toBe(200);
      expect(
        (
          await call(a, 'reviewer', 'POST', `/api/batches/${BATCH}/transitions`, {
            action: 'close-comment',
            reason: '意见已充分收集',
          })
        ).status,
      ).toBe(200);

      // The stage transition in the middle: legal review races re-imports and reviews on both
      // instances. Each write lands before it (200) or is refused (409); none lands after.
      await settleLegalQueueOn(b);
      const fresh = await call(a, 'reviewer', 'GET', `/api/batches/${BATCH}/materials?pageSize=20&offset=6`);
      const racing = await Promise.all([
        call(b, 'legal', 'POST', `/api/batches/${BATCH}/transitions`, {
          action: 'legal-review',
          result: 'passed',
          notes: '合法',
        }),
        ...files.map((f, i) => importFile(pick(i + 1), f)),
        ...fresh.body.items.map((m: { material: { id: string }; etag: string }, i: number) =>
          call(
            pick(i),
            'reviewer',
            'POST',
            `/api/batches/${BATCH}/materials/${m.material.id}/review`,
            { action: 'confirm', note: '复核同意' },
            { 'if-match': m.etag },
          ),
        ),
      ]);
      const [legal, ...writes] = racing;
      for (const w of writes) expect([200, 409], JSON.stringify(w.body)).toContain(w.status);
      // Refused writes were refused by the freeze (or by a version another write moved on).
      for (const w of writes.filter((r) => r.status === 409))
        expect(['STAGE_LOCKED', 'VERSION_CONFLICT']).toContain(w.body.code);
      if (legal!.status !== 200) {
        // A write landed first: the review was planned on a list that changed, or a re-import
        // brought back bases the office must settle, so it is refused as a whole (one 409), and
        // the legal office reviews the list as it is now.
        expect(['VERSION_CONFLICT', 'GUARD_FAILED']).toContain(legal!.body.code);
        await settleLegalQueueOn(a);
        const again = await call(a, 'legal', 'POST', `/api/batches/${BATCH}/transitions`, {
          action: 'legal-review',
          result: 'passed',
          notes: '合法',
        });
        expect(again.status).toBe(200);
      }
      const reimports = writes.slice(0, files.length).filter((r) => r.status === 200).length;
      reviewWins += writes.slice(files.length).filter((r) => r.status === 200).length;

      for (const step of [
        { action: 'approve', meetingDate: today },
        { action: 'publish', documentNumber: '皖政办〔2026〕1号', publishedAt: today },
      ])
        expect((await call(a, 'admin', 'POST', `/api/batches/${BATCH}/transitions`, step)).status).toBe(200);
      // Both instances serve the new version right away.
      const [fromA, fromB] = await Promise.all(
        [a, b].map((s) => call(s, null, 'GET', `/api/batches/${BATCH}/publications/latest/json`)),
      );
      expect(fromA!.status).toBe(200);
      expect(fromB!.body).toEqual(fromA!.body);
      expect(JSON.stringify(fromB!.body)).toContain('皖政办〔2026〕1号');

      // The audit log has exactly one entry per accepted write, and none after the freeze.
      const audit = await call(b, 'legal', 'GET', `/api/audit?batchId=${BATCH}&limit=1000`);
      const items: Array<{ seq: number; action: string }> = audit.body.items;
      const count = (action: string) => items.filter((e) => e.action === action).length;
      expect(count('import')).toBe(files.length + reimports);
      expect(count('decision.review')).toBe(reviewWins);
      expect(count('comment.create')).toBe(5);
      expect(count('comment.answer')).toBe(5);
      const frozenAt = items.find((e) => e.action === 'transition.legal-review')!.seq;
      expect(
        items.filter((e) => e.seq > frozenAt && (e.action === 'import' || e.action === 'decision.review')),
      ).toEqual([]);
      for (const s of servers) expect(s.alive()).toBe(true);
    }, 90_000);
  },
);
