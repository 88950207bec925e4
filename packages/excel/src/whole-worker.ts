// The worker thread a whole-file format is parsed on (read-whole-off-thread.ts starts it with
// `resourceLimits`): SheetJS inflates and parses synchronously, so a bomb exhausts this thread's
// heap and ends this thread, never the caller's event loop or process.
import { parentPort, workerData } from 'node:worker_threads';
import { isJianzhengError } from '@jianzheng/core';
import { ImportLimitError } from './limits';
import type { MergeRange } from './merges';
import type { WholeFormat } from './open-input';
import { readWholeWorkbook, UnreadableFormatError } from './read-whole';
import type { SheetRow } from './worksheet-rows';

export interface WholeWorkerData {
  format: WholeFormat;
  maxCellLength: number;
  csvSheetName: string | undefined;
}

/** An error as it crosses back: what the importer reports, nothing else. */
export interface WholeWorkerError {
  name: string;
  message: string;
  code?: string;
  messageEn?: string;
  limit?: string;
  at?: { sheet?: string; row?: number; column?: string };
  detail?: string;
}

export type WholeWorkerRequest = { type: 'open'; bytes: Uint8Array } | { type: 'next'; sheet: number };
export type WholeWorkerReply =
  | { type: 'sheets'; sheets: Array<{ name: string; state: string; merges: MergeRange[] }> }
  | { type: 'rows'; rows: SheetRow[] | null }
  | { type: 'error'; error: WholeWorkerError };

function describe(error: unknown): WholeWorkerError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const out: WholeWorkerError = { name: error.name, message: error.message };
  if (isJianzhengError(error)) {
    out.code = error.code;
    if (error.messageEn !== undefined) out.messageEn = error.messageEn;
  }
  if (error instanceof ImportLimitError) {
    out.limit = error.limit;
    out.at = { ...error.at };
  }
  if (error instanceof UnreadableFormatError) out.detail = error.detail;
  return out;
}

const data = workerData as WholeWorkerData;
let sheets: Array<AsyncIterator<SheetRow[]>> = [];
const port = parentPort!;

port.on('message', async (request: WholeWorkerRequest) => {
  try {
    if (request.type === 'open') {
      const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.length);
      const read = await readWholeWorkbook(bytes, data.format, data.maxCellLength, data.csvSheetName);
      sheets = read.map((sheet) => sheet.rows[Symbol.asyncIterator]());
      const reply: WholeWorkerReply = {
        type: 'sheets',
        sheets: read.map(({ name, state, merges }) => ({ name, state, merges: [...merges] })),
      };
      port.postMessage(reply);
      return;
    }
    const step = await sheets[request.sheet]!.next();
    port.postMessage({ type: 'rows', rows: step.done ? null : step.value } satisfies WholeWorkerReply);
  } catch (error) {
    port.postMessage({ type: 'error', error: describe(error) } satisfies WholeWorkerReply);
  }
});
