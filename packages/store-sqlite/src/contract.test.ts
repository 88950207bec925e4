import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from '@jianzheng/testkit/store-contract';
import { createSqliteStore } from './index';

for (const offThread of [false, true]) {
  runStoreContract(offThread ? 'sqlite, writes on a worker thread' : 'sqlite', {
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), 'jz-contract-'));
      const filename = join(dir, 'jianzheng.db');
      const store = createSqliteStore({ filename, offThread });
      return {
        store,
        // A second connection on the same file, as a second process would open it.
        open: async () => createSqliteStore({ filename, offThread }),
        async teardown() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  });
}
