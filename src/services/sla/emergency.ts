import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { CaseRow } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { type OutboxMessage, enqueue } from '../../db/repos/outbox.js';
import { usersWithRole } from '../../db/repos/recipients.js';
import { estates } from '../../db/schema/index.js';
import { resolveSettings } from '../../domain/settings.js';
import { publishLive } from '../../jobs/live-hub.js';

/**
 * R-EM-2: an emergency notifies the supervisor and the project manager at once (in-app, and
 * the estate's webhooks for SMS/WeChat gateways), and lights the dispatch board.
 */
export async function raiseEmergency(db: Queryable, c: CaseRow, actorId: string | null, now: Date, storedSettings?: { settings: unknown }): Promise<void> {
  const [estate] = storedSettings ? [storedSettings] : await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, c.estateId));
  const settings = resolveSettings(estate?.settings);
  const payload = { caseId: c.id, caseNumber: c.number, description: c.description, unitId: c.unitId, locationText: c.locationText };
  const messages: OutboxMessage[] = [];
  for (const role of ['supervisor', 'project_manager'] as const) {
    for (const userId of await usersWithRole(db, c.estateId, role)) {
      messages.push({ estateId: c.estateId, channel: 'in_app', recipient: userId, topic: 'case.emergency', payload, dedupeKey: `emergency:${c.id}:${userId}` });
    }
  }
  for (const hook of settings.webhooks.filter((h) => !h.topics || h.topics.includes('case.emergency'))) {
    messages.push({ estateId: c.estateId, channel: 'webhook', recipient: hook.url, topic: 'case.emergency', payload, dedupeKey: `emergency:${c.id}:${hook.url}` });
  }
  await enqueue(db, messages, now);
  await appendEvents(db, [
    { estateId: c.estateId, caseId: c.id, at: now, actorId, action: 'case.emergency', after: { notified: ['supervisor', 'project_manager'] }, note: '紧急事件：已通知客服主管和项目经理（R-EM-2）' },
  ]);
  await publishLive(db, { estateId: c.estateId, type: 'emergency', caseId: c.id, urgency: 'emergency' });
}
