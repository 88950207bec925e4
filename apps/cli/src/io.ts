import picocolors from 'picocolors';

type Colors = ReturnType<typeof picocolors.createColors>;

/** A stream the command writes to; only what the CLI needs, so tests can pass their own. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything the command touches outside itself: streams, environment, clock. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
}

export function nodeIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/**
 * Colour only for a person at a terminal: never when the stream is a pipe or a file, never with
 * NO_COLOR set (https://no-color.org), never with --no-color.
 */
export function colorsFor(stream: OutputStream, env: CliIo['env'], allowed: boolean): Colors {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return picocolors.createColors(allowed && !noColor && stream.isTTY === true);
}

export type { Colors };
