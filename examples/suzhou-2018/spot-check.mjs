#!/usr/bin/env node
// Prints N random items of the bundled example with their materials, for a person who knows the
// services to read: does every material belong to its item?
//
//   node examples/suzhou-2018/spot-check.mjs [--n 50] [--seed 7] [--programme] [--dir <workbooks>]
//
// Reads the committed workbooks through the built `jianzheng evaluate` (npm run build first), so
// it checks what ships, and shows the engine's verdict beside each material.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './dataset.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '../../apps/cli/dist/bin.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const n = Number(option('--n', 50));
const seed = Number(option('--seed', 7));
const base = option('--dir', here);
const dirs = [base, ...(args.includes('--programme') ? [join(base, 'programme')] : [])];
const workbooks = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.xlsx'))
    .sort()
    .map((name) => join(dir, name)),
);

const run = spawnSync(
  process.execPath,
  [bin, 'evaluate', ...workbooks, '--config', join(here, 'jianzheng.config.json'), '--format', 'json'],
  { encoding: 'utf8', maxBuffer: 1 << 30 },
);
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(run.status ?? 1);
}
const { materials } = JSON.parse(run.stdout);
const items = new Map();
for (const m of materials) {
  const key = `${m.department}｜${m.itemName}`;
  if (!items.has(key)) items.set(key, []);
  items.get(key).push(m);
}
const keys = prng(seed)
  .shuffle([...items.keys()])
  .slice(0, n);
for (const [i, key] of keys.entries()) {
  console.log(`\n${i + 1}. ${key}`);
  for (const m of items.get(key)) {
    const verdict = m.verdict === 'cancel' ? `取消·${m.category}` : '保留';
    const basis = m.trace.find((t) => t.ruleId === 'no-legal-basis')?.facts?.legalBasis ?? '';
    console.log(`   - ${m.name}  [${verdict}]  ${basis ? `依据 ${basis}` : '无依据'}`);
  }
}
console.log(`\n${keys.length} of ${items.size} items, ${materials.length} materials`);
