#!/bin/bash
# Run by bench/redeem.sh for bench/all.sh (BENCH_THEN=bench/loaded.sh), on the app redeem.sh has just loaded, with
# its 1,000 households (BENCH_* variables, see redeem.sh). Measures, in this order:
#   1. open-loop redemptions at half the measured rate (bench/OpenLoop.java: fixed arrival schedule, latency from
#      the scheduled send), then the yardstick's redemption at the same rate (pgbench -R on yardstick_shop: its
#      latency includes the schedule lag, so it is open-loop too);
#   2. the public notice page of the village (a quarter of 1,000 households published) with wrk, then its poster
#      PDF (A4, first rendering) and the village's card sheet PDF (1,000 cards) over HTTP;
#   3. VmRSS of the app after all that load (also printed before the PDFs, which take the most memory);
#   4. the app stopped and `java -jar` started again on the same database: seconds until a redemption answers 201.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
T=$BENCH_T
B=$BENCH_BASE
v=$BENCH_VILLAGE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
post() { # token ("" for none) path body
  local auth=(); [ -n "$1" ] && auth=(-H "Authorization: Bearer $1")
  curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d "$3" "$B$2"
}
ms() { python3 -c "print('%.1f' % (float('$1') * 1000))"; }

# 1. open loop
rate=$(python3 -c "print(max(1, round(float('$BENCH_REDEEM_RPS') / 2)))")
java bench/OpenLoop.java "$B" "$BENCH_CLERK" "$BENCH_CARDS" "$BENCH_GOODS" "$rate" "$T" 5
PGDATABASE=yardstick_shop pgbench -n -M prepared -f "$(dirname "$YARDSTICK")/yardstick-redeem.sql" -D naccts=1000 \
  -c 16 -j 2 -R "$rate" -T "$T" -l --log-prefix="$work/ys" >"$work/ys.out" 2>&1
# log columns: client, transaction, time (µs), script, epoch, µs, schedule lag (µs)
cat "$work"/ys.[0-9]* | awk '{print $3 + $7}' | sort -n | awk -v rate="$rate" '{a[NR] = $1}
  function q(p,  i) {i = int(NR * p + 0.999999); if (i < 1) i = 1; return a[i] / 1000}
  END {printf "yardstick openloop rate=%s sent=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f\n", rate, NR, q(0.5), q(0.99), q(0.999)}'

# 2. notice page and PDFs: a secretary publishes the first quarter of last year, its months closed by SQL
year=$(( $(TZ=Asia/Shanghai date +%Y) - 1 ))
post "$BENCH_ADMIN" /api/staff "{\"username\":\"bench-secretary\",\"password\":\"bench-secretary-pw\",\"displayName\":\"书记\",\"role\":\"SECRETARY\",\"villageId\":$v}" >/dev/null
secretary=$(post "" /api/login '{"username":"bench-secretary","password":"bench-secretary-pw"}' | json "['token']")
psql -q -d "$BENCH_DB" -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
  SELECT h.id, h.village_id, 'EARN', (h.id * 7 + m) % 37, '$year-0' || m, 'bench', 'bench', 0, '', ''
    FROM household h, generate_series(1, 3) m WHERE h.village_id = $v ORDER BY m, h.id;
INSERT INTO month_close (village_id, month, closed_by, seal) SELECT $v, '$year-0' || m, 'bench', 'bench-' || m FROM generate_series(1, 3) m;
ANALYZE;
SQL
day() { TZ=Asia/Shanghai date -d "$1 day" +%F; }
notice=$(post "$secretary" "/api/villages/$v/notices" "{\"year\":$year,\"quarter\":1,\"statisticsDate\":\"$(day -2)\",\"noticeFrom\":\"$(day -1)\",\"noticeTo\":\"$(day 5)\",\"signatory\":\"王书记\",\"contact\":\"村委会 0571-88886666\"}" | json "['id']")
post "$secretary" "/api/notices/$notice/publish" '' >/dev/null
wrk_run notice "$T" "" "$B" "/notices/$notice"
rss() { awk '/^VmRSS|^VmHWM/ {printf "%s_mb=%d ", substr($1, 1, length($1) - 1), $2 / 1024} END {print ""}' \
  "/proc/$BENCH_APP_PID/status" | sed "s/^/rss $1 /"; }
rss "before the PDFs"
pages() { command -v pdfinfo >/dev/null && pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo NA; }
timed() { # name file url [token]: one GET, its seconds, size and pages
  local auth=(); [ -n "${4:-}" ] && auth=(-H "Authorization: Bearer $4")
  local r; r=$(curl -s "${auth[@]}" -o "$2" -w '%{http_code} %{time_total}' "$3")
  echo "$1 status=${r% *} ms=$(ms "${r#* }") kb=$(( $(stat -c %s "$2") / 1024 )) pages=$(pages "$2")"
}
timed poster-a4 "$work/poster.pdf" "$B/notices/$notice/poster.pdf"
timed poster-a4-again "$work/poster2.pdf" "$B/notices/$notice/poster.pdf"
timed card-sheet "$work/cards.pdf" "$B/api/villages/$v/cards.pdf" "$BENCH_ADMIN"
timed card-sheet-again "$work/cards2.pdf" "$B/api/villages/$v/cards.pdf" "$BENCH_ADMIN"

# 3. memory after the load
rss "after load"

# 4. from `java -jar` to the first redemption, on the same database (Flyway finds nothing to migrate)
stop_pid "$BENCH_APP_PID"
card=$(head -1 "$BENCH_CARDS"); goods=${BENCH_GOODS%%,*}
t0=$(date +%s%N)
# shellcheck disable=SC2086 # BENCH_APP_ENV is NAME=value words without spaces
start_app "$BENCH_PORT" "$BENCH_DB" "$work/restart.log" $BENCH_APP_ENV
trap 'stop_pid $APP_PID; rm -rf "$work"' EXIT
code=000; tries=0
while [ "$code" != 201 ]; do
  kill -0 "$APP_PID" 2>/dev/null || { cat "$work/restart.log" >&2; exit 1; }
  [ $(( $(date +%s%N) - t0 )) -lt 120000000000 ] || { echo "no redemption within 120 s" >&2; exit 1; }
  tries=$((tries + 1))
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $BENCH_CLERK" -H 'Content-Type: application/json' \
    -d "{\"qrText\":\"$card\",\"items\":[{\"goodsId\":$goods,\"quantity\":1}],\"idempotencyKey\":\"first-$t0-$tries\"}" \
    "$B/api/redemptions" || true)
  [ "$code" = 201 ] || sleep 0.02
done
t1=$(date +%s%N)
echo "first redemption after java -jar: seconds=$(python3 -c "print('%.2f' % (($t1 - $t0) / 1e9))") attempts=$tries"
