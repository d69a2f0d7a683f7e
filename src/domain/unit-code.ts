import type { FieldError } from './field-error.js';

/** The parts of a unit code such as 3-1-502: building 3, entrance 1, room 502 (floor 5). */
export interface UnitCodeParts {
  building: string;
  entrance: string | null;
  room: string;
  floor: number | null;
}

/**
 * Parses `楼栋-单元-房号` (3-1-502) or `楼栋-房号` (3-502). The floor is the room number without
 * its last two digits (502 → 5, 1203 → 12), the usual Chinese numbering.
 * @returns undefined when the code is not of that shape
 */
export function parseUnitCode(code: string): UnitCodeParts | undefined {
  const m = /^([0-9A-Za-z]+)-(?:([0-9A-Za-z]+)-)?([0-9]{3,4})$/.exec(code.trim());
  if (!m) return undefined;
  const room = m[3]!;
  return { building: m[1]!, entrance: m[2] ?? null, room, floor: Number(room.slice(0, -2)) || null };
}

export const formatUnitCode = (building: string, entrance: string | null, room: string) =>
  entrance ? `${building}-${entrance}-${room}` : `${building}-${room}`;

/** Mainland mobile numbers, or landlines with an area code (010-12345678, 02088886666). */
/** A resident's name and phones, wherever they are entered (form, API, import file). */
export const RESIDENT_NAME_MAX = 50;
export const RESIDENT_PHONES_MAX = 5;

export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const RELATIONS = ['owner', 'tenant', 'family'] as const;
export type Relation = (typeof RELATIONS)[number];
const RELATION_WORDS: Record<string, Relation> = { owner: 'owner', 业主: 'owner', tenant: 'tenant', 租户: 'tenant', 租客: 'tenant', family: 'family', 家属: 'family', 家庭成员: 'family' };

export const parseRelation = (word: string): Relation | undefined => RELATION_WORDS[word.trim().toLowerCase()] ?? RELATION_WORDS[word.trim()];

/** Splits "138…; 139…/020-…" into phone numbers and reports the bad ones. */
export function parsePhones(raw: string): { phones: string[]; bad: string[] } {
  const parts = raw.split(/[;；/,，\s]+/).map((p) => p.trim()).filter(Boolean);
  return { phones: parts.filter((p) => PHONE_PATTERN.test(p)), bad: parts.filter((p) => !PHONE_PATTERN.test(p)) };
}

export type { FieldError };
