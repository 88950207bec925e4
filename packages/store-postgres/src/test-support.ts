import { randomBytes } from 'node:crypto';
import { type PostgresCluster, postgresUnavailableReason, startPostgres } from '@jianzheng/testkit';
import pg from 'pg';

/**
 * Why the PostgreSQL tests cannot run here, or `undefined`. Under CI (`CI=true`) they must run:
 * an unavailable server is then an error, never a skip.
 */
export function pgSkipReason(): string | undefined {
  const reason = postgresUnavailableReason();
  if (reason && process.env.CI === 'true')
    throw new Error(`CI=true but PostgreSQL is unavailable: ${reason}`);
  return reason;
}

/** A database on the cluster, created empty; `drop` removes it (closing others' connections). */
export async function freshDatabase(
  cluster: PostgresCluster,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `jz_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: cluster.urlFor(name),
    async drop() {
      const again = new pg.Client({ connectionString: cluster.url });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

export { startPostgres };
