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
