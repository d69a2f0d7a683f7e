import { spawn } from 'node:child_process';

/**
 * pg_dump and pg_restore get the connection from the environment (PGHOST, PGPASSWORD …), so a
 * password in DATABASE_URL never shows in the process list.
 */
function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')), PGPORT: u.port || '5432', PGDATABASE: decodeURIComponent(u.pathname.slice(1)) };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  for (const [k, v] of u.searchParams) {
    if (k === 'sslmode') env.PGSSLMODE = v;
    if (k === 'host') env.PGHOST = v; // a socket directory or several hosts
  }
  return env;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) =>
      reject(new Error(`${bin} 无法运行 / cannot run (${(e as Error).message}); install the PostgreSQL client (Debian: apt-get install postgresql-client) or set PROPDESK_PG_BIN`)),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} exited ${code}: ${err.trim().slice(-800)}`))));
  });
}

const bin = (name: string) => (process.env.PROPDESK_PG_BIN ? `${process.env.PROPDESK_PG_BIN.replace(/\/$/, '')}/${name}` : name);

/**
 * pg_dump takes one snapshot for the whole dump (REPEATABLE READ), so the copy is consistent
 * while the desk goes on writing; the custom format is compressed and restorable table by table.
 */
export const dumpPostgres = (url: string, file: string) => run(bin('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], pgEnv(url));

/** Replaces every propdesk object in the target database with the backup's, in one transaction. */
export const restorePostgres = (url: string, file: string) =>
  run(bin('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${new URL(url).pathname.slice(1)}`, file], pgEnv(url));
