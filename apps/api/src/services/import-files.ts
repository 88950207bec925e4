import type { BatchRecord, Engine, JianzhengStore, Material, WriteContext } from '@jianzheng/core';
import { assertListEditable } from '@jianzheng/core';
import { type ImportIssue, type StreamSummary, streamWorkbook } from '@jianzheng/excel';
import { type Principal, requireOwnDepartment } from '../auth';
import type { ApiLimits } from '../deps';
import { ForbiddenError, ImportFailedError } from '../errors';

/** A department token (or a request naming one department) meets an item of another department. */
function requireDepartment(principal: Principal, scope: string, department: string): void {
  if (department === scope) return;
  if (principal.role === 'department') requireOwnDepartment(principal, [department]);
  throw new ForbiddenError(
    `本次上传限定为部门“${scope}”，文件中有部门“${department}”的事项`,
    `this upload is for ${scope}, but the file holds items of ${department}`,
  );
}

/** The request's row or material budget was used up by the files before this one. */
function budgetSpent(file: string, budget: ImportBudget): ImportIssue {
  const rows = budget.importRows.toLocaleString('en-US');
  const materials = budget.importMaterials.toLocaleString('en-US');
  return {
    severity: 'error',
    code: 'TOO_MANY_ROWS',
    file,
    sheet: null,
    row: null,
    column: null,
    message: `「${file}」：本次上传的文件合计已达上限（${rows} 行、${materials} 条材料），未读取；请分批上传`,
    messageEn: `"${file}": the files of this upload already reached the limit (${rows} rows, ${materials} materials); not read, upload in several requests`,
  };
}

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
export interface ReadFile {
  file: UploadedFile;
  ok: boolean;
  departments: string[];
  materials: Material[];
  issues: ImportIssue[];
  /** Reading stopped at the caller's material cap (`readFiles`' `materialCap`), not at a limit of the import. */
  capped: boolean;
}

/** What one import request may read: rows and materials shared by its files, the rest per file. */
export type ImportBudget = Pick<
  ApiLimits,
  | 'importRows'
  | 'importMaterials'
  | 'cellChars'
  | 'sharedStrings'
  | 'partBytes'
  | 'wholeInflatedBytes'
  | 'parserHeapMb'
>;

/**
 * Everything that can refuse an upload without reading it: the batch's stage, and a department
 * token's scope (its department must be in the batch; a `department` it names must be its own).
 * Runs before a byte of any workbook is parsed, so an out-of-scope caller costs no parsing.
 */
export function checkScope(batch: BatchRecord, principal: Principal, department: string | undefined): void {
  assertListEditable(batch.stage);
  if (department !== undefined) requireOwnDepartment(principal, [department]);
  if (batch.departments.length === 0) return;
  const scope = (principal.role === 'department' ? principal.department : department) ?? undefined;
  if (scope !== undefined && !batch.departments.includes(scope)) {
    throw new ForbiddenError(
      `部门“${scope}”不在本批次中（本批次部门：${batch.departments.join('、')}）`,
      `department "${scope}" is not part of this batch`,
    );
  }
}

/**
 * Reads every file first, so that a department token reaching for another department is refused
 * before anything is written (at the first item of another department: the rest is not read), and
 * marks files naming departments outside the batch as failed. Rows and materials count against
 * one budget for the whole request: each file may use what the files before it left.
 * `materialCap` stops reading earlier (a dry run whose report could not be held): the file that
 * crosses it is marked `capped`.
 */
export async function readFiles(
  batch: BatchRecord,
  files: readonly UploadedFile[],
  principal: Principal,
  budget: ImportBudget,
  department: string | undefined,
  materialCap = Number.POSITIVE_INFINITY,
): Promise<ReadFile[]> {
  checkScope(batch, principal, department);
  const scope = (principal.role === 'department' ? principal.department : department) ?? undefined;
  const read: ReadFile[] = [];
  let rowsLeft = budget.importRows;
  let materialsLeft = budget.importMaterials;
  let capLeft = materialCap;
  for (const file of files) {
    const materials: Material[] = [];
    let end: StreamSummary | undefined;
    if (rowsLeft <= 0 || materialsLeft <= 0) {
      read.push({
        file,
        ok: false,
        departments: [],
        materials: [],
        issues: [budgetSpent(file.name, budget)],
        capped: false,
      });
      continue;
    }
    const byCap = capLeft < materialsLeft;
    for await (const event of streamWorkbook(file.bytes, {
      fileName: file.name,
      jurisdiction: batch.jurisdiction,
      ...(scope !== undefined ? { department: scope } : {}),
      maxTrackedItems: Number.POSITIVE_INFINITY,
      limits: {
        maxRows: rowsLeft,
        maxMaterials: Math.min(materialsLeft, capLeft),
        maxCellLength: budget.cellChars,
        maxSharedStrings: budget.sharedStrings,
        maxPartBytes: budget.partBytes,
        maxWholeInflatedBytes: budget.wholeInflatedBytes,
        maxParserHeapMb: budget.parserHeapMb,
      },
    })) {
      if (event.type === 'end') {
        end = event;
        break;
      }
      if (scope !== undefined) requireDepartment(principal, scope, event.item.department ?? scope);
      for (const material of event.materials) materials.push(material);
    }
    if (!end) continue;
    rowsLeft -= end.rows;
    materialsLeft -= end.materials;
    capLeft -= end.materials;
    const issues = [...end.issues];
    const capped = byCap && issues.some((i) => i.code === 'TOO_MANY_MATERIALS');
    const shared =
      rowsLeft + end.rows < budget.importRows || materialsLeft + end.materials < budget.importMaterials;
    if (shared && issues.some((i) => i.code === 'TOO_MANY_ROWS' || i.code === 'TOO_MANY_MATERIALS'))
      issues.push(budgetSpent(file.name, budget));
    read.push({
      file,
      ok: end.ok,
      departments: end.ok ? end.departments : [],
      materials: end.ok ? materials : [],
      issues,
      capped,
    });
    if (capped) break;
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

/**
 * Writes each good file in its own transaction. A file with errors writes nothing; if any file
 * failed, `ImportFailedError` (422) reports all outcomes.
 */
export async function importFiles(
  deps: { store: JianzhengStore; engine: Engine; limits: ImportBudget },
  batch: BatchRecord,
  files: readonly UploadedFile[],
  principal: Principal,
  ctx: WriteContext,
  department?: string,
): Promise<FileOutcome[]> {
  const read = await readFiles(batch, files, principal, deps.limits, department);
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
