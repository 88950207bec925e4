import { isIP } from 'node:net';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../errors';
import { openStore, shownDb } from '../open-store';
import { limitFlag } from '../workbooks';

// The API app pulls in hono: load it only for the commands that need it, so the
// other commands start fast and still work where the native SQLite module is unavailable.
export type ApiModule = typeof import('@jianzheng/api');

export async function loadApi(): Promise<ApiModule> {
  try {
    return await import('@jianzheng/api');
  } catch (error) {
    throw new CliError(
      'CLI_API_UNAVAILABLE',
      '无法加载服务端（@jianzheng/api）：请先在仓库根目录运行 npm run build',
      'cannot load the API app (@jianzheng/api): run npm run build at the repository root first',
      EXIT.failed,
      error,
    );
  }
}

export interface ServeOptions {
  db: string;
  port: string;
  host: string;
  config?: string;
  /** `--trust-proxy` alone is `true` (one proxy); `--trust-proxy 2` for two; or the proxies' addresses. */
  trustProxy?: boolean | string;
  maxUploadBytes?: string;
  maxFormBytes?: string;
  maxImportRows?: string;
  maxImportMaterials?: string;
  maxCellLength?: string;
  maxSharedStrings?: string;
  maxPartBytes?: string;
}

/** `serve`'s limit flags and the app's limits they set (the config's `server` keys of the same name). */
export const LIMIT_FLAGS = {
  maxUploadBytes: 'uploadBytes',
  maxFormBytes: 'formBytes',
  maxImportRows: 'importRows',
  maxImportMaterials: 'importMaterials',
  maxCellLength: 'cellChars',
  maxSharedStrings: 'sharedStrings',
  maxPartBytes: 'partBytes',
} as const;

/** The limit flags given, as the app's limits; a flag that is not a positive integer is a usage error. */
function limitsOf(options: ServeOptions): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const raw = options[flag as keyof typeof LIMIT_FLAGS];
    if (raw === undefined) continue;
    limits[key] = limitFlag(flag, raw);
  }
  return limits;
}

/** `jianzheng serve`: the operators' service and the public list, until Ctrl+C. */
export async function serveCommand(ctx: CommandContext, options: ServeOptions): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(
      'CLI_BAD_PORT',
      `端口无效：${options.port}`,
      `invalid port: ${options.port}`,
      EXIT.usage,
    );
  }
  const limits = limitsOf(options);
  // The same loader as evaluate and publish: the server's engine carries the city's plugins.
  const { loadCity } = await import('@jianzheng/core/node');
  const city = await loadCity(options.config);
  const api = await loadApi();
  const store = await openStore(options.db, ctx.io.cwd, { offThread: true });
  const server = await api
    .startServer({
      store,
      port,
      host: options.host,
      // Flags given win over the config file's `server` section; absent ones leave it in charge.
      ...(options.trustProxy === undefined ? {} : { trustProxy: trustProxyOf(options.trustProxy) }),
      limits,
      config: city.config,
      engine: city.engine,
    })
    .catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
  ctx.io.stderr.write(
    `${ctx.err.green('服务已启动')} ${server.url}（数据库 ${shownDb(options.db)}${driverNote(store)}；按 Ctrl+C 停止）\n`,
  );
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  ctx.io.stderr.write('服务已停止\n');
  return EXIT.ok;
}

function trustProxyOf(value: boolean | string | undefined): number | string[] {
  if (value === undefined || value === false) return 0;
  if (value === true) return 1;
  // The proxies' addresses (`--trust-proxy 127.0.0.1,10.0.0.2`): forwarded headers then count only
  // on connections from them.
  if (/[.:]/.test(value)) {
    const addresses = value.split(',').map((a) => a.trim());
    if (addresses.every((a) => isIP(a) !== 0)) return addresses;
  } else {
    const hops = Number(value);
    if (Number.isInteger(hops) && hops >= 0 && hops <= 10) return hops;
  }
  throw new CliError(
    'CLI_BAD_TRUST_PROXY',
    `--trust-proxy 应为 0–10 的整数或代理的 IP 地址（逗号分隔）：${value}`,
    `--trust-proxy wants 0–10 or the proxies' IP addresses, comma-separated: ${value}`,
    EXIT.usage,
  );
}

/** Which SQLite driver `auto` chose (better-sqlite3 when installed, else libsql): an operator asks. */
const driverNote = (store: object) =>
  'driver' in store && typeof store.driver === 'string' ? `，SQLite 驱动 ${store.driver}` : '';
