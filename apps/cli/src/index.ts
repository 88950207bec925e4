// @jianzheng/cli — the `jianzheng` command. The bin is dist/bin.js; this entry lets tools run it.

export type { CommandContext } from './context';
export { CliError, EXIT } from './errors';
export type { EvaluatedMaterial, EvaluationDocument, EvaluationIssue, EvaluationSummary } from './evaluation';
export type { CliIo, OutputStream } from './io';
export { nodeIo } from './io';
export { main } from './main';
export { createProgram, VERSION } from './program';
