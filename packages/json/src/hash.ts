import { createSha256 } from '@jianzheng/core';

// One SHA-256 in the repository: core's (native node:crypto where the runtime has it, else
// portable). These helpers only feed it the way a publication's checksum needs.

export { createSha256, hasNativeSha256, type Sha256Hasher } from '@jianzheng/core';

/**
 * SHA-256 of the UTF-8 bytes of the texts one after the other, 64 lowercase hex digits. Taking
 * parts lets callers hash `body + tail` without building the joined string: flattening a 60 MB
 * concatenation costs more than hashing it.
 */
export function sha256Text(...parts: string[]): string {
  const hash = createSha256();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * SHA-256 of raw bytes followed by texts (as UTF-8): a file read as bytes is hashed as it lies on
 * disk, without decoding it to a string and encoding it back.
 */
export function sha256Bytes(bytes: Uint8Array, ...texts: string[]): string {
  const hash = createSha256();
  hash.update(bytes);
  for (const text of texts) hash.update(text);
  return hash.digest();
}
