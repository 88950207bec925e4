import { type Options, SingleBar } from 'cli-progress';
import type { Colors, OutputStream } from './io';
import { formatCount } from './table';

export interface Progress {
  /** Rows read so far over all files. */
  rows(count: number): void;
  /** A file is about to be read (0-based index). */
  file(index: number): void;
  done(): void;
}

export interface ProgressOptions {
  stream: OutputStream;
  colors: Colors;
  files: number;
  /** Show only when the work lasts longer than this (ms); quick imports stay silent. */
  delayMs?: number;
  /** Draw even when the stream is no terminal (JIANZHENG_PROGRESS=1, for logs and tests). */
  force?: boolean;
  now?: () => number;
}

const BAR = 24;

interface Payload {
  files: number;
  rows: number;
  rate: number;
}

/**
 * A one-line progress bar on stderr (files done, rows read, rows per second), drawn by cli-progress.
 * It appears only after a second, so quick imports print nothing, and only on a terminal unless
 * forced: a bar redrawn in place is noise in a log file, which gets a line every two seconds instead.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { stream, colors, files } = options;
  const now = options.now ?? (() => performance.now());
  const enabled = options.force === true || stream.isTTY === true;
  const started = now();
  const delay = options.delayMs ?? 1000;
  const tty = stream.isTTY === true;
  let rows = 0;
  let fileIndex = 0;
  let bar: SingleBar | undefined;

  const line = (filesDone: number, payload: Payload) => {
    const filled = files > 0 ? Math.round((filesDone / files) * BAR) : BAR;
    const drawn = colors.green('█'.repeat(filled)) + colors.dim('░'.repeat(BAR - filled));
    return (
      `导入 ▕${drawn}▏ ${filesDone}/${files} 个文件 · ${formatCount(payload.rows)} 行 · ` +
      `${formatCount(payload.rate)} 行/秒 (files, rows, rows/s)`
    );
  };
  const payload = (): Payload => {
    const elapsed = (now() - started) / 1000;
    return { files, rows, rate: elapsed > 0 ? Math.round(rows / elapsed) : 0 };
  };
  const barOptions: Options = {
    stream: redrawAsOwn(stream),
    format: (_options, params, data: Payload) => line(params.value, data),
    fps: 10,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    hideCursor: false,
    linewrap: true,
    // A log keeps the last line as it is; a terminal keeps the final bar on screen.
    clearOnComplete: !tty,
  };

  const tick = () => {
    if (!enabled || now() - started < delay) return;
    if (bar === undefined) {
      bar = new SingleBar(barOptions);
      bar.start(files, fileIndex, payload());
    } else bar.update(fileIndex, payload());
  };

  return {
    rows(count) {
      rows = count;
      tick();
    },
    file(index) {
      fileIndex = index;
      tick();
    },
    done() {
      if (bar !== undefined) {
        bar.update(files, payload());
        bar.stop();
      } else if (enabled && now() - started >= delay) {
        // Never drawn before: the final line alone (a started bar would draw it twice in a log).
        stream.write(`${line(files, payload())}\n`);
      }
    },
  };
}

// cli-progress redraws by saving the cursor, moving to column 1 and clearing to the right. The
// guarded terminal streams (terminal.ts) pass only the CLI's own redraw, `\r ESC[2K`, so that
// workbook text can never move the cursor: the bar's sequences are written as that one.
const CURSOR_TO_START = '\u001b[1G';
const DROPPED = new Set(['\u001b7', '\u001b8', '\u001b[0K']);

function redrawAsOwn(stream: OutputStream): NodeJS.WritableStream {
  const target = {
    write(chunk: string) {
      if (DROPPED.has(chunk)) return true;
      stream.write(chunk === CURSOR_TO_START ? '\r\u001b[2K' : chunk);
      return true;
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
  // cli-progress only writes to its stream and reads isTTY and columns.
  return target as unknown as NodeJS.WritableStream;
}
