/**
 * The last time a write failed for lack of disk space, on this node. A full disk on the
 * database server cannot be seen by a read-only health probe, so the error path reports it here
 * and health shows it for a while (monitoring then sees 503 without a user's failed write).
 */
let diskFullAt: number | undefined;

export const noteDiskFull = (at: number): void => {
  diskFullAt = at;
};

/** The time of a disk-full failure within the last `withinMs`, if any. */
export const recentDiskFull = (now: number, withinMs: number): number | undefined =>
  diskFullAt !== undefined && now - diskFullAt <= withinMs ? diskFullAt : undefined;
