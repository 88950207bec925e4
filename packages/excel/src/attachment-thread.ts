// Writes an Excel attachment on a worker thread of its own (attachment-worker.ts), so that the
// thread that asked is free meanwhile: the CLI writes the JSON then, and the two use both cores.
// zlib deflates on its own threads either way; this moves the sheets' XML off the caller's thread.

import type { AttachmentSource } from './attachment-layout';
import { CellTooLongForExcelError } from './attachment-sheets';
import { type PackedPublication, packPublication } from './attachment-transfer';
import { startWorker } from './worker-entry';
import { XlsxTooLargeError } from './xlsx-writer/zip-writer';

export interface AttachmentTask {
  packed: PackedPublication;
  temp: string;
  level: number;
  timeZone: string | undefined;
}

/** How a failure crosses back: the fields its error class is rebuilt from. */
export interface AttachmentFailure {
  code?: string;
  message: string;
  sheet?: string;
  cell?: string;
  length?: number;
  what?: string;
}

export type AttachmentTaskReply = { ok: true } | { ok: false; failure: AttachmentFailure };

/** A failure on the worker as plain data (a class instance would arrive as a plain Error). */
export function describeFailure(error: unknown): AttachmentFailure {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & Partial<AttachmentFailure>;
  return {
    message: error.message,
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(error instanceof CellTooLongForExcelError
      ? { sheet: error.sheet, cell: error.cell, length: error.length }
      : {}),
    ...(error instanceof XlsxTooLargeError ? { what: error.what } : {}),
  };
}

/** The error the same failure throws on the caller's thread. */
function rebuild(failure: AttachmentFailure): Error {
  if (failure.code === 'CELL_TOO_LONG' && failure.sheet !== undefined)
    return new CellTooLongForExcelError(failure.sheet, failure.cell!, failure.length!);
  if (failure.code === 'XLSX_TOO_LARGE' && failure.what !== undefined)
    return new XlsxTooLargeError(failure.what);
  // An I/O error (ENOSPC …): its message and code, wrapped by the caller as WorkbookWriteError.
  return Object.assign(new Error(failure.message), failure.code === undefined ? {} : { code: failure.code });
}

/**
 * Writes the attachment of `publication` into the new file `temp` on a worker; rejects as
 * writeWorkbookFile does. The worker starts before the rows are packed, so that loading its
 * modules overlaps the packing on this thread rather than following it. Resolves false, having
 * written nothing, when the publication cannot be packed (rows of another schema): the caller
 * then writes it on its own thread.
 */
export async function writeAttachmentOnThread(
  publication: AttachmentSource,
  temp: string,
  level: number,
  timeZone: string | undefined,
): Promise<boolean> {
  const worker = startWorker('attachment-worker');
  try {
    const reply = new Promise<AttachmentTaskReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`the attachment's worker thread stopped (exit code ${code})`)),
      );
    });
    // Until the task is posted the worker only loads; a rejection then is read below or dropped.
    reply.catch(() => {});
    const packed = packPublication(publication);
    if (packed === undefined) return false;
    const task: AttachmentTask = { packed, temp, level, timeZone };
    // The rows' buffer moves to the worker; this thread keeps nothing of the packed copy.
    worker.postMessage(task, [packed.cells.buffer as ArrayBuffer, packed.shape.buffer as ArrayBuffer]);
    const answer = await reply;
    if (!answer.ok) throw rebuild(answer.failure);
    return true;
  } finally {
    await worker.terminate();
  }
}
