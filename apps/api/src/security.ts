import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { isHttps, type ProxyTrust } from './proxy-trust';

// Pages render no scripts of their own; /docs loads the API reference bundle from this origin.
// Styles stay inline-capable (the layout's <style>, chart sizes, the reference's injected CSS).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const isOperatorPage = (path: string) => path === '/operator' || path.startsWith('/operator/');

// One frozen set, made once: the middleware below runs on every response.
const HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['content-security-policy', CSP],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['cross-origin-opener-policy', 'same-origin'],
];
const NO_STORE = ['cache-control', 'no-store'] as const;

/** Operator pages and any API answer to an authenticated call must not be kept by a cache. */
const needsNoStore = (c: Context) => {
  const path = c.req.path;
  return isOperatorPage(path) || (path.startsWith('/api/') && c.req.header('authorization') !== undefined);
};

/** Responses made by `securedResponse`: they already carry every header of `securityHeaders`. */
const secured = new WeakSet<Response>();
const plainSets = new Map<string, { open: Record<string, string>; noStore: Record<string, string> }>();

/**
 * A response with the security headers already in place, as ONE plain header object made once
 * per content type: the node server writes such a response without building a Headers object,
 * and `securityHeaders` leaves it alone. For hot public reads (search).
 */
export function securedResponse(
  c: Context,
  body: Uint8Array,
  status: number,
  contentType: string,
  /** Whether the answer must not be cached (default: as `securityHeaders` decides for `c`). */
  noStore: boolean = needsNoStore(c),
  /** The body's Content-Encoding, when it is sent compressed (see compression.ts). */
  encoding?: 'br' | 'gzip',
): Response {
  const key = encoding ? `${contentType}|${encoding}` : contentType;
  let sets = plainSets.get(key);
  if (!sets) {
    const open = Object.freeze({
      'content-type': contentType,
      // Whatever the encoding, a cache must keep the variants apart.
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
      ...Object.fromEntries(HEADERS),
    });
    sets = { open, noStore: Object.freeze({ ...open, [NO_STORE[0]]: NO_STORE[1] }) };
    plainSets.set(key, sets);
  }
  const res = new Response(body, { status, headers: noStore ? sets.noStore : sets.open });
  secured.add(res);
  return res;
}

/**
 * Headers every response carries (CSP with frame-ancestors, nosniff, no referrer), and
 * `Cache-Control: no-store` on operator pages and on any API answer to an authenticated call, so
 * no shared cache or back button keeps an operator's view.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (secured.has(c.res)) return;
    const noStore = needsNoStore(c);
    try {
      const headers = c.res.headers;
      for (const [name, value] of HEADERS) headers.set(name, value);
      if (noStore) headers.set(NO_STORE[0], NO_STORE[1]);
    } catch {
      // Immutable headers (a Response passed through): copy once.
      const res = new Response(c.res.body, c.res);
      for (const [name, value] of HEADERS) res.headers.set(name, value);
      if (noStore) res.headers.set(NO_STORE[0], NO_STORE[1]);
      c.res = res;
    }
  };
}

const CSRF_COOKIE = 'jz_csrf';
const SESSION_COOKIE = 'jz_token';
const FIELD = '_csrf';
const FORM_TAG = /<form\b[^>]*\bmethod="post"[^>]*>/gi;

export interface FormGuardOptions {
  /** Largest body of a page form post (urlencoded), in bytes. */
  formBytes: number;
  /** Largest multipart page upload, in bytes. */
  uploadBytes: number;
  /** Key of the form tokens; random per process unless given (forms then expire on restart). */
  secret?: Uint8Array;
  trust: ProxyTrust;
}

const tooLarge = (c: Context, limit: number) =>
  c.html(
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>413</title><h1>413</h1><p>提交的内容超过 ${Math.ceil(limit / 1024)} KB 的上限。</p><p>The form exceeds the ${Math.ceil(limit / 1024)} KB limit.</p></html>`,
    413,
  );

const refused = (c: Context) =>
  c.html(
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>403</title><h1>403</h1><p>表单已过期或不是从本站页面提交的，已拒绝。请回到页面刷新后重新提交。</p><p>This form expired or was not sent from this site and was refused. Reload the page and submit it again.</p></html>',
    403,
  );

/**
 * Page forms (everything outside /api): a body limit before anything reads the body, and a form
 * token. The token is an HMAC of what identifies the browser's session — the session cookie, or
 * for anonymous forms (login, public comments) a random `jz_csrf` cookie — so another site can
 * neither read nor forge it, whatever Origin a non-browser client claims. Every `method="post"`
 * form of an HTML page gets it as a hidden field on the way out.
 */
const hmac = (secret: Uint8Array, binding: string) =>
  createHmac('sha256', secret).update(binding).digest('base64url');

/**
 * For clients of the pages that are not browsers (tests, scripts): the cookie header and the form
 * token that go together, as the pages would have rendered them.
 */
export function signForm(secret: Uint8Array, cookieHeader = ''): { cookie: string; token: string } {
  const session = /(?:^|;\s*)jz_token=([^;]*)/.exec(cookieHeader)?.[1];
  if (session) return { cookie: cookieHeader, token: hmac(secret, `s:${decodeURIComponent(session)}`) };
  const anonymous = /(?:^|;\s*)jz_csrf=([^;]*)/.exec(cookieHeader)?.[1];
  if (anonymous) return { cookie: cookieHeader, token: hmac(secret, `a:${decodeURIComponent(anonymous)}`) };
  const cookie = [cookieHeader, `${CSRF_COOKIE}=script`].filter(Boolean).join('; ');
  return { cookie, token: hmac(secret, 'a:script') };
}

export function formGuard(options: FormGuardOptions): MiddlewareHandler {
  const secret = options.secret ?? randomBytes(32);
  const tokenFor = (binding: string) => hmac(secret, binding);
  const binding = (c: Context) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session) return `s:${session}`;
    const anonymous = getCookie(c, CSRF_COOKIE);
    return anonymous ? `a:${anonymous}` : undefined;
  };
  const limits = {
    form: bodyLimit({ maxSize: options.formBytes, onError: (c) => tooLarge(c, options.formBytes) }),
    upload: bodyLimit({ maxSize: options.uploadBytes, onError: (c) => tooLarge(c, options.uploadBytes) }),
  };

  return async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const multipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
      let answer: Response | undefined;
      const limited = await (multipart ? limits.upload : limits.form)(c, async () => {
        const bound = binding(c);
        const form = await c.req.parseBody();
        const sent = typeof form[FIELD] === 'string' ? Buffer.from(form[FIELD] as string) : undefined;
        const expected = bound ? Buffer.from(tokenFor(bound)) : undefined;
        if (!sent || !expected || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
          answer = refused(c);
          return;
        }
        await next();
      });
      if (limited instanceof Response) answer = limited;
      if (answer) c.res = answer;
      return;
    }
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (!type.startsWith('text/html')) return;
    let bound = binding(c);
    if (!bound) {
      const value = randomBytes(18).toString('base64url');
      setCookie(c, CSRF_COOKIE, value, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c, options.trust),
        path: '/',
      });
      bound = `a:${value}`;
    }
    const field = `<input type="hidden" name="${FIELD}" value="${tokenFor(bound)}">`;
    const html = await c.res.text();
    if (!FORM_TAG.test(html)) {
      c.res = new Response(html, c.res);
      return;
    }
    FORM_TAG.lastIndex = 0;
    const res = new Response(
      html.replace(FORM_TAG, (tag) => `${tag}${field}`),
      c.res,
    );
    res.headers.delete('content-length');
    c.res = res;
  };
}
