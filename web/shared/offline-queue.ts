import { OfflineError, api } from './api.js';

interface QueuedAction {
  key: string;
  method: string;
  url: string;
  body: unknown;
  label: string;
}

const STORE = 'propdesk.offline-queue';
const read = (): QueuedAction[] => JSON.parse(localStorage.getItem(STORE) ?? '[]');
const write = (q: QueuedAction[]) => localStorage.setItem(STORE, JSON.stringify(q));

/**
 * Sends an action, or queues it when there is no network. The Idempotency-Key is fixed when the
 * action is taken, so the replay after the network returns is applied once, however often it is sent.
 * @returns 'sent' or 'queued'
 */
export async function sendOrQueue(method: string, url: string, body: unknown, label: string): Promise<'sent' | 'queued'> {
  const key = crypto.randomUUID();
  try {
    await api(method, url, { body, idempotencyKey: key });
    return 'sent';
  } catch (e) {
    if (!(e instanceof OfflineError)) throw e;
    write([...read(), { key, method, url, body, label }]);
    return 'queued';
  }
}

export const queued = () => read();

/** Replays queued actions in order; stops at the first that still cannot reach the server. */
export async function flushQueue(): Promise<number> {
  let sent = 0;
  for (const a of read()) {
    try {
      await api(a.method, a.url, { body: a.body, idempotencyKey: a.key });
    } catch (e) {
      if (e instanceof OfflineError) break;
      // The server refused it (e.g. already done elsewhere): drop it; the error is in the log.
      console.warn('queued action refused', a.label, e);
    }
    write(read().filter((x) => x.key !== a.key));
    sent++;
  }
  return sent;
}
