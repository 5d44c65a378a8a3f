#!/usr/bin/env bash
# Times the three-in-one ledger PDF (三合一总台账) of a generated village: 1,000 households, a year of entries
# (24,000), 12 closed months, 4 published notices, 12 redemption days with a photo and 12,000 redemptions, seeded by
# SQL in a test instance of jifen (fresh database). Prints pages, size, time and the JVM's peak RSS.
# Usage: bench/ledger.sh [households] [max heap, e.g. 512m]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${2:-}" ]; then export JAVA_TOOL_OPTIONS="-Xmx$2"; fi  # reaches the forked test JVM that runs the app
./mvnw -q -B -o verify -Dtest=LedgerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.households="${1:-1000}" 2>&1 | grep '^BENCH' || { echo "benchmark failed; see target/surefire-reports" >&2; exit 1; }
