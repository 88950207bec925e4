import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JianzhengStore, Role } from '@jianzheng/core';
import { createSqliteStore, type SqliteStore } from '@jianzheng/store-sqlite';
import { PUBLISH_STEPS, PUBLISH_STEPS_2026 } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { type CreateAppOptions, createApp } from '../app';
import { signForm } from '../security';
import { createToken } from '../tokens';

/** The page-form key every harness app uses, so tests can sign forms (`signForm`). */
export const FORM_SECRET = new Uint8Array(32).fill(7);

export const JURISDICTION = { code: '341300', name: '宿州市', level: 'city' as const };

/**
 * A configuration with a planned cancellation (domain.md §10): 迁移申请书 (a POLICE_ROWS material)
 * is obtainable from the population database from 2027-01-01.
 */
export const PLANNED_CONFIG = {
  jurisdiction: JURISDICTION,
  catalogs: {
    sharedData: { add: [{ name: '迁移申请书', source: '人口信息库', effectiveFrom: '2027-01-01' }] },
  },
};

/**
 * A real SQLite file in a temp dir, the app over it, and one token per role. `wrapStore` gives the
 * app a wrapper of that store (e.g. one whose `allMaterials` throws); `store` stays the real one.
 */
export async function harness(
  options: Partial<Omit<CreateAppOptions, 'store'>> & {
    wrapStore?: (store: SqliteStore) => JianzhengStore;
  } = {},
) {
  const { wrapStore, ...appOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'jz-api-'));
  const file = join(dir, 'jianzheng.db');
  const store: SqliteStore = createSqliteStore({ filename: file });
  // The app's clock: real time unless a test moves it (`setNow`), e.g. into a comment period.
  let moved: Date | undefined;
  const app = createApp({
    config: { jurisdiction: JURISDICTION },
    log: () => {},
    formSecret: FORM_SECRET,
    now: () => moved ?? new Date(),
    ...appOptions,
    store: wrapStore ? wrapStore(store) : store,
  });
  const token = async (role: Role, department?: string) =>
    (await createToken({ store, role, department: department ?? null, label: `${role}-${department ?? ''}` }))
      .token;
  const tokens = {
    admin: await token('admin'),
    reviewer: await token('reviewer'),
    legal: await token('legal'),
    police: await token('department', '市公安局'),
    market: await token('department', '市市场监督管理局'),
  };
  type Who = keyof typeof tokens | 'anonymous';
  const headers = (who: Who, extra: Record<string, string> = {}): Record<string, string> =>
    who === 'anonymous' ? extra : { authorization: `Bearer ${tokens[who]}`, ...extra };

  async function call(
    who: Who,
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) {
    const init: RequestInit = { method, headers: headers(who, extra) };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'content-type': 'application/json', ...headers(who, extra) };
    }
    const res = await app.request(path, init);
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json')
      ? await res.json()
      : type.startsWith('text')
        ? await res.text()
        : await res.arrayBuffer();
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely as a client would
    return { status: res.status, headers: res.headers, body: data as any };
  }

  return {
    app,
    store,
    file,
    dir,
    tokens,
    call,
    /** Moves the app's clock to this instant; without one, back to real time. */
    setNow(instant?: string) {
      moved = instant ? new Date(instant) : undefined;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof harness>>;

/** A page of the app as a browser gets it (status and HTML), with an optional cookie. */
export async function htmlPage(h: Harness, path: string, cookie = '') {
  const res = await h.app.request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, html: await res.text() };
}

/** Logs in on the operator pages with a role's token, as a browser would; the `jz_token=…` cookie. */
export async function operatorCookie(h: Harness, who: 'admin' | 'reviewer' | 'legal' = 'reviewer') {
  const origin = 'http://localhost';
  const signed = signForm(FORM_SECRET);
  const res = await h.app.request(`${origin}/operator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: signed.cookie },
    body: new URLSearchParams({ token: h.tokens[who], _csrf: signed.token }).toString(),
  });
  return (
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith('jz_token='))
      ?.split(';')[0] ?? ''
  );
}

/** A token in the SQLite file `dbPath` (opened and closed around it), as `jianzheng token create` makes one. */
export async function tokenIn(
  dbPath: string,
  role: Role,
  options: { department?: string | null; label?: string } = {},
): Promise<string> {
  const store = createSqliteStore({ filename: dbPath });
  try {
    return (
      await createToken({ store, role, department: options.department ?? null, label: options.label ?? role })
    ).token;
  } finally {
    await store.close();
  }
}

export interface Row {
  item: string;
  material: string;
  legalBasis?: string;
  shareable?: string;
  proposal?: string;
  issuer?: string;
}

/** A department workbook written by exceljs, in the layout of domain.md §8. */
export async function workbook(department: string, rows: Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(department);
  ws.addRow(['实施部门', '事项名称', '材料名称', '开具单位', '设定依据', '可共享获取', '清理意见']);
  for (const r of rows) {
    ws.addRow([
      department,
      r.item,
      r.material,
      r.issuer ?? '',
      r.legalBasis ?? '《条例》第三条',
      r.shareable ?? '',
      r.proposal ?? '保留',
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function form(...files: Array<{ name: string; bytes: Uint8Array }>): FormData {
  const data = new FormData();
  for (const f of files) data.append('files', new File([f.bytes], f.name));
  return data;
}

export const POLICE_ROWS: Row[] = [
  { item: '户口迁移', material: '居民身份证复印件', shareable: '是' },
  { item: '户口迁移', material: '迁移申请书' },
  { item: '户口迁移', material: '亲属关系证明', legalBasis: '无' },
  { item: '无犯罪记录证明开具', material: '申请表' },
];

export const MARKET_ROWS: Row[] = [
  { item: '个体工商户登记', material: '营业执照', shareable: '是', proposal: '取消' },
  { item: '个体工商户登记', material: '经营场所证明' },
];

/** A batch with both departments imported. */
/**
 * Requests to a server listening on `baseUrl()` (a `startServer` or `jianzheng serve`), as a client
 * sends them: a JSON or form body, the bearer token, the answer parsed when it is JSON.
 */
export function serverRequests(baseUrl: () => string) {
  return async (method: string, path: string, token: string | null, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${baseUrl()}${path}`, { method, headers, body: payload });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely as a client would
    const parsed: any = text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text;
    return { status: res.status, body: parsed };
  };
}

/**
 * One request of a walk through a batch's life, as the role `who`: the harness's `call`, or a fetch
 * to a running server with that role's token. Answers with the status and the parsed body.
 */
export type WalkCall = (
  who: 'admin' | 'legal',
  method: 'POST',
  path: string,
  body: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely as a client would
) => Promise<{ status: number; body: any }>;

/** Creates batch `id` for 市公安局 and 市市场监督管理局 and imports their workbooks (POLICE_ROWS, MARKET_ROWS). */
export async function createAndImport(call: WalkCall, id: string) {
  const created = await call('admin', 'POST', '/api/batches', {
    id,
    title: '第一批',
    departments: ['市公安局', '市市场监督管理局'],
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const res = await call(
    'admin',
    'POST',
    `/api/batches/${id}/imports`,
    form(
      { name: '公安局.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) },
      { name: '市场监管局.xlsx', bytes: await workbook('市市场监督管理局', MARKET_ROWS) },
    ),
  );
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body;
}

export async function seededBatch(h: Harness, id = 'b1') {
  return createAndImport(h.call, id);
}

/** Takes batch `id` through `steps` (the legal office records the legal review); throws on a refusal. */
export { PUBLISH_STEPS, PUBLISH_STEPS_2026 };

export async function publishThrough(
  call: WalkCall,
  id: string,
  steps: ReadonlyArray<{ action: string }> = PUBLISH_STEPS,
) {
  for (const step of steps) {
    const who = step.action === 'legal-review' ? 'legal' : 'admin';
    const res = await call(who, 'POST', `/api/batches/${id}/transitions`, step);
    if (res.status !== 200) throw new Error(`${step.action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** `seededBatch` taken through every stage to its first published version. */
export async function publishedBatch(h: Harness, id = 'b1') {
  await seededBatch(h, id);
  await publishThrough(h.call, id);
}
