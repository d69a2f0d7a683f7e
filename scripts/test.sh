#!/usr/bin/env bash
# The whole test suite: types, lint, domain unit tests, API tests on embedded PGlite and on PostgreSQL,
# and the browser tests in Chromium. Starts PostgreSQL itself when it is installed but down.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

ensure_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && return 0; sleep 1; done
  fi
  echo "PostgreSQL is not reachable on 127.0.0.1:5432 (set PROPDESK_TEST_PG_URL)" >&2
  return 1
}

step "typecheck"
npx tsc --noEmit
npx tsc --noEmit -p web/tsconfig.json

step "lint (Biome)"
npm run --silent lint

step "domain unit tests"
npx vitest run --project unit

step "API tests on PGlite"
PROPDESK_TEST_DB=pglite npx vitest run --project api

step "API tests on PostgreSQL"
ensure_postgres
PROPDESK_TEST_DB=postgres npx vitest run --project api

step "benchmarks, quick mode (figures are not asserted; see docs/benchmarks.md)"
npm run --silent bench:quick

if [ -f scripts/e2e.sh ]; then
  step "browser tests (Chromium)"
  bash scripts/e2e.sh
fi
