// The SQLite store on its two drivers, side by side in one run (issue 30): libsql (installs from
// the npm registry alone) against better-sqlite3 (compiles where its prebuilt download is
// unreachable). Each driver, each round, runs in a fresh child process on a fresh file, the store
// opened as `serve` opens it (writes on the worker thread, WAL):
//   import 20,000 materials (10 departments, one import each) · review 1,000 (read + confirm, one
//   write each) · summary (`summarizeMaterials`) · material search (`listMaterials` with `q`) ·
//   public-search seeding (the first GET /api/public/search of a fresh app builds its index from
//   the published list).
//   node bench/store-drivers.bench.mjs        (BENCH_STORE_MATERIALS=20000, BENCH_STORE_ROUNDS=2)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, createToken } from '@jianzheng/api';
import { applyReview, assignMaterialIds, createEngine } from '@jianzheng/core';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { departmentInputs } from './synthetic.mjs';

const MATERIALS = Number(process.env.BENCH_STORE_MATERIALS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_STORE_ROUNDS ?? 2);
const REVIEWS = 1_000;
const DEPARTMENTS = 10;
const JURISDICTION = { code: '341300', name: '宿州市', level: 'city' };
const admin = { actor: { id: 'bench', role: 'admin' } };
const department = (d) => `第${String(d).padStart(2, '0')}部门`;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(repeat, fn) {
  const times = [];
  let result;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    times.push(ms(t0));
  }
  return { ms: median(times), result };
}

async function child(driver, dbPath) {
  const open = () => createSqliteStore({ filename: dbPath, offThread: true, driver });
  const store = open();
  const engine = createEngine();
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => department(d));
  await store.createBatch({ id: 'bench', title: '第一批', jurisdiction: JURISDICTION, departments }, admin);
  const figures = { driver: store.driver };

  const per = MATERIALS / DEPARTMENTS;
  const imports = departments.map((name) => {
    const materials = assignMaterialIds(departmentInputs(name, per));
    const decisions = engine.evaluate(materials);
    return {
      departments: [name],
      entries: materials.map((material, i) => ({ material, decision: decisions[i] })),
    };
  });
  let t0 = process.hrtime.bigint();
  for (const [d, input] of imports.entries())
    await store.importMaterials('bench', { ...input, source: `${d}.xlsx` }, admin);
  figures.importMs = ms(t0);

  const step = Math.floor(MATERIALS / REVIEWS);
  const ids = imports.flatMap((i) => i.entries.map((e) => e.material.id)).filter((_, i) => i % step === 0);
  t0 = process.hrtime.bigint();
  for (const id of ids.slice(0, REVIEWS)) {
    const record = await store.getMaterial('bench', id);
    const at = new Date().toISOString();
    const decision = applyReview(
      record.material,
      record.decision,
      { action: 'confirm' },
      { by: 'bench', at, categories: engine.categories.keys() },
    );
    await store.updateMaterial('bench', id, record.version, { kind: 'review', decision }, { ...admin, at });
  }
  figures.reviewMs = ms(t0);

  const categories = [...engine.categories.keys()];
  const summary = await timed(15, () => store.summarizeMaterials('bench', { categories }));
  figures.summaryMs = summary.ms;
  figures.summaryCheck = [summary.result.materials, summary.result.items];
  const search = await timed(40, () => store.listMaterials('bench', { q: '身份证', limit: 50 }));
  figures.searchMs = search.ms;
  figures.searchCheck = search.result.total;

  // Published through the API, as a city publishes; then fresh apps on fresh connections.
  const tokens = {
    admin: (await createToken({ store, role: 'admin', label: 'bench' })).token,
    legal: (await createToken({ store, role: 'legal', label: 'bench' })).token,
  };
  const appOn = (s) => createApp({ store: s, config: { jurisdiction: JURISDICTION }, log: () => {} });
  const app = appOn(store);
  for (const [token, body] of [
    ['admin', { action: 'submit' }],
    ['admin', { action: 'confirm', signer: '各部门负责人', signedAt: '2018-08-20' }],
    ['admin', { action: 'open-comment', start: '2018-08-21', end: '2018-08-27', channel: '政府网站' }],
    ['legal', { action: 'legal-review', result: 'passed', notes: '合法' }],
    ['admin', { action: 'approve', meetingDate: '2018-08-31' }],
    ['admin', { action: 'publish', documentNumber: '宿政办秘〔2018〕1号', publishedAt: '2018-09-04' }],
  ]) {
    const res = await app.request('/api/batches/bench/transitions', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[token]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${body.action}: ${res.status} ${await res.text()}`);
  }
  await store.close();
  const seeds = [];
  let matched;
  for (let i = 0; i < 5; i++) {
    const fresh = open();
    t0 = process.hrtime.bigint();
    const res = await appOn(fresh).request(`/api/public/search?q=${encodeURIComponent('身份证')}&limit=20`);
    const body = await res.json();
    seeds.push(ms(t0));
    if (res.status !== 200) throw new Error(`public search: ${res.status} ${JSON.stringify(body)}`);
    matched = body.matches;
    await fresh.close();
  }
  figures.seedMs = median(seeds);
  figures.seedCheck = matched;
  figures.load = loadavg()[0];
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function available(driver) {
  try {
    const store = createSqliteStore({ filename: ':memory:', driver });
    store.close();
    return true;
  } catch (error) {
    console.log(`${driver}: not available here (${error.message})`);
    return false;
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const drivers = ['better-sqlite3', 'libsql'].filter(available);
  const self = fileURLToPath(import.meta.url);
  const runs = Object.fromEntries(drivers.map((d) => [d, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so a change in the machine's load falls on both drivers alike.
    for (const driver of round % 2 ? [...drivers].reverse() : drivers) {
      const dir = mkdtempSync(join(tmpdir(), 'jz-bench-drivers-'));
      try {
        const r = spawnSync(process.execPath, [self, 'child', driver, join(dir, 'j.db')], {
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(`${driver}: ${r.stderr}`);
        const figures = JSON.parse(r.stdout.trim().split('\n').at(-1));
        console.log(`round ${round + 1}: ${JSON.stringify(figures)}`);
        runs[driver].push(figures);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const best = (driver, key) => Math.min(...runs[driver].map((r) => r[key]));
  const steps = [
    ['importMs', `import ${MATERIALS.toLocaleString('en-US')} materials (${DEPARTMENTS} imports)`],
    ['reviewMs', `review ${REVIEWS.toLocaleString('en-US')} (read + confirm, one write each)`],
    ['summaryMs', 'summary (`summarizeMaterials`, median of 15)'],
    ['searchMs', 'material search `q=身份证`, 50 a page (median of 40)'],
    ['seedMs', 'public-search seeding: first search of a fresh app (median of 5)'],
  ];
  const f = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const [base, other] = drivers;
  console.log(
    `\n### SQLite store drivers: ${MATERIALS.toLocaleString('en-US')} materials, writes off-thread (as \`serve\`), best of ${ROUNDS} rounds\n`,
  );
  console.log(
    `| step | ${drivers.map((d) => `${d} (ms)`).join(' | ')} |${other ? ` ${other} ÷ ${base} |` : ''}`,
  );
  console.log(`|---|${drivers.map(() => '---:').join('|')}|${other ? '---:|' : ''}`);
  for (const [key, label] of steps) {
    const cells = drivers.map((d) => f(best(d, key)));
    const ratio = other ? ` **${(best(other, key) / best(base, key)).toFixed(2)} ×** |` : '';
    console.log(`| ${label} | ${cells.join(' | ')} |${ratio}`);
  }
  const checks = drivers.map((d) =>
    JSON.stringify(runs[d].map((r) => [r.summaryCheck, r.searchCheck, r.seedCheck])),
  );
  console.log(
    `\n- same answers on every driver and round (summary, search total, seeded matches): ${checks.every((c) => c === checks[0])} ${checks[0]}`,
  );
  console.log(
    `- load average (1/5/15 min) at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(
        ' / ',
      )}; per child: ${drivers.map((d) => `${d} ${runs[d].map((r) => r.load.toFixed(2)).join(', ')}`).join('; ')}`,
  );
}
