import { and, asc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { categories, cases, deadlines, departments, estates, quarterlySignoffs, users, workOrderMaterials, workOrders } from '../../db/schema/index.js';
import {
  type ClockRow,
  TIMELINESS_CLOCKS,
  complaintRate,
  findRework,
  monthBounds,
  previousMonth,
  quarterMonths,
  quarterOf,
  quarterSignableFrom,
  reworkRate,
  timelinessMiss,
  timelinessRate,
} from '../../domain/kpi.js';
import { resolveSettings } from '../../domain/settings.js';
import { formatOrderNumber } from '../../domain/work-order-lifecycle.js';
import { AppError, forbidden, invalid, notFound, ruleViolation } from '../../errors.js';
import { type Actor, hasAnyRole, isStaffIn } from '../../policies/actor.js';

const DAY_MS = 86_400_000;

/** Who reads the month's and quarter's figures (R-MO-1, R-QT-1, R-QT-2). */
const READING_ROLES = ['supervisor', 'project_manager', 'quality_officer'] as const;

function requireReader(actor: Actor, estateId: string) {
  if (!isStaffIn(actor, estateId)) throw notFound('项目');
  if (!hasAnyRole(actor, estateId, READING_ROLES)) throw forbidden('月报、季报仅客服主管、项目经理和集团品质管理可查看', 'only the supervisor, project manager and quality office read these figures');
}

/**
 * Everything the figures of [from, to) are made of, in five estate-scoped queries: the orders
 * issued, the materials on them, the repairs (those reported in the period and the earlier ones
 * completed within the rework window before it) with their dispatch and arrival clocks, and the
 * valid complaints accepted.
 */
async function loadPeriod(db: Queryable, estateId: string, from: Date, to: Date) {
  const [estate] = await db.select({ households: estates.households, settings: estates.settings }).from(estates).where(eq(estates.id, estateId));
  if (!estate) throw notFound('项目');
  const settings = resolveSettings(estate.settings);
  const since = new Date(from.getTime() - settings.reworkWindowDays * DAY_MS);
  const issued = and(eq(workOrders.estateId, estateId), gte(workOrders.issuedAt, from), lt(workOrders.issuedAt, to));
  const repairsInPeriod = and(eq(cases.estateId, estateId), eq(cases.kind, 'repair'), sql`${cases.status} <> 'cancelled'`);
  // The Beijing month of an order, so one grouped row per material and month.
  const orderMonth = sql<string>`to_char((${workOrders.issuedAt} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
  const [orders, materials, repairs, clocks, complaints] = await Promise.all([
    db
      .select({
        number: workOrders.number,
        status: workOrders.status,
        issuedAt: workOrders.issuedAt,
        department: departments.name,
        locationKind: cases.locationKind,
        paid: cases.paid,
        specialty: categories.specialty,
      })
      .from(workOrders)
      .innerJoin(cases, and(eq(cases.estateId, workOrders.estateId), eq(cases.id, workOrders.caseId)))
      .leftJoin(departments, and(eq(departments.estateId, workOrders.estateId), eq(departments.id, workOrders.departmentId)))
      .leftJoin(categories, and(eq(categories.estateId, cases.estateId), eq(categories.code, cases.category)))
      .where(issued)
      .orderBy(asc(workOrders.number)),
    db
      .select({
        month: orderMonth,
        name: workOrderMaterials.name,
        spec: workOrderMaterials.spec,
        unit: workOrderMaterials.unit,
        quantity: sql<string>`sum(${workOrderMaterials.quantity})::text`,
        amountCents: sql<number>`round(sum(${workOrderMaterials.quantity} * ${workOrderMaterials.unitPriceCents}))::int`,
      })
      .from(workOrderMaterials)
      .innerJoin(workOrders, and(eq(workOrders.estateId, workOrderMaterials.estateId), eq(workOrders.id, workOrderMaterials.workOrderId)))
      .where(and(issued, sql`${workOrders.status} <> 'void'`, sql`${workOrderMaterials.supersededAt} is null`))
      .groupBy(orderMonth, workOrderMaterials.name, workOrderMaterials.spec, workOrderMaterials.unit),
    db
      .select({ id: cases.id, number: cases.number, unitId: cases.unitId, category: cases.category, openedAt: cases.openedAt, completedAt: cases.completedAt })
      .from(cases)
      .where(and(repairsInPeriod, or(and(gte(cases.openedAt, from), lt(cases.openedAt, to)), and(gte(cases.completedAt, since), lt(cases.completedAt, to))))),
    db
      .select({ caseId: deadlines.caseId, clock: deadlines.clock, state: deadlines.state, dueAt: deadlines.dueAt, settledAt: deadlines.settledAt })
      .from(deadlines)
      .innerJoin(cases, and(eq(cases.estateId, deadlines.estateId), eq(cases.id, deadlines.caseId)))
      .where(and(repairsInPeriod, gte(cases.openedAt, from), lt(cases.openedAt, to), inArray(deadlines.clock, [...TIMELINESS_CLOCKS]))),
    db
      .select({ openedAt: cases.openedAt })
      .from(cases)
      .where(and(eq(cases.estateId, estateId), eq(cases.kind, 'complaint'), eq(cases.complaintNature, 'valid'), gte(cases.openedAt, from), lt(cases.openedAt, to))),
  ]);
  return { households: estate.households, settings, orders, materials, repairs, clocks, complaints };
}

type Period = Awaited<ReturnType<typeof loadPeriod>>;

const tally = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m].map(([k, n]) => ({ key: k, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
};

/** The figures of one month out of a loaded period (R-MO-2, R-MO-3, R-KPI-1). */
function monthFigures(p: Period, month: string, asOf: Date) {
  const { from, to, lastDay } = monthBounds(month);
  const inMonth = (d: Date) => d >= from && d < to;
  const all = p.orders.filter((o) => inMonth(o.issuedAt));
  const orders = all.filter((o) => o.status !== 'void');
  const clocksOf = new Map<string, ClockRow[]>();
  for (const c of p.clocks) clocksOf.set(c.caseId, [...(clocksOf.get(c.caseId) ?? []), c]);
  const repairs = p.repairs.filter((r) => inMonth(r.openedAt));
  const misses = repairs.map((r) => ({ r, miss: timelinessMiss(r, clocksOf.get(r.id) ?? [], asOf) }));
  const rework = findRework(p.repairs, p.settings.reworkWindowDays, from, to);
  const materials = new Map<string, { name: string; spec: string | null; unit: string | null; quantity: number; amountCents: number }>();
  for (const m of p.materials.filter((x) => x.month === month)) {
    const key = `${m.name}\u0000${m.spec ?? ''}\u0000${m.unit ?? ''}`;
    const cur = materials.get(key) ?? { name: m.name, spec: m.spec, unit: m.unit, quantity: 0, amountCents: 0 };
    cur.quantity = Math.round((cur.quantity + Number(m.quantity)) * 1000) / 1000;
    cur.amountCents += Number(m.amountCents);
    materials.set(key, cur);
  }
  const timeliness = timelinessRate(
    misses.map((x) => x.miss),
    p.settings.kpi.timelinessTargetPct,
  );
  const reworkFig = reworkRate(rework.length, repairs.length, p.settings.kpi.reworkTargetPct);
  const complaints = complaintRate(p.complaints.filter((c) => inMonth(c.openedAt)).length, p.households, p.settings.kpi.complaintRateTargetPct);
  const inHome = orders.filter((o) => o.locationKind === 'in_home').length;
  const numbers = all.map((o) => o.number);
  return {
    month,
    period: { from: `${month}-01`, to: lastDay },
    orders: {
      total: orders.length,
      voided: all.length - orders.length,
      inHome,
      public: orders.length - inHome,
      routine: orders.filter((o) => !o.paid).length,
      paid: orders.filter((o) => o.paid).length,
      byDepartment: tally(orders, (o) => o.department ?? '未指定').map(({ key, n }) => ({ department: key, n })),
      bySpecialty: tally(orders, (o) => o.specialty ?? 'unclassified').map(({ key, n }) => ({ specialty: key, n })),
    },
    materials: [...materials.values()].sort((a, b) => b.amountCents - a.amountCents || a.name.localeCompare(b.name)),
    timeliness: { ...timeliness, late: misses.filter((x) => x.miss).map(({ r, miss }) => ({ caseId: r.id, caseNumber: r.number, reason: miss })) },
    rework: { ...reworkFig, windowDays: p.settings.reworkWindowDays, cases: rework },
    complaintRate: complaints,
    cover: {
      month,
      totalOrders: orders.length,
      inHome,
      public: orders.length - inHome,
      timelinessPct: timeliness.ratePct,
      reworkPct: reworkFig.ratePct,
      firstOrderNumber: numbers.length ? formatOrderNumber(Math.min(...numbers)) : null,
      lastOrderNumber: numbers.length ? formatOrderNumber(Math.max(...numbers)) : null,
    },
  };
}

/**
 * R-MO-1 / R-MO-2 / R-MO-3: the month's figures for the project manager's review, with the
 * binder cover. `month` (YYYY-MM, Beijing) defaults to last month by the injected clock.
 * @throws 404 another estate, 403 roles other than supervisor / project manager / quality
 */
export async function monthlyReport(ctx: AppContext, actor: Actor, estateId: string, month?: string) {
  requireReader(actor, estateId);
  const m = month ?? previousMonth(ctx.clock.now());
  const { from, to } = monthBounds(m);
  const p = await loadPeriod(ctx.database.db, estateId, from, to);
  return { estateId, households: p.households, targets: { ...p.settings.kpi, reworkWindowDays: p.settings.reworkWindowDays }, ...monthFigures(p, m, ctx.clock.now()) };
}

// ---- quarterly (R-QT-1) -----------------------------------------------------------------------

type QuarterRow = typeof quarterlySignoffs.$inferSelect;

async function quarterFigures(db: Queryable, estateId: string, quarter: string, asOf: Date) {
  const months = quarterMonths(quarter);
  const from = monthBounds(months[0]).from;
  const to = monthBounds(months[2]).to;
  const p = await loadPeriod(db, estateId, from, to);
  const each = months.map((m) => monthFigures(p, m, asOf));
  const sum = (f: (x: (typeof each)[number]) => number) => each.reduce((n, x) => n + f(x), 0);
  const repairs = sum((x) => x.timeliness.repairs);
  const k = p.settings.kpi;
  return {
    months: each.map((x) => ({
      month: x.month,
      orders: x.orders.total,
      inHome: x.orders.inHome,
      public: x.orders.public,
      paid: x.orders.paid,
      timelinessPct: x.timeliness.ratePct,
      reworks: x.rework.reworks,
      reworkPct: x.rework.ratePct,
      validComplaints: x.complaintRate.validComplaints,
      complaintRatePct: x.complaintRate.ratePct,
    })),
    total: {
      orders: sum((x) => x.orders.total),
      timeliness: timelinessRate(
        each.flatMap((x) => [...Array(x.timeliness.timely).fill(null), ...x.timeliness.late.map((l) => l.reason)]),
        k.timelinessTargetPct,
      ),
      rework: reworkRate(sum((x) => x.rework.reworks), repairs, k.reworkTargetPct),
      complaintRate: complaintRate(sum((x) => x.complaintRate.validComplaints), p.households, k.complaintRateTargetPct),
    },
  };
}

async function readSignoff(db: Queryable, estateId: string, quarter: string) {
  const mgr = sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${quarterlySignoffs.managerId})`;
  const [row] = await db
    .select({ s: quarterlySignoffs, supervisorName: users.displayName, managerName: mgr })
    .from(quarterlySignoffs)
    .leftJoin(users, eq(users.id, quarterlySignoffs.supervisorId))
    .where(and(eq(quarterlySignoffs.estateId, estateId), eq(quarterlySignoffs.quarter, quarter)));
  return row ?? null;
}

const presentSignoff = (r: NonNullable<Awaited<ReturnType<typeof readSignoff>>>) => ({
  supervisor: { id: r.s.supervisorId, name: r.supervisorName, signedAt: r.s.supervisorSignedAt.toISOString(), note: r.s.supervisorNote },
  manager: r.s.managerId ? { id: r.s.managerId, name: r.managerName, signedAt: r.s.managerSignedAt!.toISOString(), comment: r.s.managerComment } : null,
  figuresAsSigned: r.s.figures,
});

async function readQuarter(db: Queryable, actor: Actor, estateId: string, quarter: string, now: Date) {
  const [figures, signoff] = await Promise.all([quarterFigures(db, estateId, quarter, now), readSignoff(db, estateId, quarter)]);
  const open = quarterSignableFrom(quarter).getTime() <= now.getTime();
  return {
    estateId,
    quarter,
    ...figures,
    signableFrom: quarterSignableFrom(quarter).toISOString(),
    signoff: signoff ? presentSignoff(signoff) : null,
    maySign: {
      supervisor: open && !signoff && hasAnyRole(actor, estateId, ['supervisor']),
      projectManager: open && Boolean(signoff && !signoff.s.managerId) && hasAnyRole(actor, estateId, ['project_manager']),
    },
  };
}

/**
 * R-QT-1: three months' key figures and the quarter's complaint rate, with the signatures.
 * `quarter` (YYYY-Qn) defaults to the quarter of last month by the injected clock.
 */
export async function quarterlyReport(ctx: AppContext, actor: Actor, estateId: string, quarter?: string) {
  requireReader(actor, estateId);
  const now = ctx.clock.now();
  return readQuarter(ctx.database.db, actor, estateId, quarter ?? quarterOf(previousMonth(now)), now);
}

export type QuarterSignInput = { quarter: string; role: 'supervisor' | 'project_manager'; note?: string; comment?: string };

const alreadySigned = (who: string) => new AppError(409, 'already_signed', `${who}已签字`, { messageEn: 'already signed' });

/**
 * R-QT-1: the supervisor signs the quarter's summary (its figures are kept as signed); then the
 * project manager writes a comment and signs. Each role signs once, in that order. The row is the
 * audit record (who, when); nothing goes on case timelines, as no case is concerned.
 * @throws 404 other estate, 403 the role is not the caller's, 400 too early / no comment, 409 order or twice
 */
export async function signQuarter(ctx: AppContext, actor: Actor, estateId: string, input: QuarterSignInput) {
  if (!isStaffIn(actor, estateId)) throw notFound('项目');
  if (!hasAnyRole(actor, estateId, [input.role])) {
    throw forbidden(input.role === 'supervisor' ? '季报须由客服主管签字' : '季报意见须由项目经理签署', 'the caller does not hold the signing role');
  }
  const now = ctx.clock.now();
  if (quarterSignableFrom(input.quarter).getTime() > now.getTime()) {
    throw invalid('quarter', `${input.quarter} 的季度小结自该季度第三个月起方可签字`, 'the quarter can be signed from the first day of its third month');
  }
  return ctx.database.db.transaction(async (tx) => {
    const current = await readSignoff(tx, estateId, input.quarter);
    if (input.role === 'supervisor') {
      if (current) throw alreadySigned(`${input.quarter} 季报已由${current.supervisorName ?? '主管'}`);
      const figures = await quarterFigures(tx, estateId, input.quarter, now);
      const inserted = await tx
        .insert(quarterlySignoffs)
        .values({ estateId, quarter: input.quarter, supervisorId: actor.userId, supervisorSignedAt: now, supervisorNote: input.note || null, figures })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw alreadySigned(`${input.quarter} 季报`);
    } else {
      if (!current) throw ruleViolation('R-QT-1', '客服主管签字后，项目经理方可签署意见', 'the supervisor signs first');
      if (current.s.managerId) throw alreadySigned(`${input.quarter} 季报已由项目经理${current.managerName ?? ''}`);
      if (!input.comment) throw invalid('comment', '请填写项目经理意见', 'the project manager comments when signing');
      const updated: QuarterRow[] = await tx
        .update(quarterlySignoffs)
        .set({ managerId: actor.userId, managerSignedAt: now, managerComment: input.comment })
        .where(and(eq(quarterlySignoffs.estateId, estateId), eq(quarterlySignoffs.quarter, input.quarter), sql`${quarterlySignoffs.managerId} is null`))
        .returning();
      if (updated.length === 0) throw alreadySigned(`${input.quarter} 季报`);
    }
    return readQuarter(tx, actor, estateId, input.quarter, now);
  });
}
