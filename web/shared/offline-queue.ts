import { OfflineError, api, upload } from './api.js';

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
  label: string;
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
    if (e instanceof TypeError) throw new OfflineError('网络不可用');
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
    throw new Error('手机存储空间不足，无法离线保存照片，请联网后再提交');
  }
}

/**
 * Sends an action, or queues it when there is no network. The Idempotency-Key is fixed when the
 * action is taken, so the replay after the network returns is applied once, however often it is sent.
 * With `files` (photos, the signature) the pictures are uploaded first and their sha256 put into the
 * body; offline they are kept on the phone and uploaded before the replay.
 * @returns 'sent' or 'queued'
 */
export async function sendOrQueue(method: string, url: string, body: unknown, label: string, files?: { estateId: string; items: PendingFile[] }): Promise<'sent' | 'queued'> {
  const key = crypto.randomUUID();
  const payload = structuredClone(body) as any;
  try {
    for (const f of files?.items ?? []) setPath(payload, f.path, await uploadOnline(files!.estateId, f.blob));
    await api(method, url, { body: payload, idempotencyKey: key });
    return 'sent';
  } catch (e) {
    if (!(e instanceof OfflineError)) throw e;
    const kept = files ? await Promise.all(files.items.map(async (f) => ({ estateId: files.estateId, path: f.path, dataUrl: await toDataUrl(await shrink(f.blob)) }))) : undefined;
    enqueue({ key, method, url, body, label, files: kept });
    return 'queued';
  }
}

export const queued = () => read();

let flushing: Promise<number> | null = null;

/**
 * Replays queued actions in order; stops at the first that still cannot reach the server.
 * One replay at a time: a second "online" while one runs waits for it instead of sending again.
 */
export function flushQueue(): Promise<number> {
  flushing ??= replay().finally(() => { flushing = null; });
  return flushing;
}

async function replay(): Promise<number> {
  let sent = 0;
  for (const a of read()) {
    try {
      const body = structuredClone(a.body) as any;
      for (const f of a.files ?? []) setPath(body, f.path, await uploadOnline(f.estateId, await dataUrlToBlob(f.dataUrl)));
      await api(a.method, a.url, { body, idempotencyKey: a.key });
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
