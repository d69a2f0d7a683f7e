import { fileMimes } from '../../db/repos/files.js';
import { isImageMime } from '../../domain/upload-type.js';
import type { AppContext } from '../../context.js';
import { appendEvents } from '../../db/repos/events.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { runCaseStep } from './run-step.js';

/**
 * Adds photos of the problem to an open case (the resident's report from the portal, or the desk):
 * the files must already be uploaded to the case's estate; they are kept in the timeline.
 * @throws 400 when none is given or one is not an uploaded file of the estate
 */
export const addCasePhotos = (ctx: AppContext, actor: Actor, caseId: string, photos: string[]) =>
  runCaseStep(ctx, actor, caseId, 'add_photos', undefined, async ({ tx, row, now }) => {
    if (photos.length === 0) throw invalid('photos', '请先上传照片');
    const unique = [...new Set(photos)];
    const mimes = await fileMimes(tx, row.estateId, unique);
    const missing = unique.find((p) => !mimes.has(p));
    if (missing !== undefined) throw invalid(`photos.${photos.indexOf(missing)}`, '文件不存在，请先上传');
    const notImage = unique.find((p) => !isImageMime(mimes.get(p)!));
    if (notImage !== undefined) throw invalid(`photos.${photos.indexOf(notImage)}`, '照片须为图片（PNG、JPEG 或 WebP）');
    await appendEvents(tx, [{ estateId: row.estateId, caseId: row.id, at: now, actorId: actor.userId, action: 'case.photos', after: { photos: unique } }]);
  });
