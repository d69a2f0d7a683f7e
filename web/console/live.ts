/**
 * One Server-Sent Events connection per browser tab, shared by every screen that wants live
 * updates (header inbox, follow-up queue …), instead of one connection each.
 */
type Listener = (data: any) => void;

let source: EventSource | null = null;
const listeners = new Map<string, Set<Listener>>();
const resyncs = new Set<() => void>();

const resync = () => {
  for (const fn of resyncs) fn();
};

/**
 * The shared connection. Events sent while it was down are not replayed, so screens refetch when
 * it opens again (the browser reconnects by itself after the server ends a stream) and when the
 * server says `resync` (its own database listener was down and is back).
 */
function connection(): EventSource {
  if (source) return source;
  const opened = new EventSource('/api/events');
  let first = true;
  opened.addEventListener('open', () => {
    if (!first) resync();
    first = false;
  });
  opened.addEventListener('resync', resync);
  source = opened;
  return opened;
}

/** Calls `fn` whenever live events may have been missed, until the returned function is called. */
export function onResync(fn: () => void): () => void {
  connection();
  resyncs.add(fn);
  return () => {
    resyncs.delete(fn);
  };
}

/** Calls `fn` for each live event of `type` until the returned function is called. */
export function onLive(type: string, fn: Listener): () => void {
  const source = connection();
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
  resyncs.clear();
}
