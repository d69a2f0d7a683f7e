import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { appendEvents } from '../../db/repos/events.js';
import { files } from '../../db/schema/index.js';
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
    const found = await tx.select({ sha256: files.sha256 }).from(files).where(and(eq(files.estateId, row.estateId), inArray(files.sha256, unique)));
    const uploaded = new Set(found.map((f) => f.sha256));
    const missing = unique.find((p) => !uploaded.has(p));
    if (missing !== undefined) throw invalid(`photos.${photos.indexOf(missing)}`, '文件不存在，请先上传');
    await appendEvents(tx, [{ estateId: row.estateId, caseId: row.id, at: now, actorId: actor.userId, action: 'case.photos', after: { photos: unique } }]);
  });
