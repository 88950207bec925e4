import { textAt } from './xml-bytes';

/** Longest cell text (in UTF-8 bytes) the cache keeps: 32 Chinese characters. */
const MAX_BYTES = 96;
const SLOTS = 4096;
/** FNV-1a, the hash a text's slot is found by. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * The texts of short cells, found by their bytes. A sheet writes the same department, issuer,
 * source and 是/否 in thousands of cells; decoding each from UTF-8 made a new string every time
 * (a native call and garbage per cell), and every later lookup by that text (the import's
 * memoized parsers) hashed the new string again. Here a repeated text is the same string. A
 * fixed table (one slot per hash, the newest text wins) keeps memory bounded. A hit compares
 * every byte, so a text is never mistaken for another.
 */
export class TextCache {
  private readonly arena = new Uint8Array(SLOTS * MAX_BYTES);
  private readonly lengths = new Int16Array(SLOTS).fill(-1);
  private readonly texts: string[] = new Array(SLOTS).fill('');

  /** The text between two offsets, as `textAt` reads it. */
  text(buf: Uint8Array, start: number, end: number): string {
    if (end - start > MAX_BYTES) return textAt(buf as Buffer, start, end);
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, FNV_PRIME);
    return this.hashed(buf, start, end, hash);
  }

  /**
   * `text` for a caller that has already hashed the bytes (FNV-1a from FNV_OFFSET with
   * FNV_PRIME, as `text` does) while reading them.
   */
  hashed(buf: Uint8Array, start: number, end: number, hash: number): string {
    const length = end - start;
    if (length > MAX_BYTES) return textAt(buf as Buffer, start, end);
    const slot = (hash >>> 0) & (SLOTS - 1);
    const arena = this.arena;
    const base = slot * MAX_BYTES;
    if (this.lengths[slot] === length) {
      let i = 0;
      while (i < length && arena[base + i] === buf[start + i]) i++;
      if (i === length) return this.texts[slot]!;
    }
    const text = textAt(buf as Buffer, start, end);
    for (let i = 0; i < length; i++) arena[base + i] = buf[start + i]!;
    this.lengths[slot] = length;
    this.texts[slot] = text;
    return text;
  }
}
