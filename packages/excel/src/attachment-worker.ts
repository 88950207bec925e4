// The worker thread an Excel attachment is written on (attachment-thread.ts): it receives the
// head of the publication, starts writing, takes the rows' batches as they come, and reports how
// it ended.
import { parentPort } from 'node:worker_threads';
import { type AttachmentMessage, type AttachmentTaskReply, describeFailure } from './attachment-thread';
import { ArrivingPublication } from './attachment-transfer';
import { writeWorkbookFile } from './write-publication-workbook';

const port = parentPort!;
let arriving: ArrivingPublication | undefined;
port.on('message', (message: AttachmentMessage) => {
  if (message.type === 'batch') arriving?.add(message.batch);
  else if (message.type === 'whole') arriving?.whole(message.cells);
  else if (message.type === 'abandon') arriving?.abandon();
  else if (arriving === undefined) {
    const current = new ArrivingPublication(message.head);
    arriving = current;
    writeWorkbookFile(
      current.publication,
      message.temp,
      message.level,
      message.timeZone,
      current.arrival,
    ).then(
      () => port.postMessage({ ok: true } satisfies AttachmentTaskReply),
      (error: unknown) =>
        port.postMessage({ ok: false, failure: describeFailure(error) } satisfies AttachmentTaskReply),
    );
  }
});
