import type { Publication } from '@jianzheng/core';
import { DEFAULT_LEVEL, writeAttachment } from './attachment-sheets';
import type { WriteWorkbookOptions } from './write-publication-workbook';

/**
 * The official attachment of the government document, as bytes: a sheet of cancelled materials
 * and a sheet of retained ones, grouped by department and item with merged group cells,
 * bordered, titled, A4 landscape with the header row repeated on every printed page. The same
 * writer as `writePublicationWorkbook`, collected in memory, for callers that store or send the
 * file (the API keeps it with the publication). The retained sheet imports back with
 * `importWorkbook`.
 */
export async function exportPublication(
  publication: Publication,
  options: WriteWorkbookOptions = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await writeAttachment(
    {
      write: (chunk) => {
        chunks.push(chunk);
        return true;
      },
      drain: async () => {},
    },
    publication,
    options.compressionLevel ?? DEFAULT_LEVEL,
    options.timeZone,
  );
  return Buffer.concat(chunks);
}
