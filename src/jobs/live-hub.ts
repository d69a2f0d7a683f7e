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
/** What auth listeners hear: a change, or that the LISTEN connection was lost (changes may be missed). */
export type AuthEvent = AuthChange | { lost: true };
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

/** Fans one LISTEN connection out to every SSE client of this node, and to the session cache. */
export class LiveHub {
  private listeners = new Set<LiveListener>();
  private authListeners = new Set<AuthListener>();
  private stop?: () => Promise<void>;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    const deliver = (payload: string) => {
      const event = parse<LiveEvent>(payload);
      if (event) for (const l of this.listeners) l(event);
    };
    const deliverAuth = (event: AuthEvent | undefined) => {
      if (event) for (const l of this.authListeners) l(event);
    };
    if (this.database.engine === 'pglite') {
      const pglite = this.database.pglite!;
      const unsubs = [await pglite.listen(CHANNEL, deliver), await pglite.listen(AUTH_CHANNEL, (p) => deliverAuth(parse<AuthChange>(p)))];
      this.stop = async () => {
        for (const u of unsubs) await u();
      };
      return;
    }
    const pool = this.database.pool!;
    const opts = (pool as unknown as { options: pg.ClientConfig }).options;
    const client = new pg.Client(opts);
    await client.connect();
    client.on('notification', (n) => {
      if (!n.payload) return;
      if (n.channel === AUTH_CHANNEL) deliverAuth(parse<AuthChange>(n.payload));
      else deliver(n.payload);
    });
    // Invalidations sent while the connection is down are never heard: say so, so that the
    // session cache stops trusting what it holds.
    const lost = () => deliverAuth({ lost: true });
    client.on('error', lost);
    client.on('end', lost);
    await client.query(`listen ${CHANNEL}; listen ${AUTH_CHANNEL}`);
    this.stop = () => client.end();
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
    this.listeners.clear();
    this.authListeners.clear();
    await this.stop?.();
  }
}
