import { main } from './main';

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
