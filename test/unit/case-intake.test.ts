import { describe, expect, it } from 'vitest';
import { beijingYear, checkIntake, formatCaseNumber, needsReceipt } from '../../src/domain/case-intake.js';
import { checkImportRows, mapHeader } from '../../src/domain/unit-import.js';
import { parseUnitCode } from '../../src/domain/unit-code.js';
import { decideFiring } from '../../src/domain/escalation.js';
import { resolveSettings } from '../../src/domain/settings.js';

const now = new Date('2026-03-02T02:00:00Z');
const base = { kind: 'repair', channel: 'phone', locationKind: 'in_home', unitId: 'u', description: '漏水' } as const;
const fields = (over: object) => checkIntake({ ...base, ...over } as Parameters<typeof checkIntake>[0], now).map((e) => e.field);

describe('intake (R-IN-5…9)', () => {
  it('R-IN-5: in-home needs a unit, public a location; phone needs consent; paid is confirmed twice', () => {
    expect(fields({ unitId: null })).toEqual(['unitId']);
    expect(fields({ locationKind: 'public', unitId: null })).toEqual(['locationText']);
    expect(fields({ contactPhone: '138' })).toEqual(['phoneConsent']);
    expect(fields({ paid: true })).toEqual(['paidConfirmedTwice']);
    expect(fields({ paid: true, paidConfirmedTwice: true })).toEqual([]);
  });
  it('R-IN-7: complaint nature and subtype', () => {
    expect(fields({ kind: 'complaint' })).toEqual(['complaintNature']);
    expect(fields({ kind: 'complaint', complaintNature: 'communicative' })).toEqual(['complaintSubtype']);
    expect(fields({ kind: 'complaint', complaintNature: 'valid', complaintSubtype: 'venting' })).toEqual(['complaintSubtype']);
    expect(fields({ complaintNature: 'valid' })).toEqual(['complaintNature']);
  });
  it('R-IN-8: a promised reply time lies in the future', () => {
    expect(fields({ promisedReplyAt: new Date(now.getTime() - 1) })).toEqual(['promisedReplyAt']);
  });
  it('R-IN-9: written complaints get a receipt', () => {
    expect(needsReceipt('complaint', 'letter')).toBe(true);
    expect(needsReceipt('complaint', 'phone')).toBe(false);
    expect(needsReceipt('repair', 'letter')).toBe(false);
  });
  it('case numbers use the Beijing year', () => {
    expect(beijingYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(beijingYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(formatCaseNumber('YH', 2026, 123)).toBe('YH-2026-000123');
  });
});

describe('unit codes and import checks', () => {
  it('parses 3-1-502 and 3-1203', () => {
    expect(parseUnitCode('3-1-502')).toEqual({ building: '3', entrance: '1', room: '502', floor: 5 });
    expect(parseUnitCode('3-1203')).toEqual({ building: '3', entrance: null, room: '1203', floor: 12 });
    expect(parseUnitCode('三号楼502')).toBeUndefined();
  });
  it('reports every bad line with its spreadsheet row number', () => {
    const { columns } = mapHeader(['房屋编号', '姓名', '关系', '电话']);
    const { errors } = checkImportRows(columns, [
      ['1-1-101', '甲', '业主', '13800000000'],
      ['1-1-x', '乙', '业主', ''],
      ['1-1-102', '丙', '老板', '1380'],
      ['1-1-101', '甲', '业主', ''],
    ]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([[3, 'unit'], [4, 'relation'], [4, 'phones'], [5, 'name']]);
  });
  it('a name longer than the resident form allows (50) or more than 5 phones is a bad line, as in the form', () => {
    const { columns } = mapHeader(['房屋编号', '姓名', '关系', '电话']);
    const { errors } = checkImportRows(columns, [
      ['1-1-101', '张'.repeat(50), '业主', ''],
      ['1-1-102', '张'.repeat(51), '业主', ''],
      ['1-1-103', '李四', '业主', '13800000001 13800000002 13800000003 13800000004 13800000005 13800000006'],
    ]);
    expect(errors).toEqual([
      { row: 3, field: 'name', reason: '姓名超过 50 个字' },
      { row: 4, field: 'phones', reason: '电话最多 5 个' },
    ]);
  });
  it('a cell holding a NUL or a lone surrogate is a bad line named by its column; a bad header cell by its position', () => {
    const { columns, errors: headerErrors } = mapHeader(['房屋编号', '姓名', 'x\u0000']);
    expect(headerErrors).toEqual([{ row: 1, field: '第 3 列', reason: expect.stringContaining('NUL') }]);
    const { rows, errors } = checkImportRows(columns, [
      ['1-1-101', '张\u0000三', ''],
      ['1-1-102', '李四', '\uDC00'],
      ['1-1-103', '王五', ''],
    ]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([[2, 'name'], [3, '第 3 列']]);
    expect(rows.map((r) => r.unitCode)).toEqual(['1-1-103']);
  });
  it('a header without unit columns is refused', () => {
    expect(mapHeader(['姓名']).errors.map((e) => e.field)).toContain('unit');
  });
});

describe('escalation ladder', () => {
  const s = { stepMinutes: 60, topLevel: 3 };
  const d = { state: 'pending' as const, warnAt: new Date(0), dueAt: new Date(600_000), escalationLevel: 0 };
  it('warns the desk before the due time, breaches to the supervisor, then climbs to quality', () => {
    expect(decideFiring(d, new Date(480_000), s)).toMatchObject({ kind: 'warn', notify: 'receptionist', nextFireAt: new Date(600_000) });
    expect(decideFiring(d, new Date(600_000), s)).toMatchObject({ kind: 'breach', notify: 'supervisor', level: 1 });
    expect(decideFiring({ ...d, state: 'breached', escalationLevel: 1 }, new Date(0), s)).toMatchObject({ kind: 'escalate', notify: 'project_manager', level: 2 });
    expect(decideFiring({ ...d, state: 'breached', escalationLevel: 2 }, new Date(0), s)).toMatchObject({ notify: 'quality_officer', level: 3, nextFireAt: null });
  });
});

describe('estate settings', () => {
  it('stored values override defaults one level deep', () => {
    const s = resolveSettings({ closing: { emergencyApprover: 'project_manager' }, reworkWindowDays: 14 });
    expect(s.closing.emergencyApprover).toBe('project_manager');
    expect(s.reworkWindowDays).toBe(14);
    expect(s.escalation.stepMinutes).toBe(60);
    expect(resolveSettings(null).reworkWindowDays).toBe(30);
  });
});
