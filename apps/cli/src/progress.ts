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

/**
 * A one-line progress bar on stderr (files done, rows read, rows per second). It appears only after
 * a second, so quick imports print nothing, and only on a terminal unless forced: a bar redrawn
 * with carriage returns is noise in a log file.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { stream, colors, files } = options;
  const now = options.now ?? (() => performance.now());
  const enabled = options.force === true || stream.isTTY === true;
  const started = now();
  const delay = options.delayMs ?? 1000;
  let rows = 0;
  let fileIndex = 0;
  let shown = false;
  let lastDraw = 0;

  const draw = (final: boolean) => {
    const elapsed = (now() - started) / 1000;
    const filesDone = final ? files : fileIndex;
    const filled = files > 0 ? Math.round((filesDone / files) * BAR) : BAR;
    const bar = colors.green('█'.repeat(filled)) + colors.dim('░'.repeat(BAR - filled));
    const rate = elapsed > 0 ? Math.round(rows / elapsed) : 0;
    const line =
      `导入 ▕${bar}▏ ${filesDone}/${files} 个文件 · ${formatCount(rows)} 行 · ${formatCount(rate)} 行/秒` +
      ` (files, rows, rows/s)`;
    stream.write(`${stream.isTTY ? '\r\u001b[2K' : ''}${line}${final || !stream.isTTY ? '\n' : ''}`);
  };

  const tick = () => {
    if (!enabled) return;
    const t = now();
    if (t - started < delay) return;
    // A terminal redraws often; a log gets one line every few seconds at most.
    if (shown && t - lastDraw < (stream.isTTY ? 100 : 2000)) return;
    shown = true;
    lastDraw = t;
    draw(false);
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
      if (enabled && (shown || now() - started >= delay)) draw(true);
    },
  };
}
