#!/usr/bin/env bash
# Every benchmark, in full or (with --quick) in the seconds-long mode CI runs so they stay runnable.
# Figures are printed, never asserted; docs/benchmarks.md records the full runs.
set -euo pipefail
cd "$(dirname "$0")/.."
Q=${1:-}
npx tsx bench/scheduler-lag.ts --engine postgres $Q
npx tsx bench/scheduler-lag.ts --engine pglite $Q
# Load (desk mix, ceilings, open-loop case opening) on PostgreSQL then PGlite; BENCH_LOAD_URL
# points the PostgreSQL run at a seeded database (e.g. the full-size one of bench/seed.ts).
npx tsx bench/load.ts $Q ${BENCH_LOAD_URL:+--url "$BENCH_LOAD_URL"}
npx tsx bench/scale-out.ts $Q
# Opening a case layer by layer (statement alone, service, HTTP) against the durable-insert ceiling.
npx tsx bench/open-layers.ts $Q
# Read paths (board first/deep page, case page, Chinese search): --quick seeds a tiny dataset on
# each engine; the full run reads the database seeded by bench/seed.ts (BENCH_READ_URL, default
# propdesk_bench_full) and seeds 100,000 cases into a fresh PGlite for the engine comparison.
if [ "$Q" = "--quick" ]; then
  npx tsx bench/read-paths.ts --engine postgres --quick
  npx tsx bench/read-paths.ts --engine pglite --quick
else
  npx tsx bench/read-paths.ts --engine postgres ${BENCH_READ_URL:+--url "$BENCH_READ_URL"}
  npx tsx bench/read-paths.ts --engine pglite --seed-cases 100000
fi
# Report speed (issue 12): monthly report, KPI dashboard, group comparison for a month and a year.
if [ "$Q" = "--quick" ]; then
  npx tsx bench/kpis.ts --engine postgres --quick
  npx tsx bench/kpis.ts --engine pglite --quick
else
  npx tsx bench/kpis.ts --engine postgres ${BENCH_READ_URL:+--url "$BENCH_READ_URL"}
  npx tsx bench/kpis.ts --engine pglite --seed-cases 200000
fi
# Reliability on PostgreSQL: terminate bursts while opening with retries, a forced failure of the
# answer's write after the commit, SIGTERM with a live stream open (docs/reliability.md).
npx tsx bench/reliability.ts $Q
# First load in Chromium needs the built web app (npm run build:web) and Debian's chromium.
if [ -f web/dist/index.html ] && [ -x "${PROPDESK_CHROMIUM:-/usr/bin/chromium}" ]; then
  npx tsx bench/first-load.ts $Q
fi
