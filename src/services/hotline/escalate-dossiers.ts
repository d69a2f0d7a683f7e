import type { Db, Queryable } from '../../db/client.js';
import { estateSettings } from '../../db/repos/estate-settings.js';
import { appendHotlineEvent, claimDueEscalations, dossierDetails, updateDossier } from '../../db/repos/hotline.js';
import { enqueue } from '../../db/repos/outbox.js';
import { usersWithRole } from '../../db/repos/recipients.js';
import { beijingMinute } from '../../domain/beijing-day.js';
import { type DossierStatus, escalationReport } from '../../domain/hotline.js';

/** The group's people told of a hotline matter going up: the quality office and the hotline. */
async function groupRecipients(db: Queryable, estateId: string): Promise<string[]> {
  const [quality, hotline] = await Promise.all([usersWithRole(db, estateId, 'quality_officer'), usersWithRole(db, estateId, 'hotline_officer')]);
  return [...new Set([...quality, ...hotline])];
}

/**
 * R-GM-3: every dossier still unresolved past its escalation time goes up in writing — once —
 * as a recorded report in its history and an in-app message to the quality office and the
 * hotline. Safe on every node at once (rows are claimed with SKIP LOCKED). Returns how many went up.
 */
export async function sweepHotlineEscalations(db: Db, now: Date, limit = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await claimDueEscalations(tx, now, limit);
    for (const d of due) {
      const [details, settings] = await Promise.all([dossierDetails(tx, d), estateSettings(tx, d.estateId)]);
      const report = escalationReport({ ...d, status: d.status as DossierStatus }, details.estateName, details.responsibleName, settings!.hotline.escalateAfterDays, (at) => beijingMinute(at.toISOString()));
      await updateDossier(tx, d, { escalatedAt: now });
      await appendHotlineEvent(tx, { estateId: d.estateId, dossierId: d.id, at: now, actorId: null, action: 'dossier.escalated', after: { report }, note: report });
      const to = await groupRecipients(tx, d.estateId);
      await enqueue(tx, to.map((u) => ({ estateId: d.estateId, channel: 'in_app' as const, recipient: u, topic: 'hotline.escalated', payload: { dossierId: d.id, number: d.number, report }, dedupeKey: `hotline-esc:${d.id}:${u}` })), now);
    }
    return due.length;
  });
}

/** R-GM-3: a major matter is reported at once to the group (the quality office and the hotline). */
export async function reportMajorDossier(tx: Queryable, d: { estateId: string; id: string; number: string; matter: string }, now: Date): Promise<void> {
  const to = await groupRecipients(tx, d.estateId);
  await enqueue(tx, to.map((u) => ({ estateId: d.estateId, channel: 'in_app' as const, recipient: u, topic: 'hotline.major', payload: { dossierId: d.id, number: d.number, matter: d.matter }, dedupeKey: `hotline-major:${d.id}:${u}` })), now);
}
