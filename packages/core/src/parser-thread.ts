import { startWorkerThread } from './worker-thread';

export interface ParserThreadOptions {
  /** Handed to the worker as `workerData`. */
  workerData?: unknown;
  /** The worker's old-generation heap, in MiB (`resourceLimits.maxOldGenerationSizeMb`). */
  heapMb: number;
  /** The error a request gets when the worker ran out of its heap (or stopped). */
  outOfMemory: (cause?: unknown) => Error;
}

/** A parser on a worker thread of its own: one request at a time, answered in order. */
export interface ParserThread<Request, Reply> {
  ask(request: Request, transfer?: ArrayBuffer[]): Promise<Reply>;
  /** Ends the worker (and its heap). */
  close(): Promise<void>;
}

/**
 * Starts a worker thread with a heap limit for parsing untrusted input, so a bomb exhausts that
 * thread's heap and ends that thread, never the caller's event loop or process. Keep the heap well
 * above what one native call (a JSON.parse, a TextDecoder) can allocate for an input under its
 * size limit: V8 can only stop a worker between JavaScript steps.
 */
export function startParserThread<Request, Reply>(
  url: URL,
  options: ParserThreadOptions,
): ParserThread<Request, Reply> {
  const worker = startWorkerThread(url, {
    workerData: options.workerData,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: 32 },
  });
  let waiting: { resolve: (reply: Reply) => void; reject: (error: unknown) => void } | undefined;
  let stopped: unknown;
  const fail = (error: unknown) => {
    stopped ??= error;
    waiting?.reject(stopped);
    waiting = undefined;
  };
  worker.on('message', (reply: Reply) => {
    const w = waiting;
    waiting = undefined;
    w?.resolve(reply);
  });
  worker.on('error', (error: NodeJS.ErrnoException) =>
    fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? options.outOfMemory(error) : error),
  );
  worker.on('exit', () => fail(options.outOfMemory()));
  return {
    ask: (request, transfer) =>
      new Promise<Reply>((resolve, reject) => {
        if (stopped !== undefined) return reject(stopped);
        waiting = { resolve, reject };
        worker.postMessage(request, transfer);
      }),
    async close() {
      stopped ??= new Error('closed');
      await worker.terminate();
    },
  };
}
