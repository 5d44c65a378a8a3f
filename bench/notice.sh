#!/usr/bin/env bash
# Times the public notice page and the poster PDF (A4, A3) of a village of 1,000 households, over HTTP,
# in a test instance of jifen (fresh database). Usage: bench/notice.sh [households]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=NoticeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.households="${1:-1000}" 2>&1 | grep '^BENCH' || { echo "benchmark failed; see target/surefire-reports" >&2; exit 1; }
