// Public search at province scale: GET /api/public/search (the home page's search as JSON) over
// N published materials (cities of 5,000 each), side by side with a bare Hono route serving the
// same bytes from memory, in one server process. Then the alternative that was not taken, SQLite
// FTS5 with the trigram tokenizer over the same names, timed in process.
// BENCH_SEARCH_SIZES=5000,1000000 (default). The generated databases are kept in $TMPDIR
// (jz-bench-public-search-N.db, …-fts.db): 1,000,000 materials take minutes to make.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { failures, runLoad } from './load.mjs';
import { record } from './results.mjs';

// The FTS5 comparison opens its own files with better-sqlite3, the store's optional driver (it
// compiles where its prebuilt download is unreachable): without it that part is skipped.
const Database = await import('better-sqlite3').then(
  (m) => m.default,
  () => null,
);

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '5000,1000000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_API_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 10);
const MAX_REQUESTS = Number(process.env.BENCH_API_MAX_REQUESTS ?? 200_000);
// Both routes are run this long before anything is timed (JIT, and the GC after a 1M build).
const WARMUP = Number(process.env.BENCH_SEARCH_WARMUP_SECONDS ?? 2);
const PER_CITY = 5000;
const QUERIES = ['身份证', '身份', '营业执照复印件'];
const dbFile = (n, suffix = '') => join(tmpdir(), `jz-bench-public-search-${n}${suffix}.db`);

/** N published materials as cities' publications, written straight into an empty store. */
async function ensureDatabase(n) {
  const file = dbFile(n);
  if (existsSync(file)) return file;
  const { createSqliteStore } = await import('@jianzheng/store-sqlite');
  const { syntheticJurisdictionPublications } = await import('@jianzheng/testkit');
  const { serializePublication } = await import('@jianzheng/json');
  const started = performance.now();
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const store = createSqliteStore({ filename: partial });
  const batches = [];
  const publications = [];
  const cities = Math.max(1, Math.round(n / PER_CITY));
  for (const pub of syntheticJurisdictionPublications({
    jurisdictions: cities,
    materialsEach: Math.min(n, PER_CITY),
  })) {
    const at = '2026-11-30T01:00:00.000Z';
    batches.push({
      id: pub.batch.id,
      title: pub.batch.title,
      jurisdiction: pub.jurisdiction,
      departments: pub.departments.map((d) => d.name),
      stage: 'published',
      details: { publicationVersion: 1, documentNumber: pub.batch.documentNumber, publishedAt: '2026-11-30' },
      listRevision: 1,
      createdAt: at,
      updatedAt: at,
    });
    publications.push({
      batchId: pub.batch.id,
      version: 1,
      publishedAt: pub.publishedAt,
      documentNumber: pub.batch.documentNumber,
      reason: null,
      sha256: pub.sha256,
      json: serializePublication(pub),
      // The bench reads no attachment.
      excel: new Uint8Array(0),
      diff: null,
    });
  }
  await store.importSnapshot({
    batches,
    materials: [],
    transitions: [],
    publications,
    comments: [],
    audit: [],
    tokens: [],
  });
  await store.close();
  renameSync(partial, file);
  console.log(
    `generated ${file} (${cities} cities) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return file;
}

/** The same names in an FTS5 trigram table (one row per item name and per material). */
function ensureFts(n, source) {
  const file = dbFile(n, '-fts');
  if (existsSync(file)) return { file, buildMs: null };
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const src = new Database(source, { readonly: true });
  const db = new Database(partial);
  db.pragma('journal_mode = OFF');
  db.exec(`CREATE VIRTUAL TABLE names USING fts5(name, tokenize = 'trigram', detail = 'none')`);
  const insert = db.prepare('INSERT INTO names (rowid, name) VALUES (?, ?)');
  const started = performance.now();
  let rowid = 0;
  db.transaction(() => {
    for (const { json } of src.prepare('SELECT json FROM publications ORDER BY batch_id').iterate()) {
      for (const d of JSON.parse(json).departments)
        for (const item of d.items) {
          insert.run(++rowid, item.name);
          for (const m of item.materials) insert.run(++rowid, m.name);
        }
    }
  })();
  db.exec(`INSERT INTO names(names) VALUES ('optimize')`);
  const buildMs = performance.now() - started;
  db.close();
  src.close();
  renameSync(partial, file);
  return { file, buildMs };
}

function timeFts(file) {
  const db = new Database(file, { readonly: true });
  const out = {};
  for (const q of QUERIES) {
    // FTS5's trigram tokenizer serves LIKE '%…%' from its index for ≥ 3 characters; a shorter
    // pattern (身份) scans every row.
    const where = 'name LIKE ?';
    const arg = `%${q}%`;
    const count = db.prepare(`SELECT count(*) AS n FROM names WHERE ${where}`);
    const page = db.prepare(`SELECT rowid, name FROM names WHERE ${where} ORDER BY rowid LIMIT 100`);
    const times = [];
    let matches = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      matches = count.get(arg).n;
      page.all(arg);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out[q] = { medianMs: times[3], matches, how: [...q].length >= 3 ? 'trigram index' : 'full scan' };
  }
  db.close();
  return { ...out, bytes: statSync(file).size };
}

function serve(dbPath) {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'public-search-servers.mjs'), dbPath, ...QUERIES],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ...JSON.parse(line) });
    });
    child.once('exit', (code) => reject(new Error(`servers exited (${code}) before ready`)));
  });
}

/** One autocannon run, with the server process's CPU time per answered request (µs). */
async function run(url, cpuUrl, duration = DURATION) {
  const cpu = async () => {
    const { user, system } = await (await fetch(cpuUrl)).json();
    return user + system;
  };
  const before = await cpu();
  const result = await runLoad(url, {
    connections: CONNECTIONS,
    duration,
    maxRequests: MAX_REQUESTS,
    // As a browser asks (both routes get it; the bare one sends the API's bytes whatever it says).
    headers: { 'accept-encoding': process.env.BENCH_SEARCH_ENCODING ?? 'br' },
  });
  const used = (await cpu()) - before;
  return { ...result, cpuUs: used / Math.max(1, result.requests.total) };
}

const figures = [];
for (const n of SIZES) {
  const dbPath = await ensureDatabase(n);
  const setup = await serve(dbPath);
  console.log(
    `\n${n.toLocaleString('en-US')} published materials: index built in the background in ${setup.warmMs.toFixed(0)} ms from start (${setup.unavailable} searches answered 503 + Retry-After meanwhile, /health at most ${setup.healthMaxMs.toFixed(0)} ms); server RSS ${setup.rssMb} MB\n  headers of both routes: ${Object.keys(setup.headers).join(', ')}`,
  );
  try {
    for (const q of QUERIES) {
      await run(
        `${setup.api}/api/public/search?q=${encodeURIComponent(q)}&limit=20`,
        `${setup.bare}/__cpu`,
        WARMUP,
      );
      await run(`${setup.bare}/${encodeURIComponent(q)}`, `${setup.bare}/__cpu`, WARMUP);
    }
    for (const q of QUERIES) {
      const load = loadavg()[0];
      const path = `/api/public/search?q=${encodeURIComponent(q)}&limit=20`;
      const cpuUrl = `${setup.bare}/__cpu`;
      const bare1 = await run(`${setup.bare}/${encodeURIComponent(q)}`, cpuUrl);
      const ours = await run(`${setup.api}${path}`, cpuUrl);
      const bare2 = await run(`${setup.bare}/${encodeURIComponent(q)}`, cpuUrl);
      const bareRps = (bare1.requests.average + bare2.requests.average) / 2;
      const row = {
        name: `public search q=${q} (20/page) @ ${n.toLocaleString('en-US')}`,
        materials: n,
        query: q,
        matches: setup.matches[q],
        bytes: setup.bytes[q],
        load,
        ours: {
          rps: ours.requests.average,
          p50: ours.latency.p50,
          p99: ours.latency.p99,
          errors: failures(ours),
          cpuUs: ours.cpuUs,
        },
        bare: {
          rps: bareRps,
          p50: (bare1.latency.p50 + bare2.latency.p50) / 2,
          p99: Math.max(bare1.latency.p99, bare2.latency.p99),
          errors: failures(bare1) + failures(bare2),
          cpuUs: (bare1.cpuUs + bare2.cpuUs) / 2,
        },
        ratio: ours.requests.average / bareRps,
        // CPU per request, bare ÷ ours: what the ratio would be on an idle machine if CPU bound.
        cpuRatio: (bare1.cpuUs + bare2.cpuUs) / 2 / ours.cpuUs,
      };
      figures.push(row);
      console.log(
        `${row.name}: ${row.matches.toLocaleString('en-US')} names match, page ${(row.bytes / 1024).toFixed(1)} KiB\n  jianzheng ${Math.round(row.ours.rps).toLocaleString('en-US')} req/s  p50 ${row.ours.p50} ms  p99 ${row.ours.p99} ms  errors ${row.ours.errors}  CPU ${row.ours.cpuUs.toFixed(0)} µs/request\n  bare Hono ${Math.round(row.bare.rps).toLocaleString('en-US')} req/s  p50 ${row.bare.p50} ms  p99 ${row.bare.p99} ms  errors ${row.bare.errors}  CPU ${row.bare.cpuUs.toFixed(0)} µs/request\n  ratio ${(row.ratio * 100).toFixed(0)} %, by CPU per request ${(row.cpuRatio * 100).toFixed(0)} % (target ≥ 70 %; p99 ≤ 50 ms at 1M)  load ${load.toFixed(2)}`,
      );
    }
  } finally {
    setup.child.kill('SIGTERM');
  }
  if (Database) {
    const fts = ensureFts(n, dbPath);
    const timing = timeFts(fts.file);
    console.log(
      `FTS5 trigram @ ${n.toLocaleString('en-US')}: ${fts.buildMs === null ? 'cached' : `built in ${(fts.buildMs / 1000).toFixed(1)} s`}, ${(timing.bytes / 1048576).toFixed(0)} MiB; count + first 100 rows: ${QUERIES.map((q) => `${q} ${timing[q].medianMs.toFixed(1)} ms (${timing[q].how}, ${timing[q].matches})`).join('; ')}`,
    );
    figures.push({ name: `fts5 trigram @ ${n}`, materials: n, fts: { buildMs: fts.buildMs, ...timing } });
  } else {
    console.log(`FTS5 trigram @ ${n.toLocaleString('en-US')}: skipped (better-sqlite3 is not installed)`);
  }
  figures.push({
    name: `in-memory index @ ${n}`,
    materials: n,
    warmMs: setup.warmMs,
    unavailable: setup.unavailable,
    healthMaxMs: setup.healthMaxMs,
    rssMb: setup.rssMb,
    headers: Object.keys(setup.headers),
  });
}
record('public-search', { connections: CONNECTIONS, seconds: DURATION, warmup: WARMUP, figures });
