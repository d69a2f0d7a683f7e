import { UsageError } from './args.js';
import { commands } from './commands.js';

const HELP = `propdesk — 物业报修投诉调度

用法 usage:
  propdesk start [--port N] [--host H] [--data DIR] [--demo]   启动服务（PORT、DATABASE_URL 环境变量同样有效）
  propdesk migrate [--data DIR]                                  升级数据库结构
  propdesk seed --demo [--data DIR]                              写入演示项目与各角色演示账号
  propdesk users add --username U --name 姓名 --password P [--estate CODE --role ROLE [--department CODE]] [--group-role ROLE]
  propdesk backup [--data DIR] [--out DIR] [--keep N]            备份数据库与上传文件（服务运行中也可）
  propdesk restore BACKUP_DIR [--data DIR] --yes                 从备份恢复（须先停止服务）
  propdesk sla explain --kind K --channel C --urgency routine|emergency --at ISO [--estate CODE] [--appointment ISO]
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`propdesk: unknown command '${name}' (see propdesk help)\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`propdesk ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`propdesk ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// `start` keeps running; every other command ends here.
if (code !== -1) process.exit(code);
