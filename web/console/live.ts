/**
 * One Server-Sent Events connection per browser tab, shared by every screen that wants live
 * updates (header inbox, follow-up queue …), instead of one connection each.
 */
type Listener = (data: any) => void;

let source: EventSource | null = null;
const listeners = new Map<string, Set<Listener>>();
const resyncs = new Set<() => void>();
/** Whether a connection of this sign-in has opened before (a later opening means events were missed). */
let everOpened = false;
let retry: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** EventSource.CLOSED: the browser gave up (a 503 from a stopping node, a 401) and will not retry itself. */
const CLOSED = 2;
const RETRY_FIRST_MS = 3_000;
const RETRY_MAX_MS = 60_000;

const resync = () => {
  for (const fn of resyncs) fn();
};

const deliver = (type: string) => (e: Event) => {
  const data = JSON.parse((e as MessageEvent).data || '{}');
  for (const listener of listeners.get(type) ?? []) listener(data);
};

/**
 * The shared connection. Events sent while it was down are not replayed, so screens refetch when
 * it opens again (the browser reconnects by itself after the server ends a stream) and when the
 * server says `resync` (its own database listener was down and is back). When the browser gives
 * up — a node answering 503 while it stops — a new connection is tried after 3 s, doubling to 60 s.
 */
function connection(): EventSource {
  if (source) return source;
  const opened = new EventSource('/api/events');
  opened.addEventListener('open', () => {
    if (everOpened) resync();
    everOpened = true;
    failures = 0;
  });
  opened.addEventListener('resync', resync);
  opened.addEventListener('error', () => {
    if (opened.readyState !== CLOSED || source !== opened) return;
    source = null;
    const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures++);
    retry = setTimeout(() => {
      retry = undefined;
      if (listeners.size > 0 || resyncs.size > 0) connection();
    }, wait);
  });
  for (const type of listeners.keys()) opened.addEventListener(type, deliver(type));
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
  const current = connection();
  let set = listeners.get(type);
  if (!set) {
    set = new Set<Listener>();
    listeners.set(type, set);
    current.addEventListener(type, deliver(type));
  }
  const registered = set;
  registered.add(fn);
  return () => {
    registered.delete(fn);
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
  clearTimeout(retry);
  retry = undefined;
  failures = 0;
  everOpened = false;
  listeners.clear();
  resyncs.clear();
}
