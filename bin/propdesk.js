#!/usr/bin/env node
// The propdesk command. Runs the built JavaScript in dist/ (npm run build) when it is at least
// as new as every source file; otherwise runs the TypeScript sources through tsx, so a fresh or
// freshly edited checkout never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const useBuilt =
  existsSync(built) &&
  !process.env.PROPDESK_FROM_SOURCE &&
  (!existsSync(join(root, 'src')) || statSync(built).mtimeMs >= newestMtime(join(root, 'src')));

if (useBuilt) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
