// Store writes of both stores, baseline against candidate in one run (issue 29: writes planned in
// core must stay within 10 % of the adapters' own SQL). Each (tree, store, round) runs in a fresh
// child process on a fresh database; the two trees alternate within each round, so the machine's
// load falls on both alike. A tree is a checkout with core and both stores built (`dist/`):
//   node bench/store-writes.bench.mjs <baseline tree> [candidate tree = this one]
//   BENCH_WRITES_MATERIALS=20000  BENCH_WRITES_ROUNDS=3  BENCH_WRITES_STORES=sqlite,postgres
// Phases: import (10 departments, one import each: inserts) · re-import (2 departments again:
// updates keeping decisions) · review (500 single reviews) · annotate (200) · transitions (20
// small batches from draft to published with a publication, comments added and answered).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);
const MATERIALS = Number(process.env.BENCH_WRITES_MATERIALS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_WRITES_ROUNDS ?? 3);
const STORES = (process.env.BENCH_WRITES_STORES ?? 'sqlite,postgres').split(',');
const DEPARTMENTS = 10;
const JURISDICTION = { code: '341300', name: '宿州市', level: 'city' };
const admin = { actor: { id: 'bench', role: 'admin' } };
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function child(tree, kind, target) {
  const load = (path) => import(pathToFileURL(join(tree, path)).href);
  // One engine and one set of decisions for both trees: only the stores differ.
  const core = await import('@jianzheng/core');
  const { departmentInputs } = await import('./synthetic.mjs');
  const store =
    kind === 'sqlite'
      ? (await load('packages/store-sqlite/dist/index.js')).createSqliteStore({ filename: target })
      : await (await load('packages/store-postgres/dist/index.js')).createPostgresStore({
          connectionString: target,
        });
  const engine = core.createEngine();
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => `第${String(d).padStart(2, '0')}部门`);
  const evaluated = (name, count) => {
    const materials = core.assignMaterialIds(departmentInputs(name, count));
    const decisions = engine.evaluate(materials);
    return {
      departments: [name],
      entries: materials.map((material, i) => ({ material, decision: decisions[i] })),
    };
  };
  const figures = { driver: store.driver ?? 'pg' };
  const phase = async (name, fn) => {
    const t0 = process.hrtime.bigint();
    await fn();
    figures[name] = ms(t0);
  };
  await store.createBatch({ id: 'bench', title: '第一批', jurisdiction: JURISDICTION, departments }, admin);
  const imports = departments.map((name) => evaluated(name, MATERIALS / DEPARTMENTS));
  await phase('import', async () => {
    for (const [d, input] of imports.entries())
      await store.importMaterials('bench', { ...input, source: `${d}.xlsx` }, admin);
  });
  const ids = imports.flatMap((i) => i.entries.map((e) => e.material.id));
  const review = async (id) => {
    const record = await store.getMaterial('bench', id);
    const at = new Date().toISOString();
    const decision = core.applyReview(
      record.material,
      record.decision,
      { action: 'confirm' },
      {
        by: 'bench',
        at,
        categories: engine.categories.keys(),
      },
    );
    await store.updateMaterial('bench', id, record.version, { kind: 'review', decision }, { ...admin, at });
  };
  await phase('review', async () => {
    for (let i = 0; i < 500; i++) await review(ids[(i * 37) % ids.length]);
  });
  await phase('annotate', async () => {
    for (let i = 0; i < 200; i++) {
      const id = ids[(i * 53 + 11) % ids.length];
      const record = await store.getMaterial('bench', id);
      const annotation = { note: `说明${i}`, by: 'bench', at: new Date().toISOString() };
      await store.updateMaterial('bench', id, record.version, { kind: 'annotation', annotation }, admin);
    }
  });
  await phase('reimport', async () => {
    for (const input of imports.slice(0, 2))
      await store.importMaterials('bench', { ...input, source: 'again.xlsx' }, admin);
  });
  const steps = [
    { action: 'submit' },
    { action: 'confirm', signer: '各部门负责人', signedAt: '2018-08-20' },
    { action: 'open-comment', start: '2018-08-21', end: '2018-08-27', channel: '政府网站' },
    'comments',
    { action: 'legal-review', result: 'passed', notes: '合法' },
    { action: 'approve', meetingDate: '2018-08-31' },
    { action: 'publish', documentNumber: '宿政办秘〔2018〕1号', publishedAt: '2018-09-04' },
  ];
  const small = Array.from({ length: 20 }, (_, b) => ({
    id: `s${b}`,
    input: evaluated(departments[b % DEPARTMENTS], 10),
  }));
  for (const { id, input } of small) {
    await store.createBatch(
      { id, title: id, jurisdiction: JURISDICTION, departments: input.departments },
      admin,
    );
    await store.importMaterials(id, { ...input, source: 'small.xlsx' }, admin);
  }
  await phase('transitions', async () => {
    for (const { id, input } of small) {
      for (const step of steps) {
        if (step === 'comments') {
          for (const { material } of input.entries.slice(0, 5)) {
            const comment = await store.addComment(id, { materialId: material.id, body: '建议取消' }, admin);
            await store.answerComment(id, comment.id, '已采纳', admin);
          }
          continue;
        }
        const batch = await store.getBatch(id);
        const plan = core.planTransition(
          {
            stage: batch.stage,
            materialCount: 10,
            unansweredComments: 0,
            legalReview: batch.details.legalReview ?? null,
            details: batch.details,
            listRevision: batch.listRevision,
          },
          step,
        );
        const publication = plan.publishes
          ? {
              version: 1,
              publishedAt: '2018-09-04',
              documentNumber: step.documentNumber,
              reason: null,
              sha256: '0'.repeat(64),
              json: '{}',
              excel: new Uint8Array(64),
              diff: null,
            }
          : undefined;
        await store.transitionBatch(id, plan, admin, publication);
      }
    }
  });
  figures.check = [
    (await store.listAudit({ limit: 1 })).total,
    (await store.listMaterials('bench', { limit: 1 })).total,
  ];
  await store.close();
  process.stdout.write(JSON.stringify(figures));
}

async function main() {
  const baseline = resolve(process.argv[2] ?? '');
  const candidate = resolve(process.argv[3] ?? join(here, '../..'));
  if (!process.argv[2])
    throw new Error('usage: node bench/store-writes.bench.mjs <baseline tree> [candidate tree]');
  const cluster = STORES.includes('postgres')
    ? await (
        await import(pathToFileURL(join(candidate, 'packages/testkit/dist/index.js')).href)
      ).startPostgres()
    : undefined;
  const results = { baseline: {}, candidate: {} };
  const loads = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const store of STORES) {
        const trees =
          round % 2
            ? [
                ['candidate', candidate],
                ['baseline', baseline],
              ]
            : [
                ['baseline', baseline],
                ['candidate', candidate],
              ];
        for (const [name, tree] of trees) {
          const dir = mkdtempSync(join(tmpdir(), 'jz-writes-'));
          const db = store === 'postgres' ? await cluster.createDatabase() : undefined;
          loads.push(loadavg()[0]);
          const out = spawnSync(
            process.execPath,
            [here, '--child', tree, store, db ? db.url : join(dir, 'bench.db')],
            {
              encoding: 'utf8',
              maxBuffer: 1 << 24,
            },
          );
          await db?.drop();
          rmSync(dir, { recursive: true, force: true });
          if (out.status !== 0) throw new Error(`${name} ${store}: ${out.stderr}`);
          const figures = JSON.parse(out.stdout);
          results[name][store] = [...(results[name][store] ?? []), figures];
        }
      }
    }
  } finally {
    await cluster?.stop();
  }
  console.log(
    `store writes, ${MATERIALS} materials, ${ROUNDS} rounds, load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
  );
  console.log('| store | phase | baseline ms | candidate ms | candidate ÷ baseline |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const store of STORES) {
    const [b, c] = [results.baseline[store], results.candidate[store]];
    if (JSON.stringify(b[0].check) !== JSON.stringify(c[0].check))
      console.log(`CHECK DIFFERS ${store}: ${b[0].check} vs ${c[0].check}`);
    console.log(
      `| ${store} | driver, import ms per round | ${b.map((r) => `${r.driver} ${r.import.toFixed(0)}`).join(', ')} | ${c.map((r) => `${r.driver} ${r.import.toFixed(0)}`).join(', ')} | |`,
    );
    for (const phase of ['import', 'reimport', 'review', 'annotate', 'transitions', 'total']) {
      const of = (runs) =>
        median(
          runs.map((r) =>
            phase === 'total' ? r.import + r.reimport + r.review + r.annotate + r.transitions : r[phase],
          ),
        );
      const [bm, cm] = [of(b), of(c)];
      console.log(`| ${store} | ${phase} | ${bm.toFixed(0)} | ${cm.toFixed(0)} | ${(cm / bm).toFixed(3)} |`);
    }
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
