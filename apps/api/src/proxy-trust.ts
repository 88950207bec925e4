import { isIP } from 'node:net';
import type { Context } from 'hono';

/**
 * Which reverse proxies in front of the service to believe. `addresses`: the proxies' own
 * addresses — forwarded headers count only on a connection from one of them, and the client is
 * the first address from the right of X-Forwarded-For that is not one of them. `hops`: a fixed
 * number of proxies, believed on every connection (only for a service no client can reach directly).
 */
export interface ProxyTrust {
  hops: number;
  addresses: ReadonlySet<string> | null;
}

export const NO_PROXY: ProxyTrust = Object.freeze({ hops: 0, addresses: null });

/** An X-Forwarded-For longer than this, or with more entries, is ignored (a rate-limit key it is not). */
const MAX_FORWARDED_CHARS = 512;
const MAX_FORWARDED_ENTRIES = 16;

const normalise = (address: string) => {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
};

/** `server.trustProxy` as a `ProxyTrust`: true (one proxy), a hop count, or the proxies' addresses. */
export function proxyTrust(value: boolean | number | readonly string[] | undefined): ProxyTrust {
  if (value === true) return { hops: 1, addresses: null };
  if (typeof value === 'number' && Number.isInteger(value) && value > 0)
    return { hops: value, addresses: null };
  if (Array.isArray(value) && value.length > 0) {
    const addresses = new Set(value.map(normalise));
    return { hops: addresses.size, addresses };
  }
  return NO_PROXY;
}

function peerOf(env: unknown): string | undefined {
  const address = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket?.remoteAddress;
  return address === undefined ? undefined : normalise(address);
}

/** Whether this connection comes from a proxy to believe. */
export function viaTrustedProxy(env: unknown, trust: ProxyTrust): boolean {
  if (trust.addresses !== null) {
    const peer = peerOf(env);
    return peer !== undefined && trust.addresses.has(peer);
  }
  return trust.hops > 0;
}

/** The X-Forwarded-For entries, or undefined when absent, too long or not all IP addresses. */
function forwardedChain(headers: Headers): string[] | undefined {
  const header = headers.get('x-forwarded-for');
  if (!header || header.length > MAX_FORWARDED_CHARS) return undefined;
  const chain = header.split(',').map(normalise);
  if (chain.length > MAX_FORWARDED_ENTRIES || chain.some((entry) => isIP(entry) === 0)) return undefined;
  return chain;
}

/**
 * The client's address, for rate limits and the session list: the socket's peer, unless the
 * connection comes from a trusted proxy; then what the trusted proxies appended to
 * X-Forwarded-For (entries further left are whatever the client claimed).
 */
export function clientAddress(headers: Headers, env: unknown, trust: ProxyTrust): string {
  const peer = peerOf(env) ?? 'unknown';
  if (!viaTrustedProxy(env, trust)) return peer;
  const chain = forwardedChain(headers);
  if (chain === undefined) return peer;
  if (trust.addresses !== null) {
    for (let i = chain.length - 1; i >= 0; i--) if (!trust.addresses.has(chain[i]!)) return chain[i]!;
    return chain[0]!;
  }
  return chain[Math.max(0, chain.length - trust.hops)]!;
}

/** The last value of a forwarded header a proxy set (a proxy appends; the client's come first). */
const lastValue = (c: Context, name: string) => c.req.header(name)?.split(',').pop()?.trim();

/** Whether the client reached us over TLS: the URL's scheme, or a trusted proxy's X-Forwarded-Proto. */
export function isHttps(c: Context, trust: ProxyTrust): boolean {
  // The URL's scheme is its first characters (a URL is not parsed for that on every request).
  if (c.req.url.startsWith('https:')) return true;
  if (!viaTrustedProxy(c.env, trust)) return false;
  return lastValue(c, 'x-forwarded-proto')?.toLowerCase() === 'https';
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The origin the browser sees: behind a trusted proxy, its forwarded scheme and host
 * (X-Forwarded-Host, else the Host header it passed on), else the request URL's. A form's Origin
 * header is compared with this, not with the `http://` address the proxy forwards to.
 */
export function publicOrigin(c: Context, trust: ProxyTrust): string {
  const url = new URL(c.req.url);
  if (!viaTrustedProxy(c.env, trust)) return url.origin;
  const host = lastValue(c, 'x-forwarded-host') ?? c.req.header('host');
  const scheme = isHttps(c, trust) ? 'https' : 'http';
  if (host === undefined || !HOST.test(host)) return `${scheme}://${url.host}`;
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  return `${scheme}://${(host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host).toLowerCase()}`;
}
