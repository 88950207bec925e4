import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from '@jianzheng/testkit/store-contract';
import { createSqliteStore } from './index';

runStoreContract('sqlite', {
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'jz-contract-'));
    const filename = join(dir, 'jianzheng.db');
    const store = createSqliteStore({ filename });
    return {
      store,
      // A second connection on the same file, as a second process would open it.
      open: async () => createSqliteStore({ filename }),
      async teardown() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
