/** R-HOT-1/2 thresholds: per-estate settings with the seed's values as defaults. */
export interface HotSettings {
  repeatCount: number;
  repeatWindowDays: number;
  hotHeadcount: number;
  majorHeadcount: number;
  hotAfterDays: number;
  majorAfterDays: number;
}

export const DEFAULT_HOT_SETTINGS: HotSettings = {
  repeatCount: 3,
  repeatWindowDays: 30,
  hotHeadcount: 3,
  majorHeadcount: 10,
  hotAfterDays: 7,
  majorAfterDays: 30,
};

export type FlagProposal = { flag: 'hot' | 'major'; reason: 'repeat' | 'headcount' | 'age'; detail: Record<string, unknown> };

/**
 * The countable conditions (R-HOT-3): the same complaint from enough different people in the
 * window, a collective complaint's headcount, or its age while unresolved. Lawsuits and media
 * exposure are judgements, flagged by a person.
 */
export function proposeFlags(
  c: { complainants: number; openedAt: Date; open: boolean },
  sameComplaintsFromOthers: number,
  now: Date,
  s: HotSettings = DEFAULT_HOT_SETTINGS,
): FlagProposal[] {
  const out: FlagProposal[] = [];
  const ageDays = (now.getTime() - c.openedAt.getTime()) / 86_400_000;
  if (c.complainants >= s.majorHeadcount) out.push({ flag: 'major', reason: 'headcount', detail: { complainants: c.complainants } });
  else if (c.complainants >= s.hotHeadcount) out.push({ flag: 'hot', reason: 'headcount', detail: { complainants: c.complainants } });
  if (sameComplaintsFromOthers + 1 >= s.repeatCount && !out.some((p) => p.flag === 'hot')) {
    out.push({ flag: 'hot', reason: 'repeat', detail: { sameComplaints: sameComplaintsFromOthers + 1, windowDays: s.repeatWindowDays } });
  }
  if (c.open && ageDays >= s.majorAfterDays && !out.some((p) => p.flag === 'major')) out.push({ flag: 'major', reason: 'age', detail: { days: Math.floor(ageDays) } });
  else if (c.open && ageDays >= s.hotAfterDays && !out.some((p) => p.flag === 'hot')) out.push({ flag: 'hot', reason: 'age', detail: { days: Math.floor(ageDays) } });
  return out;
}

/** Lawsuit or media exposure (R-HOT-1/2): only threatened (`risk`), or already happened. */
export const LAWSUIT_FLAGS = ['risk', 'filed'] as const;
export const MEDIA_FLAGS = ['risk', 'exposed'] as const;
export type LawsuitFlag = (typeof LAWSUIT_FLAGS)[number];
export type MediaFlag = (typeof MEDIA_FLAGS)[number];

/**
 * What a person's lawsuit/media judgement makes of a complaint: one that may lead to a lawsuit
 * or media exposure is hot (R-HOT-1); one already in court or in the media is major (R-HOT-2).
 */
export function manualFlagEffect(j: { lawsuit?: LawsuitFlag; media?: MediaFlag }): { hot?: true; major?: true } {
  const out: { hot?: true; major?: true } = {};
  if (j.lawsuit === 'filed' || j.media === 'exposed') out.major = true;
  if (j.lawsuit === 'risk' || j.media === 'risk') out.hot = true;
  return out;
}

/** Who made a complaint, as far as the desk knows. */
export interface Complainant {
  caseId: string;
  residentId: string | null;
  phone: string | null;
  unitId: string | null;
}

/** The identities a complaint names: resident record and phone; the unit (or the case) only when neither is known. */
function keysOf(c: Complainant): string[] {
  const keys = [c.residentId && `r:${c.residentId}`, c.phone && `p:${c.phone}`].filter((k): k is string => Boolean(k));
  return keys.length > 0 ? keys : [c.unitId ? `u:${c.unitId}` : `c:${c.caseId}`];
}

/**
 * How many different people other than `me` made the `others` complaints (R-HOT-1 "from different
 * people"): two complaints that share a resident record or a phone number are the same person,
 * even when one of them names only the phone — so one resident complaining three times is one.
 */
export function otherComplainants(me: Complainant, others: readonly Complainant[]): number {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const join = (keys: string[]) => {
    for (const k of keys) if (!parent.has(k)) parent.set(k, k);
    for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]!));
  };
  const mine = keysOf(me);
  join(mine);
  for (const o of others) join(keysOf(o));
  const myRoot = find(mine[0]!);
  return new Set(others.map((o) => find(keysOf(o)[0]!)).filter((r) => r !== myRoot)).size;
}
