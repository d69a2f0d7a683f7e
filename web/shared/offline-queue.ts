import { ApiError, OfflineError, api, upload } from './api.js';
import i18n, { addBundle } from './i18n.js';

addBundle(
  { queue: { offline: '网络不可用', storageFull: '手机存储空间不足，无法离线保存照片，请联网后再提交' } },
  { queue: { offline: 'No network', storageFull: 'Not enough storage on the phone to keep the photos offline; submit again when online' } },
);

/** A picture the action needs uploaded first; `path` is where its sha256 goes in the body (e.g. `photos.1`). */
export interface PendingFile {
  path: string;
  blob: Blob;
}

interface QueuedAction {
  key: string;
  method: string;
  url: string;
  body: unknown;
  /** What the technician did (`accept`, `complete`…), shown if the server refuses it later. */
  label: string;
  /** What it was done to, e.g. the order number. */
  subject?: string;
  /** Pictures kept as data URLs until the network returns (uploaded, then put into the body). */
  files?: { estateId: string; path: string; dataUrl: string }[];
}

const STORE = 'propdesk.offline-queue';
const read = (): QueuedAction[] => JSON.parse(localStorage.getItem(STORE) ?? '[]');
const write = (q: QueuedAction[]) => localStorage.setItem(STORE, JSON.stringify(q));

/** Puts a value at a dotted path (`photos.1`, `signatureSha256`) of a plain JSON body. */
function setPath(body: any, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = body;
  for (const [i, p] of parts.slice(0, -1).entries()) {
    at[p] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {};
    at = at[p];
  }
  at[parts.at(-1)!] = value;
}

/** Uploads, reporting a failed connection as OfflineError (fetch throws TypeError then). */
async function uploadOnline(estateId: string, blob: Blob): Promise<string> {
  try {
    return await upload(estateId, blob);
  } catch (e) {
    if (e instanceof TypeError) throw new OfflineError(i18n.t('queue.offline'));
    throw e;
  }
}

const toDataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });

/** A camera photo shrunk (longest side 1280 px, JPEG) so several fit in the phone's storage. */
async function shrink(blob: Blob): Promise<Blob> {
  if (blob.size < 300_000 || typeof createImageBitmap !== 'function') return blob;
  try {
    const img = await createImageBitmap(blob);
    const scale = Math.min(1, 1280 / Math.max(img.width, img.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.width * scale);
    canvas.height = Math.round(img.height * scale);
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b ?? blob), 'image/jpeg', 0.75));
  } catch {
    return blob;
  }
}

const dataUrlToBlob = async (dataUrl: string) => (await fetch(dataUrl)).blob();

function enqueue(a: QueuedAction): void {
  try {
    write([...read(), a]);
  } catch {
    throw new Error(i18n.t('queue.storageFull'));
  }
}

/**
 * Sends an action, or queues it when there is no network. The Idempotency-Key is fixed when the
 * action is taken, so the replay after the network returns is applied once, however often it is sent.
 * With `files` (photos, the signature) the pictures are uploaded first and their sha256 put into the
 * body; offline they are kept on the phone and uploaded before the replay.
 * @returns 'sent' or 'queued'
 */
export async function sendOrQueue(
  method: string,
  url: string,
  body: unknown,
  what: string | { action: string; subject?: string },
  files?: { estateId: string; items: PendingFile[] },
): Promise<'sent' | 'queued'> {
  const { action: label, subject } = typeof what === 'string' ? { action: what, subject: undefined } : what;
  const key = crypto.randomUUID();
  const payload = structuredClone(body) as any;
  try {
    for (const f of files?.items ?? []) setPath(payload, f.path, await uploadOnline(files!.estateId, f.blob));
    await api(method, url, { body: payload, idempotencyKey: key });
    return 'sent';
  } catch (e) {
    if (!(e instanceof OfflineError)) throw e;
    const kept = files ? await Promise.all(files.items.map(async (f) => ({ estateId: files.estateId, path: f.path, dataUrl: await toDataUrl(await shrink(f.blob)) }))) : undefined;
    enqueue({ key, method, url, body, label, subject, files: kept });
    return 'queued';
  }
}

export const queued = () => read();

/** A queued action the server refused when it was replayed (already done elsewhere, order voided…). */
export interface Refused {
  /** The action's Idempotency-Key. */
  key: string;
  label: string;
  subject?: string;
  status: number;
  message: string;
}

export interface FlushResult {
  /** How many queued actions the server accepted. */
  sent: number;
  /** The ones it refused (4xx); they are dropped from the queue and must be shown to the technician. */
  refused: Refused[];
}

let flushing: Promise<FlushResult> | null = null;

/**
 * Replays queued actions in order; stops at the first that still cannot reach the server.
 * One replay at a time: a second trigger (the `online` event, the app starting, the page becoming
 * visible) while one runs waits for it instead of sending again. Each action keeps the
 * Idempotency-Key it was given when taken, so the server applies it once however often it arrives.
 */
export function flushQueue(): Promise<FlushResult> {
  flushing ??= replay().finally(() => { flushing = null; });
  return flushing;
}

async function replay(): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, refused: [] };
  for (const a of read()) {
    try {
      const body = structuredClone(a.body) as any;
      for (const f of a.files ?? []) setPath(body, f.path, await uploadOnline(f.estateId, await dataUrlToBlob(f.dataUrl)));
      await api(a.method, a.url, { body, idempotencyKey: a.key });
      result.sent++;
    } catch (e) {
      if (e instanceof OfflineError) break;
      // It was carried out on an earlier try whose answer never arrived: done, not refused.
      if (e instanceof ApiError && e.code === 'idempotency_committed') {
        result.sent++;
        write(read().filter((x) => x.key !== a.key));
        continue;
      }
      // A 5xx is the server's trouble, not the action's: keep it for the next try.
      // Signed out (401): keep it until the technician signs in again.
      if (e instanceof ApiError && (e.status >= 500 || e.status === 401)) break;
      // The server refused it (e.g. the order was voided meanwhile): drop it and tell the technician.
      result.refused.push({ key: a.key, label: a.label, subject: a.subject, status: e instanceof ApiError ? e.status : 0, message: (e as Error).message });
    }
    write(read().filter((x) => x.key !== a.key));
  }
  return result;
}
