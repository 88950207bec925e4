import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Publication } from '@jianzheng/core';
import { writePublicationWorkbook } from '@jianzheng/excel';
import { type CpsvApOptions, exportCpsvAp } from '@jianzheng/json';
import { publishTempName, writePublication } from '@jianzheng/json/node';

/** Where `writeVersionFiles` put a version: its JSON, its Excel attachment and its JSON-LD. */
export interface VersionFiles {
  jsonPath: string;
  excelPath: string;
  linkedPath: string;
}

/**
 * Writes a version's files into `<outDir>/<batch>/`: `v<N>.json`, `v<N>.xlsx` and, when
 * `linkedData` is given, `v<N>.jsonld`. All or none: a failure at any step leaves no partial
 * publication and no temporary file.
 */
export async function writeVersionFiles(
  publication: Publication,
  outDir: string,
  options: { timeZone: string; linkedData: CpsvApOptions | undefined },
): Promise<VersionFiles> {
  const { version } = publication;
  // The Excel under a temporary name and the JSON are written at once: the attachment on a worker
  // thread of its own (its rows handed over packed), the JSON on this one — two cores instead of
  // one after the other on this thread (see bench/RESULTS.md for the figures).
  // The JSON takes its name only once the Excel is complete (it refuses to overwrite a version),
  // then the Excel takes its name: a failure at any step leaves no partial publication. Both
  // stream to disk, never held whole in memory.
  const batchDir = join(outDir, publication.batch.id);
  const excelPath = join(batchDir, `v${version}.xlsx`);
  const random = randomBytes(6).toString('hex');
  const pending = join(batchDir, publishTempName(`v${version}.xlsx`, random));
  const linkedPath = join(batchDir, `v${version}.jsonld`);
  const linkedPending = join(batchDir, publishTempName(`v${version}.jsonld`, random));
  const excel = writePublicationWorkbook(publication, pending, { timeZone: options.timeZone, thread: true });
  // Its failure is thrown by writePublication (beforeCommit) or awaited below, never unhandled.
  excel.catch(() => {});
  const { linkedData } = options;
  try {
    if (linkedData)
      await writeFile(linkedPending, `${JSON.stringify(exportCpsvAp(publication, linkedData), null, 1)}\n`);
    const jsonPath = await writePublication(outDir, publication, { beforeCommit: () => excel });
    await rename(pending, excelPath);
    if (linkedData) await rename(linkedPending, linkedPath);
    return { jsonPath, excelPath, linkedPath };
  } catch (error) {
    // The attachment may still be writing: let it end before its temporary file is removed.
    await excel.catch(() => {});
    await rm(pending, { force: true });
    await rm(linkedPending, { force: true });
    throw error;
  }
}
