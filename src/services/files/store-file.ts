import { judgeUpload } from '../../domain/upload-type.js';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import { estateSettings } from '../../db/repos/estate-settings.js';
import { bytesUploadedSince, findFile, hasFile, insertFile, lockUploader } from '../../db/repos/files.js';
import type { Queryable } from '../../db/client.js';
import { beijingDayStart, dailyUploadBytes, decideUpload } from '../../domain/upload-quota.js';
import { AppError, notFound } from '../../errors.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const REFUSED: Record<'type' | 'polyglot' | 'active_pdf', [string, string]> = {
  type: ['只能上传 PNG、JPEG、WebP 图片或 PDF 文件', 'only PNG, JPEG or WebP images and PDF documents'],
  polyglot: ['文件中含有网页代码，不能上传', 'the file carries web page markup'],
  active_pdf: ['PDF 中含有脚本或可执行内容，不能上传', 'the PDF carries script or executable content'],
};

const pathOf = (dir: string, sha: string) => join(dir, sha.slice(0, 2), sha);

/**
 * Refuses an upload past the person's daily allowance in this estate (settings `uploads`); a
 * picture the estate already holds costs nothing.
 * @throws 429 with Retry-After until the next Beijing day
 */
async function checkQuota(db: Queryable, actor: Actor, estateId: string, sha256: string, size: number, now: Date, resident: boolean): Promise<void> {
  if (await hasFile(db, estateId, sha256)) return;
  const settings = await estateSettings(db, estateId);
  if (!settings) throw notFound('项目');
  const used = await bytesUploadedSince(db, estateId, actor.userId, beijingDayStart(now));
  const decision = decideUpload(used, size, dailyUploadBytes(settings.uploads, resident), now);
  if (decision.ok) return;
  throw new AppError(429, 'upload_quota', `今日上传已达上限（${decision.limitMb} MB），请明天再传或联系管理员`, {
    messageEn: `daily upload allowance (${decision.limitMb} MB) used up; try again tomorrow or ask an administrator`,
    fields: [{ field: 'file', message: `今日上传已达上限（${decision.limitMb} MB）` }],
    retryAfterSeconds: decision.retryAfterSeconds,
  });
}

/**
 * Stores a photo, signature or document content-addressed (sha256) under the files directory:
 * the same file uploaded twice is stored once. Only PNG, JPEG, WebP and PDF up to 5 MB, judged
 * by their bytes (domain/upload-type.ts), and no more per person and day than the estate allows.
 * @throws 415 for other content, 413 when too large, 429 past the daily allowance, 404 for an estate the caller is not staff or resident of
 */
export async function storeFile(ctx: AppContext, actor: Actor, estateId: string, bytes: Buffer) {
  const staff = isStaffIn(actor, estateId);
  const resident = !staff && actor.residencies.some((r) => r.estateId === estateId);
  if (!staff && !resident) throw notFound('项目');
  if (bytes.length > MAX_FILE_BYTES) throw new AppError(413, 'too_large', '文件不能超过 5 MB', { messageEn: 'file larger than 5 MB' });
  const verdict = judgeUpload(bytes);
  if (!verdict.ok) {
    const [zh, en] = REFUSED[verdict.reason];
    throw new AppError(415, 'unsupported_type', zh, { messageEn: en, fields: [{ field: 'file', message: zh }] });
  }
  const mime = verdict.mime;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = ctx.clock.now();
  // A first look before touching the disk, so a spent allowance costs no write…
  await checkQuota(ctx.database.db, actor, estateId, sha256, bytes.length, now, resident);
  const path = pathOf(ctx.filesDir, sha256);
  await mkdir(join(ctx.filesDir, sha256.slice(0, 2)), { recursive: true });
  // Write then rename: a crash never leaves a half file under the final name. The temporary name
  // is unique per upload, so the same picture sent twice at once cannot rename one file twice.
  const tmp = `${path}.tmp-${process.pid}-${randomUUID()}`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
  // …and the deciding one with this person's uploads serialised, so parallel uploads cannot all fit.
  // (A file refused here stays on disk unreferenced; at most the few sent at the same moment.)
  await ctx.database.db.transaction(async (tx) => {
    await lockUploader(tx, estateId, actor.userId);
    await checkQuota(tx, actor, estateId, sha256, bytes.length, now, resident);
    await insertFile(tx, { estateId, sha256, mime, size: bytes.length, uploadedBy: actor.userId, createdAt: now });
  });
  return { sha256, mime, size: bytes.length, url: `/api/files/${estateId}/${sha256}` };
}

/** Reads a stored file for a caller of its estate. @throws 404 otherwise */
export async function readStoredFile(ctx: AppContext, actor: Actor, estateId: string, sha256: string) {
  if (!isStaffIn(actor, estateId) && !actor.residencies.some((r) => r.estateId === estateId)) throw notFound('文件');
  const f = await findFile(ctx.database.db, estateId, sha256);
  if (!f) throw notFound('文件');
  return { mime: f.mime, bytes: await readFile(pathOf(ctx.filesDir, sha256)) };
}
