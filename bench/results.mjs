// Benchmarks append their figures to a JSON file of this run; report.mjs turns it into a dated
// section of RESULTS.md (old sections are never touched).
import { appendFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const RESULTS_FILE = process.env.BENCH_RESULTS_FILE ?? join(tmpdir(), 'jz-bench-last-run.jsonl');

export function record(bench, figures) {
  appendFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ bench, at: new Date().toISOString(), load: loadavg(), ...figures })}\n`,
  );
}
