/** A failed API call: the server's zh-CN message and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    readonly rule?: string,
    /** The server's error code (e.g. `idempotency_committed`). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** True when the request never reached the server (no network in a basement). */
export class OfflineError extends Error {}

/** The language chosen with the toggle (web/shared/i18n.ts keeps it here): the server answers errors in it. */
const language = () => {
  try {
    return localStorage.getItem('propdesk.lang') === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

export interface RequestOptions {
  body?: unknown;
  ifMatch?: number;
  idempotencyKey?: string;
}

/**
 * Calls the API with the session cookie. Every POST carries an Idempotency-Key so a retry never
 * creates twice; errors become ApiError with the field messages the form shows.
 */
export async function api<T = any>(method: string, url: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language() };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = opts.idempotencyKey ?? newKey();
  if (opts.ifMatch !== undefined) headers['if-match'] = `"${opts.ifMatch}"`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch {
    throw new OfflineError('网络不可用');
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = data?.error ?? {};
    throw new ApiError(res.status, e.message ?? `请求失败（${res.status}）`, e.fields ?? [], e.rule, e.code);
  }
  return data as T;
}

export const get = <T = any>(url: string) => api<T>('GET', url);
export const post = <T = any>(url: string, body: unknown = {}, opts: Omit<RequestOptions, 'body'> = {}) => api<T>('POST', url, { ...opts, body });

/** Uploads an image (photo or signature) and returns its sha256. */
export async function upload(estateId: string, blob: Blob): Promise<string> {
  const res = await fetch(`/api/estates/${estateId}/files`, { method: 'POST', headers: { 'content-type': blob.type || 'image/png' }, body: blob, credentials: 'same-origin' });
  const data = await res.json();
  if (!res.ok) throw new ApiError(res.status, data?.error?.message ?? '上传失败', data?.error?.fields ?? []);
  return data.sha256;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  groupRoles: string[];
  estates: { estateId: string; roles: string[]; departmentIds: string[] }[];
  residencies: { estateId: string; residentId: string; unitId: string }[];
}
