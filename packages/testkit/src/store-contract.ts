// @jianzheng/testkit/store-contract — the store port's contract suite (needs vitest).

export type { StoreContractDatabase, StoreContractTarget } from './store-contract/contract';
export { runStoreContract } from './store-contract/contract';
export { readThroughPort, seedStore } from './store-contract/seed';
export { statsMigrationRecords } from './store-contract/summary';
