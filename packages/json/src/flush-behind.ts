// Writing a long file while the kernel writes it to disk, instead of all of it at the closing fsync.
import type { FileHandle } from 'node:fs/promises';

/**
 * Starts an fdatasync of what was written whenever another `everyBytes` are written, never
 * two at once. Durability is still the caller's final `sync`; a failed flush is thrown by the next
 * `wrote` or by `done`; `idle` waits for the running one without throwing.
 */
export function flushBehind(handle: FileHandle, everyBytes: number) {
  let unflushed = 0;
  let running: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  return {
    wrote(bytes: number): void {
      if (failure !== undefined) throw failure.error;
      unflushed += bytes;
      if (unflushed < everyBytes || running !== undefined) return;
      unflushed = 0;
      running = handle.datasync().then(
        () => {
          running = undefined;
        },
        (error: unknown) => {
          failure ??= { error };
          running = undefined;
        },
      );
    },
    async done(): Promise<void> {
      await running;
      if (failure !== undefined) throw failure.error;
    },
    async idle(): Promise<void> {
      await running;
    },
  };
}
