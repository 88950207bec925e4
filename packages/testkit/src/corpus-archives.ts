// Corpus cases that are not workbooks at all, or whose container is the attack: a picture under a
// workbook's name, a cut download, zip bombs (one that tells the truth about its size, one that
// lies), a password-protected OLE file and an empty file. Made by the test run, never committed.
import { writeCfb } from './cfb';
import type { CorpusExpectation } from './corpus';
import { seededRandom } from './random';
import { readZip, repeatedDeflate, writeZip } from './zip';

/** The uncompressed size the zip-bomb case expands to: past a 1 GiB limit, from about 1 MB. */
export const ZIP_BOMB_EXPANDED_BYTES = 1100 * 1024 * 1024;

type Add = (
  id: string,
  title: string,
  bytes: Uint8Array,
  expect: CorpusExpectation,
  ext?: string,
) => Promise<void>;

/** Adds the container cases, built from `good` (a valid .xlsx of one department). */
export async function addArchiveCases(add: Add, good: Buffer): Promise<void> {
  // A PNG picture given a workbook's name.
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]),
    Buffer.alloc(2048, 0x17),
  ]);
  await add('not-a-workbook', '不是工作簿（图片改名为 .xlsx）', png, { ok: false, code: 'NOT_A_WORKBOOK' });

  await add('truncated-zip', '下载中断、被截断的 .xlsx', good.subarray(0, Math.floor(good.length * 0.6)), {
    ok: false,
    code: 'CORRUPT_WORKBOOK',
  });

  // A well-formed workbook whose shared-strings part inflates to more than 1 GiB.
  const entries = readZip(good);
  const sst = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  const bombPart = repeatedDeflate(
    'xl/sharedStrings.xml',
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    ),
    Buffer.alloc(1024 * 1024, 0x41),
    ZIP_BOMB_EXPANDED_BYTES / (1024 * 1024),
    Buffer.from('</t></si></sst>'),
  );
  const bombEntries = sst
    ? entries.map((e) => (e.name === 'xl/sharedStrings.xml' ? bombPart : e))
    : [...entries, bombPart];
  await add('zip-bomb', '压缩炸弹：约 1 MB 的文件解压后超过 1 GiB', writeZip(bombEntries), {
    ok: false,
    code: 'WORKBOOK_TOO_LARGE',
  });

  // The same bomb, its directory claiming 1 MB: only counting what actually inflates stops it.
  const lying = { ...bombPart, size: 1024 * 1024 };
  await add(
    'zip-bomb-lying-size',
    '谎报解压大小的压缩炸弹',
    writeZip(bombEntries.map((e) => (e === bombPart ? lying : e))),
    { ok: false, code: 'CORRUPT_WORKBOOK' },
  );

  // What Excel writes for "encrypt with password": an OLE container, not a zip.
  const info = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
    ),
  ]);
  const random = seededRandom(42);
  const payload = Buffer.alloc(8192);
  payload.writeUInt32LE(good.length, 0);
  for (let i = 8; i < payload.length; i++) payload[i] = random.int(256);
  await add(
    'encrypted',
    '设置了打开密码的工作簿',
    writeCfb([
      { name: 'EncryptionInfo', data: info },
      { name: 'EncryptedPackage', data: payload },
    ]),
    { ok: false, code: 'ENCRYPTED_WORKBOOK' },
  );

  await add('empty-file', '0 字节的空文件', Buffer.alloc(0), { ok: false, code: 'NOT_A_WORKBOOK' });
}
