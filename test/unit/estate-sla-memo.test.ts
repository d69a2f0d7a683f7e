import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../src/domain/calendar/business-calendar.js';
import { estateSlaContext } from '../../src/domain/sla/estate-sla.js';

describe('estate SLA context memo', () => {
  it('system: the same stored settings give the same calendar object, built once', () => {
    const a = estateSlaContext({ calendar: { hours: [['08:00', '12:00']] } });
    const b = estateSlaContext(JSON.parse(JSON.stringify({ calendar: { hours: [['08:00', '12:00']] } })));
    expect(b).toBe(a);
    expect(a.cal.periods).toEqual([{ start: 480, end: 720 }]);
  });

  it('admin: a changed setting is a new key, so the next case uses the new calendar', () => {
    const before = estateSlaContext({ calendar: {} });
    expect(isWorkingDay(before.cal, '2030-01-02')).toBe(true);
    const after = estateSlaContext({
      calendar: { holidays: { '2030': { holidays: [{ name: '测试', from: '2030-01-02', to: '2030-01-02' }], makeupWorkdays: [] } } },
    });
    expect(after).not.toBe(before);
    expect(isWorkingDay(after.cal, '2030-01-02')).toBe(false);
    expect(estateSlaContext({ sla: { warnShare: 0.5 } }).policy.warnShare).toBe(0.5);
    expect(estateSlaContext({}).policy.warnShare).not.toBe(0.5);
  });
});
