// The Excel importer's own benchmark (packages/excel/bench/import.bench.mjs), run from here so
// `npm run bench` prints and records it: xlsx import ÷ exceljs raw streaming read, and the .xls
// and .csv imports beside SheetJS's own read of the same file (materials/s). JZ_BENCH_ROWS sets
// the size (default 100,000 rows; the 1,000,000-row xlsx ratio is in e2e-million.bench.mjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bench = join(import.meta.dirname, '../packages/excel/bench/import.bench.mjs');
const result = spawnSync(process.execPath, [bench], { stdio: 'inherit' });
process.exit(result.status ?? 1);
