import { Command, Option } from 'commander';
import packageJson from '../package.json';
import type { TemplateCommandOptions } from './commands/template';
import { type CommandContext, createContext } from './context';
import { CliError, EXIT } from './errors';
import type { CliIo } from './io';

export const VERSION: string = packageJson.version;
/** The SQLite file `serve` and `token` use unless --db or $JIANZHENG_DB says otherwise. */
function noWorkbooks(): CliError {
  return new CliError(
    'CLI_NO_WORKBOOKS',
    'report 需要部门工作簿，或用 --cases 统计督查件',
    'report needs department workbooks, or --cases for supervision cases',
    EXIT.usage,
  );
}

export const DEFAULT_DB_FILE = 'jianzheng.sqlite';

// Commands load on first use: `--help` and `--version` need neither exceljs nor the API app.

/**
 * The `jianzheng` command tree. Actions put their exit code in `result.code`; nothing here calls
 * process.exit, so the program can run inside tests and other tools.
 */
export function createProgram(io: CliIo, result: { code: number; context?: CommandContext }): Command {
  const program = new Command('jianzheng');
  const context = (): CommandContext => {
    result.context ??= createContext(io, program.opts());
    return result.context;
  };
  const run =
    <A extends unknown[]>(action: (ctx: CommandContext, ...args: A) => Promise<number>) =>
    async (...args: A) => {
      result.code = await action(context(), ...args);
    };

  program
    .description(
      '减证便民：政务服务事项申请材料清理 — 导入部门工作簿、按规则评估、统计、发布\n(clean up the application materials of government services)',
    )
    .version(VERSION, '-V, --version', '显示版本 (show the version)')
    .helpOption('-h, --help', '显示帮助 (show help)')
    .helpCommand('help [命令]', '显示命令的帮助 (help for a command)')
    .option('--no-color', '不使用颜色 (no colours; also NO_COLOR=1)')
    .option('--debug', '出错时显示技术细节 (show stack traces)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by main() in zh-CN first; commander's own line would duplicate them.
      outputError: () => {},
    });

  // One default for serve and token (and `npm run serve`), so a token made one
  // way is found by a server started the other way.
  const defaultDb = io.env.JIANZHENG_DB ?? DEFAULT_DB_FILE;
  const configOption = () =>
    new Option(
      '-c, --config <file>',
      '配置文件 (.json/.jsonc/.js)：规则、目录、插件、时区 (city configuration)',
    );

  // The same per-file import limits on every command that reads department workbooks.
  const withImportLimits = (command: Command) =>
    command
      .option('--max-rows <行数>', '每个文件最多读取的行数 (rows per file; default 3000000)')
      .option('--max-materials <条数>', '每个文件最多的材料数 (materials per file; default 2000000)')
      .option('--max-item-materials <条数>', '一个事项最多的材料数 (materials of one item; default 10000)')
      .option('--max-cell-length <字符>', '单元格最大字符数 (characters per cell; default 32767)')
      .option(
        '--max-shared-strings <条数>',
        '共享字符串表最大条目数 (shared strings per file; default 10000000)',
      )
      .option(
        '--max-part-bytes <字节>',
        'xlsx 每个部件解压后的最大字节数 (inflated bytes per xlsx part; default 1073741824)',
      )
      .option(
        '--max-file-bytes <字节>',
        '需整体读入的格式（.xls/.et/.ods/.xlsb/CSV）的最大字节数 (size of a file read whole; default 67108864)',
      );

  program
    .command('template')
    .description('生成部门填报模板 (write the department submission template)')
    .requiredOption('-o, --output <file>', '输出的 .xlsx 文件 (output file)')
    .option('-d, --department <名称>', '部门名称，用作工作表名和下拉选项 (department name)')
    .addOption(configOption())
    .option('-f, --force', '覆盖已存在的文件 (overwrite)')
    .action(
      run(async (ctx, options: TemplateCommandOptions) =>
        (await import('./commands/template')).templateCommand(ctx, options),
      ),
    );

  withImportLimits(program.command('evaluate'))
    .description('导入工作簿并按规则评估每项材料 (import and evaluate)')
    .argument('<workbooks...>', '部门工作簿 .xlsx (department workbooks)')
    .addOption(configOption())
    .addOption(
      new Option('-f, --format <format>', '输出格式 (output format)')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option('--verbose', '同时显示导入提示信息 (also show info notices)')
    .addHelpText(
      'after',
      '\n退出码 (exit codes): 0 全部导入成功；1 有文件导入出错（其余文件照常评估输出）；2 用法错误（未知选项、文件不存在、配置无效）',
    )
    .action(
      run(async (ctx, files: string[], options) =>
        (await import('./commands/evaluate')).evaluateCommand(ctx, files, options),
      ),
    );

  withImportLimits(program.command('report'))
    .description(
      '统计表：按部门、按取消类别，取消率保留一位小数；--cases 为督查件统计 (statistics for people)',
    )
    .argument('[workbooks...]', '部门工作簿 .xlsx (department workbooks)')
    .option('--cases', '督查件统计：按部门的举报、整改、超期、答复用时 (supervision cases, from --db)')
    .option(
      '--db <file>',
      '数据库文件，与 --cases 或专项清理编号同用 (database file for --cases or a programme id; also $JIANZHENG_DB)',
      defaultDb,
    )
    .option('--batch <id>', '只统计该批次的督查件 (cases of one batch)')
    .option(
      '--programme <file|id>',
      '专项清理统计：单位报送情况、拟取消、已公布取消、对照目标的累计减少 (programme figures, from a programme JSON file, or an id kept in --db)',
    )
    .option(
      '--refer',
      '建议上级取消：按制定机关列出设定依据为部门规章或上级文件的保留材料 (materials to refer to their issuers)',
    )
    .addOption(configOption())
    .addOption(
      new Option(
        '-f, --format <format>',
        '输出格式；json 仅用于 --programme (output format; json with --programme)',
      )
        .choices(['table', 'markdown', 'json'])
        .default('table'),
    )
    .option('--verbose', '同时显示导入提示信息 (also show info notices)')
    .option(
      '--as-of <YYYY-MM-DD>',
      '统计日期，晚于该日生效的取消计为计划取消；默认今天 (day counted for planned cancellations; default today)',
    )
    .action(
      run(async (ctx, files: string[], options) => {
        if (options.programme)
          return (await import('./commands/report-programme')).reportProgrammeCommand(
            ctx,
            options.programme,
            files,
            options,
          );
        if (options.format === 'json')
          throw new CliError(
            'CLI_FORMAT_UNSUPPORTED',
            'report 的 json 格式只用于 --programme；部门统计请用 table 或 markdown',
            'report --format json needs --programme; use table or markdown',
            EXIT.usage,
          );
        if (options.cases) return (await import('./commands/report-cases')).reportCasesCommand(ctx, options);
        if (files.length === 0) throw noWorkbooks();
        return (await import('./commands/report')).reportCommand(ctx, files, options);
      }),
    );

  withImportLimits(program.command('publish'))
    .description('发布批次的下一版：JSON、正式 Excel 附件，并与上一版比较 (publish the next version)')
    .argument('<workbooks...>', '部门工作簿 .xlsx (department workbooks)')
    .requiredOption('--batch <id>', '批次编号，例如 suzhou-2018-first (batch id)')
    .requiredOption('--title <标题>', '批次标题，例如 第一批 (batch title)')
    .option('--doc-number <文号>', '印发文件的文号 (document number)')
    .requiredOption('-o, --out <dir>', '发布目录，文件写到 <dir>/<批次>/v<N>.json (output folder)')
    .addOption(configOption())
    .option('--reason <原因>', '动态调整原因，第 2 版起必填 (adjustment reason, version ≥ 2)')
    .option(
      '--legal-review <审查意见>',
      '调整恢复已取消材料或新增材料时必填：已通过的合法性审查（审查机关、意见、文号），写入调整原因 (the passed legal review of an adjustment that restores or adds materials)',
    )
    .option('--approved-at <日期>', '常务会议审议通过日期 (approval date)')
    .option(
      '--approved <文号>',
      '批准清单的文件文号：有了它，引擎建议（未经人工审核）按原样成为正式清单；没有它，清单标为“送审稿” (the approving document: without it a list of engine proposals is published as a 送审稿 draft)',
    )
    .option('--published-at <时间>', '发布时间，ISO 8601，默认当前时间 (publication time)')
    .option('--verbose', '同时显示导入提示信息 (also show info notices)')
    .option('--jsonld', '同时输出 v<N>.jsonld：欧盟公共服务词汇 CPSV-AP 3 (also write CPSV-AP 3 JSON-LD)')
    .option(
      '--base-iri <IRI>',
      'JSON-LD 节点标识的前缀（优先于配置 linkedData.baseIri），例如 https://data.example.gov.cn/jianzheng/ (base IRI of the JSON-LD nodes)',
    )
    .option(
      '--wait <秒>',
      '同一批次正在由另一进程发布时，最多等待的秒数；默认 0，即立即报错退出 (wait for another publish of the batch; default 0: fail)',
    )
    .action(
      run(async (ctx, files: string[], options) =>
        (await import('./commands/publish')).publishCommand(ctx, files, options),
      ),
    );

  program
    .command('diff')
    .description('比较两个发布版本，突出恢复索要的材料 (compare two publications)')
    .argument('<a.json>', '旧版本 (older version)')
    .argument('<b.json>', '新版本 (newer version)')
    .addOption(
      new Option('-f, --format <format>', '输出格式 (output format)')
        .choices(['markdown', 'json'])
        .default('markdown'),
    )
    .option('--fail-on-regression', '有材料恢复索要时以退出码 3 结束 (exit 3 on regressions)')
    .addOption(configOption())
    .action(
      run(async (ctx, a: string, b: string, options) =>
        (await import('./commands/diff')).diffCommand(ctx, a, b, options),
      ),
    );

  program
    .command('compare')
    .description('对标：比较多个地区的发布文件，找出本地仍要求而他地已取消的材料 (compare jurisdictions)')
    .argument('<publications...>', '各地区的发布文件 v<N>.json (publications)')
    .addOption(
      new Option('-f, --format <format>', '输出格式 (output format)')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option('-k, --min-cancelled <k>', '至少几个其他地区已取消才列为发现 (findings need k others)', '2')
    .option(
      '--rows <n>',
      '每张表最多显示几行（发现、结论不同的材料），0 为全部 (rows shown per table; 0 = all)',
      '100',
    )
    .action(
      run(async (ctx, files: string[], options) =>
        (await import('./commands/compare')).compareCommand(ctx, files, options),
      ),
    );

  program
    .command('letters')
    .description('生成告知承诺书：每个事项一份 Word 文档 (commitment letters of a publication)')
    .argument('<publication.json>', '发布的清单 JSON (a published version)')
    .requiredOption('-o, --out <dir>', '输出目录，写到 <dir>/<批次>/v<N>-letters/ (output folder)')
    .addOption(configOption())
    .option('--zip', '写成一个 zip 文件 <dir>/<批次>/v<N>-letters.zip (one zip instead)')
    .action(
      run(async (ctx, file: string, options) =>
        (await import('./commands/letters')).lettersCommand(ctx, file, options),
      ),
    );

  withImportLimits(program.command('explain'))
    .description('逐条规则解释一项材料的结论 (explain one material rule by rule)')
    .argument('<workbooks...>', '部门工作簿 .xlsx (department workbooks)')
    .requiredOption('-m, --material <编号或名称>', '材料编号或名称 (material id or name)')
    .option('-i, --item <编码或名称>', '名称对应多项材料时，限定事项 (narrow to an item)')
    .addOption(configOption())
    .addOption(
      new Option('-f, --format <format>', '输出格式 (output format)')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--verbose', '同时显示导入提示信息 (also show info notices)')
    .action(
      run(async (ctx, files: string[], options) =>
        (await import('./commands/explain')).explainCommand(ctx, files, options),
      ),
    );

  program
    .command('serve')
    .description('启动服务端：经办接口与公开清单页面 (start the API app)')
    .option(
      '--db <file|url>',
      'SQLite 数据库文件或 postgres:// 地址 (database file or PostgreSQL URL; also $JIANZHENG_DB)',
      defaultDb,
    )
    .option('-p, --port <port>', '端口 (port)', '8787')
    .option('--host <host>', '监听地址 (interface)', '127.0.0.1')
    .option(
      '--trust-proxy [层数或地址]',
      "位于反向代理之后：代理的 IP 地址（逗号分隔，推荐）或层数；客户端地址取自代理追加的 X-Forwarded-For，HTTPS 与主机取自 X-Forwarded-Proto/-Host (the proxies' addresses, comma-separated, or N hops; default 1; also server.trustProxy in the config)",
    )
    .option(
      '--max-upload-bytes <字节>',
      '一次上传（全部文件）的最大字节数 (largest upload; default 20971520 = 20 MiB)',
    )
    .option('--max-form-bytes <字节>', '页面表单的最大字节数 (largest page form; default 65536)')
    .option(
      '--max-import-rows <行数>',
      '一次导入全部文件合计读取的最大行数 (rows per import request; default 100000)',
    )
    .option(
      '--max-import-materials <条数>',
      '一次导入全部文件合计的最大材料数 (materials per import request; default 50000)',
    )
    .option('--max-cell-length <字符>', '单元格最大字符数 (characters per cell; default 32767)')
    .option(
      '--max-shared-strings <条数>',
      '共享字符串表最大条目数 (shared strings per file; default 1000000)',
    )
    .option(
      '--max-part-bytes <字节>',
      'xlsx 中每个部件解压后的最大字节数 (inflated bytes per xlsx part; default 268435456 = 256 MiB)',
    )
    .addHelpText(
      'after',
      '\n上限也可写在配置文件的 server 部分（server.maxImportRows 等，同名驼峰键），命令行参数优先。\nLimits may also be set in the config file (server.maxImportRows …); flags win.',
    )
    .addOption(configOption())
    .action(run(async (ctx, options) => (await import('./commands/server')).serveCommand(ctx, options)));

  const config = program.command('config').description('城市配置：生成、查看、检查 (the city configuration)');
  config
    .command('init')
    .description('生成带注释的起始配置 (write a commented starting configuration)')
    .requiredOption('--name <名称>', '行政区划名称，例如 合肥市 (jurisdiction name)')
    .requiredOption('--code <代码>', '行政区划代码，例如 340100 (division code)')
    .addOption(
      new Option('--level <级别>', '级别 (level)')
        .choices(['province', 'city', 'county', 'township'])
        .default('city'),
    )
    .option('-o, --output <file>', '输出文件 (output file)', 'jianzheng.config.jsonc')
    .option('-f, --force', '覆盖已存在的文件 (overwrite)')
    .action(run(async (ctx, options) => (await import('./commands/config')).configInitCommand(ctx, options)));
  config
    .command('show')
    .description('输出生效的配置（含默认值）为 JSON (print the effective configuration)')
    .addOption(configOption())
    .action(run(async (ctx, options) => (await import('./commands/config')).configShowCommand(ctx, options)));
  config
    .command('check')
    .description('检查配置文件，逐条列出问题及其 JSON 路径 (validate a configuration)')
    .addOption(configOption())
    .action(
      run(async (ctx, options) => (await import('./commands/config')).configCheckCommand(ctx, options)),
    );

  program
    .command('migrate')
    .description('把整个数据库迁移到另一个（如 SQLite → PostgreSQL）(move a whole store)')
    .requiredOption('--from <file|url>', '源数据库 (source: SQLite file or postgres:// URL)')
    .requiredOption('--to <file|url>', '目标数据库，须为空 (empty target: SQLite file or postgres:// URL)')
    .action(run(async (ctx, options) => (await import('./commands/migrate')).migrateCommand(ctx, options)));

  const token = program.command('token').description('访问令牌 (access tokens)');
  const dbOption = () =>
    new Option('--db <file>', 'SQLite 数据库文件 (database file; also $JIANZHENG_DB)').default(defaultDb);
  token
    .command('create')
    .description('创建访问令牌，只显示一次 (create an access token)')
    .requiredOption('--role <role>', '角色：admin | reviewer | legal | department')
    .option('--department <名称>', '部门令牌所属部门 (department tokens only)')
    .option('--label <说明>', '备注，例如使用人 (a label)')
    .option('--expires <时间>', '有效期至，如 2027-01-31 或 2027-01-31T18:00:00+08:00 (expiry)')
    .addOption(dbOption())
    .addOption(configOption())
    .action(run(async (ctx, options) => (await import('./commands/token')).tokenCreateCommand(ctx, options)));
  token
    .command('list')
    .description('列出令牌（不含令牌本身）(list tokens, never their secret)')
    .option('--all', '包括已停用、已过期的 (revoked and expired too)')
    .option('--sessions', '包括网页登录会话 (login sessions too)')
    .addOption(
      new Option('--format <format>', '输出格式 (output format)').choices(['table', 'json']).default('table'),
    )
    .addOption(dbOption())
    .addOption(configOption())
    .action(run(async (ctx, options) => (await import('./commands/token')).tokenListCommand(ctx, options)));
  token
    .command('revoke')
    .description('停用令牌及其登录会话，记入审计日志 (revoke a token and its sessions; audited)')
    .argument('<id>', '令牌编号，见 token list (token id)')
    .addOption(dbOption())
    .addOption(configOption())
    .action(
      run(async (ctx, id: string, options) =>
        (await import('./commands/token')).tokenRevokeCommand(ctx, id, options),
      ),
    );

  return program;
}
