import { join } from 'node:path';
import { createPostgresStore } from '@jianzheng/store-postgres';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import {
  type PostgresCluster,
  pgTestSkipReason,
  startPostgres,
  startServerProcess,
} from '@jianzheng/testkit';
import { readThroughPort, seedStore } from '@jianzheng/testkit/store-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, STACK_LINE, tempDir } from './test-support';

const skipReason = pgTestSkipReason();
let cluster: PostgresCluster | undefined;
const tmp = tempDir('migrate');
beforeAll(async () => {
  if (!skipReason) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  tmp.remove();
});

describe.skipIf(Boolean(skipReason))(
  `jianzheng migrate${skipReason ? ` (skipped — ${skipReason})` : ''}`,
  () => {
    it('moves everything from a SQLite file to PostgreSQL; both stores read the same through the port', async () => {
      const file = join(tmp.path, 'city.sqlite');
      const sqlite = createSqliteStore({ filename: file });
      await seedStore(sqlite);
      const expected = await readThroughPort(sqlite);
      await sqlite.close();
      const database = await cluster!.createDatabase();
      try {
        const moved = await runCli(['migrate', '--from', file, '--to', database.url]);
        expect(moved.stderr).toContain('已迁移');
        expect(moved.code).toBe(0);
        const pg = await createPostgresStore({ connectionString: database.url });
        try {
          expect(await readThroughPort(pg)).toEqual(expected);
          expect(expected.audit.length).toBeGreaterThan(20);
          // The sequences moved past the copied numbers: new writes go on after them.
          await pg.createToken(
            { id: 't9', hash: '9'.repeat(64), role: 'legal', department: null, label: null },
            {
              actor: { id: 'admin', role: 'admin' },
            },
          );
          const last = (await pg.listAudit({ offset: expected.audit.length, limit: 5 })).items;
          expect(last.map((e) => e.seq)).toEqual([expected.audit.at(-1)!.seq + 1]);
        } finally {
          await pg.close();
        }
        // A second run refuses the non-empty target and changes nothing.
        const again = await runCli(['migrate', '--from', file, '--to', database.url]);
        expect(again.code).not.toBe(0);
        expect(again.stderr).toContain('已存在');
        expect(again.stderr).not.toMatch(STACK_LINE);
      } finally {
        await database.drop();
      }
    });
    it('token create, list and revoke work on PostgreSQL; serve --db postgres:// accepts the token until it is revoked', async () => {
      const database = await cluster!.createDatabase();
      const db = database.url;
      try {
        const created = await runCli(['token', 'create', '--role', 'admin', '--label', '省局', '--db', db]);
        expect(created.stderr).not.toMatch(STACK_LINE);
        expect(created.code).toBe(0);
        const secret = created.stdout.trim();
        const listed = await runCli(['token', 'list', '--format', 'json', '--db', db]);
        expect(listed.stdout).not.toContain(secret);
        const [record] = JSON.parse(listed.stdout);
        expect(record).toMatchObject({ role: 'admin', label: '省局', revokedAt: null });

        const server = await startServerProcess({
          script: BIN,
          args: ['serve', '--db', db, '--port', '{port}'],
        });
        try {
          const get = () =>
            fetch(`${server.url}/api/batches`, { headers: { authorization: `Bearer ${secret}` } }).then(
              (r) => r.status,
            );
          expect(await get()).toBe(200);
          const revoked = await runCli(['token', 'revoke', record.id, '--db', db]);
          expect(revoked.code).toBe(0);
          // Revoked in the database: the running server refuses it at once.
          expect(await get()).toBe(401);
        } finally {
          await server.stop();
        }
        const all = JSON.parse(
          (await runCli(['token', 'list', '--all', '--format', 'json', '--db', db])).stdout,
        );
        expect(all[0].revokedAt).not.toBeNull();
        const pg = await createPostgresStore({ connectionString: db });
        try {
          const actions = (await pg.listAudit({ limit: 10 })).items.map((e) => e.action);
          expect(actions).toEqual(expect.arrayContaining(['token.create', 'token.revoke']));
        } finally {
          await pg.close();
        }
      } finally {
        await database.drop();
      }
    });
  },
);
