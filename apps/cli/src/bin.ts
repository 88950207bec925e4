import { main } from './main';

// A reader that stops early (`jianzheng evaluate … | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// exitCode rather than process.exit(): stdout may still be flushing a large JSON document.
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`内部错误 internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
