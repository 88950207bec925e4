// The attachment as a file: written under a temporary name next to its place, made durable, then
// renamed into place — on this thread, or on a worker thread of its own (`thread`).
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isJianzhengError, JianzhengError, type Publication } from '@jianzheng/core';
import {
  type ArrivingRows,
  type AttachmentSource,
  DEFAULT_LEVEL,
  writeAttachment,
} from './attachment-sheets';
import { writeAttachmentOnThread } from './attachment-thread';
import { SHARED_STRINGS_LIMIT } from './xlsx-writer/shared-strings';
import type { ByteSink } from './xlsx-writer/zip-writer';

export interface WriteWorkbookOptions {
  /**
   * zlib deflate level of the parts, 1 (fastest) to 9 (smallest). Default 2: on the sheets of
   * 1,000,000 materials (cells referring to the shared strings table) it deflated in about the
   * CPU time of level 1 for a file 11 % smaller, and in half that of level 3 for one 3 % larger.
   */
  compressionLevel?: number;
  /** IANA zone the publication date is shown in (domain.md §9 `timeZone`; default Asia/Shanghai). */
  timeZone?: string;
  /**
   * Build the sheets on a worker thread of their own (the publication's rows are packed and
   * handed over in batches, which the worker writes as they arrive; attachment-transfer.ts),
   * leaving this thread free meanwhile: the CLI writes the JSON while the attachment is written.
   * The bytes are the same either way. A publication the packer does not know the shape of (rows
   * with fields of another schema) is written here.
   */
  thread?: boolean;
}

/** The attachment could not be written to `path` (missing directory, no space, a failing input …). */
export class WorkbookWriteError extends JianzhengError {
  readonly path: string;
  constructor(path: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('XLSX_WRITE_FAILED', `无法写入 Excel 附件「${path}」：${detail}`, {
      cause,
      messageEn: `cannot write the Excel attachment "${path}": ${detail}`,
    });
    this.path = path;
  }
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function streamSink(stream: WriteStream, failed: () => unknown): ByteSink {
  return {
    write(chunk) {
      const failure = failed();
      if (failure !== undefined) throw failure;
      return stream.write(chunk);
    },
    drain() {
      return new Promise((resolve, reject) => {
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (error: unknown) => {
          stream.off('drain', onDrain);
          reject(error);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    },
  };
}

/**
 * The attachment into `temp`, a new file (never an existing one), synced before this resolves. On
 * failure the stream is closed and the error thrown; the caller removes `temp`.
 */
export async function writeWorkbookFile(
  publication: AttachmentSource,
  temp: string,
  level: number,
  timeZone: string | undefined,
  arrival?: ArrivingRows,
): Promise<void> {
  let failure: unknown;
  const stream = createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 });
  const closed = new Promise<void>((resolve) => stream.once('close', resolve));
  stream.on('error', (error) => {
    failure ??= error;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('ready', resolve);
      stream.once('error', reject);
    });
    await writeAttachment(
      streamSink(stream, () => failure),
      publication,
      level,
      timeZone,
      SHARED_STRINGS_LIMIT,
      arrival,
    );
    await new Promise<void>((resolve, reject) => {
      stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    await closed;
    if (failure !== undefined) throw failure;
    // Durable before it gets its name, as @jianzheng/json does for the JSON: after a crash the
    // path holds the previous file or the complete new one.
    await syncPath(temp);
  } catch (error) {
    stream.destroy();
    await closed;
    throw error;
  }
}

/**
 * Writes the official attachment (the workbook `exportPublication` returns as bytes: cancelled and
 * retained sheets, grouped, merged, bordered, titled, print-ready) straight to a file as
 * SpreadsheetML, for publications of any size up to what a zip without Zip64 holds. The file
 * appears at `path` only when complete: it is written next to it and renamed into place.
 * Throws `WorkbookWriteError` (code XLSX_WRITE_FAILED) or `XlsxTooLargeError` (XLSX_TOO_LARGE).
 */
export async function writePublicationWorkbook(
  publication: Publication,
  path: string,
  options: WriteWorkbookOptions = {},
): Promise<void> {
  const level = options.compressionLevel ?? DEFAULT_LEVEL;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const onThread =
      options.thread === true && (await writeAttachmentOnThread(publication, temp, level, options.timeZone));
    if (!onThread) await writeWorkbookFile(publication, temp, level, options.timeZone);
    await rename(temp, path);
    await syncPath(dirname(path)).catch(() => undefined);
  } catch (error) {
    await rm(temp, { force: true });
    throw isJianzhengError(error) ? error : new WorkbookWriteError(path, error);
  }
}
