import type { BatchRecord, Engine, JianzhengStore, WriteContext } from '@jianzheng/core';
import { assertListEditable } from '@jianzheng/core';
import { importWorkbook } from '@jianzheng/excel';
import { type Principal, requireOwnDepartment } from '../auth';
import { ImportFailedError } from '../errors';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
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
  issues: Awaited<ReturnType<typeof importWorkbook>>['issues'];
}

/**
 * Reads every file first, so that a department token reaching for another department is refused
 * before anything is written; then writes each good file in its own transaction. A file with
 * errors writes nothing; if any file failed, `ImportFailedError` (422) reports all outcomes.
 */
export async function importFiles(
  deps: { store: JianzhengStore; engine: Engine },
  batch: BatchRecord,
  files: readonly UploadedFile[],
  principal: Principal,
  ctx: WriteContext,
): Promise<FileOutcome[]> {
  assertListEditable(batch.stage);
  const parsed = [];
  for (const file of files) {
    const result = await importWorkbook(file.bytes, {
      fileName: file.name,
      jurisdiction: batch.jurisdiction,
    });
    if (result.ok) requireOwnDepartment(principal, result.departments);
    parsed.push({ file, result });
  }
  const outcomes: FileOutcome[] = [];
  for (const { file, result } of parsed) {
    const base = {
      file: file.name,
      departments: result.departments,
      materials: result.materials.length,
      added: 0,
      updated: 0,
      removed: 0,
      keptDecisions: 0,
      issues: result.issues,
    };
    if (!result.ok) {
      outcomes.push({ ...base, ok: false, materials: 0 });
      continue;
    }
    const unknown = batch.departments.length
      ? result.departments.filter((d) => !batch.departments.includes(d))
      : [];
    if (unknown.length > 0) {
      outcomes.push({
        ...base,
        ok: false,
        materials: 0,
        issues: [
          ...result.issues,
          {
            severity: 'error',
            code: 'UNKNOWN_DEPARTMENT',
            file: file.name,
            sheet: null,
            row: null,
            column: null,
            message: `「${file.name}」：部门 ${unknown.join('、')} 不在本批次中（本批次部门：${batch.departments.join('、')}）`,
            messageEn: `"${file.name}": departments ${unknown.join(', ')} are not part of this batch`,
          },
        ],
      });
      continue;
    }
    const decisions = deps.engine.evaluate(result.materials);
    const written = await deps.store.importMaterials(
      batch.id,
      {
        departments: result.departments,
        entries: result.materials.map((material, i) => ({ material, decision: decisions[i]! })),
        source: file.name,
      },
      ctx,
    );
    outcomes.push({ ...base, ok: true, ...written, departments: written.departments });
  }
  const failed = outcomes.filter((o) => !o.ok).map((o) => o.file);
  if (failed.length > 0) throw new ImportFailedError(failed, outcomes);
  return outcomes;
}
