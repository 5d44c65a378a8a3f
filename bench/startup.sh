#!/usr/bin/env bash
# Start-up figures for the issue notes: time from `java -jar` to /q/health/ready = UP, and RSS once ready,
# for (1) the embedded PostgreSQL on a fresh data folder, (2) the same folder again (restart), and
# (3) an external PostgreSQL (PGHOST/PGPORT, default 127.0.0.1:5432, a throwaway database jifen_bench_start).
# usage: bash bench/startup.sh   (builds the jar first if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
port=${PORT:-18090}
work=$(mktemp -d)
pg=${PGHOST:-127.0.0.1}:${PGPORT:-5432}

measure() { # label, extra env...
  local label=$1; shift
  local t0 t1 pid rss
  t0=$(date +%s%N)
  env "$@" QUARKUS_HTTP_PORT=$port JIFEN_BOOTSTRAP_ADMIN_PASSWORD=bench-admin java -jar "$jar" >"$work/$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  t1=$(date +%s%N)
  sleep 1
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  printf 'startup %-18s ready_s=%.2f jvm_rss_mb=%d\n' "$label" "$(echo "($t1-$t0)/1000000000" | bc -l)" $((rss/1024))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure embedded-fresh JIFEN_EMBEDDED_DB_DIR="$work/pg"
measure embedded-restart JIFEN_EMBEDDED_DB_DIR="$work/pg"
psql -h "${pg%:*}" -p "${pg#*:}" -U postgres -q -d postgres -c "DROP DATABASE IF EXISTS jifen_bench_start" -c "CREATE DATABASE jifen_bench_start"
measure external QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg/jifen_bench_start" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg/jifen_bench_start" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
measure external-restart QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg/jifen_bench_start" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg/jifen_bench_start" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
psql -h "${pg%:*}" -p "${pg#*:}" -U postgres -q -d postgres -c "DROP DATABASE IF EXISTS jifen_bench_start WITH (FORCE)"
rm -rf "$work"
