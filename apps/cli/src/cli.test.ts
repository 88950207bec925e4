import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ROOT, DEMO_DIR, runCli, STACK_LINE, tempDir } from './test-support';

const tmp = tempDir('usage');
afterAll(() => tmp.remove());
const demoFile = join(DEMO_DIR, '11-市残疾人联合会.xlsx');

describe('jianzheng: help, version, usage errors', () => {
  it('prints help for the program and for every command, exit 0', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of [
      'template',
      'evaluate',
      'report',
      'publish',
      'diff',
      'compare',
      'explain',
      'serve',
      'token',
    ]) {
      expect(top.stdout).toContain(command);
      const help = await runCli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`Usage: jianzheng ${command}`);
    }
  });

  it('prints the package version', async () => {
    const { version } = (await import(join(CLI_ROOT, 'package.json'), { with: { type: 'json' } }))
      .default as {
      version: string;
    };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('rejects an unknown option with exit 2, zh-CN first, no stack trace', async () => {
    const result = await runCli(['evaluate', demoFile, '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^错误 未知选项 --frobnicate/);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('rejects an unknown command and a bad --format value with exit 2', async () => {
    const unknown = await runCli(['evalute', demoFile]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知命令 evalute');
    const format = await runCli(['evaluate', demoFile, '--format', 'yaml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('取值无效');
  });

  it('reports a missing file with exit 2 and reads nothing', async () => {
    const result = await runCli(['evaluate', demoFile, 'no-such-file.xlsx', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('文件不存在：no-such-file.xlsx');
    expect(result.stderr).toContain('file not found');
  });

  it('reports a file that is not a workbook with exit 1, and still evaluates the other files', async () => {
    const bad = join(tmp.path, '公安局.xlsx');
    // Text without a header row (a CSV with 事项名称/材料名称 would import: CSV is a format).
    writeFileSync(bad, '这是一份工作说明，不是表格。\n请按模板填写。\n');
    const result = await runCli(['evaluate', bad, demoFile, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/错误 error .*公安局\.xlsx.*不是申请材料清单/);
    expect(result.stderr).not.toMatch(STACK_LINE);
    const document = JSON.parse(result.stdout);
    const errors = document.issues.filter((issue: { severity: string }) => issue.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].file).toContain('公安局.xlsx');
    expect(document.summary.departments).toBe(1);
    expect(document.materials.every((m: { department: string }) => m.department === '市残疾人联合会')).toBe(
      true,
    );
  });

  it('reports an invalid configuration with exit 2 naming the key; --debug adds the stack', async () => {
    const config = join(tmp.path, 'bad.config.json');
    writeFileSync(config, JSON.stringify({ rules: { disabled: ['no-such-rule'] } }));
    const plain = await runCli(['report', demoFile, '--config', config]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('no-such-rule');
    expect(plain.stderr).toContain('未知的规则');
    expect(plain.stderr).not.toMatch(STACK_LINE);
    const debug = await runCli(['report', demoFile, '--config', config, '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK_LINE);
  });

  it('writes no colour codes when stdout is not a terminal', async () => {
    const result = await runCli(['report', demoFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
  });
});
