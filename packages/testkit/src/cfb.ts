// A minimal OLE compound file (CFB, MS-CFB version 3): the container of an old binary .xls and
// of a password-protected .xlsx (streams EncryptionInfo + EncryptedPackage). Valid enough for
// any reader to list its streams, which is all an importer needs to recognise it.

const SECTOR = 512;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const NO_STREAM = 0xffffffff;
// Streams below 4,096 bytes would live in the mini stream; padding avoids writing one.
const MIN_STREAM = 4096;

export interface CfbStream {
  name: string;
  data: Uint8Array;
}

export function writeCfb(streams: readonly CfbStream[]): Buffer {
  if (streams.length > 3) throw new Error('writeCfb: at most 3 streams (one directory sector)');
  const padded = streams.map((s) => {
    const size = Math.max(MIN_STREAM, Math.ceil(s.data.length / SECTOR) * SECTOR);
    const data = Buffer.alloc(size);
    Buffer.from(s.data).copy(data);
    return { name: s.name, data, size: Math.max(s.data.length, MIN_STREAM) };
  });
  // Sector 0: FAT; sector 1: directory; then each stream's sectors in turn.
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  fat.writeUInt32LE(END_OF_CHAIN, 4);
  let next = 2;
  const starts: number[] = [];
  for (const stream of padded) {
    const sectors = stream.data.length / SECTOR;
    starts.push(next);
    for (let i = 0; i < sectors; i++)
      fat.writeUInt32LE(i === sectors - 1 ? END_OF_CHAIN : next + i + 1, (next + i) * 4);
    next += sectors;
  }
  if (next > SECTOR / 4) throw new Error('writeCfb: streams too large for one FAT sector');

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3 (512-byte sectors)
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // sector shift: 512
  header.writeUInt16LE(6, 32); // mini sector shift: 64
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(MIN_STREAM, 56); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 60); // no mini FAT
  header.writeUInt32LE(0, 64);
  header.writeUInt32LE(END_OF_CHAIN, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 72);
  header.fill(0xff, 76);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0

  const directory = Buffer.alloc(SECTOR);
  const entry = (
    index: number,
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ) => {
    const at = index * 128;
    const encoded = Buffer.from(`${name}\u0000`, 'utf16le');
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length, at + 64);
    directory.writeUInt8(type, at + 66);
    directory.writeUInt8(1, at + 67); // black
    directory.writeUInt32LE(NO_STREAM, at + 68); // left sibling
    directory.writeUInt32LE(right, at + 72);
    directory.writeUInt32LE(child, at + 76);
    directory.writeUInt32LE(start, at + 116);
    directory.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, padded.length > 0 ? 1 : NO_STREAM, NO_STREAM, END_OF_CHAIN, 0);
  padded.forEach((stream, i) => {
    entry(
      i + 1,
      stream.name,
      2,
      NO_STREAM,
      i + 1 < padded.length ? i + 2 : NO_STREAM,
      starts[i]!,
      stream.size,
    );
  });
  for (let i = padded.length + 1; i < 4; i++) {
    directory.writeUInt32LE(NO_STREAM, i * 128 + 68);
    directory.writeUInt32LE(NO_STREAM, i * 128 + 72);
    directory.writeUInt32LE(NO_STREAM, i * 128 + 76);
  }
  return Buffer.concat([header, fat, directory, ...padded.map((s) => s.data)]);
}

/** A BIFF8 workbook stream's first record (BOF, workbook globals): what Excel 97-2003 writes first. */
export function biff8Bof(): Buffer {
  const record = Buffer.alloc(20);
  record.writeUInt16LE(0x0809, 0); // BOF
  record.writeUInt16LE(16, 2);
  record.writeUInt16LE(0x0600, 4); // BIFF8
  record.writeUInt16LE(0x0005, 6); // workbook globals
  record.writeUInt16LE(0x0dbb, 8); // build
  record.writeUInt16LE(0x07cc, 10); // year 1996
  return record;
}
