// Node-only storage of publications (`@jianzheng/json/node`): kept out of the main entry so that
// create/serialize/parse/diff stay usable in a browser.
import { randomBytes } from 'node:crypto';
import {
  type FileHandle,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Publication } from '@jianzheng/core';
import { batchFolder } from './batch-folder';
import { signedTail } from './canonical';
import { canonicalBodyBytes } from './canonical-bytes';
import { PublicationExistsError, PublicationInvalidError, PublicationIoError } from './errors';
import { flushBehind } from './flush-behind';
import { createSha256 } from './hash';
import { parsePublication } from './parse-publication';
import { publishTempName } from './publication-lock';
import { prepare } from './serialize';

export type { LockOptions, PublicationLock } from './publication-lock';
export { lockPublicationFolder, PUBLISH_LOCK, publishTempName } from './publication-lock';

export interface PublicationVersionFile {
  version: number;
  path: string;
}

const VERSION_FILE = /^v([1-9]\d*)\.json$/;

// The canonical text is encoded into one reused array of this size and written when it is full:
// rows are about a KiB each, and one write call per row would cost more than the writing.
const WRITE_BUFFER_BYTES = 4 << 20;

// The text is pushed to disk behind the writing, every this many bytes, so that the fsync before
// the file takes its name has little left to do. Without it the kernel kept the whole text in
// memory (890 MB at 1,000,000 materials, under its writeback threshold) and that fsync wrote it
// all while both writers waited; a synthetic 880 MB write's closing fsync took 410–485 ms, with
// these flushes 30–33 ms.
const FLUSH_BEHIND_BYTES = 64 << 20;

export interface WritePublicationOptions {
  /**
   * Awaited once the text is complete and durable under its temporary name, before the version
   * takes its name. If it rejects, no version is written and its error is thrown as it is. The
   * CLI writes the Excel attachment while the JSON is written and names neither unless both are
   * complete.
   */
  beforeCommit?: () => Promise<unknown>;
}

/** `<dir>/<batch id>/v<N>.json`, the layout of domain.md §6. */
export function publicationPath(dir: string, batchId: string, version: number): string {
  return join(batchFolder(dir, batchId), `v${version}.json`);
}

/**
 * Writes the canonical text to `<dir>/<batch id>/v<N>.json` atomically and never over an existing
 * version: the text goes to a temporary file in the same folder, is fsynced, then hard-linked to
 * its final name — `link` fails if the name exists, so two concurrent writers cannot both win —
 * and the temporary name is removed. On file systems without hard links it falls back to an
 * existence check plus `rename`. Readers never see a partial file; on any failure no temporary
 * file is left behind. Throws `PublicationExistsError` (`PUBLICATION_EXISTS`) for an existing
 * version. The text is streamed to the temporary file as UTF-8 bytes (the bytes of
 * serializePublicationChunks' text), never held whole, so publications past V8's string limit can be
 * written. A publication from createPublicationBuilder whose `sha256` was not read yet gets it
 * from the bytes written here (one pass over the text instead of two). Returns the path written.
 * `options.beforeCommit` lets a caller publish the JSON only together with another file it writes
 * meanwhile (see WritePublicationOptions).
 */
export async function writePublication(
  dir: string,
  pub: Publication,
  options: WritePublicationOptions = {},
): Promise<string> {
  // Validates now, so an invalid publication fails before any folder or file is made.
  const prepared = prepare(pub);
  const folder = batchFolder(dir, pub.batch.id);
  const target = join(folder, `v${pub.version}.json`);
  const temp = join(folder, publishTempName(`v${pub.version}.json`, randomBytes(6).toString('hex')));
  // The caller's reason not to commit, thrown as it is.
  let abandoned: { error: unknown } | undefined;
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new PublicationIoError(folder, 'write', error);
  }
  try {
    if (await exists(target)) throw new PublicationExistsError(target);
    const handle = await open(temp, 'wx');
    try {
      await writeText(handle, prepared);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.beforeCommit !== undefined) {
      try {
        await options.beforeCommit();
      } catch (error) {
        abandoned = { error };
        throw error;
      }
    }
    try {
      await link(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new PublicationExistsError(target, error);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      if (await exists(target)) throw new PublicationExistsError(target, error);
      await rename(temp, target);
    }
    await syncFolder(folder);
    return target;
  } catch (error) {
    if (error instanceof PublicationExistsError || error === abandoned?.error) throw error;
    throw new PublicationIoError(target, 'write', error);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Reads, validates and checksum-verifies one publication file; errors name the file. */
export async function readPublication(path: string): Promise<Publication> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new PublicationIoError(path, 'read', error);
  }
  const pub = parsePublication(bytes, { source: path });
  // A file copied to the wrong name would make "latest" lie; the name is part of the layout.
  const named = VERSION_FILE.exec(basename(path));
  if (named && Number(named[1]) !== pub.version)
    throw new PublicationInvalidError(
      [
        {
          path: '$.version',
          message: `文件名为第 ${named[1]} 版，文件内容却是第 ${pub.version} 版`,
          messageEn: `the file name says version ${named[1]} but the document is version ${pub.version}`,
        },
      ],
      { source: path },
    );
  return pub;
}

/** The published versions of a batch, ascending; empty when the batch has none. */
export async function listPublicationVersions(
  dir: string,
  batchId: string,
): Promise<PublicationVersionFile[]> {
  const folder = batchFolder(dir, batchId);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new PublicationIoError(folder, 'read', error);
  }
  return names
    .map((name) => VERSION_FILE.exec(name))
    .filter((match) => match !== null)
    .map((match) => ({ version: Number(match[1]), path: join(folder, match[0]) }))
    .sort((a, b) => a.version - b.version);
}

/** The highest published version of a batch, read and verified; `undefined` when there is none. */
export async function latestPublication(dir: string, batchId: string): Promise<Publication | undefined> {
  const versions = await listPublicationVersions(dir, batchId);
  const latest = versions.at(-1);
  return latest === undefined ? undefined : readPublication(latest.path);
}

/** The signed canonical text: the body, then the checksum member (hashed from the body's bytes if pending). */
async function writeText(handle: FileHandle, prepared: ReturnType<typeof prepare>): Promise<void> {
  const hash = prepared.sha256 === undefined ? createSha256() : undefined;
  const body = canonicalBodyBytes(prepared.content, { bufferBytes: WRITE_BUFFER_BYTES });
  const flush = flushBehind(handle, FLUSH_BEHIND_BYTES);
  try {
    for (const bytes of body) {
      hash?.update(bytes);
      await writeAll(handle, bytes);
      flush.wrote(bytes.length);
    }
    await flush.done();
  } finally {
    // Never close the handle under a running flush, whatever failed.
    await flush.idle();
  }
  let sha256 = prepared.sha256;
  if (hash !== undefined) {
    hash.update('\n}\n');
    sha256 = hash.digest();
  }
  await writeAll(handle, Buffer.from(signedTail(sha256!), 'utf8'));
  // Only once the whole text is written: an abandoned write leaves the checksum to be computed.
  if (prepared.sha256 === undefined) prepared.settle?.(sha256!);
}

/** Writes all of `bytes` (the body generator reuses its array only once this has resolved). */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  // A write may take fewer bytes than offered; loop until the batch is all on disk.
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Makes the new directory entry durable; not every platform can open a folder, hence best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename/link itself is still atomic there.
  }
}

// Re-exported so that `instanceof` works for errors thrown here: each entry is bundled on its own,
// so these classes are copies of the main entry's. Prefer switching on `error.code`.
export {
  PublicationChecksumError,
  PublicationExistsError,
  PublicationInputError,
  PublicationInvalidError,
  PublicationIoError,
  PublicationLockedError,
  PublicationSchemaVersionError,
} from './errors';

/**
 * The bundled copy of the CPSV-AP 3.2.0 JSON-LD context (`CPSV_AP_CONTEXT_URL`; SEMIC, CC-BY 4.0),
 * parsed: what a JSON-LD document loader returns for that URL on a machine without network.
 */
export async function readCpsvApContext(): Promise<Record<string, unknown>> {
  const path = new URL('../context/cpsv-ap-3.2.0.jsonld', import.meta.url);
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}
