// 对标 at provincial scale: 16 cities × 100,000 materials, as `jianzheng compare` reads them —
// one publication file at a time, checked (schema, checksum), added to the comparison, dropped —
// next to the baseline of the same run: JSON.parse of the same files and nothing else, the least
// any reader of them must spend. Each measurement runs in a child process of its own, so that its
// peak RSS (the kernel's maxRSS) is its alone. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJurisdictionComparison } from '@jianzheng/compare';
import { readPublication, writePublication } from '@jianzheng/json/node';
import { syntheticJurisdictionPublications } from '@jianzheng/testkit';
import { record } from './results.mjs';

const self = fileURLToPath(import.meta.url);
const CITIES = Number(process.env.BENCH_CITIES ?? 16);
const EACH = Number(process.env.BENCH_MATERIALS_EACH ?? 100_000);
const cacheDir = join(process.env.BENCH_CACHE ?? tmpdir(), `jz-bench-compare-${CITIES}-${EACH}`);

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;
const filesIn = (dir) =>
  readdirSync(dir)
    .sort()
    .map((batch) => join(dir, batch, 'v1.json'));

async function child(mode) {
  const files = filesIn(cacheDir);
  const start = process.hrtime.bigint();
  let figures;
  if (mode === 'parse') {
    let materials = 0;
    for (const file of files) {
      const pub = JSON.parse(readFileSync(file, 'utf8'));
      for (const d of pub.departments) for (const i of d.items) materials += i.materials.length;
    }
    figures = { materials };
  } else {
    const builder = createJurisdictionComparison({ minCancelledElsewhere: 2 });
    for (const file of files) builder.add(await readPublication(file));
    const result = builder.finish();
    figures = {
      materials: result.jurisdictions.reduce((n, j) => n + j.materials, 0),
      rows: result.rows.length,
      findings: result.findings.length,
    };
  }
  process.stdout.write(`${JSON.stringify({ ...figures, seconds: seconds(start), rssMb: maxRssMb() })}\n`);
}

function measure(mode) {
  const run = spawnSync(process.execPath, ['--expose-gc', self, mode], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${mode} failed: ${run.stderr}`);
  return { ...JSON.parse(run.stdout.trim().split('\n').at(-1)), load: loadavg()[0] };
}

async function main() {
  if (!existsSync(cacheDir) || readdirSync(cacheDir).length !== CITIES) {
    mkdirSync(cacheDir, { recursive: true });
    const start = process.hrtime.bigint();
    for (const pub of syntheticJurisdictionPublications({ jurisdictions: CITIES, materialsEach: EACH }))
      await writePublication(cacheDir, pub);
    console.log(`generated ${CITIES} publications in ${seconds(start).toFixed(1)} s (${cacheDir})`);
  }
  const mb = filesIn(cacheDir).reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20;
  const parse = measure('parse');
  const compare = measure('compare');
  const fmt = (f) =>
    `${f.seconds.toFixed(2)} s, peak RSS ${f.rssMb.toFixed(0)} MB, load ${f.load.toFixed(2)}`;
  console.log(
    `input: ${CITIES} publications, ${compare.materials.toLocaleString('en-US')} materials, ${mb.toFixed(0)} MB`,
  );
  console.log(`baseline JSON.parse of the files: ${fmt(parse)}`);
  console.log(
    `compare (read + check + add, one file at a time): ${fmt(compare)}; ${compare.rows.toLocaleString('en-US')} rows, ${compare.findings.toLocaleString('en-US')} findings`,
  );
  console.log(
    `ratio compare ÷ JSON.parse: ${(compare.seconds / parse.seconds).toFixed(2)} ×  (target: under 30 s and 1 GB)`,
  );
  record('compare', { cities: CITIES, each: EACH, inputMb: mb, parse, compare });
}

const mode = process.argv[2];
if (mode) await child(mode);
else await main();
