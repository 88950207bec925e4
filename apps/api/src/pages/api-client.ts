import type { Context } from 'hono';

/** The API app's own fetch: page forms go through its routes, never around them. */
export type ApiFetch = (request: Request, env: unknown) => Response | Promise<Response>;

export interface ApiResult<T = unknown> {
  ok: boolean;
  status: number;
  /** The JSON body (a problem document when not ok). */
  body: T;
  /** zh-CN message of a problem document, or a generic one. */
  message: string;
  messageEn: string;
  /**
   * A refused body's problems by field (the last name in each issue's path → its zh-CN message),
   * so a page can mark the field and keep the rest of what was typed.
   */
  fieldErrors: Record<string, string>;
}

interface ProblemBody {
  detail?: string;
  detailEn?: string;
  code?: string;
  issues?: Array<{ path: (string | number)[]; message: string }>;
}

const FORWARDED = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'user-agent'] as const;

/**
 * Calls an API route in-process with the operator's token (from the cookie) as the Bearer header,
 * so the pages get exactly the API's authorisation, validation, guards, If-Match handling and
 * rate limits. The request's `env` is passed along, so the rate limit sees the real client.
 */
export async function callApi<T = unknown>(
  api: ApiFetch,
  c: Context,
  method: string,
  path: string,
  options: {
    token?: string | undefined;
    json?: unknown;
    /** A multipart body (uploads); the boundary header is set by the Request. */
    body?: FormData;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // What a proxy forwarded travels with the call: the API believes it only on a connection from a
  // trusted proxy (the same `env`), so rate limits and sessions see the real client there too.
  for (const name of FORWARDED) {
    const value = c.req.header(name);
    if (value !== undefined) headers[name] = value;
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method, headers };
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  } else if (options.body) init.body = options.body;
  const response = await api(new Request(new URL(path, c.req.url), init), c.env);
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (response.ok)
    return {
      ok: true,
      status: response.status,
      body: body as T,
      message: '',
      messageEn: '',
      fieldErrors: {},
    };
  const problem = (typeof body === 'object' && body ? body : {}) as ProblemBody;
  const fieldErrors: Record<string, string> = {};
  for (const issue of problem.issues ?? []) {
    const field = [...(issue.path ?? [])].reverse().find((p): p is string => typeof p === 'string');
    if (field && !(field in fieldErrors)) fieldErrors[field] = issue.message;
  }
  return {
    ok: false,
    fieldErrors,
    status: response.status,
    body: body as T,
    message: problem.detail ?? `请求失败（${response.status}）`,
    messageEn: problem.detailEn ?? problem.detail ?? `request failed (${response.status})`,
  };
}
