/**
 * One Server-Sent Events connection per browser tab, shared by every screen that wants live
 * updates (header inbox, follow-up queue …), instead of one connection each.
 */
type Listener = (data: any) => void;

let source: EventSource | null = null;
const listeners = new Map<string, Set<Listener>>();

/** Calls `fn` for each live event of `type` until the returned function is called. */
export function onLive(type: string, fn: Listener): () => void {
  source ??= new EventSource('/api/events');
  let set = listeners.get(type);
  if (!set) {
    const registered = new Set<Listener>();
    set = registered;
    listeners.set(type, registered);
    source.addEventListener(type, (e) => {
      const data = JSON.parse((e as MessageEvent).data || '{}');
      for (const listener of registered) listener(data);
    });
  }
  set.add(fn);
  return () => {
    set.delete(fn);
  };
}

/**
 * Closes the shared connection (sign-out): the server ends the stream with the session, and an
 * EventSource left open would keep retrying with no session. Screens subscribe afresh after the
 * next sign-in.
 */
export function stopLive(): void {
  source?.close();
  source = null;
  listeners.clear();
}
