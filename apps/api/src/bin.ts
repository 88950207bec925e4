#!/usr/bin/env node
// Runs the operators' service on its own: `node dist/bin.js [--db file] [--port n] [--host h] [--config f]`
// and `node dist/bin.js token create --role … [--department …] [--label …] [--db file]`.
import { parseArgs } from 'node:util';
import { isJianzhengError, type Role } from '@jianzheng/core';
import { loadCity } from '@jianzheng/core/node';
import { startServer } from './server';
import { createToken } from './tokens';

const USAGE = `用法 Usage:
  jianzheng-api [--db jianzheng.sqlite] [--port 8787] [--host 127.0.0.1] [--config jianzheng.config.json]
  jianzheng-api token create --role admin|reviewer|legal|department [--department 名称] [--label 说明] [--db jianzheng.sqlite]`;

// The same default as `jianzheng serve` and `token create`, so a token made one way is found the other.
const DEFAULT_DB = process.env.JIANZHENG_DB ?? 'jianzheng.sqlite';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'token') {
    if (argv[1] !== 'create') {
      process.stderr.write(`未知的子命令 token ${argv[1] ?? ''}\n${USAGE}\n`);
      return 2;
    }
    const { values } = parseArgs({
      args: argv.slice(2),
      options: {
        role: { type: 'string' },
        department: { type: 'string' },
        label: { type: 'string' },
        db: { type: 'string', default: DEFAULT_DB },
      },
      strict: true,
    });
    if (!values.role) {
      process.stderr.write(`缺少 --role\n${USAGE}\n`);
      return 2;
    }
    const created = await createToken({
      dbPath: values.db!,
      role: values.role as Role,
      department: values.department ?? null,
      label: values.label ?? null,
    });
    process.stdout.write(`${created.token}\n`);
    process.stderr.write(
      `已创建 ${created.role}${created.department ? `（${created.department}）` : ''} 令牌 ${created.id}；令牌只显示这一次，请妥善保存。\n`,
    );
    return 0;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string', default: DEFAULT_DB },
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port 应为 0–65535 的整数，收到 “${values.port}”\n`);
    return 2;
  }
  const city = values.config ? await loadCity(values.config) : undefined;
  const server = await startServer({
    dbPath: values.db!,
    port,
    host: values.host!,
    ...(city ? { config: city.config, engine: city.engine } : {}),
  });
  process.stderr.write(
    `jianzheng API 已启动：${server.url}  （接口文档 ${server.url}/docs，数据库 ${values.db}）\n`,
  );
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    // Operators get the message, never a stack trace.
    if (isJianzhengError(error)) process.stderr.write(`错误：${error.message}\n`);
    else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    } else if ((error as { code?: string }).code === 'EADDRINUSE') {
      process.stderr.write('错误：端口已被占用，请用 --port 换一个端口\n');
    } else process.stderr.write(`错误：${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
