// The rule engine against GoRules ZEN and json-rules-engine on the same records and the same
// ten decisions, checked record by record. Prints figures and ratios; no assertion on time
// (speed is judged here, not in tests).
import { createEngine } from '@jianzheng/core';
import { Engine as RulesEngine } from 'json-rules-engine';
import { syntheticMaterials } from './synthetic.mjs';
import { runZen } from './zen-baseline.mjs';

const COUNT = Number(process.env.BENCH_MATERIALS ?? 1_000_000);
const BASELINE_COUNT = Number(process.env.BENCH_BASELINE_MATERIALS ?? 50_000);
const ZEN_COUNT = Number(process.env.BENCH_ZEN_MATERIALS ?? 200_000);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1_000); // a multiple of the per-item count, so items are never split

const materials = syntheticMaterials(COUNT, { alternatives: 0.1 });
const withAlternatives = materials.filter((m) => m.alternatives !== null).length;
const engine = createEngine();

function runOurs(list) {
  let cancelled = 0;
  let traced = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < list.length; i += CHUNK) {
    for (const decision of engine.evaluate(list.slice(i, i + CHUNK))) {
      if (decision.verdict === 'cancel') cancelled++;
      traced += decision.trace.length;
      if (decision.alternatives) for (const a of decision.alternatives) traced += a.trace.length;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, cancelled, traced };
}

// Warm up the JIT on a slice, then measure (best of three: the machine is shared).
runOurs(materials.slice(0, 50_000));
let ours;
const runSeconds = [];
for (let run = 0; run < Number(process.env.BENCH_REPEAT ?? 3); run++) {
  const result = runOurs(materials);
  runSeconds.push(result.seconds);
  if (ours === undefined || result.seconds < ours.seconds) ours = result;
}
const oursRate = COUNT / ours.seconds;

// The baselines get facts our engine's traces computed beforehand: rule i "matched" for a
// material when it matched for the material or for any of its alternatives — so their
// first-hit answer is exactly our decision's rule (first cancelling alternative in rule order).
const subsetSize = Math.max(BASELINE_COUNT, ZEN_COUNT);
const subset = materials.slice(0, subsetSize);
const expected = [];
const records = [];
for (let i = 0; i < subset.length; i += CHUNK) {
  for (const d of engine.evaluate(subset.slice(i, i + CHUNK))) {
    const traces = !d.alternatives ? [d.trace] : d.alternatives.map((a) => a.trace);
    const record = {};
    engine.rules.forEach((_, r) => {
      record[`r${r}`] = traces.some((t) => t[r].matched);
    });
    records.push(record);
    expected.push(d.ruleId ?? 'retain');
  }
}
const mismatches = (decided) => decided.reduce((n, id, i) => n + (id === expected[i] ? 0 : 1), 0);

// GoRules ZEN, both of its batch modes; the faster one is the baseline.
const zenModes = await runZen(engine.rules, records.slice(0, ZEN_COUNT), CHUNK);
const zen = zenModes.reduce((a, b) => (b.rate > a.rate ? b : a));

// json-rules-engine: one rule per principle, priority in rule order, one awaited run per record.
const jre = new RulesEngine([], { allowUndefinedFacts: true });
engine.rules.forEach((rule, index) => {
  jre.addRule({
    name: rule.id,
    priority: engine.rules.length - index,
    conditions: { all: [{ fact: `r${index}`, operator: 'equal', value: true }] },
    event: { type: 'cancel', params: { ruleId: rule.id } },
  });
});
const jreDecided = [];
const jreStart = process.hrtime.bigint();
for (const record of records.slice(0, BASELINE_COUNT)) {
  const { events } = await jre.run(record);
  // Rules of equal priority run in parallel; ours are all distinct, so events come in rule order.
  jreDecided.push(events.length > 0 ? events[0].params.ruleId : 'retain');
}
const jreSeconds = Number(process.hrtime.bigint() - jreStart) / 1e9;
const jreRate = BASELINE_COUNT / jreSeconds;

const zenWrong = zenModes.map((m) => mismatches(m.decided));
const jreWrong = mismatches(jreDecided);
if (zenWrong.some((n) => n > 0) || jreWrong > 0) process.exitCode = 1;

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const same = (n) => (n === 0 ? 'same decision on every record' : `${fmt(n)} records DIFFER`);
const load = (await import('node:os')).loadavg().map((l) => l.toFixed(2));
console.log('engine benchmark (default rules and catalogs, traces on, one core)');
console.log(
  `  jianzheng          ${fmt(COUNT)} materials (${fmt(withAlternatives)} with alternatives) in ${ours.seconds.toFixed(2)} s = ${fmt(oursRate)} materials/s (${fmt(ours.cancelled)} cancelled, ${fmt(ours.traced)} trace entries)`,
);
zenModes.forEach((mode, i) => {
  console.log(
    `  ZEN ${mode.name.padEnd(26)} ${fmt(ZEN_COUNT)} records in ${mode.seconds.toFixed(2)} s = ${fmt(mode.rate)} records/s (${same(zenWrong[i])})`,
  );
});
console.log(
  `  json-rules-engine  ${fmt(BASELINE_COUNT)} records in ${jreSeconds.toFixed(2)} s = ${fmt(jreRate)} records/s (${same(jreWrong)})`,
);
console.log(
  `  ratios             ${(oursRate / zen.rate).toFixed(1)} × ZEN (${zen.name}; target ≥ 8 ×), ${(oursRate / jreRate).toFixed(1)} × json-rules-engine (target ≥ 60 ×)`,
);
console.log(
  `  every run          ${runSeconds.map((s) => `${s.toFixed(2)} s (${fmt(COUNT / s)}/s)`).join(', ')}; best counted`,
);
console.log(
  `  target ≥ 1,000,000 materials/s with traces, legal levels classified (issue 24): ${oursRate >= 1_000_000 ? 'met' : 'NOT met'}`,
);
console.log(
  `  peak RSS           ${fmt(process.resourceUsage().maxRSS / 1024)} MB; load average ${load.join(' / ')}`,
);
