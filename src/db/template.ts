import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './client.js';
import { migrate, migrationsFolder } from './migrate.js';
import { seedDemo } from './seed/demo.js';

/**
 * Ready-made PGlite data directories. Initialising a new PGlite database takes seconds; loading
 * a dump of one that is already migrated (and, for the demo, seeded) takes about half a second,
 * which is what makes the first start of a new installation fast. Templates are built by
 * `npm run build` and are only used when they match the current migrations.
 */
export const templatesDir = fileURLToPath(new URL('../../dist/templates', import.meta.url));

export type TemplateKind = 'empty' | 'demo';

/** A fingerprint of every migration file: a template built from other migrations is ignored. */
export function migrationsFingerprint(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsFolder).filter((n) => n.endsWith('.sql')).sort()) {
    h.update(f).update(readFileSync(join(migrationsFolder, f)));
  }
  return h.digest('hex').slice(0, 16);
}

export const templatePath = (kind: TemplateKind) => join(templatesDir, `pglite-${kind}-${migrationsFingerprint()}.tar.gz`);

/** The template's bytes when one matching the current migrations exists. */
export function readTemplate(kind: TemplateKind): Blob | undefined {
  const path = templatePath(kind);
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/** Builds the empty and demo templates (called by `propdesk build-templates`). */
export async function buildTemplates(log: (line: string) => void = () => undefined): Promise<void> {
  mkdirSync(templatesDir, { recursive: true });
  for (const kind of ['empty', 'demo'] as const) {
    const database = await openDatabase({});
    await migrate(database);
    if (kind === 'demo') await seedDemo(database.db);
    const dump = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(templatePath(kind), Buffer.from(await dump.arrayBuffer()));
    await database.close();
    log(`built ${templatePath(kind)}`);
  }
}
