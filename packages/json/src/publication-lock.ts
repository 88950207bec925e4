import { mkdir, open, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { batchFolder } from './batch-folder';
import { PublicationIoError, PublicationLockedError } from './errors';

/** The lock file of a batch folder: `<dir>/<batch id>/.publish.lock`, holding its owner. */
export const PUBLISH_LOCK = '.publish.lock';

/**
 * Temporary files of a publish run: a dot, the final name, the writer's pid, random hex, and
 * `.tmp` (`.v3.xlsx.4711.a1b2c3d4e5f6.tmp`) — recognisable, and the pid says whose they are. The
 * Excel writer's own temporary file of such a name starts with a second dot; older runs left
 * `.v3.xlsx.pending`.
 */
const TEMP_FILE = /^\.{1,2}v[1-9]\d*\.(?:json|jsonld|xlsx)(?:\.\d+\.[0-9a-f]+)?\.(?:tmp|pending)(?:\..*)?$/;

/** The temporary name of `v<N>.<ext>` for this process: see `TEMP_FILE`. */
export function publishTempName(final: string, random: string): string {
  return `.${final}.${process.pid}.${random}.tmp`;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface PublicationLock {
  /** Temporary files a run killed mid-publish had left in the folder, removed under the lock. */
  readonly cleaned: readonly string[];
  /** Removes the lock file; idempotent. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another publish of the batch to finish, in ms (default 0: fail at once). */
  waitMs?: number;
  /** How often to look again while waiting, in ms (default 200). */
  pollMs?: number;
}

function alive(owner: LockOwner): boolean {
  // Another machine's process (a shared folder) cannot be checked: believe its lock.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the publish lock of a batch folder, so the JSON and the Excel of one version always come
 * from one run: two publishes of a batch never interleave (the second waits up to `waitMs`, then
 * throws `PublicationLockedError` naming the holder). A lock whose process is gone (kill -9) is
 * taken over. Under the lock, temporary files that dead runs left behind are removed and listed
 * in `cleaned`, for the caller to report.
 */
export async function lockPublicationFolder(
  dir: string,
  batchId: string,
  options: LockOptions = {},
): Promise<PublicationLock> {
  const folder = batchFolder(dir, batchId);
  const path = join(folder, PUBLISH_LOCK);
  const deadline = Date.now() + (options.waitMs ?? 0);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new PublicationIoError(folder, 'write', error);
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new PublicationIoError(path, 'write', error);
    }
    const owner = await readOwner(path);
    // An unreadable lock is one being written this instant, or a torn one: look again shortly.
    if (owner && !alive(owner)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) throw new PublicationLockedError(batchId, path, owner);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
  }

  const cleaned: string[] = [];
  try {
    for (const name of await readdir(folder)) {
      if (!TEMP_FILE.test(name)) continue;
      await rm(join(folder, name), { force: true });
      cleaned.push(join(folder, name));
    }
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw new PublicationIoError(folder, 'write', error);
  }
  let released = false;
  return {
    cleaned,
    async release() {
      if (released) return;
      released = true;
      await unlink(path).catch(() => undefined);
    },
  };
}
