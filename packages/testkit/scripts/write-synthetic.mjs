#!/usr/bin/env node
// Writes seeded synthetic department workbooks (domain.md §8 layouts), streaming:
//   node packages/testkit/scripts/write-synthetic.mjs ./out 1000000 [departments] [workbooks] [seed]
import { resolve } from 'node:path';
import { writeSyntheticWorkbooks } from '@jianzheng/testkit';

const [dir = 'synthetic', materials = '10000', departments, workbooks, seed] = process.argv.slice(2);
const manifest = await writeSyntheticWorkbooks({
  dir: resolve(dir),
  materials: Number(materials),
  ...(departments ? { departments: Number(departments) } : {}),
  ...(workbooks ? { workbooks: Number(workbooks) } : {}),
  ...(seed ? { seed: Number(seed) } : {}),
});
console.log(
  `${manifest.materials} materials, ${manifest.items} items, ${manifest.departments} departments in ${manifest.workbooks.length} workbooks under ${resolve(dir)}`,
);
