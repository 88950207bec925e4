import { sha256Hex } from '@jianzheng/core';

interface NodeHash {
  update(data: string, encoding: 'utf8'): NodeHash;
  update(data: Uint8Array): NodeHash;
  digest(encoding: 'hex'): string;
}
interface NodeCrypto {
  createHash(algorithm: 'sha256'): NodeHash;
}

// The checksum covers tens of megabytes for a whole city; core's portable SHA-256 takes ~1.4 s for
// 36 MB, node:crypto ~0.1 s. `process.getBuiltinModule` (Node ≥ 20.16, Deno, Bun) reaches node:crypto
// without an import that would break browser bundles; elsewhere we fall back to core's.
const nodeCrypto = (() => {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
})();

/**
 * SHA-256 of the UTF-8 bytes of the texts one after the other, 64 lowercase hex digits. Taking
 * parts lets callers hash `body + tail` without building the joined string: flattening a 60 MB
 * concatenation costs more than hashing it.
 */
export function sha256Text(...parts: string[]): string {
  if (nodeCrypto) {
    const hash = nodeCrypto.createHash('sha256');
    for (const part of parts) hash.update(part, 'utf8');
    return hash.digest('hex');
  }
  return sha256Hex(parts.join(''));
}

/**
 * SHA-256 of raw bytes followed by texts (as UTF-8): a file read as bytes is hashed as it lies on
 * disk, without decoding it to a string and encoding it back.
 */
export function sha256Bytes(bytes: Uint8Array, ...texts: string[]): string {
  if (nodeCrypto) {
    const hash = nodeCrypto.createHash('sha256');
    hash.update(bytes);
    for (const text of texts) hash.update(text, 'utf8');
    return hash.digest('hex');
  }
  return sha256Hex(new TextDecoder().decode(bytes) + texts.join(''));
}

/** A SHA-256 fed piece by piece: `update` the UTF-8 texts in order, then `digest` once. */
export interface Sha256Hasher {
  update(text: string): void;
  /** 64 lowercase hex digits of everything passed to `update`. */
  digest(): string;
}

/**
 * An incremental SHA-256, so a publication larger than V8's longest string (~512 MiB of UTF-16)
 * can be checksummed chunk by chunk. Without node:crypto the chunks are collected and hashed by
 * core's portable SHA-256 at the end; that path is bounded by the string limit again, which only
 * matters in a browser, where a publication of that size could not be held anyway.
 */
export function createSha256(): Sha256Hasher {
  if (nodeCrypto) {
    const hash = nodeCrypto.createHash('sha256');
    return {
      update: (text) => {
        hash.update(text, 'utf8');
      },
      digest: () => hash.digest('hex'),
    };
  }
  const parts: string[] = [];
  return {
    update: (text) => {
      parts.push(text);
    },
    digest: () => sha256Hex(parts.join('')),
  };
}

/** Whether the fast native hash is in use (false in browsers); exported for tests. */
export const hasNativeSha256 = nodeCrypto !== undefined;
