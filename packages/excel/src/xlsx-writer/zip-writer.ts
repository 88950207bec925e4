import * as zlib from 'node:zlib';
import { JianzhengError } from '@jianzheng/core';

/** Where the archive's bytes go: a file stream, or memory. `write` returning false asks for `drain`. */
export interface ByteSink {
  write(chunk: Buffer): boolean;
  drain(): Promise<void>;
}

/** An archive part being written: text or bytes in, deflated into the archive as they come. */
export interface ZipEntryWriter {
  write(chunk: string | Buffer): Promise<void> | undefined;
}

/** The attachment outgrew what a zip without Zip64 can address (4 GiB per part or in all). */
export class XlsxTooLargeError extends JianzhengError {
  constructor(what: string) {
    super('XLSX_TOO_LARGE', `Excel 附件过大：${what}超过 4 GiB，无法写入（不支持 Zip64）`, {
      messageEn: `Excel attachment too large: ${what} exceeds 4 GiB (Zip64 is not supported)`,
    });
  }
}

const LIMIT = 0xffffffff;
// Bit 3: sizes and CRC follow the data (they are only known then); bit 11: UTF-8 names.
const FLAGS = 0x0808;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

// zlib.crc32 is native from Node 20.15; the table keeps older 20.x working.
const nativeCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
function crc32(data: Uint8Array, previous: number): number {
  if (nativeCrc !== undefined) return nativeCrc(data, previous);
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

interface Written {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** MS-DOS date and time of an ISO timestamp, so the same publication gives the same bytes. */
export function dosDateTime(iso: string): number {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980) return 0x00210000;
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  return ((date << 16) | time) >>> 0;
}

/**
 * A forward-only zip writer: each entry is deflated while it is produced (zlib works on the
 * thread pool, so compression overlaps building the XML) and followed by a data descriptor;
 * the central directory comes last. No Zip64.
 */
export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];

  constructor(
    private readonly sink: ByteSink,
    private readonly options: { level: number; modified: number },
  ) {}

  private async emit(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (this.offset > LIMIT) throw new XlsxTooLargeError('压缩包 / the archive');
    if (!this.sink.write(chunk)) await this.sink.drain();
  }

  /** Writes one entry; `produce` writes its content and resolves when done. */
  async entry(name: string, produce: (writer: ZipEntryWriter) => Promise<void> | void): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const start = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(this.options.modified, 10);
    header.writeUInt16LE(nameBytes.length, 26);
    await this.emit(Buffer.concat([header, nameBytes]));

    // A deep input buffer lets the next XML be built while zlib compresses the last on the
    // thread pool; large output chunks keep the round trips between the two few.
    const deflate = zlib.createDeflateRaw({
      level: this.options.level,
      memLevel: 9,
      chunkSize: 256 * 1024,
      highWaterMark: 1024 * 1024,
    } as zlib.ZlibOptions);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    let failure: unknown;
    // Deflated bytes go to the sink as they come; a full sink pauses the deflater, whose
    // input buffer then fills and makes `write` below wait: backpressure end to end.
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      this.offset += chunk.length;
      if (this.offset > LIMIT || compressed > LIMIT) {
        deflate.destroy(new XlsxTooLargeError(`${name} / the archive`));
        return;
      }
      if (!this.sink.write(chunk)) {
        deflate.pause();
        this.sink.drain().then(
          () => deflate.resume(),
          (error) => deflate.destroy(error),
        );
      }
    });
    const ended = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', (error) => {
        failure = error;
        reject(error);
      });
    });
    // Rejections surface through `write` and the final await; never unhandled.
    ended.catch(() => {});

    const writer: ZipEntryWriter = {
      write(chunk) {
        if (failure !== undefined) throw failure;
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        crc = crc32(bytes, crc);
        size += bytes.length;
        if (size > LIMIT) throw new XlsxTooLargeError(name);
        if (deflate.write(bytes)) return undefined;
        return new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            deflate.off('error', onError);
            resolve();
          };
          const onError = (error: unknown) => {
            deflate.off('drain', onDrain);
            reject(error);
          };
          deflate.once('drain', onDrain);
          deflate.once('error', onError);
        });
      },
    };
    try {
      await produce(writer);
    } catch (error) {
      deflate.destroy();
      throw error;
    }
    deflate.end();
    await ended;

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.emit(descriptor);
    this.entries.push({ name: nameBytes, offset: start, crc, compressed, size });
  }

  /** Writes the central directory; the archive is complete once the sink has taken it. */
  async finish(): Promise<void> {
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(FLAGS, 8);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(this.options.modified, 12);
      central.writeUInt32LE(e.crc, 16);
      central.writeUInt32LE(e.compressed, 20);
      central.writeUInt32LE(e.size, 24);
      central.writeUInt16LE(e.name.length, 28);
      central.writeUInt32LE(e.offset, 42);
      parts.push(central, e.name);
    }
    const directory = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(Buffer.concat([directory, end]));
  }
}
