// Behind a real TLS-terminating reverse proxy: Debian's nginx, started here on loopback with a
// temp config and a certificate made here, forwarding to the real server. The proxy connects from
// 127.0.0.3 (the only address trusted), the test's client from 127.0.0.5.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signForm } from './security';
import { type RunningServer, startServer } from './server';
import { FORM_SECRET } from './test-support/harness';
import { createToken } from './tokens';

let dir: string;
let server: RunningServer;
let nginx: ChildProcess;
let proxy: string;
let admin: string;
let cert: Buffer;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** One HTTPS request through the proxy, from 127.0.0.5, trusting the test's certificate. */
function viaProxy(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
  }>((resolve, reject) => {
    const req = request(
      `${proxy}${path}`,
      { method, headers, ca: cert, localAddress: '127.0.0.5' },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createServer().listen(port, '127.0.0.1');
      socket.on('listening', () => socket.close(() => resolve(false)));
      socket.on('error', () => resolve(true));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jz-nginx-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'));
  const store = createSqliteStore({ filename: join(dir, 'jianzheng.db') });
  admin = (await createToken({ store, role: 'admin', label: '管理员' })).token;
  server = await startServer({
    store,
    port: 0,
    trustProxy: ['127.0.0.3'],
    formSecret: FORM_SECRET,
    config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city' } },
    log: () => {},
  });
  const port = await freePort();
  proxy = `https://127.0.0.1:${port}`;
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off; master_process off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')};
events {}
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${join(dir, 'cert.pem')};
    ssl_certificate_key ${join(dir, 'key.pem')};
    location / {
      proxy_pass ${server.url};
      proxy_bind 127.0.0.3;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: 'ignore',
  });
  await waitForPort(port);
}, 60_000);

afterAll(async () => {
  nginx?.kill('SIGTERM');
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const login = (origin: string, cookie = '') => {
  const signed = signForm(FORM_SECRET, cookie);
  return viaProxy(
    'POST',
    '/operator/login',
    { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: signed.cookie },
    new URLSearchParams({ token: admin, _csrf: signed.token }).toString(),
  );
};

describe('behind nginx terminating TLS', () => {
  it('accepts a login form whose Origin is the https:// origin the browser sees (no Sec-Fetch-Site)', async () => {
    const res = await login(proxy);
    expect(res.status).toBe(303);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('jz_token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
  });

  it('refuses a form whose Origin is the http:// address nginx forwards to', async () => {
    const res = await login(server.url);
    expect(res.status).toBe(403);
  });

  it('records where a session came from: the client address nginx appended, not the one it claimed', async () => {
    const signed = signForm(FORM_SECRET);
    const res = await viaProxy(
      'POST',
      '/operator/login',
      {
        'content-type': 'application/x-www-form-urlencoded',
        origin: proxy,
        cookie: signed.cookie,
        'x-forwarded-for': '6.6.6.6',
      },
      new URLSearchParams({ token: admin, _csrf: signed.token }).toString(),
    );
    expect(res.status).toBe(303);
    const list = await viaProxy('GET', '/api/tokens?sessions=true', { authorization: `Bearer ${admin}` });
    const labels = (JSON.parse(list.text) as Array<{ label: string | null }>).map((t) => t.label ?? '');
    expect(labels.some((l) => l.includes('127.0.0.5'))).toBe(true);
    expect(labels.some((l) => l.includes('6.6.6.6'))).toBe(false);
  });

  it('believes no forwarded header on a direct connection to the service', async () => {
    const signed = signForm(FORM_SECRET);
    const res = await fetch(`${server.url}/operator/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: proxy,
        'x-forwarded-proto': 'https',
        'x-forwarded-host': proxy.slice('https://'.length),
        cookie: signed.cookie,
      },
      body: new URLSearchParams({ token: admin, _csrf: signed.token }).toString(),
    });
    expect(res.status).toBe(403);
  });
});
