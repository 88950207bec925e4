import { setImmediate as nextTurn } from 'node:timers/promises';
import { crc32, createDeflateRaw, type ZlibOptions } from 'node:zlib';
import { JianzhengError } from '@jianzheng/core';
import { Zip, type ZipInputFile } from 'fflate';

/** Where the archive's bytes go: a file stream, or memory. `write` returning false asks for `drain`. */
export interface ByteSink {
  write(chunk: Buffer): boolean;
  drain(): Promise<void>;
}

/** An archive part being written: text or bytes in, deflated into the archive as they come. */
export interface ZipEntryWriter {
  /**
   * Hands a chunk to the deflater; resolves when the next may be made: on the event loop's next
   * turn, or once the deflater has drained if its buffer is full. Await it before the next chunk.
   */
  write(chunk: string | Buffer): Promise<void>;
}

/** The attachment outgrew what a zip without Zip64 can address (4 GiB per part or in all). */
export class XlsxTooLargeError extends JianzhengError {
  /** What outgrew the limit: a part's name, or the archive. */
  constructor(readonly what: string) {
    super('XLSX_TOO_LARGE', `Excel 附件过大：${what}超过 4 GiB，无法写入（不支持 Zip64）`, {
      messageEn: `Excel attachment too large: ${what} exceeds 4 GiB (Zip64 is not supported)`,
    });
  }
}

const LIMIT = 0xffffffff;

/**
 * UTF-8 bytes of a text, in a fresh buffer (zlib holds on to what it is given until it has
 * deflated it). Writing into a buffer sized for the worst case (3 bytes per UTF-16 unit) is about
 * 3× faster than Buffer.from for the ~1 MB chunks of sheet XML, which first measures the UTF-8
 * length in a separate pass over the (mostly CJK) text.
 */
function utf8(text: string): Buffer {
  if (text.length < 4096) return Buffer.from(text, 'utf8');
  const bytes = Buffer.allocUnsafeSlow(text.length * 3);
  return bytes.subarray(0, bytes.write(text, 0, 'utf8'));
}

/**
 * Bytes of a text the caller knows is ASCII, where UTF-8 and Latin-1 give the same bytes: Latin-1
 * is a plain copy of a one-byte string, UTF-8 checks every character (about 1.2 s for the 1M
 * attachment's 330 MB of sheet XML). Any other text must go through `write` as a string.
 */
export function asciiBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/**
 * The time stamp of every entry, from an ISO timestamp, so the same publication gives the same
 * bytes. fflate writes a Date's local fields; this Date's local fields are the UTC ones of `iso`,
 * so the bytes do not depend on the machine's time zone. Before 1980 (unrepresentable): 1980-01-01.
 */
export function zipTimestamp(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980) return new Date(1980, 0, 1);
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/**
 * A forward-only zip writer: fflate's streaming `Zip` lays out the archive (local headers, data
 * descriptors, central directory); each part is deflated by Node's zlib while it is produced (on
 * the thread pool, so compression overlaps building the XML) and checksummed by `zlib.crc32`.
 * fflate's own deflate and CRC are JavaScript and were 5–10× slower here (bench/RESULTS.md,
 * "zip writers"). No Zip64, as in fflate: past 4 GiB the writer stops with `XlsxTooLargeError`.
 */
export class ZipWriter {
  private offset = 0;
  private failure: unknown;
  /** Set while the sink is full: the producer waits on it before handing over more. */
  private draining: Promise<void> | undefined;
  private readonly zip: Zip;

  constructor(
    private readonly sink: ByteSink,
    private readonly options: { level: number; modified: Date },
  ) {
    this.zip = new Zip((error, chunk) => {
      if (error) {
        this.failure ??= error;
        return;
      }
      this.forward(chunk);
    });
  }

  private forward(chunk: Uint8Array): void {
    if (this.failure !== undefined) return;
    this.offset += chunk.length;
    if (this.offset > LIMIT) {
      this.failure = new XlsxTooLargeError('压缩包 / the archive');
      return;
    }
    try {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      if (!this.sink.write(bytes) && this.draining === undefined) {
        this.draining = this.sink.drain().then(
          () => {
            this.draining = undefined;
          },
          (error) => {
            this.failure ??= error;
            this.draining = undefined;
          },
        );
      }
    } catch (error) {
      this.failure ??= error;
    }
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Writes one entry; `produce` writes its content and resolves when done. */
  async entry(name: string, produce: (writer: ZipEntryWriter) => Promise<void> | void): Promise<void> {
    this.check();
    const file: ZipInputFile = {
      filename: name,
      size: 0,
      crc: 0,
      compression: 8,
      mtime: this.options.modified,
      ondata: undefined,
    };
    this.zip.add(file);
    // A deep input buffer lets the next XML be built while zlib compresses the last on the
    // thread pool; large output chunks keep the round trips between the two few.
    const deflate = createDeflateRaw({
      level: this.options.level,
      memLevel: 9,
      chunkSize: 256 * 1024,
      highWaterMark: 1024 * 1024,
    } as ZlibOptions);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    // Deflated bytes go to fflate, which passes them on to the sink at once (this is the only
    // entry open); a full sink pauses the deflater until it drains: backpressure end to end.
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      if (compressed > LIMIT) {
        deflate.destroy(new XlsxTooLargeError(`${name} / the archive`));
        return;
      }
      file.ondata?.(null, new Uint8Array(chunk.buffer as ArrayBuffer, chunk.byteOffset, chunk.length), false);
      if (this.failure !== undefined) deflate.destroy(this.failure as Error);
      else if (this.draining !== undefined) {
        deflate.pause();
        void this.draining.then(() => deflate.resume());
      }
    });
    const ended = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
    // Rejections surface through `write` and the final await; never unhandled.
    ended.catch(() => {});

    const writer: ZipEntryWriter = {
      write: (chunk) => {
        this.check();
        const bytes = typeof chunk === 'string' ? utf8(chunk) : chunk;
        crc = crc32(bytes, crc);
        size += bytes.length;
        if (size > LIMIT) throw new XlsxTooLargeError(name);
        // A turn of the event loop before the producer goes on. zlib deflates one chunk at a time
        // on the thread pool and needs this thread to hand it the next: a producer that made chunk
        // after chunk without yielding left it idle until the buffer filled (the 1M attachment's
        // thread was busy 63 % of its time; bench/RESULTS.md). One turn per 64 KB costs microseconds.
        if (deflate.write(bytes)) return nextTurn();
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
    // fflate writes the data descriptor and remembers crc and sizes for the central directory.
    file.crc = crc;
    file.size = size;
    file.ondata?.(null, new Uint8Array(0), true);
    this.check();
    if (this.draining !== undefined) await this.draining;
  }

  /** Writes the central directory; the archive is complete once the sink has taken it. */
  async finish(): Promise<void> {
    this.check();
    this.zip.end();
    this.check();
    if (this.draining !== undefined) await this.draining;
    this.check();
  }
}
