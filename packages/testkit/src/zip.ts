// CRC-32 is Node's (zlib.crc32, native since 20.15): the one CRC implementation in the repository.
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** One file inside a zip, uncompressed. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Reads the entries of a (small, well-formed) zip such as an xlsx written by exceljs. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let end = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressed);
    entries.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A zip entry already compressed, with its true checksum and size: how a zip bomb is built. */
export interface RawZipEntry {
  name: string;
  method: 0 | 8;
  compressed: Uint8Array;
  crc: number;
  size: number;
}

/** Writes a zip (deflate) from entries, in the given order. */
export function writeZip(entries: ReadonlyArray<ZipEntry | RawZipEntry>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw: RawZipEntry =
      'compressed' in entry
        ? entry
        : {
            name: entry.name,
            method: 8,
            compressed: deflateRawSync(entry.data),
            crc: crc32(entry.data),
            size: entry.data.length,
          };
    const name = Buffer.from(raw.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(raw.method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, fixed so bytes are reproducible
    local.writeUInt32LE(raw.crc, 14);
    local.writeUInt32LE(raw.compressed.length, 18);
    local.writeUInt32LE(raw.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(raw.compressed));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(raw.method, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(raw.crc, 16);
    central.writeUInt32LE(raw.compressed.length, 20);
    central.writeUInt32LE(raw.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + raw.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A deflate stream of `prefix`, then `repeats` × `block`, then `suffix`, built without
 * compressing the repeated part more than once: each block is flushed with Z_FULL_FLUSH, so
 * its compressed bytes do not depend on what came before and can simply be repeated.
 */
export function repeatedDeflate(
  name: string,
  prefix: Uint8Array,
  block: Uint8Array,
  repeats: number,
  suffix: Uint8Array,
): RawZipEntry {
  const deflate = deflateRawSync;
  const head = deflate(prefix, { finishFlush: constants.Z_FULL_FLUSH });
  const middle = deflate(block, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const tail = deflate(suffix);
  let crc = crc32(prefix);
  for (let i = 0; i < repeats; i++) crc = crc32(block, crc);
  crc = crc32(suffix, crc);
  const parts: Buffer[] = [head];
  for (let i = 0; i < repeats; i++) parts.push(middle);
  parts.push(tail);
  return {
    name,
    method: 8,
    compressed: Buffer.concat(parts),
    crc,
    size: prefix.length + block.length * repeats + suffix.length,
  };
}
