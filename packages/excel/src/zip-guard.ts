// Checks every zip-based workbook (.xlsx, .xlsm, .ods, .xlsb) must pass before any reader inflates
// a byte of it. The entry count is checked when the central directory is read (ZipSource); here,
// the sizes the directory declares, per part and in total, and — for the formats SheetJS inflates
// whole and synchronously — that the parts really inflate to no more than they declare.
import type { InputProblem } from './open-input';
import type { ZipSource } from './zip-source';

/** The zip-based formats, told apart by their parts (never by the file's extension). */
export type ZipFormat = 'xlsx' | 'ods' | 'xlsb';

/**
 * Most an xlsx may expand to, summed over its parts as the central directory declares them. A
 * zip bomb is a small file that inflates past any memory: it is refused before a byte is
 * inflated. 1 GiB is far above a 1,000,000-row sheet (the xlsx reader streams its parts).
 */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;

export interface ZipGuardLimits {
  /** Bytes one part may inflate to. */
  maxPartBytes: number;
  /** Bytes all parts of an .ods or .xlsb may inflate to (read whole by SheetJS). */
  maxWholeInflatedBytes: number;
}

/** An .ods and an .xlsb are zips too: their parts are not SpreadsheetML, so SheetJS reads them. */
export function zipFormatOf(zip: ZipSource): ZipFormat {
  if (zip.entry('xl/workbook.bin') !== undefined) return 'xlsb';
  if (zip.entry('content.xml') !== undefined && zip.entry('xl/workbook.xml') === undefined) return 'ods';
  return 'xlsx';
}

/** The declared sizes against the limits, before anything is inflated. */
export function checkDeclaredSizes(
  zip: ZipSource,
  format: ZipFormat,
  limits: ZipGuardLimits,
): InputProblem | undefined {
  const max = format === 'xlsx' ? MAX_UNCOMPRESSED_BYTES : limits.maxWholeInflatedBytes;
  let total = 0;
  for (const entry of zip.entries.values()) {
    // A whole-file format's parts are all held at once: the total is what counts for it.
    if (format === 'xlsx' && entry.size > limits.maxPartBytes)
      return tooLarge(entry.size, limits.maxPartBytes);
    total += entry.size;
  }
  return total > max ? tooLarge(total, max) : undefined;
}

/**
 * Inflates every part once, counting and discarding, so that a part whose directory entry lies
 * about its size (small declared, huge inflated) is refused here: SheetJS trusts what it reads.
 * Memory stays at one chunk; the inflating runs on zlib's thread pool, not the event loop.
 */
export async function verifyInflatedSizes(zip: ZipSource): Promise<InputProblem | undefined> {
  for (const entry of zip.entries.values()) {
    try {
      const stream = await zip.open(entry, 'bytes');
      for await (const _chunk of stream) {
        // Counted by the stream's own guard: past the declared size it fails.
      }
    } catch (error) {
      const message = (error as Error).message ?? '';
      if (/past its declared size|inflates past/.test(message)) return lyingSize(entry.name);
      return {
        code: 'CORRUPT_WORKBOOK',
        zh: `文件已损坏，无法读取（${entry.name}）`,
        en: `the workbook is corrupt (${entry.name}): ${message}`,
      };
    }
  }
  return undefined;
}

const mib = (n: number) => `${Math.round(n / 1048576).toLocaleString('en-US')} MiB`;

function tooLarge(total: number, max: number): InputProblem {
  return {
    code: 'WORKBOOK_TOO_LARGE',
    zh: `文件解压后过大（${mib(total)}，上限 ${mib(max)}），可能是恶意构造的压缩包（zip 炸弹），已拒绝读取；如确为正常数据，请拆分为多个工作簿`,
    en: `the workbook would expand to ${mib(total)} (limit ${mib(max)}): possibly a zip bomb, refused; split genuine data into several workbooks`,
  };
}

function lyingSize(part: string): InputProblem {
  return {
    code: 'WORKBOOK_TOO_LARGE',
    zh: `文件中的“${part}”解压后超过其声明的大小，可能是恶意构造的压缩包（zip 炸弹），已拒绝读取`,
    en: `the part ${part} inflates past the size it declares: possibly a zip bomb, refused`,
  };
}
