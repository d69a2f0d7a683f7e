import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { appendEvents } from '../../db/repos/events.js';
import { returnVisits } from '../../db/schema/index.js';
import { RuleError } from '../../domain/rule-error.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { type StepContext, runCaseStep } from './run-step.js';

export interface ReturnVisitInput {
  kind: 'closing' | 'stage';
  outcome: 'visited' | 'exempt';
  exemptReason?: 'resolved_on_spot' | 'anonymous' | 'unreachable' | 'sensitive';
  satisfaction?: number;
  opinion?: string;
}

const CLOSED = ['closed', 'closed_unresolved'];

/**
 * Writes one visit and its timeline event. A case has at most one closing visit (R-RV-1),
 * whoever records it: the desk on the phone or the resident in the portal.
 */
async function writeVisit({ tx, row, actor, now }: StepContext, v: ReturnVisitInput & { channel: 'desk' | 'portal' }) {
  if (v.kind === 'closing') {
    const [done] = await tx.select().from(returnVisits).where(and(eq(returnVisits.estateId, row.estateId), eq(returnVisits.caseId, row.id), eq(returnVisits.kind, 'closing')));
    if (done) throw new RuleError('R-RV-1', '该案件已完成结案回访', 'this case already has its closing visit');
  }
  await tx.insert(returnVisits).values({
    estateId: row.estateId,
    caseId: row.id,
    kind: v.kind,
    outcome: v.outcome,
    exemptReason: v.exemptReason ?? null,
    satisfaction: v.satisfaction ?? null,
    opinion: v.opinion || null,
    visitedBy: actor.userId,
    visitedAt: now,
  });
  await appendEvents(tx, [
    {
      estateId: row.estateId,
      caseId: row.id,
      at: now,
      actorId: actor.userId,
      action: v.outcome === 'visited' ? 'visit.recorded' : 'visit.exempted',
      after: { kind: v.kind, satisfaction: v.satisfaction ?? null, exemptReason: v.exemptReason ?? null, channel: v.channel },
      note: v.opinion || undefined,
    },
  ]);
}

/**
 * Records a return visit (回访): the closing visit after a case is closed (R-RV-1), once, or a
 * stage visit while a long case is open (R-RV-3); or why none is made (R-RV-2).
 * @throws 409 when the case is not in a state for that kind of visit
 */
export const recordReturnVisit = (ctx: AppContext, actor: Actor, caseId: string, input: ReturnVisitInput) =>
  runCaseStep(ctx, actor, caseId, 'return_visit', undefined, async (step) => {
    const { row } = step;
    if (input.outcome === 'exempt' && !input.exemptReason) throw invalid('exemptReason', '免回访须说明原因（R-RV-2）');
    if (input.outcome === 'visited' && !input.satisfaction) throw invalid('satisfaction', '请记录业户满意度（R-RV-1）');
    if (input.kind === 'closing') {
      if (!CLOSED.includes(row.status)) throw new RuleError('R-RV-1', '案件销项后方可进行结案回访', 'the closing visit follows closing');
    } else if (CLOSED.includes(row.status) || row.status === 'cancelled') {
      throw new RuleError('R-RV-3', '阶段性回访用于未结案件', 'stage visits are for open cases');
    }
    await writeVisit(step, { ...input, channel: 'desk' });
  });

/**
 * The resident answers the closing return visit in the portal (R-RV-1): recorded as the case's
 * closing visit, once, with channel `portal` in the timeline; only after closing.
 * @throws 409 R-RV-1 before closing or when the closing visit is already recorded
 */
export const answerReturnVisit = (ctx: AppContext, actor: Actor, caseId: string, input: { satisfaction?: number; opinion?: string }) =>
  runCaseStep(ctx, actor, caseId, 'answer_visit', undefined, async (step) => {
    if (!CLOSED.includes(step.row.status)) throw new RuleError('R-RV-1', '案件销项后方可回访评价', 'the return visit follows closing');
    if (!input.satisfaction) throw invalid('satisfaction', '请选择满意度（R-RV-1）');
    await writeVisit(step, { kind: 'closing', outcome: 'visited', satisfaction: input.satisfaction, opinion: input.opinion, channel: 'portal' });
  });
