import type { CommanderError } from 'commander';

// Commander speaks English; operators read zh-CN first. Keep commander's text as the English line.
const ZH: Record<string, (token: string) => string> = {
  'commander.unknownOption': (t) => `未知选项 ${t}`,
  'commander.unknownCommand': (t) => `未知命令 ${t}`,
  'commander.missingArgument': (t) => `缺少必需的参数 ${t}`,
  'commander.optionMissingArgument': (t) => `选项 ${t} 缺少取值`,
  'commander.missingMandatoryOptionValue': (t) => `缺少必需的选项 ${t}`,
  'commander.excessArguments': () => '参数过多',
  'commander.invalidArgument': (t) => `取值无效 ${t}`,
  'commander.conflictingOption': (t) => `选项冲突 ${t}`,
};

export function describeCommanderError(error: CommanderError): string {
  const english = error.message.replace(/^error:\s*/, '');
  const token = /'([^']+)'/.exec(english)?.[1] ?? '';
  const zh = ZH[error.code]?.(token) ?? '命令用法错误';
  return `${zh}（用 jianzheng --help 或 jianzheng <命令> --help 查看用法）\n  ${english}`;
}
