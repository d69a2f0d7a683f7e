import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Starts one real `propdesk start` process on a PostgreSQL database (port chosen by the OS) and
 * resolves with its URL once it says it is running. Used by the scale-out test and benchmark.
 * `env` adds or overrides environment variables of the node (e.g. PROPDESK_SESSION_CACHE_MS).
 */
export function startNode(databaseUrl: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/propdesk.js', 'start', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /running on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`node exited ${code}: ${out}`)));
  });
}

/** Stops a node started by startNode: SIGTERM, then SIGKILL if it has not exited in 5 s. */
export function stopNode(n: { child: ChildProcess }): Promise<void> {
  return new Promise<void>((resolve) => {
    if (n.child.exitCode !== null) return resolve();
    n.child.once('exit', () => resolve());
    n.child.kill('SIGTERM');
    setTimeout(() => n.child.kill('SIGKILL'), 5_000).unref();
  });
}
