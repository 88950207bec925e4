import type { CliIo, OutputStream } from './io';

// Escape sequences (CSI … final byte, OSC … BEL/ST, and two-byte ESC x) and the other C0 controls
// except tab and newline. Cells from workbooks can carry them (ESC, or `&#x1b;` decoded by the XML
// reader) and would move the cursor, erase lines, retitle the window or hide text.
const SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_]?)/g;
const C0 = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// C1 controls: U+009B is a CSI of its own on terminals that honour 8-bit controls.
const C1 = /[\u0080-\u009f]/g;
// What the CLI itself writes to a terminal: colours and the progress bar's line redraw.
const OWN = /^(?:\u001b\[[0-9;]*m|\r\u001b\[2K)$/;

/**
 * Text safe to show: on a terminal, every control except tab and newline goes, the CLI's own
 * colours and progress redraw excepted; to a pipe or file, escape sequences and C0 controls go
 * (JSON output escapes those itself, so data is unchanged).
 */
export function stripControls(text: string, terminal: boolean): string {
  if (!terminal) return text.replace(SEQUENCE, '').replace(C0, '');
  let out = '';
  let last = 0;
  // Keep our own sequences: find each ESC sequence (with a preceding \r for the redraw).
  const pattern = new RegExp(`\\r?${SEQUENCE.source}`, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    out += clean(text.slice(last, match.index));
    if (OWN.test(match[0])) out += match[0];
    last = match.index + match[0].length;
  }
  return out + clean(text.slice(last));
}

const clean = (text: string) => text.replace(C0, '').replace(C1, '');

function guard(stream: OutputStream): OutputStream {
  return {
    write: (chunk: string) => stream.write(stripControls(String(chunk), stream.isTTY === true)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/** The streams of `io`, passing only text safe for where they go. */
export function guardOutput(io: CliIo): CliIo {
  return { ...io, stdout: guard(io.stdout), stderr: guard(io.stderr) };
}
