import { CommanderError } from 'commander';
import { describeCommanderError } from './commander-errors';
import { createContext } from './context';
import { describeError, EXIT, exitCodeOf } from './errors';
import { type CliIo, nodeIo } from './io';
import { createProgram } from './program';
import { guardOutput } from './terminal';

/**
 * Runs `jianzheng` with `argv` (as process.argv: node, script, …) and resolves to the exit code.
 * Errors are printed zh-CN first on stderr; a stack trace only with --debug.
 */
export async function main(argv: readonly string[], given: CliIo = nodeIo()): Promise<number> {
  const io = guardOutput(given);
  const result: { code: number; context?: ReturnType<typeof createContext> } = { code: EXIT.ok };
  const program = createProgram(io, result);
  try {
    await program.parseAsync([...argv]);
    return result.code;
  } catch (error) {
    const ctx = result.context ?? createContext(io, safeOpts(program));
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      if (error.exitCode === 0) return EXIT.ok;
      io.stderr.write(`${ctx.err.red('错误')} ${describeCommanderError(error)}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`${ctx.err.red('错误')} ${describeError(error)}\n`);
    if (ctx.debug || argv.includes('--debug')) {
      io.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      const cause = (error as { cause?: unknown })?.cause;
      if (cause) io.stderr.write(`cause: ${(cause as Error)?.stack ?? String(cause)}\n`);
    }
    return exitCodeOf(error);
  }
}

function safeOpts(program: ReturnType<typeof createProgram>): { color?: boolean; debug?: boolean } {
  try {
    return program.opts();
  } catch {
    return {};
  }
}
