import { holdsIllegalText } from './plain-text.js';
import { RESIDENT_NAME_MAX, RESIDENT_PHONES_MAX, type Relation, formatUnitCode, parsePhones, parseRelation, parseUnitCode } from './unit-code.js';

/** One problem in an import file: the line number as a spreadsheet shows it (header = 1). */
export interface ImportError {
  row: number;
  field: string;
  reason: string;
}

export interface ImportRow {
  row: number;
  unitCode: string;
  building: string;
  entrance: string | null;
  room: string;
  floor: number | null;
  areaM2: number | null;
  resident: { name: string; relation: Relation; phones: string[] } | null;
}

const HEADER_ALIASES: Record<string, string> = {
  楼栋: 'building', 楼号: 'building', building: 'building',
  单元: 'entrance', entrance: 'entrance',
  房号: 'room', 室: 'room', room: 'room',
  房屋编号: 'unit', 房屋: 'unit', unit: 'unit',
  面积: 'area', area: 'area',
  姓名: 'name', 业主姓名: 'name', 住户姓名: 'name', name: 'name',
  关系: 'relation', 身份: 'relation', relation: 'relation',
  电话: 'phones', 联系电话: 'phones', 手机: 'phones', phones: 'phones', phone: 'phones',
};

const ILLEGAL = '含有无法保存的字符（如 NUL 或残缺的 Unicode 字符）';

/** Maps a header row (Chinese or English) to field names; unknown columns are reported. */
export function mapHeader(header: string[]): { columns: (string | null)[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const columns = header.map((h, i) => {
    if (holdsIllegalText(h)) {
      errors.push({ row: 1, field: `第 ${i + 1} 列`, reason: ILLEGAL });
      return null;
    }
    const key = HEADER_ALIASES[h.trim().toLowerCase()] ?? HEADER_ALIASES[h.trim()] ?? null;
    if (!key && h.trim()) errors.push({ row: 1, field: h, reason: `无法识别的列「${h}」` });
    return key;
  });
  if (!columns.includes('unit') && !(columns.includes('building') && columns.includes('room'))) {
    errors.push({ row: 1, field: 'unit', reason: '须有「房屋编号」列，或「楼栋」与「房号」两列' });
  }
  return { columns, errors };
}

/**
 * Checks every line of a units/residents file and returns either all rows or all problems:
 * the import is all-or-nothing, so the office fixes the file once and imports it whole.
 */
export function checkImportRows(
  columns: (string | null)[],
  records: string[][],
  /** Each record's line in the file (blank lines make it differ from its index); default: no blank lines. */
  lines: readonly number[] = records.map((_, i) => i + 2),
): { rows: ImportRow[]; errors: ImportError[] } {
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  records.forEach((rec, i) => {
    const row = lines[i] ?? i + 2;
    const get = (k: string) => (columns.indexOf(k) >= 0 ? (rec[columns.indexOf(k)] ?? '').trim() : '');
    if (rec.every((v) => !v.trim())) return;
    // A cell the database cannot store is named by line and column, and the line goes no further.
    const bad = rec.map((v, j) => (holdsIllegalText(v) ? j : -1)).filter((j) => j >= 0);
    if (bad.length > 0) {
      for (const j of bad) errors.push({ row, field: columns[j] ?? `第 ${j + 1} 列`, reason: ILLEGAL });
      return;
    }
    const code = get('unit') || formatUnitCode(get('building'), get('entrance') || null, get('room'));
    const parts = parseUnitCode(code);
    if (!parts) {
      errors.push({ row, field: get('unit') ? 'unit' : 'room', reason: `房号「${code}」格式不正确，应如 3-1-502` });
      return;
    }
    const area = get('area');
    if (area && !(Number(area) > 0)) errors.push({ row, field: 'area', reason: `面积「${area}」不是正数` });
    let resident: ImportRow['resident'] = null;
    const name = get('name');
    if (name) {
      const relation = parseRelation(get('relation') || '业主');
      if (!relation) errors.push({ row, field: 'relation', reason: `关系「${get('relation')}」应为 业主、租户 或 家属` });
      const { phones, bad } = parsePhones(get('phones'));
      for (const b of bad) errors.push({ row, field: 'phones', reason: `电话「${b}」格式不正确` });
      // The same limits as the resident form: an import must not store what the form refuses.
      if (name.length > RESIDENT_NAME_MAX) errors.push({ row, field: 'name', reason: `姓名超过 ${RESIDENT_NAME_MAX} 个字` });
      if (phones.length > RESIDENT_PHONES_MAX) errors.push({ row, field: 'phones', reason: `电话最多 ${RESIDENT_PHONES_MAX} 个` });
      const key = `${code}|${name}`;
      if (seen.has(key)) errors.push({ row, field: 'name', reason: `与第 ${seen.get(key)} 行重复（同一房号同一住户）` });
      seen.set(key, row);
      if (relation) resident = { name, relation, phones };
    } else if (get('phones') || get('relation')) {
      errors.push({ row, field: 'name', reason: '填写了电话或关系，但没有姓名' });
    }
    rows.push({ row, unitCode: code, building: parts.building, entrance: parts.entrance, room: parts.room, floor: parts.floor, areaM2: area ? Math.round(Number(area)) : null, resident });
  });
  return { rows, errors };
}
