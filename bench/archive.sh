#!/usr/bin/env bash
# Times the yearly audit archive (GET /api/villages/{id}/years/{year}/archive.zip) of a demo-sized village and of a
# village of 1,000 households with many photos, over HTTP, in a test instance of jifen (fresh database); prints size,
# time, files and heap. Usage: bench/archive.sh [photo-kb]   (size of each generated photo, default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o test -Dtest=ArchiveBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.photo-kb="${1:-300}" 2>&1 | grep '^BENCH' || { echo "benchmark failed; see target/surefire-reports" >&2; exit 1; }
