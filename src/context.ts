import type { Clock } from './clock.js';
import type { Database } from './db/client.js';
import type { LiveHub } from './jobs/live-hub.js';

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
}
