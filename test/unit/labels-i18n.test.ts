import i18n from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_LABELS, CHANNEL_OPTIONS, KIND_OPTIONS, ORDER_STATUS_LABELS, STATUS_LABELS, label } from '../../web/shared/labels.js';

// The web apps initialise i18next in web/shared/i18n.ts (which needs a browser); here the same
// singleton is initialised by hand, as the apps do, with the default language.
beforeAll(async () => {
  await i18n.init({ lng: 'zh-CN', fallbackLng: 'zh-CN', resources: {}, interpolation: { escapeValue: false } });
});
afterAll(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('shared labels go through i18n', () => {
  it('web: status, kind, channel and action labels are Chinese by default', () => {
    expect(STATUS_LABELS.dispatched).toBe('已派工');
    expect(ORDER_STATUS_LABELS.issued).toBe('已派工');
    expect(KIND_OPTIONS.find((k) => k.value === 'repair')?.label).toBe('报修');
    expect(CHANNEL_OPTIONS.find((k) => k.value === 'phone')?.label).toBe('电话');
    expect(ACTION_LABELS.accept).toBe('接单');
  });

  it('web: after switching to en-US every label is English, read at lookup time', async () => {
    const kind = KIND_OPTIONS.find((k) => k.value === 'repair')!;
    await i18n.changeLanguage('en-US');
    expect(STATUS_LABELS.reopened).toBe('Reopened');
    expect(ORDER_STATUS_LABELS.issued).toBe('Issued');
    expect(kind.label).toBe('Repair');
    expect(Object.fromEntries(Object.entries(STATUS_LABELS)).closed).toBe('Closed');
    expect(ACTION_LABELS.return).toBe('Return');
    await i18n.changeLanguage('zh-CN');
    expect(kind.label).toBe('报修');
  });

  it('web: unknown keys stay unknown, so callers can fall back', () => {
    expect(STATUS_LABELS.nonsense).toBeUndefined();
    expect(label('caseStatus', 'toString')).toBeUndefined();
    expect(Object.keys(STATUS_LABELS)).toContain('opened');
  });
});

describe('a screen label table', () => {
  it('web: answers in the current language, Chinese where English is missing, dotted keys included', async () => {
    const { translatedLabels } = await import('../../web/shared/labels.js');
    const T = translatedLabels('unit_test', { 'case.opened': '立项', other: '其他' }, { 'case.opened': 'Opened' });
    expect(T['case.opened']).toBe('立项');
    await i18n.changeLanguage('en-US');
    expect(T['case.opened']).toBe('Opened');
    expect(T.other).toBe('其他');
    expect(T.missing).toBeUndefined();
    await i18n.changeLanguage('zh-CN');
  });
});

describe('countdown and inline strings', () => {
  it('web: the countdown is Chinese by default and English after the switch', async () => {
    const { countdown } = await import('../../web/shared/format.js');
    const now = Date.parse('2026-03-02T02:00:00Z');
    expect(countdown('2026-03-02T02:12:00Z', now)).toBe('剩 12 分');
    expect(countdown('2026-03-02T01:55:00Z', now)).toBe('超时 5 分');
    expect(countdown('2026-03-02T05:00:00Z', now)).toBe('剩 3 小时');
    await i18n.changeLanguage('en-US');
    expect(countdown('2026-03-02T02:12:00Z', now)).toBe('12 min left');
    expect(countdown('2026-03-01T23:00:00Z', now)).toBe('3 h overdue');
    await i18n.changeLanguage('zh-CN');
  });
});
