import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** The encodings the service sends, best first. */
export type ContentEncoding = 'br' | 'gzip';

// Pages and JSON are made per request: brotli's default quality (11) costs ~50× quality 5 for a
// few per cent of size. Quality 5 still beats gzip -6 on these pages (measured: 68 KB home page).
const BROTLI_QUALITY = 5;
/** Below this many bytes a compressed answer saves less than its headers cost. */
const MIN_BYTES = 1024;
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:json|problem\+json|ld\+json|javascript|xml)|image\/svg\+xml)/;

/**
 * The encoding to answer with for an Accept-Encoding header (RFC 9110 §12.5.3): br before gzip,
 * each unless refused with q=0 (or `*;q=0` without naming it); none when the client named neither.
 */
export function preferredEncoding(header: string | null | undefined): ContentEncoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepts = (enc: ContentEncoding) => (q.get(enc) ?? (q.has('*') ? (q.get('*') ?? 0) : 0)) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return null;
}

/** Whether responses of this content type are worth compressing (text, JSON, SVG; not xlsx/zip/docx). */
export const isCompressible = (contentType: string | null | undefined) =>
  contentType !== null && contentType !== undefined && COMPRESSIBLE.test(contentType);

/** Bytes kept to be sent many times (search pages), with their compressed forms made on first use. */
export interface KeptBody {
  readonly body: Uint8Array;
  br?: Uint8Array;
  gzip?: Uint8Array;
}

/**
 * The kept body in the encoding the client accepts, compressing it once per encoding; `added` is
 * how many bytes that made the entry grow (for the keeper's byte budget).
 */
export function keptVariant(
  kept: KeptBody,
  acceptEncoding: string | null | undefined,
): { body: Uint8Array; encoding: ContentEncoding | undefined; added: number } {
  const encoding = kept.body.byteLength < MIN_BYTES ? null : preferredEncoding(acceptEncoding);
  if (!encoding) return { body: kept.body, encoding: undefined, added: 0 };
  const held = kept[encoding];
  if (held) return { body: held, encoding, added: 0 };
  const made =
    encoding === 'br'
      ? brotliCompressSync(kept.body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
      : gzipSync(kept.body);
  kept[encoding] = made;
  return { body: made, encoding, added: made.byteLength };
}

const compressor = (encoding: ContentEncoding) =>
  encoding === 'br'
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
    : createGzip();

function addVary(headers: Headers) {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'accept-encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary))
    headers.set('vary', `${vary}, accept-encoding`);
}

/**
 * Compresses pages and JSON (gzip or br, as the client accepts) on the way out, streaming, so a
 * large publication download is never held whole. Leaves alone: HEAD, empty and already-encoded
 * answers, other types (xlsx, zip and docx are compressed already), and bodies under 1 KB. A
 * strong ETag becomes weak, since the bytes differ from the identity representation's.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || !res.body || res.status === 204 || res.status === 304) return;
    if (res.headers.has('content-encoding') || !isCompressible(res.headers.get('content-type'))) return;
    // An answer that already varies by Accept-Encoding was negotiated by its handler (kept search pages).
    if (/accept-encoding/i.test(res.headers.get('vary') ?? '')) return;
    const length = res.headers.get('content-length');
    if (length !== null && Number(length) < MIN_BYTES) return;
    const encoding = preferredEncoding(c.req.header('accept-encoding'));
    if (!encoding) {
      try {
        addVary(res.headers);
      } catch {
        // Immutable headers: the answer goes out as it is, uncompressed.
      }
      return;
    }
    const source = Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>);
    const zip = compressor(encoding);
    // pipe() does not pass a failed source on: the client must see a broken body, not a short one.
    source.once('error', (error) => zip.destroy(error));
    const body = Readable.toWeb(source.pipe(zip)) as unknown as ReadableStream<Uint8Array>;
    const etag = res.headers.get('etag');
    // Hono copies the old answer's headers onto the new one: mend the ones that change after.
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    const headers = c.res.headers;
    headers.delete('content-length');
    headers.set('content-encoding', encoding);
    addVary(headers);
    if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  };
}
