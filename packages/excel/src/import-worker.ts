// The worker side of createWorkerImporter: imports the workbooks it is sent, one message each.
import { parentPort } from 'node:worker_threads';
import { importWorkbook } from './import-workbook';
import type { ImportOptions } from './stream-workbook';

export interface ImportRequest {
  id: number;
  input: string | Uint8Array;
  options: Omit<ImportOptions, 'onProgress'> & { progress?: boolean };
}

const port = parentPort;
if (port !== null) {
  port.on('message', async ({ id, input, options }: ImportRequest) => {
    const { progress, ...rest } = options;
    try {
      const result = await importWorkbook(input, {
        ...rest,
        ...(progress ? { onProgress: (rows: number) => port.postMessage({ id, rows }) } : {}),
      });
      port.postMessage({ id, result });
    } catch (error) {
      // importWorkbook turns bad input into issues; only a bug or a lost file system lands here.
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
