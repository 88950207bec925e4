// Benchmark (not a test): a whole province-sized publication of 100,000 materials across 50
// departments, decided by core's engine, then createPublication / serializePublication /
// parsePublication (which verifies the checksum) timed against plain JSON.stringify + JSON.parse
// of the same object in the same run. Target: serialise + parse under 1 s.
// Run: npm run build (turbo, from the root), then `npm run bench -w @jianzheng/json`.
import { assignMaterialIds, createEngine, ITEM_TYPES } from '@jianzheng/core';
import {
  createPublication,
  parsePublication,
  serializePublication,
  verifyPublication,
} from '../dist/index.js';
import { BASES, ISSUERS, NAMES } from './vocabulary.mjs';

const MATERIALS = Number(process.env.MATERIALS ?? 100_000);
const DEPARTMENTS = 50;
const PER_ITEM = 8;
const RUNS = Number(process.env.RUNS ?? 5);

function buildInputs() {
  const inputs = [];
  for (let i = 0; i < MATERIALS; i++) {
    const itemNo = Math.floor(i / PER_ITEM);
    const department = `宿州市第${(itemNo % DEPARTMENTS) + 1}部门`;
    const item = {
      department,
      code: `341300-${String(itemNo).padStart(6, '0')}`,
      name: `政务服务事项${itemNo}`,
      type: ITEM_TYPES[itemNo % ITEM_TYPES.length],
    };
    inputs.push({
      item,
      name: NAMES[(i * 7 + itemNo) % NAMES.length],
      source: i % 3 === 0 ? '政府部门核发' : '申请人自备',
      issuer: ISSUERS[i % ISSUERS.length] || undefined,
      legalBasis: BASES[i % BASES.length] || undefined,
      necessary: i % 11 === 0 ? 'no' : 'unknown',
      departmentProposal: i % 5 === 0 ? 'cancel' : 'unknown',
    });
  }
  return inputs;
}

function time(fn) {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const setup = time(() => {
  const materials = assignMaterialIds(buildInputs());
  const engine = createEngine();
  return { materials, decisions: engine.evaluate(materials), engine };
});
const { materials, decisions, engine } = setup.value;
const input = {
  jurisdiction: { code: '340000', name: '安徽省', level: 'province' },
  batch: { id: 'bench', title: '基准测试批次', documentNumber: null },
  version: 1,
  materials,
  decisions,
  ruleSet: engine.ruleSet,
  publishedAt: '2018-09-04T09:00:00+08:00',
};

const rows = {
  create: [],
  serialize: [],
  serializePlain: [],
  parse: [],
  verify: [],
  stringify: [],
  jsonParse: [],
};
let text = '';
let pub;
for (let run = 0; run <= RUNS; run++) {
  const created = time(() => createPublication(input));
  pub = created.value;
  // The usual path: serialise what createPublication returned (frozen and already validated).
  const serialized = time(() => serializePublication(pub));
  text = serialized.value;
  // A plain object from elsewhere (a store, a hand-built object) is validated with zod first.
  const copy = structuredClone(pub);
  const serializedPlain = time(() => serializePublication(copy));
  if (serializedPlain.value !== text) throw new Error('serialisation is not canonical');
  const parsed = time(() => parsePublication(text));
  const verified = time(() => verifyPublication(text));
  const baseText = time(() => JSON.stringify(copy, null, 2));
  const baseParse = time(() => JSON.parse(baseText.value));
  if (run === 0) continue; // warm-up
  rows.create.push(created.ms);
  rows.serialize.push(serialized.ms);
  rows.serializePlain.push(serializedPlain.ms);
  rows.parse.push(parsed.ms);
  rows.verify.push(verified.ms);
  rows.stringify.push(baseText.ms);
  rows.jsonParse.push(baseParse.ms);
  if (!verified.value.ok || parsed.value.sha256 !== pub.sha256) throw new Error('round trip failed');
}

const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)]));
const ours = m.serialize + m.parse;
const baseline = m.stringify + m.jsonParse;
const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
console.log(
  `@jianzheng/json — ${MATERIALS.toLocaleString('en')} materials, ${pub.summary.departments} departments, ` +
    `${pub.summary.items.toLocaleString('en')} items, ${pub.summary.cancelled.toLocaleString('en')} cancelled ` +
    `(${pub.summary.cancellationRate} %); canonical text ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB UTF-8; ` +
    `Node ${process.version}; median of ${RUNS} runs after a warm-up`,
);
console.log(`  setup (assignMaterialIds + engine.evaluate) ${fmt(setup.ms)}`);
console.log(`  createPublication                          ${fmt(m.create)}`);
console.log(`  serializePublication                       ${fmt(m.serialize)}`);
console.log(`  serializePublication (plain object: + zod) ${fmt(m.serializePlain)}`);
console.log(`  parsePublication (validate + verify)       ${fmt(m.parse)}`);
console.log(`  verifyPublication (alone)                  ${fmt(m.verify)}`);
console.log(
  `  serialise + parse                          ${fmt(ours)}   target < 1000 ms: ${ours < 1000 ? 'met' : 'NOT met'}`,
);
console.log(`  baseline JSON.stringify(pub, null, 2)      ${fmt(m.stringify)}`);
console.log(`  baseline JSON.parse                        ${fmt(m.jsonParse)}`);
console.log(`  baseline sum                               ${fmt(baseline)}`);
console.log(`  ratio (serialise + parse) / baseline       ${(ours / baseline).toFixed(2)}×`);
