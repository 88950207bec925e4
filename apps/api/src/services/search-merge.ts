/** A min-heap over the heads of sorted position lists (values below `end` only). */
export class Merge {
  private readonly heap: number[] = [];
  /** The position popped before the current one (-1 at first). */
  last = -1;
  constructor(
    private readonly lists: Uint32Array[],
    private readonly heads: number[],
    private readonly end: number,
  ) {
    lists.forEach((a, i) => {
      if ((heads[i] ?? 0) < a.length && a[heads[i]!]! < end) this.push(i);
    });
  }
  private value(i: number) {
    return this.lists[i]![this.heads[i]!]!;
  }
  private push(i: number) {
    this.heap.push(i);
    this.siftUp(this.heap.length - 1);
  }
  /** The smallest head position (advancing its list), or -1 when every list is spent. */
  pop(): number {
    const h = this.heap;
    if (h.length === 0) return -1;
    const i = h[0]!;
    const pos = this.value(i);
    this.heads[i] = this.heads[i]! + 1;
    if (this.heads[i]! < this.lists[i]!.length && this.value(i) < this.end) {
      this.siftDown(0);
    } else {
      const top = h.pop()!;
      if (h.length > 0) {
        h[0] = top;
        this.siftDown(0);
      }
    }
    return pos;
  }
  private siftUp(c: number) {
    const h = this.heap;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (this.value(h[parent]!) <= this.value(h[c]!)) break;
      [h[parent], h[c]] = [h[c]!, h[parent]!];
      c = parent;
    }
  }
  private siftDown(c: number) {
    const h = this.heap;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < h.length && this.value(h[l]!) < this.value(h[m]!)) m = l;
      if (r < h.length && this.value(h[r]!) < this.value(h[m]!)) m = r;
      if (m === c) return;
      [h[m], h[c]] = [h[c]!, h[m]!];
      c = m;
    }
  }
}
