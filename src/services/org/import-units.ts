import { and, eq, inArray } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import type { AppContext } from '../../context.js';
import { buildings, residents, units } from '../../db/schema/index.js';
import { type ImportError, checkImportRows, mapHeader } from '../../domain/unit-import.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { requireOrgAdmin } from './guard.js';
import { asActor } from '../../db/repos/admin-events.js';

const MAX_ROWS = 20_000;

class DryRunDone extends Error {
  constructor(readonly summary: Record<string, unknown>) {
    super('dry run');
  }
}

function rejectWith(errors: ImportError[]): never {
  throw new AppError(422, 'import_rejected', `导入文件有 ${errors.length} 处错误，未导入任何数据`, {
    messageEn: `${errors.length} problems; nothing was imported`,
    fields: errors.map((e) => ({ field: `row ${e.row}.${e.field}`, message: e.reason })),
    report: errors,
  });
}

/**
 * Imports buildings, units and residents from a CSV file, all or nothing: any bad line → 422
 * with every problem (its line in the file, field, reason) and nothing written. Existing units are kept and
 * their new residents added; missing buildings are created. `dryRun` only checks.
 */
export async function importUnits(ctx: AppContext, actor: Actor, estateId: string, csv: string, dryRun: boolean) {
  requireOrgAdmin(actor, estateId);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof parsed;
  } catch (e) {
    rejectWith([{ row: 0, field: 'file', reason: `CSV 格式错误：${(e as Error).message}` }]);
  }
  const records = parsed.map((p) => p.record);
  // The line each record starts on in the file, as the office sees it in an editor: blank lines
  // are skipped by the parser, and a quoted value may span lines (info.lines is where it ends).
  const lines = parsed.map((p) => p.info.lines - p.record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0));
  if (records.length < 2) rejectWith([{ row: 1, field: 'file', reason: '文件没有数据行' }]);
  if (records.length > MAX_ROWS + 1) rejectWith([{ row: MAX_ROWS + 2, field: 'file', reason: `一次最多导入 ${MAX_ROWS} 行` }]);
  const header = mapHeader(records[0]!);
  const { rows, errors } = checkImportRows(header.columns, records.slice(1), lines.slice(1));
  if (header.errors.length + errors.length > 0) rejectWith([...header.errors, ...errors]);
  return asActor(ctx.database.db, actor.userId, async (tx) => {
    const existingBuildings = new Map((await tx.select().from(buildings).where(eq(buildings.estateId, estateId))).map((b) => [b.code, b.id]));
    let newBuildings = 0;
    for (const code of new Set(rows.map((r) => r.building))) {
      if (existingBuildings.has(code)) continue;
      const [b] = await tx.insert(buildings).values({ estateId, code, name: `${code}号楼` }).returning();
      existingBuildings.set(code, b!.id);
      newBuildings++;
    }
    const codes = [...new Set(rows.map((r) => r.unitCode))];
    const existingUnits = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 1000) {
      const found = await tx.select({ id: units.id, code: units.code }).from(units).where(and(eq(units.estateId, estateId), inArray(units.code, codes.slice(i, i + 1000))));
      for (const u of found) existingUnits.set(u.code, u.id);
    }
    const toCreate = new Map(rows.filter((r) => !existingUnits.has(r.unitCode)).map((r) => [r.unitCode, r]));
    const created = [...toCreate.values()];
    for (let i = 0; i < created.length; i += 500) {
      const batch = await tx
        .insert(units)
        .values(created.slice(i, i + 500).map((r) => ({ estateId, buildingId: existingBuildings.get(r.building)!, code: r.unitCode, entrance: r.entrance, floor: r.floor, room: r.room, areaM2: r.areaM2 })))
        .returning({ id: units.id, code: units.code });
      for (const u of batch) existingUnits.set(u.code, u.id);
    }
    const people = rows.filter((r) => r.resident).map((r) => ({ estateId, unitId: existingUnits.get(r.unitCode)!, ...r.resident! }));
    for (let i = 0; i < people.length; i += 500) await tx.insert(residents).values(people.slice(i, i + 500));
    const summary = { rows: rows.length, buildingsCreated: newBuildings, unitsCreated: created.length, unitsExisting: codes.length - created.length, residentsCreated: people.length, dryRun };
    // A dry run does everything, then rolls it back by throwing: the summary is exact.
    if (dryRun) throw new DryRunDone(summary);
    return summary;
  }).catch((e: unknown) => {
    if (e instanceof DryRunDone) return e.summary;
    throw e;
  });
}
