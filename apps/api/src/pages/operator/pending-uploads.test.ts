import { describe, expect, it } from 'vitest';
import { createPendingUploads } from './pending-uploads';

const file = (bytes: number) => ({ name: 'a.xlsx', type: '', bytes: new Uint8Array(bytes) });

describe('checked uploads held for confirmation', () => {
  it('counts the report by its real size, caps a department and the total, and refuses rather than evicts', () => {
    const pending = createPendingUploads<unknown>({ maxBytes: 10_000, maxBytesPerGroup: 6_000 });
    const report = [{ materials: Array.from({ length: 40 }, (_, i) => ({ name: `材料${i}` })) }];
    const reportBytes = Buffer.byteLength(JSON.stringify(report));
    const a = pending.put({ owner: 'a', group: '公安局', batchId: 'b', files: [file(1000)], report });
    expect(a).toBeDefined();
    expect(pending.heldBytes()).toBe(1000 + reportBytes);
    // Another clerk of the same department: past the department's cap, refused; a's entry stays.
    expect(
      pending.put({ owner: 'c', group: '公安局', batchId: 'b', files: [file(5000)], report }),
    ).toBeUndefined();
    expect(pending.get(a!, 'a', 'b')?.report).toEqual(report);
    // What is left for 公安局: its own cap's rest (the total has more).
    expect(pending.space('c', '公安局', 'b')).toBe(6_000 - 1000 - reportBytes);
    // Another department fits until the total is reached.
    expect(
      pending.put({ owner: 'd', group: '市场局', batchId: 'b', files: [file(4000)], report }),
    ).toBeDefined();
    // What is left for 民政局: the total's rest (10,000 less both entries), below its own 6,000.
    expect(pending.space('e', '民政局', 'b')).toBe(10_000 - 5000 - 2 * reportBytes);
  });

  it('replaces the same operator’s previous check of the batch and lets entries expire', () => {
    let now = 0;
    const pending = createPendingUploads<string>({ maxBytesPerGroup: 3000, ttlMs: 1000, now: () => now });
    const first = pending.put({ owner: 'a', group: 'g', batchId: 'b', files: [file(2000)], report: 'r' });
    const second = pending.put({ owner: 'a', group: 'g', batchId: 'b', files: [file(2000)], report: 'r' });
    expect(second).toBeDefined();
    expect(pending.get(first!, 'a', 'b')).toBeUndefined();
    now = 1001;
    expect(pending.get(second!, 'a', 'b')).toBeUndefined();
    expect(pending.heldBytes()).toBe(0);
  });
});
