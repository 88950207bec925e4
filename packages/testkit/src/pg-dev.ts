#!/usr/bin/env node
// A throwaway PostgreSQL server for trying `jianzheng serve --db postgres://…` on a developer's
// machine: `node packages/testkit/dist/pg-dev.js` prints the URL, Ctrl+C stops it and removes it.
import { startPostgres } from './postgres-cluster';

const cluster = await startPostgres();
process.stdout.write(`${cluster.url}\n`);
process.stderr.write('PostgreSQL 已启动（临时目录，按 Ctrl+C 停止并删除）\n');
const stop = () => {
  cluster.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
