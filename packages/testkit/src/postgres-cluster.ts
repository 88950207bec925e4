import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process';

const run = promisify(execFile);

/** A PostgreSQL server for tests or for trying the service: throwaway, or the one you named. */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, local connections only). */
  url: string;
  /** The URL of another database on the same server. */
  urlFor(database: string): string;
  /** Creates an empty database with a fresh name; `drop` removes it (closing its connections). */
  createDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  /** Stops the server and removes its directory (nothing for a server named by JIANZHENG_TEST_PG_URL). */
  stop(): Promise<void>;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabases(url: string): Pick<PostgresCluster, 'urlFor' | 'createDatabase'> {
  const urlFor = (db: string) => withDatabase(url, db);
  return {
    urlFor,
    async createDatabase() {
      const name = `jz_${randomBytes(6).toString('hex')}`;
      await onServer(url, `CREATE DATABASE ${name}`);
      return { url: urlFor(name), drop: () => onServer(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    },
  };
}

/**
 * `postgresUnavailableReason` for test files: the reason to skip, except under `CI=true`, where
 * an unavailable server is an error (CI must run the PostgreSQL tests, never skip them).
 */
export function pgTestSkipReason(): string | undefined {
  const reason = postgresUnavailableReason();
  if (reason && process.env.CI === 'true')
    throw new Error(`CI=true but PostgreSQL is unavailable: ${reason}`);
  return reason;
}

export interface StartPostgresOptions {
  /** Directory holding initdb and pg_ctl; default `$JIANZHENG_PG_BIN`, else the newest `/usr/lib/postgresql/N/bin`. */
  binDir?: string;
  /** Where the cluster lives; default a fresh temporary directory (removed by `stop`). */
  dir?: string;
  /** TCP port on 127.0.0.1; default a free one. */
  port?: number;
}

function findBinDir(options: StartPostgresOptions): string | undefined {
  const candidates = [options.binDir, process.env.JIANZHENG_PG_BIN];
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

const isRoot = () => process.getuid?.() === 0;
const hasPostgresUser = () =>
  existsSync('/etc/passwd') && /^postgres:/m.test(readFileSync('/etc/passwd', 'utf8'));

/**
 * Why no PostgreSQL server can be started (or reached) here, or `undefined` when one can. Tests
 * skip with this reason; under `CI=true` they must not skip (see `startPostgres`).
 */
export function postgresUnavailableReason(options: StartPostgresOptions = {}): string | undefined {
  if (process.env.JIANZHENG_TEST_PG_URL) return undefined;
  if (!findBinDir(options)) {
    return 'no PostgreSQL server binaries found (install Debian’s postgresql, set JIANZHENG_PG_BIN, or set JIANZHENG_TEST_PG_URL to a server)';
  }
  if (isRoot() && !hasPostgresUser()) return 'running as root without a "postgres" user to run the server as';
  return undefined;
}

/**
 * Starts a throwaway PostgreSQL cluster: `initdb` into a temporary directory (as the `postgres`
 * user when running as root, since the server refuses root), then `pg_ctl start` on a free port
 * of 127.0.0.1 with the socket in that directory and fsync off (test data only). With
 * `JIANZHENG_TEST_PG_URL` set, that server is used instead and nothing is started.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const external = process.env.JIANZHENG_TEST_PG_URL;
  if (external) {
    return { url: external, ...withDatabases(external), stop: async () => {} };
  }
  const reason = postgresUnavailableReason(options);
  if (reason) throw new Error(`cannot start PostgreSQL: ${reason}`);
  const bin = findBinDir(options)!;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'jz-pg-'));
  const data = join(dir, 'data');
  const asPostgres = async (command: string, args: string[]) => {
    if (!isRoot()) return run(join(bin, command), args, { timeout: 120_000 });
    return run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { timeout: 120_000 });
  };
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = options.port ?? (await freePort());
  try {
    if (!existsSync(join(data, 'PG_VERSION'))) {
      await asPostgres('initdb', [
        '-D',
        data,
        '-A',
        'trust',
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]);
    }
    await asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`, { cause: error });
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    ...withDatabases(url),
    async stop() {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
