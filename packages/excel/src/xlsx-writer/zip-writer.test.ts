import { randomBytes } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { xmlText } from './xml';
import { type ByteSink, ZipWriter, zipTimestamp } from './zip-writer';

/** Every entry through yauzl (sizes validated), the reader the importer uses, independent of fflate's layout. */
function readWithYauzl(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error) return reject(error);
      const entries: { name: string; data: Buffer }[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** A sink that holds everything and, when `slow`, refuses more until a later tick. */
function memorySink(slow = false) {
  const chunks: Buffer[] = [];
  let drains = 0;
  const sink: ByteSink = {
    write(chunk) {
      chunks.push(Buffer.from(chunk));
      return !slow;
    },
    drain() {
      drains++;
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  return { sink, bytes: () => Buffer.concat(chunks), drains: () => drains };
}

describe('ZipWriter', () => {
  it('writes deflated entries with data descriptors that any reader checks out', async () => {
    // Incompressible bytes larger than zlib's buffers, so backpressure is exercised both ways.
    const noise = randomBytes(3 * 1024 * 1024);
    const text = '<row>申请材料 &amp; 依据</row>'.repeat(50_000);
    const memory = memorySink(true);
    const zip = new ZipWriter(memory.sink, { level: 3, modified: zipTimestamp('2018-08-13T09:30:10Z') });
    await zip.entry('a.xml', async (w) => {
      for (let i = 0; i < text.length; i += 70_000) await w.write(text.slice(i, i + 70_000));
    });
    await zip.entry('dir/noise.bin', async (w) => {
      for (let i = 0; i < noise.length; i += 100_000) await w.write(noise.subarray(i, i + 100_000));
    });
    await zip.entry('empty.txt', () => {});
    await zip.finish();
    expect(memory.drains()).toBeGreaterThan(0);

    const bytes = memory.bytes();
    const entries = await readWithYauzl(bytes);
    // A second, unrelated reader agrees.
    const viaFflate = unzipSync(bytes);
    expect(Object.keys(viaFflate)).toEqual(['a.xml', 'dir/noise.bin', 'empty.txt']);
    expect(Buffer.from(viaFflate['dir/noise.bin']!).equals(noise)).toBe(true);
    expect(entries.map((e) => e.name)).toEqual(['a.xml', 'dir/noise.bin', 'empty.txt']);
    expect(Buffer.from(entries[0]!.data).toString('utf8')).toBe(text);
    expect(Buffer.from(entries[1]!.data).equals(noise)).toBe(true);
    expect(entries[2]!.data.length).toBe(0);

    // Central directory: CRC and sizes match the content; each local header defers them to a
    // data descriptor (bit 3) that carries the same values.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = bytes.readUInt32LE(end + 16);
    for (const entry of entries) {
      expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
      const crc = bytes.readUInt32LE(at + 16);
      const compressed = bytes.readUInt32LE(at + 20);
      expect(crc).toBe(crc32(entry.data));
      expect(bytes.readUInt32LE(at + 24)).toBe(entry.data.length);
      expect(bytes.readUInt16LE(at + 14)).toBe(0x4d0d); // 2018-08-13 (DOS date), whatever the time zone
      expect(bytes.readUInt16LE(at + 12)).toBe((9 << 11) | (30 << 5) | 5); // 09:30:10
      const local = bytes.readUInt32LE(at + 42);
      expect(bytes.readUInt16LE(local + 6) & 0x0008).toBe(8);
      const start = local + 30 + bytes.readUInt16LE(local + 26);
      expect(inflateRawSync(bytes.subarray(start, start + compressed)).length).toBe(entry.data.length);
      const descriptor = start + compressed;
      expect(bytes.readUInt32LE(descriptor)).toBe(0x08074b50);
      expect(bytes.readUInt32LE(descriptor + 4)).toBe(crc);
      expect(bytes.readUInt32LE(descriptor + 8)).toBe(compressed);
      at += 46 + bytes.readUInt16LE(at + 28);
    }
  });

  it('lets the event loop turn on every write, so zlib gets its next chunk while the producer works', async () => {
    // zlib deflates one chunk at a time on the thread pool and only this thread hands it the
    // next: a write that resolved without a turn left it idle until the producer's buffer filled.
    const memory = memorySink();
    const zip = new ZipWriter(memory.sink, { level: 1, modified: zipTimestamp('2020-01-01T00:00:00Z') });
    const turned: boolean[] = [];
    const written: Buffer[] = [];
    await zip.entry('a.xml', async (w) => {
      for (let i = 0; i < 8; i++) {
        let turn = false;
        setImmediate(() => {
          turn = true;
        });
        const chunk = i % 2 === 0 ? Buffer.from('<row>申请材料</row>'.repeat(100)) : randomBytes(1024);
        written.push(chunk);
        await w.write(chunk);
        turned.push(turn);
      }
    });
    await zip.finish();
    expect(turned).toEqual(new Array(8).fill(true));
    const [entry] = await readWithYauzl(memory.bytes());
    expect(entry!.data.equals(Buffer.concat(written))).toBe(true);
  });

  it('passes on a failure of the content and stops the entry', async () => {
    const memory = memorySink();
    const zip = new ZipWriter(memory.sink, { level: 1, modified: zipTimestamp('1970-01-01T00:00:00Z') });
    await expect(
      zip.entry('a.xml', async (w) => {
        await w.write('<a>');
        throw new Error('source gone');
      }),
    ).rejects.toThrow('source gone');
  });

  it('stops with the sink failure instead of writing on', async () => {
    const sink: ByteSink = {
      write: () => false,
      drain: () => Promise.reject(new Error('disk full')),
    };
    const zip = new ZipWriter(sink, { level: 1, modified: zipTimestamp('2020-01-01T00:00:00Z') });
    await expect(
      zip.entry('a.xml', async (w) => {
        for (let i = 0; i < 100; i++) await w.write(randomBytes(64 * 1024));
      }),
    ).rejects.toThrow('disk full');
  });
});

describe('xmlText', () => {
  it('escapes markup, keeps CR as a reference, drops what XML 1.0 cannot carry', () => {
    expect(xmlText('普通文本')).toBe('普通文本');
    expect(xmlText('a & b < c > d "e" \'f\'')).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; 'f'");
    expect(xmlText('x\u0000\u0001\u0008\u000b\u000c\u001f\ufffe\uffffy')).toBe('xy');
    expect(xmlText('行1\r\n行2\t😀')).toBe('行1&#13;\n行2\t😀');
  });
});
