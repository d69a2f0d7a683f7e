import { randomBytes } from 'node:crypto';
import { buildTemplate, dropTemplate } from './db.js';

/** Migrates one template database per run; every test file starts from a copy of it. */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.PROPDESK_TEST_RUN ??= randomBytes(4).toString('hex');
  await buildTemplate();
  return dropTemplate;
}
