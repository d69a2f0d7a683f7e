import type { z } from 'zod';
import { EstateIdParams } from '../../../contracts/org.js';
import {
  CasesCsvQuery,
  DailyQuery,
  EstateDayParams,
  EstateDayParamsLoose,
  HandoverBody,
  HandoverBodyLoose,
  HandoverQuery,
  HandoverQueryLoose,
  OrderDelayBody,
  OrderDelayBodyLoose,
  OrderDelayParams,
  OrderDelayParamsLoose,
  MonthlyQuery,
  MonthlyQueryLoose,
  QuarterSignBody,
  QuarterSignBodyLoose,
  QuarterlyQuery,
  QuarterlyQueryLoose,
  SignDayBody,
  WeeklyQuery,
} from '../../../contracts/reports.js';
import { invalidFields, notFound } from '../../../errors.js';
import { type Actor, isStaffIn } from '../../../policies/actor.js';
import { casesCsv } from '../../../services/reports/cases-csv.js';
import { casesXlsx } from '../../../services/reports/cases-xlsx.js';
import { monthlyXlsx } from '../../../services/reports/monthly-xlsx.js';
import { XLSX_TYPE, attachment } from '../../../presenters/xlsx.js';
import { beijingDay, dailyReview, recordOrderDelay, signDay, weeklySummary } from '../../../services/reports/daily.js';
import { printBinderCover, printDayRegister, printQuarterly, printReturnVisits } from '../../../services/reports/print-forms.js';
import { handoverView, recordHandover } from '../../../services/reports/handover.js';
import { monthlyReport, quarterlyReport, signQuarter } from '../../../services/reports/monthly.js';
import { sendPrintPage as html } from '../../print-page.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['reports'];

/** Parses after the estate check: another estate answers 404 before any 400 about the input. */
function parseIn<T extends z.ZodType>(actor: Actor, estateId: string, schema: T, value: unknown): z.infer<T> {
  if (!isStaffIn(actor, estateId)) throw notFound('项目');
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  // Unknown keys are named one by one (as the app's error handler does), so `estate_id` is the field.
  throw invalidFields(
    r.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: `不允许的字段：${k}` }))
        : [{ field: i.path.join('.') || 'body', message: i.message }],
    ),
  );
}

/**
 * Supervisor and manager queues: daily sign-off (R-DY-1/2), the Monday summary (R-WK-1), the
 * month's and quarter's figures with the quarterly signatures (R-MO-1…3, R-QT-1, R-KPI-1), CSV export,
 * and the shift handover between the desks (R-SH-1).
 */
export const reportRoutes: RouteModule = (app, ctx) => {
  app.get('/api/estates/:estateId/daily', { schema: { tags, params: EstateIdParams, querystring: DailyQuery } }, async (req) =>
    dailyReview(ctx, requireActor(req), req.params.estateId, req.query.day),
  );
  app.post('/api/estates/:estateId/daily/:day/sign', { schema: { tags, params: EstateDayParamsLoose, body: SignDayBody } }, async (req) => {
    const actor = requireActor(req);
    const { day } = parseIn(actor, req.params.estateId, EstateDayParams, req.params);
    return signDay(ctx, actor, req.params.estateId, day, req.body.note);
  });
  app.post('/api/estates/:estateId/daily/:day/orders/:orderId/delay', { schema: { tags, params: OrderDelayParamsLoose, body: OrderDelayBodyLoose } }, async (req) => {
    const actor = requireActor(req);
    const p = parseIn(actor, req.params.estateId, OrderDelayParams, req.params);
    const body = parseIn(actor, req.params.estateId, OrderDelayBody, req.body);
    return recordOrderDelay(ctx, actor, p.estateId, p.day, p.orderId, body);
  });
  app.get('/api/estates/:estateId/weekly', { schema: { tags, params: EstateIdParams, querystring: WeeklyQuery } }, async (req) =>
    weeklySummary(ctx, requireActor(req), req.params.estateId, req.query.monday),
  );
  app.get('/api/estates/:estateId/monthly', { schema: { tags, params: EstateIdParams, querystring: MonthlyQueryLoose } }, async (req) => {
    const actor = requireActor(req);
    const q = parseIn(actor, req.params.estateId, MonthlyQuery, req.query);
    return monthlyReport(ctx, actor, req.params.estateId, q.month);
  });
  app.get('/api/estates/:estateId/quarterly', { schema: { tags, params: EstateIdParams, querystring: QuarterlyQueryLoose } }, async (req) => {
    const actor = requireActor(req);
    const q = parseIn(actor, req.params.estateId, QuarterlyQuery, req.query);
    return quarterlyReport(ctx, actor, req.params.estateId, q.quarter);
  });
  app.post('/api/estates/:estateId/quarterly/sign', { schema: { tags, params: EstateIdParams, body: QuarterSignBodyLoose } }, async (req) => {
    const actor = requireActor(req);
    const body = parseIn(actor, req.params.estateId, QuarterSignBody, req.body);
    return signQuarter(ctx, actor, req.params.estateId, body);
  });
  // Printed forms (issue 12 item 4): A4 pages with print CSS, the same readers as the JSON reports.
  app.get('/api/estates/:estateId/daily/print', { schema: { tags, params: EstateIdParams, querystring: DailyQuery } }, async (req, reply) =>
    html(reply, await printDayRegister(ctx, requireActor(req), req.params.estateId, req.query.day)),
  );
  app.get('/api/estates/:estateId/monthly/cover', { schema: { tags, params: EstateIdParams, querystring: MonthlyQueryLoose } }, async (req, reply) => {
    const actor = requireActor(req);
    const q = parseIn(actor, req.params.estateId, MonthlyQuery, req.query);
    return html(reply, await printBinderCover(ctx, actor, req.params.estateId, q.month));
  });
  app.get('/api/estates/:estateId/return-visits/print', { schema: { tags, params: EstateIdParams, querystring: MonthlyQueryLoose } }, async (req, reply) => {
    const actor = requireActor(req);
    const q = parseIn(actor, req.params.estateId, MonthlyQuery, req.query);
    return html(reply, await printReturnVisits(ctx, actor, req.params.estateId, q.month));
  });
  app.get('/api/estates/:estateId/quarterly/print', { schema: { tags, params: EstateIdParams, querystring: QuarterlyQueryLoose } }, async (req, reply) => {
    const actor = requireActor(req);
    const q = parseIn(actor, req.params.estateId, QuarterlyQuery, req.query);
    return html(reply, await printQuarterly(ctx, actor, req.params.estateId, q.quarter));
  });
  app.get('/api/estates/:estateId/handover', { schema: { tags, params: EstateIdParams, querystring: HandoverQueryLoose } }, async (req) => {
    const actor = requireActor(req);
    const q = parseIn(actor, req.params.estateId, HandoverQuery, req.query);
    return handoverView(ctx, actor, req.params.estateId, q);
  });
  app.post('/api/estates/:estateId/handovers', { schema: { tags, params: EstateIdParams, body: HandoverBodyLoose } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = parseIn(actor, req.params.estateId, HandoverBody, req.body);
    reply.code(201);
    return recordHandover(ctx, actor, req.params.estateId, body);
  });
  // Excel (issue 12 item 3): streamed, so a long list never sits in memory; x-rows-expected is the list's capped total for the progress bar.
  app.get('/api/estates/:estateId/cases.xlsx', { schema: { tags, params: EstateIdParams, querystring: CasesCsvQuery } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!isStaffIn(actor, req.params.estateId)) throw notFound('项目');
    const x = await casesXlsx(ctx, actor, { ...req.query, estateId: req.params.estateId });
    const day = beijingDay(ctx.clock.now());
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment(`cases-${day}.xlsx`, `案件清单-${day}.xlsx`))
      .header('cache-control', 'no-store')
      .header('x-rows-expected', String(x.expected))
      .send(x.stream);
  });
  app.get('/api/estates/:estateId/monthly.xlsx', { schema: { tags, params: EstateIdParams, querystring: MonthlyQueryLoose } }, async (req, reply) => {
    const actor = requireActor(req);
    const q = parseIn(actor, req.params.estateId, MonthlyQuery, req.query);
    const x = await monthlyXlsx(ctx, actor, req.params.estateId, q.month);
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment(`monthly-${x.month}.xlsx`, `维修月报-${x.month}.xlsx`))
      .header('cache-control', 'no-store')
      .send(x.stream);
  });
  app.get('/api/estates/:estateId/cases.csv', { schema: { tags, params: EstateIdParams, querystring: CasesCsvQuery } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!isStaffIn(actor, req.params.estateId)) throw notFound('项目');
    const { csv, rows, truncated } = await casesCsv(ctx.database.db, actor, { ...req.query, estateId: req.params.estateId });
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cases-${beijingDay(ctx.clock.now())}.csv"`)
      .header('x-rows', String(rows))
      .header('x-truncated', String(truncated));
    return csv;
  });
};
