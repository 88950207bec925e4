import { startParserThread } from '@jianzheng/core/node';
import { ImportLimitError, type ImportLimits, type LimitLocation } from './limits';
import type { WholeFormat } from './open-input';
import { formatName, UnreadableFormatError } from './read-whole';
import type { StreamedSheet } from './read-worksheets';
import type { WholeWorkerData, WholeWorkerError, WholeWorkerReply, WholeWorkerRequest } from './whole-worker';
import { SheetRow } from './worksheet-rows';

/** The parser's worker ran out of the heap it was given: the file is a bomb or far too large. */
export class ParserMemoryExceededError extends ImportLimitError {
  readonly limit = 'maxParserHeapMb';
  constructor(format: string, heapMb: number, cause?: unknown) {
    super(
      'PARSER_MEMORY_EXCEEDED',
      `读取此 ${format} 文件所需内存超过上限 ${heapMb} MiB（该格式须整体读入内存），可能是恶意构造的文件，已停止读取；请另存为 .xlsx 后再导入，或拆分文件`,
      `reading this ${format} file needs more than the ${heapMb} MiB allowed (the format is read whole): possibly a hostile file, stopped; save it as .xlsx or split it`,
    );
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause });
  }
}

/** A limit error raised on the worker thread, as the importer reports it. */
class ThreadLimitError extends ImportLimitError {
  constructor(
    readonly limit: keyof ImportLimits,
    code: string,
    zh: string,
    en: string,
    at: LimitLocation,
  ) {
    super(code, zh, en, at);
  }
}

// From dist/ the worker is the sibling entry; from src/ (tests run the sources) the built one.
const workerUrl = () =>
  import.meta.url.endsWith('.ts')
    ? new URL('../dist/whole-worker.js', import.meta.url)
    : new URL('./whole-worker.js', import.meta.url);

export interface OffThreadOptions {
  maxCellLength: number;
  /** The worker's old-generation heap, in MiB. */
  heapMb: number;
  csvSheetName?: string;
}

/**
 * Reads a whole-file format (SheetJS) on a worker thread of its own, limited by `resourceLimits`,
 * and streams its rows back a batch at a time as they are asked for: the caller holds one batch,
 * the worker the workbook. The worker is ended when the sheets are read or the caller stops.
 */
export async function* readWholeOffThread(
  bytes: Uint8Array,
  format: WholeFormat,
  options: OffThreadOptions,
): AsyncGenerator<StreamedSheet> {
  const name = formatName(format);
  const thread = startParserThread<WholeWorkerRequest, WholeWorkerReply>(workerUrl(), {
    workerData: {
      format,
      maxCellLength: options.maxCellLength,
      csvSheetName: options.csvSheetName,
    } satisfies WholeWorkerData,
    heapMb: options.heapMb,
    outOfMemory: (cause) => new ParserMemoryExceededError(name, options.heapMb, cause),
  });
  const ask = async (request: WholeWorkerRequest, transfer?: ArrayBuffer[]): Promise<WholeWorkerReply> => {
    const answer = await thread.ask(request, transfer);
    if (answer.type === 'error') throw revive(answer.error, format);
    return answer;
  };

  try {
    // A copy is handed over: the caller's bytes (a held upload) stay usable.
    const copy = new Uint8Array(bytes);
    const opened = await ask({ type: 'open', bytes: copy }, [copy.buffer as ArrayBuffer]);
    if (opened.type !== 'sheets') return;
    for (let index = 0; index < opened.sheets.length; index++) {
      const sheet = opened.sheets[index]!;
      yield { name: sheet.name, state: sheet.state, rows: rowsOf(index), merges: sheet.merges };
    }
  } finally {
    await thread.close();
  }

  async function* rowsOf(sheet: number): AsyncGenerator<SheetRow[]> {
    for (;;) {
      const reply = await ask({ type: 'next', sheet });
      if (reply.type !== 'rows' || reply.rows === null) return;
      // Structured cloning keeps a row's fields, not its class.
      for (const row of reply.rows) Object.setPrototypeOf(row, SheetRow.prototype);
      yield reply.rows;
    }
  }
}

function revive(error: WholeWorkerError, format: WholeFormat): Error {
  if (error.limit !== undefined && error.code !== undefined) {
    return new ThreadLimitError(
      error.limit as keyof ImportLimits,
      error.code,
      error.message,
      error.messageEn ?? error.message,
      error.at ?? {},
    );
  }
  if (error.detail !== undefined) return new UnreadableFormatError(formatName(format), error.detail);
  return new Error(error.message);
}
