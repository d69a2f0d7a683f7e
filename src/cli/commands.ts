import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { systemClock } from '../clock.js';
import type { Db } from '../db/client.js';
import { estates, staffRoles, departments, users } from '../db/schema/index.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../db/seed/demo.js';
import { GROUP_ROLES, ROLES, type Role } from '../domain/roles.js';
import { buildApp } from '../http/app.js';
import { hashPassword } from '../services/auth/password.js';
import { UsageError, parseArgs } from './args.js';
import { openRuntime } from './runtime.js';
import { runSlaExplain } from './sla-explain.js';
import { buildTemplates } from '../db/template.js';
import { startBackground } from '../jobs/background.js';
import { backupCommand, restoreCommand, serveBackupRequests } from './backup.js';
import { webhookAllowFromEnv } from '../jobs/webhook-post.js';
import { LiveHub } from '../jobs/live-hub.js';
import { SessionCache, sessionCacheTtlFromEnv } from '../services/auth/session-cache.js';
import { type ReadCache, readCacheFromEnv } from '../http/plugins/read-cache.js';
import { drainMsFromEnv } from '../http/plugins/draining.js';

type Command = (argv: string[]) => Promise<number>;

const isEmpty = async (db: Db) => ((await db.select({ n: count() }).from(estates))[0]?.n ?? 0) === 0;

/** Prints the demo logins the README lists too. */
function printDemoLogins(): void {
  process.stdout.write(`\n演示账号 demo logins (密码 password: ${DEMO_PASSWORD}):\n`);
  for (const l of DEMO_LOGINS) process.stdout.write(`  ${l.username.padEnd(12)} ${l.role.padEnd(20)} ${l.label}\n`);
}

/** The node's session cache, TTL from PROPDESK_SESSION_CACHE_MS (0 turns it off). */
function newSessionCache(): SessionCache {
  try {
    return new SessionCache({ ttlMs: sessionCacheTtlFromEnv(process.env.PROPDESK_SESSION_CACHE_MS) });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The node's read cache, size from PROPDESK_READ_CACHE_ENTRIES (0 turns it off). */
function newReadCache(): ReadCache | undefined {
  try {
    return readCacheFromEnv(process.env.PROPDESK_READ_CACHE_ENTRIES);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Private ranges webhooks may reach, from PROPDESK_WEBHOOK_ALLOW_PRIVATE (none by default). */
function newWebhookAllow() {
  try {
    return webhookAllowFromEnv();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const start: Command = async (argv) => {
  const { options } = parseArgs(argv, ['demo']);
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`bad --port ${options.port}`);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const sessionCache = newSessionCache();
  const readCache = newReadCache();
  const webhookAllow = newWebhookAllow();
  const rt = await openRuntime({ data: options.data, template: options.demo ? 'demo' : 'empty' });
  if (options.demo && (rt.seededFromTemplate || (await isEmpty(rt.database.db)))) {
    if (!rt.seededFromTemplate) await seedDemo(rt.database.db);
    process.stdout.write('已创建演示项目 阳光花园 (demo estate seeded)\n');
  }
  const live = new LiveHub(rt.database);
  // Subscribed before listening starts, so no invalidation can slip between the two.
  live.subscribeAuth((e) => sessionCache.apply(e));
  await live.start();
  const app = await buildApp(
    { database: rt.database, clock: systemClock, filesDir: join(rt.dataDir, 'files'), demo: Boolean(options.demo), live, sessionCache, readCache, webhookAllow },
    { logger: { level: process.env.LOG_LEVEL ?? 'warn' }, trustProxy: trustProxy(process.env.PROPDESK_TRUST_PROXY) },
  );
  const stopBackground = startBackground(rt.database, systemClock, (what, e) => app.log.error({ err: e }, what), { webhookAllow });
  // Only this process can read the embedded database, so it makes the backups `propdesk backup` asks for.
  const stopBackups =
    rt.database.engine === 'pglite' ? serveBackupRequests({ database: rt.database, filesDir: join(rt.dataDir, 'files') }, rt.dataDir, (what, e) => app.log.error({ err: e }, what)) : () => undefined;
  // In order: drain (every request answered 503 with its connection closed, for PROPDESK_DRAIN_MS),
  // stop taking requests and finish those in flight (event streams are ended), then the background
  // jobs, then the database. Never longer than 10 s.
  const drainMs = drainMsFromEnv(process.env.PROPDESK_DRAIN_MS);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    app.startDraining();
    await new Promise((r) => setTimeout(r, drainMs));
    await app.close();
    await stopBackground();
    stopBackups();
    await live.close();
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const address = await app.listen({ port, host });
  process.stdout.write(`propdesk 已启动 running on ${address}  (database: ${rt.database.engine})\n`);
  process.stdout.write(`  工作台 console: ${address}/   API 文档 OpenAPI: ${address}/docs\n`);
  if (options.demo) printDemoLogins();
  return -1;
};

const migrateCmd: Command = async (argv) => {
  const { options } = parseArgs(argv);
  const rt = await openRuntime({ data: options.data });
  await rt.close();
  process.stdout.write('数据库已是最新结构 (migrated)\n');
  return 0;
};

const seed: Command = async (argv) => {
  const { options } = parseArgs(argv, ['demo']);
  if (!options.demo) throw new UsageError('only --demo is supported');
  const rt = await openRuntime({ data: options.data });
  try {
    if (!(await isEmpty(rt.database.db))) {
      process.stdout.write('数据库中已有项目，未写入演示数据 (database not empty; demo not seeded)\n');
      return 0;
    }
    await seedDemo(rt.database.db);
    process.stdout.write('已写入演示项目 阳光花园 (demo estate seeded)\n');
    printDemoLogins();
    return 0;
  } finally {
    await rt.close();
  }
};

/** `users add`: creates a login, optionally with a role in an estate or a group role. */
const usersCmd: Command = async (argv) => {
  const { options, positional } = parseArgs(argv);
  if (positional[0] !== 'add') throw new UsageError('usage: propdesk users add --username U --name N --password P [--estate CODE --role ROLE [--department CODE]] [--group-role ROLE]');
  const { username, name, password } = options;
  if (!username || !name || !password) throw new UsageError('--username, --name and --password are required');
  if (password.length < 8) throw new UsageError('--password must be at least 8 characters');
  const role = options.role as Role | undefined;
  if (role && !ROLES.includes(role)) throw new UsageError(`unknown --role ${role}; one of ${ROLES.join(' ')}`);
  const groupRole = options['group-role'] as Role | undefined;
  if (groupRole && !(GROUP_ROLES as readonly string[]).includes(groupRole)) throw new UsageError(`unknown --group-role ${groupRole}; one of ${GROUP_ROLES.join(' ')}`);
  if (role && !options.estate) throw new UsageError('--role needs --estate');
  if (options.department && !role) throw new UsageError('--department needs --estate and --role');
  const rt = await openRuntime({ data: options.data });
  try {
    const db = rt.database.db;
    await db.transaction(async (tx) => {
      const [existing] = await tx.select().from(users).where(eq(users.username, username));
      if (existing) throw new UsageError(`user ${username} already exists`);
      let estateId: string | undefined;
      let departmentId: string | undefined;
      if (options.estate) {
        const [e] = await tx.select().from(estates).where(eq(estates.code, options.estate));
        if (!e) throw new UsageError(`unknown --estate ${options.estate}`);
        estateId = e.id;
        if (options.department) {
          // Department codes (ENG, SEC …) repeat in every estate: look it up in this one.
          const [d] = await tx
            .select()
            .from(departments)
            .where(and(eq(departments.estateId, e.id), eq(departments.code, options.department)));
          if (!d) throw new UsageError(`unknown --department ${options.department} in estate ${options.estate}`);
          departmentId = d.id;
        }
      }
      const [u] = await tx
        .insert(users)
        .values({ username, displayName: name, passwordHash: await hashPassword(password), groupRoles: groupRole ? [groupRole] : [] })
        .returning();
      if (estateId && role) await tx.insert(staffRoles).values({ estateId, userId: u!.id, role, departmentId });
    });
    process.stdout.write(`已创建用户 ${username} (user added)\n`);
    return 0;
  } finally {
    await rt.close();
  }
};

const buildTemplatesCmd: Command = async () => {
  await buildTemplates((line) => process.stdout.write(`${line}\n`));
  return 0;
};

const sla: Command = (argv) => runSlaExplain(argv, process);

export const commands: Record<string, Command> = {
  sla,
  start,
  migrate: migrateCmd,
  seed,
  users: usersCmd,
  'build-templates': buildTemplatesCmd,
  backup: backupCommand,
  restore: restoreCommand,
};

/**
 * Behind a reverse proxy every request comes from the proxy's address; the sign-in backoff per
 * address then needs the client's, from X-Forwarded-For. `1` trusts the header from any peer
 * (only when the proxy is the sole way in); otherwise a comma-separated list of proxy addresses
 * or CIDRs. Unset trusts none.
 */
export function trustProxy(value: string | undefined): boolean | string {
  if (!value) return false;
  return value === '1' || value === 'true' ? true : value;
}
