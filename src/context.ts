import type { Clock } from './clock.js';
import type { TargetRange } from './domain/network-target.js';
import type { Database } from './db/client.js';
import type { LiveHub } from './jobs/live-hub.js';
import type { ReadCache } from './http/plugins/read-cache.js';
import type { SessionCache } from './services/auth/session-cache.js';

/** What every service and route needs from the outside world, built once at start. */
export interface AppContext {
  database: Database;
  clock: Clock;
  /** Where uploaded files (photos, signatures) are stored. */
  filesDir: string;
  /** Log one-time codes and outgoing mail to the console (demo, development). */
  demo?: boolean;
  /** Live events for SSE clients; absent in tests that do not need them. */
  live?: LiveHub;
  /**
   * Session token → Actor for a few seconds, so cheap reads skip the session query. Absent → every
   * request reads the session. Services that end sessions or change access forget entries here.
   */
  sessionCache?: SessionCache;
  /** Answers of repeated reads kept while the database is unchanged (see http/plugins/read-cache.ts). */
  readCache?: ReadCache;
  /** Non-public ranges the operator lets webhooks reach (PROPDESK_WEBHOOK_ALLOW_PRIVATE); none by default. */
  webhookAllow?: readonly TargetRange[];
}
