import { type Readable, Transform } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { JianzhengError } from '@jianzheng/core';
import yauzl from 'yauzl';
import { PartTooLargeError } from './limits';

/** One file inside the archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
}

/**
 * Why an archive cannot be read. Internal: the importer turns it into a CORRUPT_WORKBOOK issue,
 * but like every error of the toolkit it carries a stable code and a zh-CN message.
 */
export class ZipFormatError extends JianzhengError {
  constructor(detail: string, cause?: unknown) {
    super('CORRUPT_WORKBOOK', `压缩包结构损坏：${detail}`, {
      messageEn: `broken zip archive: ${detail}`,
      cause,
    });
  }
}

/** More parts than any workbook has (sheets, images, comments…): a hostile archive. */
export class TooManyZipEntriesError extends JianzhengError {
  constructor(count: number, max: number) {
    super('TOO_MANY_ZIP_ENTRIES', `压缩包内有 ${count} 个文件，超过上限 ${max}，不像是工作簿，已拒绝读取`, {
      messageEn: `the archive holds ${count} files, over the limit of ${max}: not a workbook, refused`,
    });
  }
}

/** Most parts an xlsx may hold (a workbook has tens; one with many pictures some hundreds). */
export const MAX_ZIP_ENTRIES = 10_000;

/** zlib's smallest output chunk (`zlib.constants.Z_MIN_CHUNK`). */
const MIN_CHUNK_BYTES = 64;

/**
 * Reads an xlsx through its central directory with yauzl (ZIP64, data descriptors, names in
 * UTF-8 or CP437), so every part is addressable by name and the workbook, shared strings and
 * styles are read before any worksheet. exceljs's streaming reader walks the archive front to
 * back instead and intermittently loses `xl/workbook.xml`, which exceljs writes last
 * (exceljs #3064). Entries are inflated as streams by Node's zlib: nothing is held whole.
 */
export class ZipSource {
  private readonly byLowerName = new Map<string, yauzl.Entry>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly raw: ReadonlyMap<string, yauzl.Entry>,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly maxPartBytes: number,
  ) {
    for (const [name, entry] of raw) this.byLowerName.set(name.toLowerCase(), entry);
  }

  static async fromFile(path: string, maxPartBytes = Number.POSITIVE_INFINITY): Promise<ZipSource> {
    const zip = await wrap(() => yauzl.openPromise(path, { autoClose: false, lazyEntries: true }));
    return ZipSource.read(zip, maxPartBytes);
  }

  static async fromBuffer(bytes: Uint8Array, maxPartBytes = Number.POSITIVE_INFINITY): Promise<ZipSource> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const zip = await wrap(() => yauzl.fromBufferPromise(buffer, { lazyEntries: true }));
    return ZipSource.read(zip, maxPartBytes);
  }

  private static async read(zip: yauzl.ZipFile, maxPartBytes: number): Promise<ZipSource> {
    try {
      if (zip.entryCount > MAX_ZIP_ENTRIES) throw new TooManyZipEntriesError(zip.entryCount, MAX_ZIP_ENTRIES);
      const raw = new Map<string, yauzl.Entry>();
      const entries = new Map<string, ZipEntry>();
      await wrap(async () => {
        for await (const entry of zip.eachEntry()) {
          if (entry.fileName.endsWith('/')) continue;
          // Some writers store names with a leading slash or backslashes.
          const name = entry.fileName.replace(/\\/g, '/').replace(/^\/+/, '');
          raw.set(name, entry);
          entries.set(name, {
            name,
            method: entry.compressionMethod,
            compressedSize: entry.compressedSize,
            size: entry.uncompressedSize,
          });
        }
      });
      return new ZipSource(zip, raw, entries, maxPartBytes);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** The entry of a part; part names are case-insensitive in OPC, as Excel reads them. */
  entry(name: string): ZipEntry | undefined {
    const clean = name.replace(/^\/+/, '');
    const raw = this.raw.get(clean) ?? this.byLowerName.get(clean.toLowerCase());
    return raw === undefined
      ? undefined
      : this.entries.get(raw.fileName.replace(/\\/g, '/').replace(/^\/+/, ''));
  }

  /**
   * The entry's uncompressed content as a stream: UTF-8 text by default, or raw `Buffer` chunks
   * for the byte-level readers of worksheets and shared strings.
   */
  async open(entry: ZipEntry, as: 'text' | 'bytes' = 'text'): Promise<Readable> {
    const stored = await this.stored(entry);
    let out: Readable = stored;
    if (entry.method === 8) {
      // zlib inflates here so that the chunk size is ours: worksheets are read as bytes into
      // compact rows, and 64 KiB chunks halve the per-chunk overhead (inflate callbacks, joins
      // of a row split across chunks).
      const inflate = createInflateRaw({ chunkSize: as === 'text' ? 16 * 1024 : 64 * 1024 });
      stored.on('error', (error) => inflate.destroy(error));
      out = stored.pipe(inflate);
    }
    // A part that inflates past the size its directory entry declares is corrupt or a zip bomb
    // that lies about its size: stop it there, so memory stays bounded by declared sizes.
    let inflated = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        if (inflated <= entry.size) done(null, chunk);
        else done(pastDeclaredSize(entry));
      },
      flush(done) {
        done(inflated < entry.size ? cutShort(entry) : null);
      },
    });
    out.on('error', (error) => guard.destroy(error));
    const result = out.pipe(guard);
    result.on('close', () => {
      if (!stored.destroyed) stored.destroy();
    });
    return as === 'text' ? result.setEncoding('utf8') : result;
  }

  /**
   * The entry's uncompressed bytes whole, inflated in one synchronous call, for parts small
   * enough to hold (the caller decides by `entry.size`). A streamed part pays a stream hop, a
   * thread-pool round trip and a callback per chunk; whole, a worksheet part is also scanned
   * for its merged cells without being inflated a second time. The same size checks hold.
   */
  async inflate(entry: ZipEntry): Promise<Buffer> {
    const stored = await this.stored(entry);
    const parts: Buffer[] = [];
    for await (const chunk of stored) parts.push(chunk as Buffer);
    const data = Buffer.concat(parts);
    if (entry.method === 0) {
      if (data.length > entry.size) throw pastDeclaredSize(entry);
      if (data.length < entry.size) throw cutShort(entry);
      return data;
    }
    let out: Buffer;
    try {
      // One byte more than declared is enough to know the part lies about its size. Room for
      // all of it in one output buffer: zlib's default 16 KiB pieces were joined afterwards, a
      // copy of every part (1 % of the import).
      out = inflateRawSync(data, {
        maxOutputLength: entry.size + 1,
        chunkSize: Math.max(MIN_CHUNK_BYTES, entry.size + 1),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw pastDeclaredSize(entry);
      throw error;
    }
    if (out.length > entry.size) throw pastDeclaredSize(entry);
    if (out.length < entry.size) throw cutShort(entry);
    return out;
  }

  /** The entry's stored (still compressed) bytes as yauzl finds them (local header, ZIP64 fields). */
  private async stored(entry: ZipEntry): Promise<Readable> {
    const raw = this.raw.get(entry.name) ?? this.byLowerName.get(entry.name.toLowerCase());
    if (raw === undefined) throw new ZipFormatError(`no entry ${entry.name}`);
    if (raw.isEncrypted()) throw new ZipFormatError(`${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipFormatError(`unsupported compression method ${entry.method}`);
    }
    if (entry.size > this.maxPartBytes) throw new PartTooLargeError(entry.name, this.maxPartBytes);
    return wrap(() => this.zip.openReadStreamPromise(raw, { decodeFileData: false }));
  }

  async close(): Promise<void> {
    this.zip.close();
  }
}

function pastDeclaredSize(entry: ZipEntry): ZipFormatError {
  return new ZipFormatError(`${entry.name} inflates past its declared size`);
}

function cutShort(entry: ZipEntry): ZipFormatError {
  return new ZipFormatError(`${entry.name} is cut short`);
}

/** yauzl's errors (bad signatures, truncated directories) as ZipFormatError. */
async function wrap<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof JianzhengError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && /^E[A-Z]+$/.test(code)) throw error; // file system errors
    throw new ZipFormatError((error as Error).message, error);
  }
}
