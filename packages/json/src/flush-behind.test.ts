import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flushBehind } from './flush-behind';

const dir = mkdtempSync(join(tmpdir(), 'flush-behind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flushBehind', () => {
  it('flushes while a real file is written, and the file is exactly what was written', async () => {
    const path = join(dir, 'written.bin');
    const handle = await open(path, 'wx');
    const flush = flushBehind(handle, 1 << 16);
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(10_000, 65 + (i % 26)));
    for (const chunk of chunks) {
      await handle.write(chunk);
      flush.wrote(chunk.length);
    }
    await flush.done();
    await handle.close();
    expect(readFileSync(path).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('throws a flush that failed (the descriptor closed under it), by done and by the next wrote', async () => {
    const handle = await open(join(dir, 'closed.bin'), 'wx');
    const flush = flushBehind(handle, 1);
    await handle.close();
    flush.wrote(1);
    await expect(flush.done()).rejects.toMatchObject({
      code: expect.stringMatching(/^(EBADF|ERR_INVALID_STATE)$/),
    });
    expect(() => flush.wrote(1)).toThrow();
    await expect(flush.idle()).resolves.toBeUndefined();
  });
});
