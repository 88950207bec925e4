import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const TOKEN_COOKIE = 'jz_token';
const FLASH_COOKIE = 'jz_flash';

// The app decides (it knows whether a proxy's X-Forwarded-Proto is to be believed).
const secure = (c: Context) =>
  (c.get('https' as never) as boolean | undefined) ?? new URL(c.req.url).protocol === 'https:';

/**
 * The operator's bearer token lives in an HttpOnly, SameSite=Strict cookie: scripts cannot read
 * it and other sites cannot make the browser send it with a form post.
 */
export function storeToken(c: Context, token: string): void {
  setCookie(c, TOKEN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(c),
    path: '/',
    maxAge: 8 * 60 * 60,
  });
}

export function readToken(c: Context): string | undefined {
  return getCookie(c, TOKEN_COOKIE) || undefined;
}

export function clearToken(c: Context): void {
  deleteCookie(c, TOKEN_COOKIE, { path: '/', secure: secure(c) });
}

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
  /** The material (or other element id) the message is about, to show it in place. */
  target?: string;
  /** A write refused as stale (409): the fields the operator sent, to show and reapply them. */
  retry?: Record<string, string>;
}

/**
 * A message for the page shown after a redirect (post/redirect/get). Kept in a short-lived
 * cookie rather than the URL, so nobody can craft a link that shows an official-looking text.
 */
export function setFlash(c: Context, flash: Flash): void {
  setCookie(c, FLASH_COOKIE, encodeURIComponent(JSON.stringify(flash)), {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    maxAge: 120,
  });
}

/** Reads and clears the flash message. */
export function takeFlash(c: Context): Flash | undefined {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path: '/', secure: secure(c) });
  try {
    const value = JSON.parse(decodeURIComponent(raw)) as Flash;
    if ((value.kind === 'ok' || value.kind === 'error') && typeof value.text === 'string') return value;
  } catch {
    // A mangled cookie just means no message.
  }
  return undefined;
}
