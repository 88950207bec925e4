// Shared deployment (issue 14): the published list and the searches served by ONE `jianzheng
// serve` on SQLite, against TWO `jianzheng serve --db postgres://…` processes on one PostgreSQL
// database (load split across both), and one of them alone. Same machine, same data: the list is
// seeded into the SQLite file over HTTP, then `jianzheng migrate` copies it into PostgreSQL.
// Runs in the order SQLite, PG ×1, PG ×2, SQLite; the SQLite figure (mean of the two around the
// others) is the baseline of the ratios. The load generator (autocannon, this process) shares the
// machine's cores with the servers and PostgreSQL in every configuration alike.
// BENCH_SHARED_MATERIALS (default 5000), BENCH_API_SECONDS (default 6), BENCH_API_CONNECTIONS (10).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@jianzheng/api';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { postgresUnavailableReason, startPostgres, startServerProcess } from '@jianzheng/testkit';
import { failures, runLoad } from './load.mjs';
import { record } from './results.mjs';
import {
  benchTokens,
  JURISDICTION,
  LIST,
  PUBLIC_SEARCH,
  SEARCH,
  seedPublishedList,
} from './seed-published.mjs';

const MATERIALS = Number(process.env.BENCH_SHARED_MATERIALS ?? 5000);
const DURATION = Number(process.env.BENCH_API_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 10);
const MAX_REQUESTS = Number(process.env.BENCH_API_MAX_REQUESTS ?? 200_000);
const BIN = join(import.meta.dirname, '../apps/cli/dist/bin.js');

const unavailable = postgresUnavailableReason();
if (unavailable) {
  console.log(`shared deployment bench skipped: ${unavailable}`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'jz-bench-shared-'));
const dbPath = join(dir, 'jianzheng.db');
const servers = [];
let cluster;
let database;
try {
  const seedStarted = performance.now();
  const store = createSqliteStore({ filename: dbPath });
  const { admin, legal } = await benchTokens(store);
  const seeding = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    config: { jurisdiction: JURISDICTION },
    log: () => {},
  });
  const { materials } = await seedPublishedList({
    url: seeding.url,
    admin,
    legal,
    dir,
    materials: MATERIALS,
  });
  await seeding.close();

  cluster = await startPostgres();
  database = await cluster.createDatabase();
  const migrated = spawnSync(process.execPath, [BIN, 'migrate', '--from', dbPath, '--to', database.url], {
    encoding: 'utf8',
  });
  if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  console.log(
    `${materials.toLocaleString('en-US')} materials published on SQLite and migrated to PostgreSQL in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const serveOn = (db) =>
    startServerProcess({ script: BIN, args: ['serve', '--db', db, '--port', '{port}'] });
  const sqlite = await serveOn(dbPath);
  servers.push(sqlite);
  const pgA = await serveOn(database.url);
  servers.push(pgA);
  const pgB = await serveOn(database.url);
  servers.push(pgB);

  const endpoints = [
    ['published list (latest JSON)', LIST, {}],
    ['public search (q=身份证, 20/page)', PUBLIC_SEARCH, {}],
    ['material search (q=身份证, 50/page, token)', SEARCH, { authorization: `Bearer ${admin}` }],
  ];
  // Every instance answers every endpoint once before it is timed: indexes and caches built,
  // and a wrong status fails here rather than as a column of errors.
  for (const server of servers)
    for (const [name, path, headers] of endpoints) {
      const res = await fetch(`${server.url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${name} on ${server.url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }

  const run = (url, headers) =>
    runLoad(url, { connections: CONNECTIONS, duration: DURATION, maxRequests: MAX_REQUESTS, headers });
  const figuresOf = (r) => ({
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: failures(r),
  });
  const show = (label, f) =>
    `  ${label.padEnd(26)} ${Math.round(f.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  errors ${f.errors}`;

  const figures = [];
  for (const [name, path, headers] of endpoints) {
    const load = loadavg()[0];
    const sqlite1 = figuresOf(await run(`${sqlite.url}${path}`, headers));
    const pg1 = figuresOf(await run(`${pgA.url}${path}`, headers));
    // autocannon spreads its connections over the URLs: half on each instance, as a proxy would.
    const pg2 = figuresOf(await run([`${pgA.url}${path}`, `${pgB.url}${path}`], headers));
    const sqlite2 = figuresOf(await run(`${sqlite.url}${path}`, headers));
    const baseline = {
      rps: (sqlite1.rps + sqlite2.rps) / 2,
      p50: (sqlite1.p50 + sqlite2.p50) / 2,
      p99: Math.max(sqlite1.p99, sqlite2.p99),
      errors: sqlite1.errors + sqlite2.errors,
    };
    // Both SQLite runs are kept: how far they drift apart is the noise of the shared machine.
    const row = {
      name,
      load,
      loadAfter: loadavg()[0],
      sqlite: baseline,
      sqliteRuns: [sqlite1, sqlite2],
      pg1,
      pg2,
    };
    figures.push(row);
    console.log(`\n${name}  (load ${load.toFixed(2)} → ${row.loadAfter.toFixed(2)})`);
    console.log(
      `${show('SQLite, 1 instance', baseline)}  (runs before / after: ${Math.round(sqlite1.rps)} / ${Math.round(sqlite2.rps)})`,
    );
    console.log(`${show('PostgreSQL, 1 instance', pg1)}  ${(pg1.rps / baseline.rps).toFixed(2)} × SQLite`);
    console.log(`${show('PostgreSQL, 2 instances', pg2)}  ${(pg2.rps / baseline.rps).toFixed(2)} × SQLite`);
  }
  record('shared-deployment', { materials, connections: CONNECTIONS, seconds: DURATION, figures });
} finally {
  for (const server of servers) await server.stop();
  await database?.drop().catch(() => {});
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
