import pg from 'pg';
import type { Database, Queryable } from '../db/client.js';
import { notify } from '../db/notify.js';

/** A small message for live screens (dispatch board, inbox); clients refetch what changed. */
export interface LiveEvent {
  estateId: string;
  type: string;
  caseId?: string;
  orderId?: string;
  /** Set for personal messages (in-app notifications): only this user receives it. */
  userId?: string;
  urgency?: string;
}

export const CHANNEL = 'propdesk_live';

/**
 * Publishes through PostgreSQL NOTIFY once the caller's change commits (src/db/notify.ts):
 * listeners hear it only if the change commits, and every app node on the database hears it.
 */
export async function publishLive(db: Queryable, event: LiveEvent): Promise<void> {
  await notify(db, CHANNEL, JSON.stringify(event));
}

export type LiveListener = (event: LiveEvent) => void;

/**
 * Session invalidations between nodes. A channel of its own: `propdesk_live` is relayed to
 * browsers, and these must never be.
 */
export const AUTH_CHANNEL = 'propdesk_auth';

/** One session ended (logout), or one user's access or roles changed. */
export type AuthChange = { tokenHash: string } | { userId: string };
/**
 * What auth listeners hear: a change; that the LISTEN connection was lost (changes may be
 * missed until it is back); or that it is back (what was sent meanwhile was not heard: resync).
 */
export type AuthEvent = AuthChange | { lost: true } | { resumed: true };
export type AuthListener = (event: AuthEvent) => void;

/** Like publishLive, inside the caller's transaction: every node hears it only if the change commits. */
export async function publishAuth(db: Queryable, change: AuthChange): Promise<void> {
  await notify(db, AUTH_CHANNEL, JSON.stringify(change));
}

const parse = <T>(payload: string): T | undefined => {
  try {
    return JSON.parse(payload) as T;
  } catch {
    return undefined;
  }
};

/** How long to wait before reopening a lost LISTEN connection. */
export interface ReconnectOptions {
  /** The first wait (default 500 ms); doubled after each failed try… */
  minMs?: number;
  /** …up to this (default 30 s). */
  maxMs?: number;
}

/**
 * The wait before try number `failures + 1`: doubling from `minMs` to `maxMs`, each wait drawn
 * from its upper half so that the nodes of a cluster do not all reconnect in the same instant
 * after a database restart. `random` is Math.random unless a test passes its own.
 */
export function reconnectDelay(failures: number, opts: Required<ReconnectOptions>, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxMs, opts.minMs * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Marks the hub's own connection in pg_stat_activity (operators; the tests cut it by this name). */
export const LISTEN_APPLICATION_NAME = 'propdesk-listen';

/**
 * Fans one LISTEN connection out to every SSE client of this node, and to the session cache.
 * On PostgreSQL the connection can drop (server restart, failover, a terminated backend): the
 * hub then tells its listeners (streams end, the session cache stops trusting itself) and opens
 * it again with backoff; once it is back, listeners hear `resumed` and screens refetch.
 */
export class LiveHub {
  private listeners = new Set<LiveListener>();
  private authListeners = new Set<AuthListener>();
  private stop?: () => Promise<void>;
  private closing = false;
  private client?: pg.Client;
  private retry?: NodeJS.Timeout;
  private failures = 0;
  private readonly backoff: Required<ReconnectOptions>;

  constructor(
    private readonly database: Database,
    reconnect: ReconnectOptions = {},
  ) {
    this.backoff = { minMs: reconnect.minMs ?? 500, maxMs: reconnect.maxMs ?? 30_000 };
  }

  /** Whether this node hears the database's notifications now (false while reconnecting). */
  get listening(): boolean {
    return this.database.engine === 'pglite' ? this.stop !== undefined : this.client !== undefined;
  }

  private deliver(payload: string): void {
    const event = parse<LiveEvent>(payload);
    if (event) for (const l of this.listeners) l(event);
  }

  private deliverAuth(event: AuthEvent | undefined): void {
    if (event) for (const l of this.authListeners) l(event);
  }

  async start(): Promise<void> {
    if (this.database.engine === 'pglite') {
      const pglite = this.database.pglite!;
      const unsubs = [await pglite.listen(CHANNEL, (p) => this.deliver(p)), await pglite.listen(AUTH_CHANNEL, (p) => this.deliverAuth(parse<AuthChange>(p)))];
      this.stop = async () => {
        for (const u of unsubs) await u();
      };
      return;
    }
    // The first connection must work: a node that cannot listen at start does not start.
    await this.listen();
    this.stop = async () => {
      clearTimeout(this.retry);
      await this.client?.end().catch(() => undefined);
    };
  }

  /** Opens the LISTEN connection; once it works, a drop reports `lost` and starts reconnecting. */
  private async listen(): Promise<void> {
    const opts = (this.database.pool! as unknown as { options: pg.ClientConfig }).options;
    const client = new pg.Client({ ...opts, application_name: LISTEN_APPLICATION_NAME });
    // Until it works, a failure is the caller's (start throws, a reconnect tries again).
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}; listen ${AUTH_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    client.on('notification', (n) => {
      if (!n.payload) return;
      if (n.channel === AUTH_CHANNEL) this.deliverAuth(parse<AuthChange>(n.payload));
      else this.deliver(n.payload);
    });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.closing) return;
      // Invalidations sent while the connection is down are never heard: say so, so that the
      // session cache stops trusting what it holds and open streams end.
      this.deliverAuth({ lost: true });
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', lost);
    this.client = client;
  }

  private reconnectLater(): void {
    this.retry = setTimeout(async () => {
      if (this.closing) return;
      try {
        await this.listen();
      } catch {
        this.failures++;
        return this.reconnectLater();
      }
      if (this.closing) {
        await this.client?.end().catch(() => undefined);
        return;
      }
      this.failures = 0;
      this.deliverAuth({ resumed: true });
    }, reconnectDelay(this.failures, this.backoff));
    this.retry.unref();
  }

  /** Live events (SSE); never auth events. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Session invalidations from every node, this one included. */
  subscribeAuth(listener: AuthListener): () => void {
    this.authListeners.add(listener);
    return () => this.authListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.listeners.clear();
    this.authListeners.clear();
    await this.stop?.();
  }
}
