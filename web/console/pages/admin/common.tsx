import type { FormInstance } from 'antd';
import { ApiError } from '../../../shared/api.js';
import i18n, { addTranslations } from '../../../shared/i18n.js';

const registered = new Set<string>();
const keyOf = (zh: string) => {
  let h = 5381;
  for (const c of zh) h = ((h * 33) ^ c.codePointAt(0)!) >>> 0;
  return `adm_${h.toString(36)}_${zh.length}`;
};

/**
 * A screen string in Chinese and English, registered with addTranslations (keyed by a hash of
 * the Chinese text), answered in the current language. Screens call useTranslation() so a
 * language switch re-renders them.
 */
export function L(zh: string, en: string): string {
  const key = keyOf(zh);
  if (!registered.has(key)) {
    addTranslations({ [key]: zh }, { [key]: en });
    registered.add(key);
  }
  return i18n.t(key);
}

/** Staff role codes with their names (DOMAIN.md §1; residents are not staff). */
const ROLES: [string, string, string][] = [
  ['receptionist', '客服接待员', 'Receptionist'],
  ['night_duty', '夜间值班', 'Night duty'],
  ['dispatcher', '调度/班长', 'Dispatcher'],
  ['technician', '维修技术员', 'Technician'],
  ['supervisor', '客服主管', 'Supervisor'],
  ['engineering_manager', '工程部经理', 'Engineering manager'],
  ['project_manager', '项目经理', 'Project manager'],
  ['quality_officer', '品质管理', 'Quality officer'],
  ['hotline_officer', '热线专员', 'Hotline officer'],
  ['finance', '财务', 'Finance'],
  ['admin', '系统管理员', 'Administrator'],
];
export const roleOptions = () => ROLES.map(([value, zh, en]) => ({ value, label: L(zh, en) }));
export const roleLabel = (code: string) => {
  const r = ROLES.find(([v]) => v === code);
  return r ? L(r[1], r[2]) : code;
};

const SPECIALTIES: [string, string, string][] = [
  ['water', '给排水', 'Water'],
  ['electricity', '电气', 'Electrical'],
  ['civil', '土建', 'Civil works'],
  ['lift', '电梯', 'Lifts'],
  ['gas', '燃气', 'Gas'],
  ['door_window', '门窗', 'Doors and windows'],
  ['public_facility', '公共设施', 'Public facilities'],
  ['service', '服务', 'Service'],
  ['general', '综合', 'General'],
];
export const specialtyOptions = () => SPECIALTIES.map(([value, zh, en]) => ({ value, label: L(zh, en) }));
export const specialtyLabel = (code: string) => {
  const r = SPECIALTIES.find(([v]) => v === code);
  return r ? L(r[1], r[2]) : code;
};

/** "hours.lunch.start" → ['hours', 'lunch', 'start']; numeric parts become list indexes. */
const pathOf = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) && p.length < 4 ? Number(p) : p));

/**
 * Puts the API's field errors next to their fields (renaming API fields where the form differs,
 * e.g. priceCents → price) and returns the message for the form's alert.
 */
export function showFieldErrors(form: FormInstance, e: unknown, rename: Record<string, string> = {}, onForm: (field: string) => boolean = () => true): string {
  if (!(e instanceof ApiError)) return (e as Error)?.message ?? '操作失败';
  const fields = e.fields
    .map((f) => ({ field: rename[f.field] ?? f.field, message: f.message }))
    .filter((f) => onForm(f.field))
    .map((f) => ({ name: pathOf(f.field), errors: [f.message] }));
  form.setFields(fields as Parameters<FormInstance['setFields']>[0]);
  return e.message;
}

/** Posts CSV text; answers the JSON body and the status (422 carries the per-row report). */
export async function postCsv(url: string, text: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'application/json', 'idempotency-key': crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}` },
    credentials: 'same-origin',
    body: text,
  });
  const raw = await res.text();
  return { status: res.status, body: raw ? JSON.parse(raw) : null };
}

/** Saves text as a file the browser downloads (UTF-8 with BOM so Excel reads Chinese). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Deep equality of JSON values, whatever the key order (the database may reorder keys). */
const canon = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)])) : v;
export const same = (a: unknown, b: unknown) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
