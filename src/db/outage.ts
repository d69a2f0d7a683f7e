/**
 * Which failures mean "the storage underneath is unavailable" rather than "this request is wrong
 * or this code is broken": the caller is told 503 and to try again later, and health reports it.
 */
export type Outage = 'storage_full' | 'database_unavailable';

// PostgreSQL: disk_full, insufficient_resources' out-of-disk cousin; connection and shutdown classes.
const DISK_FULL_CODES = new Set(['53100', 'ENOSPC']);
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** The outage behind an error (Drizzle wraps driver errors in `cause`), if it is one. */
export function outageOf(err: unknown): Outage | undefined {
  for (let e = err as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    const message = typeof e.message === 'string' ? e.message : '';
    if ((code && DISK_FULL_CODES.has(code)) || /No space left on device|ENOSPC/.test(message)) return 'storage_full';
    if ((code && UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_MESSAGES.test(message)) return 'database_unavailable';
  }
  return undefined;
}

export const OUTAGE_MESSAGE: Record<Outage, { zh: string; en: string }> = {
  storage_full: { zh: '服务器存储空间已满，本次操作未保存，请联系管理员', en: 'the server is out of disk space; nothing was saved' },
  database_unavailable: { zh: '数据库暂时不可用，本次操作未保存，请稍后重试', en: 'the database is unavailable; nothing was saved, try again later' },
};
