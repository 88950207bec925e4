import type { BatchRecord, Decision, Engine, Material } from '@jianzheng/core';
import type { ImportIssue } from '@jianzheng/excel';
import type { Principal } from '../auth';
import { PreviewTooLargeError } from '../errors';
import { type ImportBudget, readFiles, type UploadedFile } from './import-files';
import type { ParseBudget } from './parse-budget';

/** The dry run of an import: per file, its issues and the engine's decision for every material. */
export interface FilePreview {
  file: string;
  ok: boolean;
  departments: string[];
  issues: ImportIssue[];
  materials: Array<{ material: Material; decision: Decision }>;
}

/**
 * Memory a report takes per byte of its JSON while it is answered: the response string (two bytes
 * a character for Chinese text), its UTF-8 body, and the page's parsed copy of it, which the page
 * holds again as JSON. The rows and decisions themselves are in the body's own reservation.
 */
export const REPORT_MEMORY_PER_BYTE = 4;

/**
 * No material's report entry is smaller than this (its ten-rule trace alone is larger): reading
 * stops once this many bytes per material could not fit, before the real size is known.
 */
export const MIN_REPORT_BYTES_PER_MATERIAL = 1024;

/** Materials whose report entries are measured to estimate a file's report. */
const SAMPLE = 64;

/**
 * The report's JSON bytes per material, measured on materials of the upload itself (spread over
 * it): long 设定依据 or item names make long reports, and the estimate follows them.
 */
export function reportBytesPerMaterial(engine: Engine, materials: readonly Material[]): number {
  if (materials.length === 0) return 0;
  const step = Math.max(1, Math.floor(materials.length / SAMPLE));
  const sample: Material[] = [];
  for (let i = 0; i < materials.length && sample.length < SAMPLE; i += step) sample.push(materials[i]!);
  const decisions = engine.evaluate(sample);
  const json = JSON.stringify(sample.map((material, i) => ({ material, decision: decisions[i]! })));
  return Math.ceil(Buffer.byteLength(json) / sample.length);
}

export interface PreviewDeps {
  engine: Engine;
  limits: ImportBudget;
  /** The service's parse budget: the report is counted in it before it is built. */
  budget?: ParseBudget;
}

/**
 * What an import would do, without writing: the report a department reads before confirming.
 * The report is refused (`PreviewTooLargeError`, 413) before it is built when it would not fit
 * `maxReportBytes` (the caller's own cap, e.g. what a page can hold) or what is left of the parse
 * budget, reading stopping as soon as that is certain; what fits is counted in the budget first.
 */
export async function previewFiles(
  deps: PreviewDeps,
  batch: BatchRecord,
  files: readonly UploadedFile[],
  principal: Principal,
  department?: string,
  maxReportBytes = Number.POSITIVE_INFINITY,
): Promise<FilePreview[]> {
  const budget = deps.budget;
  budget?.settle(files.reduce((n, f) => n + f.bytes.byteLength, 0));
  const budgetRoom = budget
    ? Math.max(0, (budget.maxBytes - budget.held()) / REPORT_MEMORY_PER_BYTE)
    : Number.POSITIVE_INFINITY;
  const capBytes = Math.min(maxReportBytes, budgetRoom);
  const materialCap = Math.floor(capBytes / MIN_REPORT_BYTES_PER_MATERIAL);
  const read = await readFiles(batch, files, principal, deps.limits, department, materialCap);
  const names = read.map((entry) => entry.file.name);
  const capped = read.find((entry) => entry.capped);
  if (capped) throw new PreviewTooLargeError(names, materialCap + 1, capBytes, true);

  const all = read.flatMap((entry) => (entry.ok ? entry.materials : []));
  const reportBytes = all.length * reportBytesPerMaterial(deps.engine, all);
  if (reportBytes > capBytes) throw new PreviewTooLargeError(names, all.length, capBytes, false, reportBytes);
  await budget?.grow(reportBytes * REPORT_MEMORY_PER_BYTE);

  return read.map((entry) => {
    const decisions = entry.ok ? deps.engine.evaluate(entry.materials) : [];
    return {
      file: entry.file.name,
      ok: entry.ok,
      departments: entry.departments,
      issues: entry.issues,
      materials: entry.ok
        ? entry.materials.map((material, i) => ({ material, decision: decisions[i]! }))
        : [],
    };
  });
}
