// The rule engine against json-rules-engine on the same records and the same ten decisions.
// Prints figures and the ratio; no assertion on time (speed is judged here, not in tests).
import { createEngine } from '@jianzheng/core';
import { Engine as RulesEngine } from 'json-rules-engine';
import { syntheticMaterials } from './synthetic.mjs';

const COUNT = Number(process.env.BENCH_MATERIALS ?? 1_000_000);
const BASELINE_COUNT = Number(process.env.BENCH_BASELINE_MATERIALS ?? 50_000);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1_000); // a multiple of the per-item count, so items are never split

const materials = syntheticMaterials(COUNT);
const engine = createEngine();

function runOurs(list) {
  let cancelled = 0;
  let traced = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < list.length; i += CHUNK) {
    for (const decision of engine.evaluate(list.slice(i, i + CHUNK))) {
      if (decision.verdict === 'cancel') cancelled++;
      traced += decision.trace.length;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, cancelled, traced };
}

// Warm up the JIT on a slice, then measure.
runOurs(materials.slice(0, 50_000));
const ours = runOurs(materials);
const oursRate = COUNT / ours.seconds;

// json-rules-engine: the same ten decisions as single conditions over facts our engine's trace
// computed beforehand (its best case: it does no name normalization or catalog lookups at all).
const subset = materials.slice(0, BASELINE_COUNT);
const facts = engine
  .evaluate(subset)
  .map((d) => Object.fromEntries(d.trace.map((t) => [t.ruleId, t.matched])));
const baseline = new RulesEngine([], { allowUndefinedFacts: true });
engine.rules.forEach((rule, index) => {
  baseline.addRule({
    name: rule.id,
    priority: engine.rules.length - index,
    conditions: { all: [{ fact: rule.id, operator: 'equal', value: true }] },
    event: { type: 'cancel', params: { ruleId: rule.id, category: rule.category } },
  });
});
let baselineCancelled = 0;
const baselineStart = process.hrtime.bigint();
for (const record of facts) {
  const { events } = await baseline.run(record);
  if (events.length > 0) baselineCancelled++;
}
const baselineSeconds = Number(process.hrtime.bigint() - baselineStart) / 1e9;
const baselineRate = BASELINE_COUNT / baselineSeconds;
const oursOnSubset = engine.evaluate(subset).filter((d) => d.verdict === 'cancel').length;
if (oursOnSubset !== baselineCancelled) {
  console.error(`baseline disagrees: ${baselineCancelled} vs ${oursOnSubset} cancellations`);
  process.exitCode = 1;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log('engine benchmark (default rules and catalogs, traces on, one core)');
console.log(
  `  jianzheng          ${fmt(COUNT)} materials in ${ours.seconds.toFixed(2)} s = ${fmt(oursRate)} materials/s (${fmt(ours.cancelled)} cancelled, ${fmt(ours.traced)} trace entries)`,
);
console.log(
  `  json-rules-engine  ${fmt(BASELINE_COUNT)} records in ${baselineSeconds.toFixed(2)} s = ${fmt(baselineRate)} records/s (same decisions: ${baselineCancelled === oursOnSubset ? 'yes' : 'NO'})`,
);
console.log(
  `  ratio              ${(oursRate / baselineRate).toFixed(1)} × json-rules-engine (target ≥ 25 ×); target ≥ 500,000 materials/s: ${oursRate >= 500_000 ? 'met' : 'NOT met'}`,
);
console.log(`  peak RSS           ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
