import { sha256Hex } from '@jianzheng/core';
import type { Context } from 'hono';
import type { Permission } from '../../permissions';
import { type ApiResult, callApi } from '../api-client';
import type { PageDeps } from '../deps';
import { type Lang, langOf } from '../i18n';
import { withLang } from '../layout';
import { clearToken, type Flash, readToken, setFlash, takeFlash } from '../session';

/** The signed-in operator, as the API's `/api/me` describes the token. */
export interface Me {
  actor: string;
  role: 'admin' | 'reviewer' | 'legal' | 'department';
  department: string | null;
  permissions: Permission[];
}

export interface OperatorRequest {
  lang: Lang;
  me: Me;
  flash: Flash | undefined;
  /** Calls an API route with the operator's token. */
  call: <T = unknown>(
    method: string,
    path: string,
    init?: { json?: unknown; headers?: Record<string, string>; body?: FormData },
  ) => Promise<ApiResult<T>>;
  /** The API's raw response (downloads), with the operator's token. */
  fetch: (path: string) => Promise<Response>;
  /** A stable, non-secret key of the signed-in token (pending uploads belong to it). */
  owner: string;
}

export const may = (me: Me, permission: Permission) => me.permissions.includes(permission);

/**
 * Resolves the cookie's token through the API. Without a token, or with one the API no longer
 * accepts, the operator is sent to the login form (with the API's message).
 */
export async function operatorRequest(deps: PageDeps, c: Context): Promise<OperatorRequest | Response> {
  const lang = langOf(c.req.query('lang'));
  const token = readToken(c);
  if (!token) return c.redirect(withLang('/operator', lang), 303);
  const me = await callApi<Me>(deps.api, c, 'GET', '/api/me', { token });
  if (!me.ok) {
    clearToken(c);
    setFlash(c, { kind: 'error', text: lang === 'zh' ? me.message : me.messageEn });
    return c.redirect(withLang('/operator', lang), 303);
  }
  return {
    lang,
    me: me.body,
    flash: c.req.method === 'GET' ? takeFlash(c) : undefined,
    call: (method, path, init = {}) => callApi(deps.api, c, method, path, { ...init, token }),
    fetch: async (path) =>
      deps.api(
        new Request(new URL(path, c.req.url), { headers: { authorization: `Bearer ${token}` } }),
        c.env,
      ),
    owner: sha256Hex(token),
  };
}

/** The API's message in the page's language, with the 409 named as a conflict. */
export function problemText(lang: Lang, r: ApiResult): string {
  const conflict = r.status === 409 ? (lang === 'zh' ? '冲突（409）：' : 'Conflict (409): ') : '';
  return `${conflict}${lang === 'zh' ? r.message : r.messageEn}`;
}

export const batchPath = (batchId: string, rest = '') =>
  `/operator/batches/${encodeURIComponent(batchId)}${rest}`;
export const apiBatch = (batchId: string, rest = '') => `/api/batches/${encodeURIComponent(batchId)}${rest}`;
