// Appends this run's figures (recorded by the benchmarks in a temp JSONL file) to RESULTS.md as
// a new dated section with the machine description. Earlier sections are kept as they are, so
// every run can be compared with the ones before it.
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { RESULTS_FILE } from './results.mjs';

const RESULTS_MD = join(import.meta.dirname, 'RESULTS.md');
if (!existsSync(RESULTS_FILE)) {
  console.log('no recorded figures: nothing to add to RESULTS.md');
  process.exit(0);
}
const entries = readFileSync(RESULTS_FILE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const fmt = (n, digits = 0) =>
  Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const loads = (l) => l.map((x) => x.toFixed(2)).join(' / ');

const lines = [];
const now = new Date();
lines.push(`## ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
lines.push('');
lines.push(
  `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'} (nproc ${cpus().length}), ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}. Load average (1/5/15 min) at the end of the run: ${loads(loadavg())}.`,
);
lines.push('');
for (const entry of entries) {
  if (entry.bench === 'e2e') {
    lines.push(
      `### End to end: ${fmt(entry.materials)} materials, ${fmt(entry.departments)} departments, ${fmt(entry.items)} items, ${entry.workbooks} workbooks (${fmt(entry.inputMb)} MB)`,
    );
    lines.push('');
    lines.push('| stage | time (s) | throughput (/s) | peak RSS (MB) | load (1 min) |');
    lines.push('|---|---:|---:|---:|---:|');
    for (const s of entry.stages) {
      const peak = s.peakMb === undefined || s.peakMb === null ? '—' : fmt(s.peakMb);
      lines.push(`| ${s.name} | ${fmt(s.seconds, 2)} | ${fmt(s.rate)} | ${peak} | ${s.load.toFixed(2)} |`);
    }
    lines.push('');
    lines.push(
      `- import ÷ exceljs raw streaming read of the same files: **${entry.ratio.toFixed(2)} ×** (target ≤ 0.2, issue 26)${entry.singleRatio === undefined ? '' : `; on one thread (streamWorkbook) ${entry.singleRatio.toFixed(2)} ×`}`,
    );
    lines.push(
      `- whole pipeline, import → evaluate → publish JSON + Excel: **${fmt(entry.wholeSeconds, 1)} s** (target ≤ 60 s)`,
    );
    lines.push(`- peak RSS of the pipeline process: **${fmt(entry.peakMb)} MB** (target ≤ 1,024 MB)`);
    if (entry.excelRatio !== undefined)
      lines.push(
        `- Excel attachment ÷ exceljs raw streaming write of the same cells: **${entry.excelRatio.toFixed(2)} ×**`,
      );
    if (entry.cli)
      lines.push(
        `- \`jianzheng publish\` on the same ${entry.workbooks} files (wall clock and maxRSS by /usr/bin/time): **${fmt(entry.cli.seconds, 1)} s, ${fmt(entry.cli.peakMb)} MB**`,
      );
    for (const failure of entry.failures ?? []) lines.push(`- **FAILED:** ${failure}`);
    lines.push(
      `- outputs: JSON ${fmt(entry.jsonMb)} MB, Excel ${fmt(entry.xlsxMb)} MB; load average when recorded ${loads(entry.load)}`,
    );
    lines.push(
      "- each measurement ran in a child process of its own (peak RSS = that child's maxRSS); the pipeline stages import/evaluate/build are interleaved file by file, so only their sum and the process peak are meaningful",
    );
    lines.push('');
  } else if (entry.bench === 'excel-import') {
    const x = entry.xlsx;
    lines.push(`### Excel import: ${fmt(entry.rows)}-row xlsx, and .xls / .csv beside SheetJS's own read`);
    lines.push('');
    lines.push('| file | baseline | baseline (ms) | ours (ms) | ours (materials/s) | ratio |');
    lines.push('|---|---|---:|---:|---:|---:|');
    lines.push(
      `| .xlsx ${fmt(entry.rows)} rows | exceljs raw streaming read | ${fmt(x.rawMs)} | ${fmt(x.streamMs)} | ${fmt(entry.rows / (x.streamMs / 1000))} | ${x.ratio.toFixed(2)} |`,
    );
    for (const f of entry.formats) {
      lines.push(
        `| .${f.format} ${fmt(f.rows)} rows | SheetJS read (${fmt(f.sheetjsRate)} rows/s) | ${fmt(f.sheetjsMs)} | ${fmt(f.importMs)} | ${fmt(f.importRate)} | ${f.ratio.toFixed(2)} |`,
      );
    }
    lines.push('');
    lines.push(`- load (1/5/15 min) when recorded: ${loads(entry.load)}`);
    lines.push('');
  } else if (entry.bench === 'compare') {
    lines.push(
      `### 对标: ${entry.cities} publications × ${fmt(entry.each)} materials (${fmt(entry.inputMb)} MB of JSON), read one at a time`,
    );
    lines.push('');
    lines.push('| stage | time (s) | peak RSS (MB) | load (1 min) |');
    lines.push('|---|---:|---:|---:|');
    lines.push(
      `| JSON.parse of the files (baseline) | ${fmt(entry.parse.seconds, 2)} | ${fmt(entry.parse.rssMb)} | ${entry.parse.load.toFixed(2)} |`,
    );
    lines.push(
      `| compare: readPublication (schema, checksum) + add, then finish | ${fmt(entry.compare.seconds, 2)} | ${fmt(entry.compare.rssMb)} | ${entry.compare.load.toFixed(2)} |`,
    );
    lines.push('');
    lines.push(
      `- compare ÷ JSON.parse: **${(entry.compare.seconds / entry.parse.seconds).toFixed(2)} ×**; ${fmt(entry.compare.rows)} matrix rows, ${fmt(entry.compare.findings)} findings (k = 2); target under 30 s and 1,024 MB`,
    );
    lines.push('');
  } else if (entry.bench === 'public-search') {
    lines.push(
      `### Public search (GET /api/public/search, 20 items a page) vs a bare Hono route with the same bytes in memory (${entry.connections} connections, ${entry.seconds} s each${entry.warmup ? `, after ${entry.warmup} s of warm-up per route and query` : ''})`,
    );
    lines.push('');
    const cpu = entry.figures.some((x) => x.ours?.cpuUs !== undefined);
    lines.push(
      `| published materials | query | names matched | jianzheng req/s | p50 / p99 (ms) | bare req/s | p50 / p99 (ms) | ratio |${cpu ? ' CPU µs/request (ours / bare) | ratio by CPU |' : ''} load |`,
    );
    lines.push(`|---:|---|---:|---:|---:|---:|---:|---:|${cpu ? '---:|---:|' : ''}---:|`);
    for (const f of entry.figures.filter((x) => x.ours)) {
      const byCpu = cpu ? ` ${fmt(f.ours.cpuUs)} / ${fmt(f.bare.cpuUs)} | ${fmt(f.cpuRatio * 100)} % |` : '';
      lines.push(
        `| ${fmt(f.materials)} | ${f.query} | ${fmt(f.matches)} | ${fmt(f.ours.rps)} | ${f.ours.p50} / ${f.ours.p99} | ${fmt(f.bare.rps)} | ${f.bare.p50} / ${f.bare.p99} | **${fmt(f.ratio * 100)} %** |${byCpu} ${f.load.toFixed(2)} |`,
      );
    }
    lines.push('');
    for (const f of entry.figures.filter((x) => x.warmMs !== undefined))
      lines.push(
        f.unavailable === undefined
          ? `- in-memory n-gram index @ ${fmt(f.materials)}: every list parsed and indexed on the first search in ${fmt(f.warmMs)} ms; server RSS then ${fmt(f.rssMb)} MB.`
          : `- in-memory n-gram index @ ${fmt(f.materials)}: built in the background from server start in ${fmt(f.warmMs)} ms (${fmt(f.unavailable)} searches meanwhile answered 503 with Retry-After; /health answered in at most ${fmt(f.healthMaxMs)} ms); server RSS then ${fmt(f.rssMb)} MB. Both routes send the same headers: ${f.headers.join(', ')}.`,
      );
    for (const f of entry.figures.filter((x) => x.fts)) {
      const q = Object.entries(f.fts).filter(([, v]) => v && typeof v === 'object');
      lines.push(
        `- FTS5 trigram @ ${fmt(f.materials)}: ${f.fts.buildMs == null ? 'built in an earlier run' : `built in ${fmt(f.fts.buildMs / 1000, 1)} s`}, ${fmt(f.fts.bytes / 1048576)} MiB; count + first 100 rows: ${q.map(([k, v]) => `${k} ${fmt(v.medianMs, 1)} ms (${v.how}, ${fmt(v.matches)} rows)`).join('; ')}.`,
      );
    }
    lines.push('');
    lines.push(
      'Target: ≥ 70 % of the bare route at 5,000 and 1,000,000 published materials, p99 ≤ 50 ms at 1M.',
    );
    lines.push('');
  } else if (entry.bench === 'api') {
    lines.push(
      `### API load (autocannon, ${entry.connections} connections, ${entry.seconds} s per run, loopback; ${fmt(entry.materials)} materials published, list ${fmt(entry.listBytes / 1024)} KiB)`,
    );
    lines.push('');
    lines.push(
      '| endpoint | jianzheng req/s | p50 / p99 (ms) | bare Hono req/s | p50 / p99 (ms) | ratio | load (1 min) |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const f of entry.figures) {
      lines.push(
        `| ${f.name} | ${fmt(f.ours.rps)} | ${f.ours.p50} / ${f.ours.p99} | ${fmt(f.bare.rps)} | ${f.bare.p50} / ${f.bare.p99} | **${fmt(f.ratio * 100)} %** | ${f.load.toFixed(2)} |`,
      );
    }
    lines.push('');
    lines.push(
      'Target: ≥ 70 % of the bare route for published-list reads. Errors and non-2xx responses: ' +
        entry.figures.map((f) => `${f.name} ${f.ours.errors}`).join(', ') +
        '.',
    );
    lines.push('');
  } else if (entry.bench === 'shared-deployment') {
    lines.push(
      `### Shared deployment: one SQLite instance vs two PostgreSQL instances (\`jianzheng serve\` processes, ${fmt(entry.materials)} materials published, autocannon ${entry.connections} connections split over the instances, ${entry.seconds} s per run)`,
    );
    lines.push('');
    lines.push(
      '| endpoint | SQLite ×1 req/s | p50 / p99 (ms) | PG ×1 req/s | p50 / p99 (ms) | PG ×2 req/s | p50 / p99 (ms) | PG ×2 ÷ SQLite | PG ×1 ÷ SQLite | load (1 min) |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const f of entry.figures) {
      const cell = (x) => `${fmt(x.rps)} | ${fmt(x.p50, 1)} / ${x.p99}`;
      lines.push(
        `| ${f.name} | ${cell(f.sqlite)} | ${cell(f.pg1)} | ${cell(f.pg2)} | **${(f.pg2.rps / f.sqlite.rps).toFixed(2)} ×** | ${(f.pg1.rps / f.sqlite.rps).toFixed(2)} × | ${f.load.toFixed(2)} → ${f.loadAfter.toFixed(2)} |`,
      );
    }
    lines.push('');
    lines.push(
      `- SQLite is the mean of a run before and after the PostgreSQL runs (p99: the worse of the two); the two runs' req/s, as a measure of the machine's noise: ${entry.figures.map((f) => `${f.name} ${f.sqliteRuns.map((r) => fmt(r.rps)).join(' / ')}`).join('; ')}. Errors and non-200 responses: ${entry.figures.map((f) => `${f.name} ${f.sqlite.errors} / ${f.pg1.errors} / ${f.pg2.errors}`).join('; ')}.`,
    );
    lines.push('');
  }
}
if (!existsSync(RESULTS_MD)) {
  writeFileSync(
    RESULTS_MD,
    '# Benchmark results\n\nAppended by `npm run bench` (bench/report.mjs), newest last; earlier runs are kept for comparison. Figures from a shared machine carry the load average at the time they were measured.\n\n',
  );
}
// A hand-written note often ends the file without a blank line: the new section needs one.
const before = readFileSync(RESULTS_MD, 'utf8');
const gap = before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
appendFileSync(RESULTS_MD, `${gap}${lines.join('\n')}\n`);
rmSync(RESULTS_FILE);
console.log(`figures appended to ${RESULTS_MD}`);
