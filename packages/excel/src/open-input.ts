import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTooLargeError } from './limits';
import { checkDeclaredSizes, verifyInflatedSizes, type ZipGuardLimits, zipFormatOf } from './zip-guard';
import { TooManyZipEntriesError, ZipFormatError, ZipSource } from './zip-source';

/** A workbook to import: a file path, the file's bytes, or a readable stream of them. */
export type WorkbookInput = string | Uint8Array | Readable;

/** Why an input is not a readable xlsx, found from its first and last bytes. */
export interface InputProblem {
  code:
    | 'FILE_NOT_FOUND'
    | 'FILE_UNREADABLE'
    | 'NOT_A_WORKBOOK'
    | 'ENCRYPTED_WORKBOOK'
    | 'CORRUPT_WORKBOOK'
    | 'WORKBOOK_TOO_LARGE'
    | 'FILE_TOO_LARGE';
  zh: string;
  en: string;
}

/** The formats read whole by the fallback reader (SheetJS), by what their bytes say. */
export type WholeFormat = 'ole' | 'ods' | 'xlsb' | 'text';

export type OpenedInput =
  | {
      kind: 'xlsx';
      zip: ZipSource;
      /** Closes the file and removes the temp copy of a stream. */
      close(): Promise<void>;
    }
  | { kind: 'whole'; format: WholeFormat; bytes: Buffer; close(): Promise<void> };

export interface OpenLimits extends ZipGuardLimits {
  maxFileBytes: number;
}

const CHUNK = 64 * 1024;
/** Zip files up to this size are read into memory whole; larger ones are read through the file. */
const WHOLE_ZIP_BYTES = 16 * 1024 * 1024;
// The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KiB comment.
const TAIL = 22 + 0xffff;
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function openInput(
  input: WorkbookInput,
  limits: OpenLimits,
): Promise<OpenedInput | InputProblem> {
  if (typeof input === 'string') return openPath(input, limits, async () => {});
  if (input instanceof Uint8Array) {
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.length);
    const kind = sniff(
      input.subarray(0, CHUNK),
      input.length,
      input.subarray(Math.max(0, input.length - TAIL)),
    );
    if (typeof kind !== 'string') return kind;
    if (kind !== 'zip')
      return whole(
        kind,
        input.length,
        limits,
        async () => bytes,
        async () => {},
      );
    return openZip(
      () => ZipSource.fromBuffer(input, limits.maxPartBytes),
      limits,
      input.length,
      async () => bytes,
      async () => {},
    );
  }
  if (input && typeof (input as Readable).pipe === 'function') return openStream(input as Readable, limits);
  return {
    code: 'NOT_A_WORKBOOK',
    zh: '输入既不是文件路径，也不是文件内容或数据流',
    en: 'the input is neither a file path, nor file bytes, nor a stream',
  };
}

const FORMAT_NAMES: Record<WholeFormat, string> = {
  ole: '.xls/.et',
  ods: '.ods',
  xlsb: '.xlsb',
  text: 'CSV/HTML/XML',
};

async function whole(
  format: WholeFormat,
  size: number,
  limits: OpenLimits,
  read: () => Promise<Buffer>,
  cleanup: () => Promise<void>,
): Promise<OpenedInput | InputProblem> {
  if (size > limits.maxFileBytes) {
    await cleanup();
    const error = new FileTooLargeError(FORMAT_NAMES[format], size, limits.maxFileBytes);
    return { code: 'FILE_TOO_LARGE', zh: error.message, en: error.messageEn ?? error.message };
  }
  try {
    return { kind: 'whole', format, bytes: await read(), close: cleanup };
  } catch (error) {
    await cleanup();
    return unreadable(error);
  }
}

function unreadable(error: unknown): InputProblem {
  const code = (error as NodeJS.ErrnoException).code;
  return {
    code: 'FILE_UNREADABLE',
    zh: `无法读取文件（${code ?? '未知错误'}）`,
    en: `cannot read file (${code})`,
  };
}

async function openZip(
  create: () => Promise<ZipSource>,
  limits: OpenLimits,
  size: number,
  read: () => Promise<Buffer>,
  cleanup: () => Promise<void>,
): Promise<OpenedInput | InputProblem> {
  let zip: ZipSource;
  try {
    zip = await create();
  } catch (error) {
    await cleanup();
    if (error instanceof TooManyZipEntriesError) {
      return { code: 'WORKBOOK_TOO_LARGE', zh: error.message, en: error.messageEn ?? error.message };
    }
    if (error instanceof ZipFormatError) return truncatedProblem();
    return unreadable(error);
  }
  // Every zip-based format passes the same guard before any part is inflated (zip-guard.ts).
  const format = zipFormatOf(zip);
  const problem =
    checkDeclaredSizes(zip, format, limits) ??
    (format === 'xlsx' ? undefined : await verifyInflatedSizes(zip));
  if (problem !== undefined) {
    await zip.close();
    await cleanup();
    return problem;
  }
  if (format !== 'xlsx') {
    await zip.close();
    return whole(format, size, limits, read, cleanup);
  }
  return {
    kind: 'xlsx',
    zip,
    close: async () => {
      await zip.close();
      await cleanup();
    },
  };
}

async function openPath(
  path: string,
  limits: OpenLimits,
  cleanup: () => Promise<void>,
): Promise<OpenedInput | InputProblem> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      return { code: 'FILE_UNREADABLE', zh: '这不是一个文件（可能是文件夹）', en: 'not a file (a folder?)' };
    }
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: 'FILE_NOT_FOUND', zh: '文件不存在', en: 'file not found' };
    return unreadable(error);
  }
  let head: Uint8Array;
  let tail: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      head = await readAt(handle, 0, Math.min(size, CHUNK));
      tail = await readAt(handle, Math.max(0, size - TAIL), Math.min(size, TAIL));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return unreadable(error);
  }
  const kind = sniff(head, size, tail);
  if (typeof kind !== 'string') {
    await cleanup();
    return kind;
  }
  if (kind !== 'zip') return whole(kind, size, limits, () => readFile(path), cleanup);
  return openZip(
    // A workbook of a few MB is read in one call: through the file, every part's compressed
    // bytes were read in 16 KiB pieces, each a round trip to the thread pool.
    async () =>
      size <= WHOLE_ZIP_BYTES
        ? ZipSource.fromBuffer(await readFile(path), limits.maxPartBytes)
        : ZipSource.fromFile(path, limits.maxPartBytes),
    limits,
    size,
    () => readFile(path),
    cleanup,
  );
}

async function readAt(handle: import('node:fs/promises').FileHandle, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * A stream has no central directory to seek to: it is copied to a temp file first (bounded
 * memory), after a look at its first bytes so that a PNG or an encrypted file is refused at once.
 */
async function openStream(source: Readable, limits: OpenLimits): Promise<OpenedInput | InputProblem> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let first: Buffer;
  try {
    const step = await iterator.next();
    first = step.done ? Buffer.alloc(0) : toBuffer(step.value);
  } catch (error) {
    return {
      code: 'FILE_UNREADABLE',
      zh: `读取数据流失败：${(error as Error).message}`,
      en: `reading the stream failed: ${(error as Error).message}`,
    };
  }
  const kind = sniff(first.subarray(0, CHUNK), first.length === 0 ? 0 : Number.POSITIVE_INFINITY);
  if (typeof kind !== 'string') {
    source.destroy();
    return kind;
  }
  const dir = await mkdtemp(join(tmpdir(), 'jianzheng-import-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload');
  try {
    await pipeline(
      Readable.from(
        (async function* () {
          yield first;
          while (true) {
            const step = await iterator.next();
            if (step.done) return;
            yield toBuffer(step.value);
          }
        })(),
      ),
      createWriteStream(path),
    );
  } catch (error) {
    await cleanup();
    return {
      code: 'FILE_UNREADABLE',
      zh: `读取数据流失败：${(error as Error).message}`,
      en: `reading the stream failed: ${(error as Error).message}`,
    };
  }
  return openPath(path, limits, cleanup);
}

function toBuffer(value: Buffer | string | Uint8Array): Buffer {
  if (Buffer.isBuffer(value)) return value;
  return typeof value === 'string'
    ? Buffer.from(value)
    : Buffer.from(value.buffer, value.byteOffset, value.length);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((byte, i) => bytes[i] === byte);
}

function truncatedProblem(): InputProblem {
  return {
    code: 'CORRUPT_WORKBOOK',
    zh: '文件不完整或已损坏（压缩包缺少结尾目录，可能下载或复制时被截断），请重新获取原文件',
    en: 'the file is incomplete or corrupt (the zip has no central directory; it was probably cut short)',
  };
}

/**
 * What the first bytes say the file is: a zip (xlsx, ods, xlsb), an OLE file (.xls, .et), text
 * (CSV, an HTML table or XML Spreadsheet 2003 saved as “.xls”), or a problem. Never the extension.
 */
export function sniff(
  head: Uint8Array,
  size: number,
  tail?: Uint8Array,
): InputProblem | 'zip' | 'ole' | 'text' {
  if (size === 0 || head.length === 0) {
    return { code: 'NOT_A_WORKBOOK', zh: '文件是空的', en: 'the file is empty' };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return {
      code: 'NOT_A_WORKBOOK',
      zh: '文件是一个空的压缩包，不是 Excel 工作簿',
      en: 'the file is an empty zip archive, not an Excel workbook',
    };
  }
  if (startsWith(head, OLE)) {
    // OLE compound files hold either an encrypted xlsx (streams EncryptionInfo and
    // EncryptedPackage) or a binary .xls/.et (stream Workbook or Book); names are UTF-16LE.
    const encrypted = (bytes: Uint8Array) =>
      containsUtf16(bytes, 'EncryptionInfo') || containsUtf16(bytes, 'EncryptedPackage');
    if (encrypted(head) || (tail !== undefined && encrypted(tail))) {
      return {
        code: 'ENCRYPTED_WORKBOOK',
        zh: '工作簿设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后保存，再导入',
        en: 'the workbook is password-protected (encrypted); remove the password, save it and import again',
      };
    }
    return 'ole';
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'text';
  const sample = Buffer.from(head.subarray(0, 4096));
  if (!sample.includes(0)) return 'text';
  return {
    code: 'NOT_A_WORKBOOK',
    zh: '文件不是工作簿（可读取 .xlsx、.xlsm、.xls、.et、.ods、.xlsb、.csv 以及系统导出的网页/XML 表格），请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入',
    en: 'the file is not a workbook (.xlsx, .xlsm, .xls, .et, .ods, .xlsb, .csv and HTML/XML table exports are read); open it in Excel or WPS and save as .xlsx',
  };
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(needle);
}
