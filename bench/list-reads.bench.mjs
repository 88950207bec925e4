// Reads served to many, on a batch of 200,000 stored materials (issue 13): the statistics
// (GET /api/batches/{id}/summary, the operator batch page) and the public pages of a list out for
// comment, by the store's aggregates and keyset pages, against what they did before — every
// material loaded (`allMaterials`) and counted by core's `summarize`, or grouped into the whole
// draft list. Each path runs in a fresh child process so its time and RSS are its own.
//   node bench/list-reads.bench.mjs            (BENCH_LIST_MATERIALS=200000 by default)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '@jianzheng/api';
import { assignMaterialIds, createEngine, itemKey, planTransition, summarize } from '@jianzheng/core';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { departmentInputs } from './synthetic.mjs';

const MATERIALS = Number(process.env.BENCH_LIST_MATERIALS ?? 200_000);
const DEPARTMENTS = 200;
const PER_ITEM = 8;
const AS_OF = '2026-11-30';
const JURISDICTION = { code: '340000', name: '安徽省', level: 'province' };
const CATALOGS = {
  sharedData: [
    { name: '不动产权证书', aliases: [], source: '不动产登记平台', effectiveFrom: '2027-01-01' },
    { name: '居民身份证', aliases: [], source: '人口库' },
  ],
};
const department = (d) => `第${String(d).padStart(3, '0')}部门`;
const admin = { actor: { id: 'bench', role: 'admin' } };

async function build(dbPath) {
  const store = createSqliteStore({ filename: dbPath });
  const engine = createEngine({ catalogs: CATALOGS });
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => department(d));
  await store.createBatch({ id: 'big', title: '全省清单', jurisdiction: JURISDICTION, departments }, admin);
  const perDepartment = Math.ceil(MATERIALS / DEPARTMENTS);
  for (let d = 0; d < DEPARTMENTS; d++) {
    const inputs = departmentInputs(departments[d], perDepartment, PER_ITEM);
    const materials = assignMaterialIds(inputs);
    const decisions = engine.evaluate(materials);
    await store.importMaterials(
      'big',
      {
        departments: [departments[d]],
        entries: materials.map((material, i) => ({ material, decision: decisions[i] })),
        source: `${d}.xlsx`,
      },
      admin,
    );
  }
  for (const input of [
    { action: 'submit' },
    { action: 'confirm', signer: '各部门负责人', signedAt: '2026-11-01' },
    { action: 'open-comment', start: '2026-11-02', end: '2026-12-20', channel: '省政府网站' },
  ]) {
    const batch = await store.getBatch('big');
    const plan = planTransition(
      {
        stage: batch.stage,
        materialCount: MATERIALS,
        unansweredComments: 0,
        legalReview: null,
        details: batch.details,
        listRevision: batch.listRevision,
      },
      input,
    );
    await store.transitionBatch('big', plan, admin);
  }
  await store.close();
}

// The draft list as the public pages built it before: every material, grouped by department and item.
function wholeDraft(records) {
  const departments = new Map();
  for (const { material, decision } of records) {
    let items = departments.get(material.item.department);
    if (!items) {
      items = new Map();
      departments.set(material.item.department, items);
    }
    const key = itemKey(material.item);
    let item = items.get(key);
    if (!item) {
      item = { name: material.item.name, materials: [] };
      items.set(key, item);
    }
    item.materials.push({ id: material.id, name: material.name, verdict: decision.verdict });
  }
  return departments;
}

async function child(mode, dbPath) {
  const store = createSqliteStore({ filename: dbPath });
  const categories = [...createEngine().categories.keys()];
  const app = createApp({
    store,
    config: { jurisdiction: JURISDICTION },
    log: () => {},
    now: () => new Date(`${AS_OF}T02:00:00Z`),
  });
  const lastDepartment = encodeURIComponent(department(DEPARTMENTS - 1));
  const get = async (path) => {
    const res = await app.request(`http://localhost${path}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return (await res.text()).length;
  };
  const runs = {
    'summary-new': () => store.summarizeMaterials('big', { categories, asOf: AS_OF }),
    'summary-old': async () => {
      const records = await store.allMaterials('big');
      return summarize(
        records.map((r) => r.material),
        records.map((r) => r.decision),
        { categories, asOf: AS_OF },
      );
    },
    // The department index, then the last department's first page and a page deep into it.
    'draft-new': async () =>
      (await get('/lists/big')) +
      (await get(`/lists/big?department=${lastDepartment}`)) +
      (await get(`/lists/big?department=${lastDepartment}&cursor=${MATERIALS - 200}`)),
    'draft-old': async () => wholeDraft(await store.allMaterials('big')).size,
  };
  const run = runs[mode];
  const rssBefore = process.memoryUsage().rss;
  const times = [];
  const repeat = mode.endsWith('old') ? 3 : 7;
  let result;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    result = await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const out = {
    mode,
    medianMs: times[Math.floor(times.length / 2)],
    bestMs: times[0],
    rssBeforeMb: rssBefore / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    load: loadavg()[0],
    check: mode.startsWith('summary') ? [result.materials, result.planned, result.items] : result,
  };
  await store.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (process.argv[2] === 'child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'jz-bench-lists-'));
  const dbPath = join(dir, 'jianzheng.db');
  try {
    const t0 = Date.now();
    await build(dbPath);
    console.log(
      `built ${MATERIALS.toLocaleString('en-US')} materials in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const self = fileURLToPath(import.meta.url);
    const results = {};
    for (const mode of ['summary-new', 'summary-old', 'draft-new', 'draft-old']) {
      const r = spawnSync(process.execPath, [self, 'child', mode, dbPath], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
      results[mode] = JSON.parse(r.stdout.trim().split('\n').at(-1));
      console.log(JSON.stringify(results[mode]));
    }
    const s = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    const row = (label, r) =>
      `| ${label} | ${s(r.medianMs)} | ${s(r.bestMs)} | ${s(r.peakRssMb)} | ${s(r.peakRssMb - r.rssBeforeMb)} | ${r.load.toFixed(2)} |`;
    console.log(
      `\n### Reads served to many: ${MATERIALS.toLocaleString('en-US')} stored materials, ${DEPARTMENTS} departments, SQLite\n`,
    );
    console.log('| path | median (ms) | best (ms) | peak RSS (MB) | RSS growth (MB) | load (1 min) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(row('summary: store aggregate (`summarizeMaterials`)', results['summary-new']));
    console.log(row('summary: `allMaterials` + `summarize` (before)', results['summary-old']));
    console.log(row('draft pages: index + first page + deep page (app.request)', results['draft-new']));
    console.log(row('draft: `allMaterials` grouped into the whole list (before)', results['draft-old']));
    const ratio = (a, b) => (results[b].medianMs / results[a].medianMs).toFixed(0);
    console.log(
      `\n- summary: aggregate **${ratio('summary-new', 'summary-old')}×** faster than loading the list; same figures (materials, planned, items): ${JSON.stringify(results['summary-new'].check)} = ${JSON.stringify(results['summary-old'].check)}`,
    );
    console.log(
      `- draft: three paged pages **${ratio('draft-new', 'draft-old')}×** faster than loading and grouping the whole list (which the old pages then rendered in full); load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
