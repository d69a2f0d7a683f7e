import { buildTemplate } from './db.js';

/** Migrates one template database per run; every test file starts from a copy of it. */
export default async function setup(): Promise<void> {
  await buildTemplate();
}
