import nodemailer from 'nodemailer';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { sweepHotlineEscalations } from '../services/hotline/escalate-dossiers.js';
import { sweepAgedComplaints } from '../services/sla/hot-detection.js';
import { startDeadlineScheduler } from './deadline-scheduler.js';
import { type DispatcherOptions, type Mailer, dispatchOutbox } from './outbox-dispatcher.js';

/** SMTP from SMTP_URL (e.g. smtp://user:pass@mail.example.com:587); none → email stays queued as failed attempts. */
export function mailerFromEnv(env = process.env): Mailer | undefined {
  if (!env.SMTP_URL) return undefined;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const from = env.SMTP_FROM ?? 'propdesk <propdesk@localhost>';
  return { send: async (to, subject, text) => void (await transport.sendMail({ from, to, subject, text })) };
}

/**
 * Starts the node's background work: the deadline scheduler and the outbox dispatcher.
 * Safe on every node of a PostgreSQL installation; on PGlite it runs in the one process.
 */
export function startBackground(
  database: Database,
  clock: Clock,
  log: (msg: string, e?: unknown) => void,
  opts: Pick<DispatcherOptions, 'webhookAllow'> = {},
) {
  const stopScheduler = startDeadlineScheduler(database, clock, { onError: (e) => log('deadline scheduler', e) });
  const mailer = mailerFromEnv();
  let stopped = false;
  const outboxLoop = (async () => {
    while (!stopped) {
      try {
        const n = await dispatchOutbox(database, clock, { mailer, webhookAllow: opts.webhookAllow });
        if (n > 0) continue;
      } catch (e) {
        log('outbox dispatcher', e);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  // R-HOT-1/2 by age: once a minute is plenty for thresholds counted in days.
  const sweep = setInterval(() => {
    sweepAgedComplaints(database.db, clock.now()).catch((e) => log('aged complaint sweep', e));
    // R-GM-3: hotline dossiers unresolved past their days go up in writing.
    sweepHotlineEscalations(database.db, clock.now()).catch((e) => log('hotline escalation sweep', e));
  }, 60_000);
  return async () => {
    stopped = true;
    clearInterval(sweep);
    await Promise.all([stopScheduler(), outboxLoop]);
  };
}
