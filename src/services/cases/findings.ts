import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { appendEvents } from '../../db/repos/events.js';
import { caseFindings } from '../../db/schema/index.js';
import { notFound, ruleViolation } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { type OpenCaseInput, openCaseIn } from './open-case.js';
import { runCaseStep } from './run-step.js';

/** R-CL-4: a problem found while handling a case; it blocks closing until resolved or split off. */
export const recordFinding = (ctx: AppContext, actor: Actor, caseId: string, description: string) =>
  runCaseStep(ctx, actor, caseId, 'record_finding', undefined, async ({ tx, row, now }) => {
    const [f] = await tx
      .insert(caseFindings)
      .values({ estateId: row.estateId, caseId: row.id, description, recordedBy: actor.userId, recordedAt: now })
      .returning();
    await appendEvents(tx, [
      { estateId: row.estateId, caseId: row.id, at: now, actorId: actor.userId, action: 'finding.recorded', subject: `finding:${f!.id}`, note: description },
    ]);
  });

/**
 * Ends a finding: `resolved` inside this case, or `split` — opened as its own case, which lets
 * the original close (R-CL-4). Both cases' timelines record the link.
 */
export const settleFinding = (
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  findingId: string,
  input: { outcome: 'resolved' } | { outcome: 'split'; newCase: Omit<OpenCaseInput, 'estateId'> },
) =>
  runCaseStep(ctx, actor, caseId, 'record_finding', undefined, async ({ tx, row, now }) => {
    const [f] = await tx
      .select()
      .from(caseFindings)
      .where(and(eq(caseFindings.estateId, row.estateId), eq(caseFindings.caseId, row.id), eq(caseFindings.id, findingId)))
      .for('update');
    if (!f) throw notFound('发现的问题');
    if (f.status !== 'open') throw ruleViolation('R-CL-4', '该问题已处理', 'this finding is already settled');
    let splitCaseId: string | null = null;
    if (input.outcome === 'split') {
      const { row: split } = await openCaseIn(tx, actor, { ...input.newCase, estateId: row.estateId }, now);
      splitCaseId = split.id;
      await appendEvents(tx, [
        { estateId: row.estateId, caseId: split.id, at: now, actorId: actor.userId, action: 'case.split_from', subject: `case:${row.number}`, note: f.description },
      ]);
    }
    await tx
      .update(caseFindings)
      .set({ status: input.outcome, splitCaseId, resolvedAt: now })
      .where(and(eq(caseFindings.estateId, row.estateId), eq(caseFindings.id, f.id)));
    await appendEvents(tx, [
      {
        estateId: row.estateId,
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        action: input.outcome === 'split' ? 'finding.split' : 'finding.resolved',
        subject: `finding:${f.id}`,
        after: { status: input.outcome, splitCaseId },
      },
    ]);
  });
