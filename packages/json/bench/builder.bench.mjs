// Benchmark (not a test): publishing a national list of BENCH_MATERIALS materials (default
// 1,000,000; 8 per item, 200 departments), evaluated item by item with core's engine, two ways:
//   (a) arrays  — every Material and Decision kept, then createPublication({ materials, decisions })
//                 (the baseline: what a pipeline had to do before the builder);
//   (b) builder — createPublicationBuilder(head).add(itemMaterials, itemDecisions) per item, each
//                 item's materials and decisions dropped after add, then finish().
// Each way runs in its own child process, so each peak RSS (the kernel's maxRSS) is its own.
// Prints seconds, peak RSS, the builder ÷ arrays ratios and the load average; checks that both
// ways give the same sha256. Asserts nothing about speed.
// Run: npm run build (turbo, from the root), then `node --expose-gc packages/json/bench/builder.bench.mjs`.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { assignMaterialIds, createEngine, ITEM_TYPES } from '@jianzheng/core';
import { createPublication, createPublicationBuilder } from '../dist/index.js';
import { BASES, ISSUERS, NAMES } from './vocabulary.mjs';

const MATERIALS = Number(process.env.BENCH_MATERIALS ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
const PER_ITEM = 8;
const DEPARTMENTS = 200;

const YES_NO = ['yes', 'no', 'unknown', 'unknown', 'unknown'];

/** Item by item, as streamWorkbook yields them: one item's material inputs at a time. */
function* items() {
  let seed = 2018;
  const pick = (list) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return list[seed % list.length];
  };
  for (let n = 0; n * PER_ITEM < MATERIALS; n++) {
    const item = {
      department: `第${(n % DEPARTMENTS) + 1}厅局`,
      code: `3400${String(n).padStart(8, '0')}`,
      name: `政务服务事项${n}`,
      type: ITEM_TYPES[n % ITEM_TYPES.length],
    };
    const inputs = [];
    for (let i = 0; i < PER_ITEM && n * PER_ITEM + i < MATERIALS; i++)
      inputs.push({
        item,
        name: pick(NAMES),
        source: pick(['政府部门核发', '申请人自备', '中介机构出具']),
        issuer: pick(ISSUERS) || undefined,
        legalBasis: pick(BASES) || undefined,
        necessary: pick(YES_NO),
        shareable: pick(YES_NO),
        internalQuery: pick(YES_NO),
        commitment: pick(YES_NO),
        departmentProposal: pick(['retain', 'cancel', 'unknown']),
      });
    yield inputs;
  }
}

// (a) Every material and decision alive until createPublication returns. A function of its own, so
// that they are unreachable once it returns (the heap figure after it then shows the publication).
function publishArrays(engine, head, mark) {
  const materials = [];
  const decisions = [];
  for (const inputs of items()) {
    const itemMaterials = assignMaterialIds(inputs);
    const itemDecisions = engine.evaluate(itemMaterials);
    for (let i = 0; i < itemMaterials.length; i++) {
      materials.push(itemMaterials[i]);
      decisions.push(itemDecisions[i]);
    }
  }
  mark();
  return createPublication({ ...head, materials, decisions });
}

// (b) One item alive at a time: its materials and decisions are dropped after add.
function publishStreamed(engine, head, mark) {
  const builder = createPublicationBuilder(head);
  for (const inputs of items()) {
    const itemMaterials = assignMaterialIds(inputs);
    builder.add(itemMaterials, engine.evaluate(itemMaterials));
  }
  mark();
  return builder.finish();
}

function child(mode) {
  globalThis.gc?.();
  const startRss = process.memoryUsage().rss;
  const load = loadavg()[0];
  const engine = createEngine();
  const head = {
    jurisdiction: { code: '000000', name: '全国', level: 'province' },
    batch: { id: 'bench', title: '基准测试批次', documentNumber: null },
    version: 1,
    ruleSet: engine.ruleSet,
    publishedAt: '2018-09-04T09:00:00+08:00',
  };
  const start = performance.now();
  let publishStart;
  const mark = () => {
    publishStart = performance.now();
  };
  const pub = mode === 'arrays' ? publishArrays(engine, head, mark) : publishStreamed(engine, head, mark);
  const end = performance.now();
  globalThis.gc?.();
  const result = {
    mode,
    seconds: (end - start) / 1000,
    publishSeconds: (end - publishStart) / 1000,
    peakMb: (process.resourceUsage().maxRSS * 1024) / 1048576,
    startMb: startRss / 1048576,
    // What stays once the publication exists and everything else is collected (RSS rarely shrinks).
    heldMb: process.memoryUsage().heapUsed / 1048576,
    sha256: pub.sha256,
    materials: pub.summary.materials,
    items: pub.summary.items,
    cancelled: pub.summary.cancelled,
    loadStart: load,
    loadEnd: loadavg()[0],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function run(mode) {
  const out = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), mode], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`${mode} run failed (${out.status}):\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1));
}

const mode = process.argv[2];
if (mode === 'arrays' || mode === 'builder') child(mode);
else {
  const runs = { arrays: [], builder: [] };
  // Alternated so that a change in machine load hits both ways alike.
  for (let r = 0; r < REPEAT; r++) for (const m of ['builder', 'arrays']) runs[m].push(run(m));
  const best = (m) => runs[m].reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const a = best('arrays');
  const b = best('builder');
  const same = [...runs.arrays, ...runs.builder].every((r) => r.sha256 === a.sha256);
  const mb = (x) => `${Math.round(x).toLocaleString('en-US').padStart(5)} MB`;
  console.log(
    `@jianzheng/json builder — ${a.materials.toLocaleString('en-US')} materials, ${a.items.toLocaleString('en-US')} items, ` +
      `${DEPARTMENTS} departments, ${a.cancelled.toLocaleString('en-US')} cancelled; Node ${process.version}; ` +
      `best of ${REPEAT}, each way in its own process; same sha256 both ways: ${same ? 'yes' : 'NO'}`,
  );
  for (const r of [a, b]) {
    const label = r.mode === 'arrays' ? '(a) arrays + createPublication' : '(b) builder, item by item';
    console.log(
      `  ${label.padEnd(31)} ${r.seconds.toFixed(2).padStart(6)} s (publish step ${r.publishSeconds.toFixed(2)} s)  ` +
        `peak RSS ${mb(r.peakMb)} (start ${mb(r.startMb)}, heap held after ${mb(r.heldMb)})  load ${r.loadStart.toFixed(2)} → ${r.loadEnd.toFixed(2)}`,
    );
  }
  console.log(
    `  ratio builder ÷ arrays: peak RSS ${(b.peakMb / a.peakMb).toFixed(2)}×, time ${(b.seconds / a.seconds).toFixed(2)}×; ` +
      `target peak ≤ 1,024 MB at 1,000,000: ${b.peakMb <= 1024 ? 'met' : 'NOT met'} (${MATERIALS.toLocaleString('en-US')} here)`,
  );
  if (!same) process.exitCode = 1;
}
