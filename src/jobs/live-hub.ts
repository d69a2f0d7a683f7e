import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Queryable } from '../db/client.js';

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
 * Publishes through PostgreSQL NOTIFY inside the caller's transaction: listeners hear it only
 * if the change commits, and every app node listening on the same database hears it.
 */
export async function publishLive(db: Queryable, event: LiveEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);
}

export type LiveListener = (event: LiveEvent) => void;

/** Fans one LISTEN connection out to every SSE client of this node. */
export class LiveHub {
  private listeners = new Set<LiveListener>();
  private stop?: () => Promise<void>;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    const deliver = (payload: string) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(payload) as LiveEvent;
      } catch {
        return;
      }
      for (const l of this.listeners) l(event);
    };
    if (this.database.engine === 'pglite') {
      const unsub = await this.database.pglite!.listen(CHANNEL, deliver);
      this.stop = unsub;
      return;
    }
    const pool = this.database.pool!;
    const opts = (pool as unknown as { options: pg.ClientConfig }).options;
    const client = new pg.Client(opts);
    await client.connect();
    client.on('notification', (n) => n.payload && deliver(n.payload));
    client.on('error', () => undefined);
    await client.query(`listen ${CHANNEL}`);
    this.stop = () => client.end();
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.stop?.();
  }
}
