#!/usr/bin/env bash
# Two replicas, one truth: starts TWO app processes on one throwaway database and checks, through both, that
#   a) a redemption on one is a double on the other (same key: the first answer, one debit; also when sent at once)
#   b) a balance changed on one shows on the other within jifen.portal.cache-seconds
#   c) the WeChat outbox sends each message once (both replicas' senders running, every 1 s)
#   d) scheduled jobs (redemption-day reminders, the posting scanner, the outbox sender) do their work once
#   e) the login rate limit counts failures on both (429 after 5 in all)
#   f) the month close started on both at the same moment closes once (one close row, bonuses posted once)
#   and that both share one WeChat access token (stable_token, no 40001 between them).
# Prints PASS/FAIL per claim and exits non-zero on any FAIL. Loopback only; bounded (gives up after ~6 minutes).
#
#   bash bench/replicas.sh     (needs: psql, python3, curl; builds target/quarkus-app once if it is missing)
# The database: a throwaway one on the PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) when one answers,
# else the embedded PostgreSQL that replica A starts (B connects to it), as the tests do.
# Env: PGHOST PGPORT PGUSER, PORT_A (18081) PORT_B (18082) PORT_WX (18089), JIFEN_PORTAL_CACHE_SECONDS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGDATABASE=jifen_bench_replicas_$$
command -v psql >/dev/null || { echo "replicas: psql is missing (apt-get install postgresql-client)" >&2; exit 2; }
embedded=
psql -q -d postgres -c "SELECT 1" >/dev/null 2>&1 || embedded=1
PORT_A=${PORT_A:-18081} PORT_B=${PORT_B:-18082} PORT_WX=${PORT_WX:-18089}
export CACHE_SECONDS=${JIFEN_PORTAL_CACHE_SECONDS:-2} ADMIN_PASSWORD=bench-admin-pw
JAR=target/quarkus-app/quarkus-run.jar
start=$(date +%s)
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
work=$(mktemp -d)
export LOG_A=$work/a.log LOG_B=$work/b.log
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$embedded" ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

datasource() {
  [ -n "$embedded" ] && [ -z "${PG_READY:-}" ] && { echo JIFEN_EMBEDDED_DB_DIR=$work/pg; return; }
  echo QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$PGDATABASE \
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE QUARKUS_DATASOURCE_USERNAME=$PGUSER
}
[ -n "$embedded" ] || psql -q -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PGDATABASE" >/dev/null
python3 bench/wechat-standin.py "$PORT_WX" >"$work/wx.log" 2>&1 &
pids+=($!)

replica() { # name port
  env $(datasource) QUARKUS_HTTP_PORT=$2 \
  JIFEN_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD JIFEN_CARD_KEY=bench-card-key-0123456789abcdef \
  JIFEN_PORTAL_CACHE_SECONDS=$CACHE_SECONDS \
  JIFEN_WECHAT_API_BASE_URL=http://127.0.0.1:$PORT_WX/$1 \
  JIFEN_WECHAT_MINI_APP_ID=wx-mini-app JIFEN_WECHAT_MINI_APP_SECRET=mini-secret \
  JIFEN_WECHAT_TEMPLATES_POINTS_CHANGED=tpl-points JIFEN_WECHAT_TEMPLATES_ANNOUNCEMENT=tpl-announce \
  JIFEN_WECHAT_OUTBOX_EVERY=1s JIFEN_WECHAT_OUTBOX_BATCH=5 JIFEN_WECHAT_SCAN_EVERY=1s \
  JIFEN_SHOP_REMINDER_CRON='*/2 * * * * ?' \
    java -Xmx384m -XX:TieredStopAtLevel=1 -jar "$JAR" >"$work/$(echo "$1" | tr AB ab).log" 2>&1 &
  pids+=($!)
  local pid=$!
  for _ in $(seq 1 360); do
    curl -sf "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "replica $1 died:"; tail -40 "$work/$(echo "$1" | tr AB ab).log"; exit 1; }
    sleep 0.5
  done
  echo "replica $1 not ready within 180 s"; tail -40 "$work/$(echo "$1" | tr AB ab).log"; exit 1
}
replica A "$PORT_A"   # migrates the database (and, with no PostgreSQL at $PGHOST:$PGPORT, starts the embedded one)
if [ -n "$embedded" ]; then
  export PGHOST=localhost PGPORT=$(sed -n 4p "$work/pg/postmaster.pid") PGDATABASE=postgres PG_READY=1
fi
replica B "$PORT_B"
echo "two replicas up on $PGDATABASE after $(( $(date +%s) - start )) s: A :$PORT_A, B :$PORT_B, WeChat stand-in :$PORT_WX"

rc=0
SRC=src/main/java timeout 300 python3 bench/replicas.py "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" \
  "http://127.0.0.1:$PORT_WX" || rc=$?
if grep -q "ERROR" "$LOG_A" "$LOG_B"; then
  echo "errors logged by the replicas:"; grep -h "ERROR" "$LOG_A" "$LOG_B" | head -20
fi
echo "replicas: $([ $rc = 0 ] && echo PASS || echo FAIL) in $(( $(date +%s) - start )) s"
exit $rc
