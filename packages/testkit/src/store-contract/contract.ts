import type { JianzhengStore } from '@jianzheng/core';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { basicsContract } from './basics';
import { casesContract } from './cases';
import { guardsContract } from './guards';
import { legalQueueContract } from './legal-queue';
import { programmeContract } from './programme';
import { racesContract } from './races';
import { rateLimitsContract } from './rate-limits';
import { summaryContract } from './summary';

/** One fresh, empty database for one test. */
export interface StoreContractDatabase {
  store: JianzhengStore;
  /** Another handle (connection, pool) on the same database, as a second API instance has. */
  open(): Promise<JianzhengStore>;
  /** Closes every handle and removes the database. */
  teardown(): Promise<void>;
}

export interface StoreContractTarget {
  /** Creates a fresh database and opens the adapter on it. */
  setup(): Promise<StoreContractDatabase>;
  /** When set, the suite is reported as skipped with this reason instead of running. */
  skipReason?: string | undefined;
}

/** What each part of the suite reads: the current test's database. */
export interface ContractEnv {
  db(): StoreContractDatabase;
}

/**
 * Registers (vitest) every behaviour of the `JianzhengStore` port against an adapter: batches,
 * re-import planning, queries, optimistic versions, transitions with publications, comments,
 * tokens, supervision cases, programmes (专项清理) and their figures, shared rate limits, statistics and list pages equal to core's over the whole list, the audit vocabulary, the guards of domain.md §5 inside the transaction, and the
 * races between two handles on one database. One call per adapter:
 * `runStoreContract('sqlite', { setup: async () => … })`.
 */
export function runStoreContract(name: string, target: StoreContractTarget): void {
  describe(`store contract: ${name}`, () => {
    if (target.skipReason) {
      it.skip(`skipped — ${target.skipReason}`, () => {});
      return;
    }
    let current: StoreContractDatabase | undefined;
    const opened: JianzhengStore[] = [];
    const env: ContractEnv = {
      db: () => {
        if (!current) throw new Error('no database: setup failed');
        const db = current;
        return {
          ...db,
          async open() {
            const store = await db.open();
            opened.push(store);
            return store;
          },
        };
      },
    };
    beforeEach(async () => {
      current = await target.setup();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await current?.teardown();
      current = undefined;
    });
    basicsContract(env);
    guardsContract(env);
    legalQueueContract(env);
    racesContract(env);
    casesContract(env);
    rateLimitsContract(env);
    summaryContract(env);
    programmeContract(env);
  });
}
