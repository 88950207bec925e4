import type { Publication } from '@jianzheng/core';
import { canonicalBodyBytes } from './canonical-bytes';
import { inCanonicalOrder } from './canonical-order';

export { canonicalBodyChunks } from './canonical-chunks';

import { createSha256, sha256Bytes, sha256Text } from './hash';

type Unsigned = Omit<Publication, 'sha256'>;

/**
 * The publication without its checksum, every object's keys in schema order and the two maps
 * (`byCategory`, `agreement`) in their defined order (canonical-order.ts reads both from the zod
 * schema, so a field added there is serialized in its place). Rows keep their order: it is
 * meaningful (the order the department wrote) and createPublication already fixed it.
 */
export function canonicalContent(pub: Unsigned): Unsigned {
  return inCanonicalOrder(pub);
}

/** The canonical text is `JSON.stringify(content, null, 2)` plus a final newline; this is the JSON part. */
export function canonicalJson(content: Unsigned): string {
  return JSON.stringify(content, null, 2);
}

/** The bytes the checksum covers: the canonical JSON of the content without `sha256`, and `\n`. */
export function canonicalText(content: Unsigned): string {
  return `${canonicalJson(content)}\n`;
}

/** Checksum of canonical JSON (as from canonicalJson) without joining it to its final newline. */
export function checksumOfJson(json: string): string {
  return sha256Text(json, '\n');
}

// The unsigned JSON ends with `\n}`; the signed text carries the checksum as the last member.
const SIGNED_TAIL = /,\n {2}"sha256": "([0-9a-f]{64})"\n\}\n$/;

/** The signed canonical text: the checksum inserted as the last member, then the final newline. */
export function signJson(json: string, sha256: string): string {
  return `${json.slice(0, -2)},\n  "sha256": "${sha256}"\n}\n`;
}

/**
 * For a text that ends exactly as canonical text does: the checksum it carries and the checksum
 * of the bytes before that member (what a conforming writer hashed); `undefined` for texts that
 * were reformatted.
 */
export function checkTail(text: string): { expected: string; actual: string } | undefined {
  // Only the tail is searched: a regex over 60 MB would cost as much as the hash.
  const tailStart = Math.max(0, text.length - 100);
  const match = SIGNED_TAIL.exec(text.slice(tailStart));
  if (!match) return undefined;
  // Hash the body as a slice plus the closing brace, never as one joined string.
  return { expected: match[1]!, actual: sha256Text(text.slice(0, tailStart + match.index), '\n}\n') };
}

const TAIL_DECODER = new TextDecoder('windows-1252');

/**
 * `checkTail` over the UTF-8 bytes of a file. The tail is decoded one character per byte, so the
 * match index is a byte offset; the body is hashed as it lies in the buffer.
 */
export function checkTailBytes(bytes: Uint8Array): { expected: string; actual: string } | undefined {
  const tailStart = Math.max(0, bytes.length - 100);
  const match = SIGNED_TAIL.exec(TAIL_DECODER.decode(bytes.subarray(tailStart)));
  if (!match) return undefined;
  return { expected: match[1]!, actual: sha256Bytes(bytes.subarray(0, tailStart + match.index), '\n}\n') };
}

/** The end of signed canonical text after the body: the checksum as last member, `}`, `\n`. */
export function signedTail(sha256: string): string {
  return `,\n  "sha256": "${sha256}"\n}\n`;
}

// Pieces of this size are hashed as they fill: a small publication does not pay for a large array.
const CHECKSUM_BUFFER_BYTES = 256 << 10;

/**
 * sha256 of the canonical text of canonical content, hashed chunk by chunk (never one string),
 * so it works past V8's string limit. Equal to `checksumOfJson(canonicalJson(content))`.
 */
export function contentChecksum(content: Unsigned): string {
  const hash = createSha256();
  // The UTF-8 bytes the writer would write: hashing strings would transcode each one again.
  for (const bytes of canonicalBodyBytes(content, { bufferBytes: CHECKSUM_BUFFER_BYTES })) hash.update(bytes);
  hash.update('\n}\n');
  return hash.digest();
}

/** sha256 of the canonical text of the publication without its `sha256` member. */
export function publicationChecksum(pub: Unsigned): string {
  return contentChecksum(canonicalContent(pub));
}
