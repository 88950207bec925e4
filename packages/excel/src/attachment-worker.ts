// The worker thread an Excel attachment is written on (attachment-thread.ts): it receives the
// packed publication once, writes the file, and reports how it ended.
import { parentPort } from 'node:worker_threads';
import { type AttachmentTask, type AttachmentTaskReply, describeFailure } from './attachment-thread';
import { unpackPublication } from './attachment-transfer';
import { writeWorkbookFile } from './write-publication-workbook';

const port = parentPort!;
port.once('message', async (task: AttachmentTask) => {
  try {
    await writeWorkbookFile(unpackPublication(task.packed), task.temp, task.level, task.timeZone);
    port.postMessage({ ok: true } satisfies AttachmentTaskReply);
  } catch (error) {
    port.postMessage({ ok: false, failure: describeFailure(error) } satisfies AttachmentTaskReply);
  }
});
