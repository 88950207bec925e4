// The one SHA-256 of the repository. Ids must be computable where the list is shown (browsers
// included), so core carries a small portable SHA-256 and imports no node:crypto; where the
// runtime has node:crypto (Node ≥ 20.16, Deno, Bun, reached through `process.getBuiltinModule`,
// which no bundler follows), the native digest is used: about ten times faster on an import's
// hot path and for the checksum of a whole publication.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const W = new Uint32Array(64);
const encoder = new TextEncoder();

interface NodeHash {
  update(data: string | Uint8Array): NodeHash;
  digest(encoding: 'hex'): string;
}
const nodeCrypto = (() => {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return process?.getBuiltinModule?.('node:crypto') as
      | {
          createHash(algorithm: 'sha256'): NodeHash;
          hash?(algorithm: 'sha256', data: string | Uint8Array, encoding: 'hex'): string;
        }
      | undefined;
  } catch {
    return undefined;
  }
})();

// `crypto.hash` (Node ≥ 20.12) digests in one call without a Hash object: about 4× faster than
// createHash for the short texts of material ids, hashed once per material on import.
const oneShot = nodeCrypto?.hash?.bind(nodeCrypto);

/** Whether the native digest is in use (false in browsers). */
export const hasNativeSha256 = nodeCrypto !== undefined;

/** SHA-256 of a string's UTF-8 bytes (or of raw bytes), as 64 lowercase hex digits. */
export function sha256Hex(input: string | Uint8Array): string {
  if (oneShot !== undefined) return oneShot('sha256', input, 'hex');
  return nodeCrypto ? nodeCrypto.createHash('sha256').update(input).digest('hex') : portableSha256Hex(input);
}

/** A SHA-256 fed piece by piece (UTF-8 text or bytes, in order), then `digest` once. */
export interface Sha256Hasher {
  update(data: string | Uint8Array): void;
  /** 64 lowercase hex digits of everything passed to `update`. */
  digest(): string;
}

/**
 * An incremental SHA-256, so data larger than V8's longest string (~512 MiB of UTF-16) can be
 * hashed chunk by chunk. Without node:crypto the pieces are collected and hashed at the end by
 * the portable code, which only matters in a browser, where data of that size is not held anyway.
 */
export function createSha256(): Sha256Hasher {
  if (nodeCrypto) {
    const hash = nodeCrypto.createHash('sha256');
    return {
      update: (data) => {
        hash.update(data);
      },
      digest: () => hash.digest('hex'),
    };
  }
  const parts: Uint8Array[] = [];
  return {
    update: (data) => {
      parts.push(typeof data === 'string' ? encoder.encode(data) : data);
    },
    digest: () => {
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      return portableSha256Hex(all);
    },
  };
}

/** The portable SHA-256 (no node:crypto); exported for tests. */
export function portableSha256Hex(input: string | Uint8Array): string {
  const data = typeof input === 'string' ? encoder.encode(input) : input;
  const bitLength = data.length * 8;
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);

  let h0 = 0x6a09e667;
  let h1 = 0xbb67ae85;
  let h2 = 0x3c6ef372;
  let h3 = 0xa54ff53a;
  let h4 = 0x510e527f;
  let h5 = 0x9b05688c;
  let h6 = 0x1f83d9ab;
  let h7 = 0x5be0cd19;

  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) W[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15]!;
      const w2 = W[i - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[i]! + W[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  return [h0, h1, h2, h3, h4, h5, h6, h7].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}
