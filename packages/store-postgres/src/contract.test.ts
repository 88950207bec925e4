import { type PostgresCluster, pgTestSkipReason, startPostgres } from '@jianzheng/testkit';
import { runStoreContract } from '@jianzheng/testkit/store-contract';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStore } from './index';

const skipReason = pgTestSkipReason();
let cluster: PostgresCluster | undefined;

beforeAll(async () => {
  if (!skipReason) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

runStoreContract('postgres', {
  skipReason,
  async setup() {
    const database = await cluster!.createDatabase();
    // Two connections at most per handle: the races then really run on two sessions.
    const open = () => createPostgresStore({ connectionString: database.url, maxConnections: 2 });
    const store = await open();
    return {
      store,
      open,
      async teardown() {
        await store.close();
        await database.drop();
      },
    };
  },
});
