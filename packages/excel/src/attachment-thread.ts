// Writes an Excel attachment on a worker thread of its own (attachment-worker.ts), so that the
// thread that asked is free meanwhile: the CLI writes the JSON then, and the two use both cores.
// zlib deflates on its own threads either way; this moves the sheets' XML off the caller's thread.

import { rm } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CellTooLongForExcelError } from './attachment-cells';
import type { AttachmentSource } from './attachment-layout';
import { type PackedBatch, type PackedHead, packBatches, packHead } from './attachment-transfer';
import { startWorker } from './worker-entry';
import { XlsxTooLargeError } from './xlsx-writer/zip-writer';

/** What the attachment's thread is sent: the task first, then the rows' batches as they are packed. */
export type AttachmentMessage =
  | { type: 'task'; head: PackedHead; temp: string; level: number; timeZone: string | undefined }
  | { type: 'batch'; batch: PackedBatch }
  /** After the last batch: every row's cells in one buffer. */
  | { type: 'whole'; cells: Int32Array }
  /** A row could not be packed: the rows stop here and the attachment is written elsewhere. */
  | { type: 'abandon' };

// Rows per batch: small enough that the worker starts soon after this thread starts packing,
// large enough that the messages stay few (about 30 at 1,000,000 rows).
const ROWS_PER_BATCH = 32_768;

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
 * writeWorkbookFile does. The worker starts before the rows are packed and writes while they are
 * packed, batch by batch, so that neither loading its modules nor the packing keeps it waiting.
 * Resolves false, leaving no file, when the publication cannot be packed (rows of another schema):
 * the caller then writes it on its own thread. `rowsPerBatch` is for tests.
 */
export async function writeAttachmentOnThread(
  publication: AttachmentSource,
  temp: string,
  level: number,
  timeZone: string | undefined,
  rowsPerBatch = ROWS_PER_BATCH,
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
    // Read below, or dropped with the worker when the rows cannot be packed.
    reply.catch(() => {});
    const post = (message: AttachmentMessage, transfer: ArrayBuffer[] = []) =>
      worker.postMessage(message, transfer);
    post({ type: 'task', head: packHead(publication), temp, level, timeZone });
    const batches = packBatches(publication, rowsPerBatch);
    let next = batches.next();
    while (!next.done) {
      const batch = next.value;
      // Each batch's buffers move to the worker; this thread keeps nothing of the packed copy.
      post({ type: 'batch', batch }, [batch.shape.buffer as ArrayBuffer, batch.cells.buffer as ArrayBuffer]);
      // A turn of the event loop between batches: the caller's other work goes on meanwhile.
      // `jianzheng publish` writes the JSON then, whose ~890 MB at 1M wait on the disk, and
      // that writing no longer starts only once all rows are packed (1.2–1.5 s).
      await nextTurn();
      next = batches.next();
    }
    const cells = next.value;
    if (cells !== undefined) post({ type: 'whole', cells }, [cells.buffer as ArrayBuffer]);
    else {
      // The worker may have begun the file: it stops, closes it, answers; then the file goes.
      post({ type: 'abandon' });
      await reply.catch(() => undefined);
      await rm(temp, { force: true });
      return false;
    }
    const answer = await reply;
    if (!answer.ok) throw rebuild(answer.failure);
    return true;
  } finally {
    await worker.terminate();
  }
}
