import { type ClosingSettings, DEFAULT_CLOSING_SETTINGS } from './case-closing.js';
import { DEFAULT_EMERGENCY_KEYWORDS } from './emergency.js';
import { DEFAULT_ESCALATION, type EscalationSettings } from './escalation.js';
import { DEFAULT_HOT_SETTINGS, type HotSettings } from './hot-complaints.js';
import { DEFAULT_HOTLINE_SETTINGS, type HotlineSettings } from './hotline.js';
import { DEFAULT_KPI_SETTINGS, type KpiSettings } from './kpi.js';
import { DEFAULT_UPLOAD_SETTINGS, type UploadSettings } from './upload-quota.js';

/**
 * Per-estate settings. Every number in the rules is one of these, with the seed's value as
 * default; an estate stores only what it overrides (estates.settings JSON).
 */
export interface EstateSettings {
  closing: ClosingSettings;
  escalation: EscalationSettings;
  /** R-KPI-1: the same fault at the same unit within this many days counts as rework. */
  reworkWindowDays: number;
  /** Webhook targets allowed for this estate (signed with their secret). */
  webhooks: { url: string; secret: string; topics?: string[] }[];
  /** Email addresses told of breaches and escalations, by the role on the ladder. */
  notifyEmails: Partial<Record<string, string[]>>;
  /** R-EM-1: words that make the desk propose an emergency. */
  emergencyKeywords: string[];
  /** R-HOT-1/2 thresholds. */
  hot: HotSettings;
  /** R-KPI-1 / R-MO-3 targets of the monthly and quarterly figures. */
  kpi: KpiSettings;
  /** Daily upload allowance per person (photos, signatures). */
  uploads: UploadSettings;
  /** R-GM-3/4: the hotline dossier's first-visit and escalation clocks. */
  hotline: HotlineSettings;
}

export const DEFAULT_SETTINGS: EstateSettings = {
  closing: DEFAULT_CLOSING_SETTINGS,
  escalation: DEFAULT_ESCALATION,
  reworkWindowDays: 30,
  webhooks: [],
  notifyEmails: {},
  emergencyKeywords: [...DEFAULT_EMERGENCY_KEYWORDS],
  hot: DEFAULT_HOT_SETTINGS,
  kpi: DEFAULT_KPI_SETTINGS,
  uploads: DEFAULT_UPLOAD_SETTINGS,
  hotline: DEFAULT_HOTLINE_SETTINGS,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Defaults overlaid with what the estate stored (one level deep for grouped settings). */
export function resolveSettings(stored: unknown): EstateSettings {
  if (!isObject(stored)) return DEFAULT_SETTINGS;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(stored)) {
    const base = (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[k];
    out[k] = isObject(base) && isObject(v) ? { ...base, ...v } : v;
  }
  return out as unknown as EstateSettings;
}
