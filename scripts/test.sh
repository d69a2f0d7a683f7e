#!/usr/bin/env bash
# The whole test suite: types, lint, domain unit tests, API tests on embedded PGlite and on PostgreSQL,
# and the browser tests in Chromium. Starts PostgreSQL itself when it is installed but down.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

# PostgreSQL for the API tests: 127.0.0.1:5432, trust auth, database `test` (PROPDESK_TEST_PG_URL
# points elsewhere). Started when installed but down; installed from Debian's packages and set up
# for local trust when missing, so a fresh machine needs nothing done by hand.
install_postgres() {
  echo "PostgreSQL is not installed; installing Debian's postgresql" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
  local ver hba
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  hba=/etc/postgresql/$ver/main/pg_hba.conf
  # Loopback only, as on the development machines: the tests connect as postgres without a password.
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' > "$hba"
}

ensure_postgres() {
  [ -n "${PROPDESK_TEST_PG_URL:-}" ] && return 0
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    command -v pg_ctlcluster >/dev/null 2>&1 || install_postgres
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    echo "PostgreSQL is not reachable on 127.0.0.1:5432 (set PROPDESK_TEST_PG_URL)" >&2
    return 1
  fi
  if ! psql -h 127.0.0.1 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test' >/dev/null 2>&1 ||
      su postgres -c 'createdb test' >/dev/null 2>&1 || true
  fi
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
