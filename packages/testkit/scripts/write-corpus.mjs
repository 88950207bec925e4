#!/usr/bin/env node
// Writes the bad-input corpus and its corpus.json (expected outcome per file) into a folder:
//   node packages/testkit/scripts/write-corpus.mjs ./corpus
import { resolve } from 'node:path';
import { writeBadInputCorpus } from '@jianzheng/testkit';

const dir = resolve(process.argv[2] ?? 'bad-input-corpus');
const cases = await writeBadInputCorpus(dir);
for (const c of cases) {
  const outcome = c.expect.ok
    ? `imports${c.expect.code ? ` with ${c.expect.code}` : ''}`
    : `refused: ${c.expect.code}`;
  console.log(`${c.fileName.padEnd(34)} ${outcome.padEnd(40)} ${c.title}`);
}
console.log(`\n${cases.length} files and corpus.json in ${dir}`);
