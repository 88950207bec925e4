import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { JianzhengError } from '@jianzheng/core';

/** One file inside the archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * Why an archive cannot be read. Internal: the importer turns it into a CORRUPT_WORKBOOK issue,
 * but like every error of the toolkit it carries a stable code and a zh-CN message.
 */
export class ZipFormatError extends JianzhengError {
  constructor(detail: string) {
    super('CORRUPT_WORKBOOK', `压缩包结构损坏：${detail}`, { messageEn: `broken zip archive: ${detail}` });
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const TAIL = 22 + 0xffff;

interface ByteSource {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): Readable;
  close(): Promise<void>;
}

/**
 * Reads an xlsx through its central directory, so every part is addressable by name and the
 * workbook, shared strings and styles are read before any worksheet. exceljs's streaming reader
 * walks the archive front to back instead and intermittently loses `xl/workbook.xml`, which
 * exceljs writes last (exceljs #3064); it also spools worksheets to temp files when the shared
 * strings come after them. Entries are still inflated as streams: nothing is held whole.
 */
export class ZipSource {
  private constructor(
    private readonly source: ByteSource,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  static async fromFile(path: string): Promise<ZipSource> {
    const handle = await open(path, 'r');
    const { size } = await handle.stat();
    const source: ByteSource = {
      size,
      read: (position, length) => readAt(handle, position, length),
      stream: (start, length) =>
        length === 0
          ? Readable.from([])
          : createReadStream(path, { start, end: start + length - 1, highWaterMark: 64 * 1024 }),
      close: () => handle.close(),
    };
    try {
      return new ZipSource(source, await readDirectory(source));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  static async fromBuffer(bytes: Uint8Array): Promise<ZipSource> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const source: ByteSource = {
      size: buffer.length,
      read: async (position, length) => buffer.subarray(position, position + length),
      stream: (start, length) => Readable.from(chunks(buffer.subarray(start, start + length))),
      close: async () => {},
    };
    return new ZipSource(source, await readDirectory(source));
  }

  /**
   * The entry's uncompressed content as a stream: UTF-8 text by default, or raw `Buffer` chunks
   * for the byte-level readers of worksheets and shared strings.
   */
  async open(entry: ZipEntry, as: 'text' | 'bytes' = 'text'): Promise<Readable> {
    const header = await this.source.read(entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) {
      throw new ZipFormatError(`bad local header for ${entry.name}`);
    }
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.source.size)
      throw new ZipFormatError(`${entry.name} is cut short`);
    const raw = this.source.stream(start, entry.compressedSize);
    // Parts are XML, decoded here as one stream: exceljs decodes each Buffer chunk on its own
    // (TextDecoder without `stream`), which turns a character split across two chunks into U+FFFD.
    if (entry.method === 0) return as === 'text' ? raw.setEncoding('utf8') : raw;
    if (entry.method !== 8) throw new ZipFormatError(`unsupported compression method ${entry.method}`);
    // Text parts (read by exceljs's SAX parser) inflate in 16 KiB chunks: with exceljs's row
    // objects, larger chunks raised the peak RSS (bench/import.bench.mjs, 1,000,000 rows: 16 KiB
    // 205 MB, 32 KiB 233 MB). Worksheets are read as bytes into compact rows, and 64 KiB chunks
    // halve the per-chunk overhead (inflate callbacks, joins of a row split across chunks).
    const inflate = createInflateRaw({ chunkSize: as === 'text' ? 16 * 1024 : 64 * 1024 });
    raw.on('error', (error) => inflate.destroy(error));
    // A part that inflates past the size its directory entry declares is corrupt or a zip
    // bomb that lies about its size: stop it there, so memory stays bounded by declared sizes.
    let inflated = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        if (inflated > entry.size) done(new ZipFormatError(`${entry.name} inflates past its declared size`));
        else done(null, chunk);
      },
    });
    inflate.on('error', (error) => limit.destroy(error));
    const out = raw.pipe(inflate).pipe(limit);
    return as === 'text' ? out.setEncoding('utf8') : out;
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function* chunks(buffer: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += 64 * 1024)
    yield buffer.subarray(offset, offset + 64 * 1024);
}

async function readDirectory(source: ByteSource): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, source.size - TAIL);
  const tail = await source.read(tailStart, source.size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('no end of central directory');
  const count = tail.readUInt16LE(end + 10);
  const size = tail.readUInt32LE(end + 12);
  const offset = tail.readUInt32LE(end + 16);
  if (offset === 0xffffffff || count === 0xffff) throw new ZipFormatError('zip64 archives are not supported');
  if (offset + size > source.size) throw new ZipFormatError('central directory outside the file');
  const directory = await source.read(offset, size);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) {
      throw new ZipFormatError('bad central directory');
    }
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    // Some writers store names with a leading slash (exceljs's archiver does not; others do).
    const name = directory.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, '');
    entries.set(name, {
      name,
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localOffset: directory.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
