// The worker thread `importWorkbooks` runs one file's import on (import-threads.ts): the import
// is CPU-bound, so several files use several cores. Each task's result crosses back whole, its
// materials packed (import-transfer.ts) in a transferred buffer; the structured clone of the
// rest keeps one ServiceItem object per item, which the unpacked materials point at.
import { parentPort } from 'node:worker_threads';
import type { ImportTask, ImportTaskReply } from './import-threads';
import { packMaterials } from './import-transfer';
import { importWorkbook } from './import-workbook';
import { shareTextMemos } from './text-memos';

// This thread imports one file after another: they share the memoized text functions.
shareTextMemos();

const port = parentPort!;

async function importTask(task: ImportTask): Promise<void> {
  try {
    const input = typeof task.input === 'string' ? task.input : Buffer.from(task.input);
    const result = await importWorkbook(input, {
      ...task.options,
      ...(task.progress === false
        ? {}
        : {
            onProgress: (rows: number) =>
              port.postMessage({ type: 'progress', index: task.index, rows } satisfies ImportTaskReply),
          }),
    });
    const packed = packMaterials(result.materials, result.items);
    if (packed === undefined) {
      port.postMessage({ type: 'done', index: task.index, result } satisfies ImportTaskReply);
      return;
    }
    port.postMessage(
      {
        type: 'done',
        index: task.index,
        result: { ...result, materials: [] },
        packed,
      } satisfies ImportTaskReply,
      [packed.cells.buffer as ArrayBuffer],
    );
  } catch (error) {
    port.postMessage({
      type: 'failed',
      index: task.index,
      message: error instanceof Error ? error.message : String(error),
    } satisfies ImportTaskReply);
  }
}

// Tasks run one after another in the order they came, never interleaved: a caller may hand over
// the next file before this one is done (importWorkbooksAhead does), so that this thread goes on
// at once instead of waiting for the caller's thread to be free to answer.
let queue = Promise.resolve();
port.on('message', (task: ImportTask) => {
  queue = queue.then(() => importTask(task));
});
