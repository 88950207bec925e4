import type { BatchRecord, Decision, Engine, JianzhengStore, Material, WriteContext } from '@jianzheng/core';
import { assertListEditable } from '@jianzheng/core';
import { type ImportIssue, importWorkbook } from '@jianzheng/excel';
import { type Principal, requireOwnDepartment } from '../auth';
import { ImportFailedError } from '../errors';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The files of a multipart upload, read into memory (the route's body limit has bounded them). */
export async function uploadedFiles(files: File | File[]): Promise<UploadedFile[]> {
  const list = Array.isArray(files) ? files : [files];
  const read: UploadedFile[] = [];
  for (const file of list)
    read.push({ name: file.name || 'upload.xlsx', bytes: new Uint8Array(await file.arrayBuffer()) });
  return read;
}

export interface FileOutcome {
  file: string;
  ok: boolean;
  departments: string[];
  materials: number;
  added: number;
  updated: number;
  removed: number;
  keptDecisions: number;
  issues: ImportIssue[];
}

/** One file read and checked against the batch, nothing written yet. */
interface ReadFile {
  file: UploadedFile;
  ok: boolean;
  departments: string[];
  materials: Material[];
  issues: ImportIssue[];
}

/**
 * Reads every file first, so that a department token reaching for another department is refused
 * before anything is written, and marks files naming departments outside the batch as failed.
 */
async function readFiles(
  batch: BatchRecord,
  files: readonly UploadedFile[],
  principal: Principal,
): Promise<ReadFile[]> {
  assertListEditable(batch.stage);
  const read: ReadFile[] = [];
  for (const file of files) {
    const result = await importWorkbook(file.bytes, {
      fileName: file.name,
      jurisdiction: batch.jurisdiction,
    });
    if (result.ok) requireOwnDepartment(principal, result.departments);
    read.push({
      file,
      ok: result.ok,
      departments: result.departments,
      materials: result.materials,
      issues: result.issues,
    });
  }
  for (const entry of read) {
    if (!entry.ok) continue;
    const unknown = batch.departments.length
      ? entry.departments.filter((d) => !batch.departments.includes(d))
      : [];
    if (unknown.length === 0) continue;
    entry.ok = false;
    entry.issues = [
      ...entry.issues,
      {
        severity: 'error',
        code: 'UNKNOWN_DEPARTMENT',
        file: entry.file.name,
        sheet: null,
        row: null,
        column: null,
        message: `「${entry.file.name}」：部门 ${unknown.join('、')} 不在本批次中（本批次部门：${batch.departments.join('、')}）`,
        messageEn: `"${entry.file.name}": departments ${unknown.join(', ')} are not part of this batch`,
      },
    ];
  }
  return read;
}

/** The dry run of an import: per file, its issues and the engine's decision for every material. */
export interface FilePreview {
  file: string;
  ok: boolean;
  departments: string[];
  issues: ImportIssue[];
  materials: Array<{ material: Material; decision: Decision }>;
}

/** What an import would do, without writing: the report a department reads before confirming. */
export async function previewFiles(
  deps: { engine: Engine },
  batch: BatchRecord,
  files: readonly UploadedFile[],
  principal: Principal,
): Promise<FilePreview[]> {
  const read = await readFiles(batch, files, principal);
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

/**
 * Writes each good file in its own transaction. A file with errors writes nothing; if any file
 * failed, `ImportFailedError` (422) reports all outcomes.
 */
export async function importFiles(
  deps: { store: JianzhengStore; engine: Engine },
  batch: BatchRecord,
  files: readonly UploadedFile[],
  principal: Principal,
  ctx: WriteContext,
): Promise<FileOutcome[]> {
  const read = await readFiles(batch, files, principal);
  const outcomes: FileOutcome[] = [];
  for (const entry of read) {
    const base = {
      file: entry.file.name,
      departments: entry.departments,
      materials: entry.materials.length,
      added: 0,
      updated: 0,
      removed: 0,
      keptDecisions: 0,
      issues: entry.issues,
    };
    if (!entry.ok) {
      outcomes.push({ ...base, ok: false, materials: 0 });
      continue;
    }
    const decisions = deps.engine.evaluate(entry.materials);
    const written = await deps.store.importMaterials(
      batch.id,
      {
        departments: entry.departments,
        entries: entry.materials.map((material, i) => ({ material, decision: decisions[i]! })),
        source: entry.file.name,
      },
      ctx,
    );
    outcomes.push({ ...base, ok: true, ...written, departments: written.departments });
  }
  const failed = outcomes.filter((o) => !o.ok).map((o) => o.file);
  if (failed.length > 0) throw new ImportFailedError(failed, outcomes);
  return outcomes;
}
