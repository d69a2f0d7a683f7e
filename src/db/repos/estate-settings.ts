import { eq } from 'drizzle-orm';
import { type EstateSettings, resolveSettings } from '../../domain/settings.js';
import type { Queryable } from '../client.js';
import { estates } from '../schema/index.js';

/** The estate's effective settings (defaults overlaid with its overrides); undefined when there is no such estate. */
export async function estateSettings(db: Queryable, estateId: string): Promise<EstateSettings | undefined> {
  const [e] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, estateId));
  return e ? resolveSettings(e.settings) : undefined;
}
