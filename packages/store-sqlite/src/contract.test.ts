import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from '@jianzheng/testkit/store-contract';
import { createSqliteStore, type SqliteDriverName } from './index';
import { availableDrivers } from './test-drivers';

// On libsql, the driver a machine without a compiler gets, always; on better-sqlite3 too where it
// is installed (it is optional: a failed compile leaves it out).
for (const driver of availableDrivers() satisfies SqliteDriverName[]) {
  for (const offThread of [false, true]) {
    runStoreContract(`sqlite on ${driver}${offThread ? ', writes on a worker thread' : ''}`, {
      async setup() {
        const dir = mkdtempSync(join(tmpdir(), 'jz-contract-'));
        const filename = join(dir, 'jianzheng.db');
        const store = createSqliteStore({ filename, offThread, driver });
        return {
          store,
          // A second connection on the same file, as a second process would open it.
          open: async () => createSqliteStore({ filename, offThread, driver }),
          async teardown() {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    });
  }
}
