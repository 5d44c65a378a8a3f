#!/bin/bash
# Redemption benchmark: the app jar against a fresh database, wrk for 1,000 households and for 10 hot households,
# and PostgreSQL's own yardstick (../shared/bench/yardstick.sh) in the same run; prints each figure and its ratio.
#
# usage: bench/redeem.sh [seconds=15]      (build first: ./mvnw -B package -DskipTests)
#        ROUNDS=3 (app and yardstick rounds, interleaved; the median ratios are printed last)
# env:   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres [PGPASSWORD=] BENCH_DB=jifen_bench BENCH_PORT=18080
#        YARDSTICK (default ../shared/bench/yardstick.sh beside the repository)
#        BENCH_JAVA_OPTS (default empty: the JVM as in production, C2 included; -XX:TieredStopAtLevel=1 for C1 only)
#        WARMUP=45 (seconds of wrk before the measured runs: C2 compiles the hot path within about half a minute here)
#        JIFEN_SHOP_REDEEM_LANES / JIFEN_SHOP_REDEEM_BATCH (group commit, see RedemptionQueue) are passed to the app
#        BENCH_THEN=script: run after the rounds on the loaded app, with BENCH_* variables (bench/all.sh: bench/loaded.sh)
# The databases $BENCH_DB and ${YARDSTICK_DB:-yardstick_shop} are dropped and recreated: never point this at real data.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
T=${1:-15}
DB=${BENCH_DB:-jifen_bench}
PORT=${BENCH_PORT:-18080}
BASE=http://127.0.0.1:$PORT
work=$(mktemp -d)
need_jar
fresh_db "$DB"
app_env=(JIFEN_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-pw JIFEN_PUBLIC_BASE_URL=https://jifen.example.cn)
start_app "$PORT" "$DB" "$work/app.log" "${app_env[@]}"
app=$APP_PID
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT
wait_ready "$PORT" "$work/app.log"

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
admin=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin-pw"}' "$BASE/api/login" | json "['token']")
village=$(curl -fs -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"code":"bench","name":"压测村"}' "$BASE/api/villages" | json "['id']")
curl -fs -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench-clerk\",\"password\":\"bench-clerk-pw\",\"displayName\":\"压测\",\"role\":\"CLERK\",\"villageId\":$village}" "$BASE/api/staff" >/dev/null
clerk=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"bench-clerk","password":"bench-clerk-pw"}' "$BASE/api/login" | json "['token']")

# 1,000 households with plenty of points, 200 goods (as the yardstick's 200 items) priced 1..5 with huge stock.
psql -q -d "$DB" -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO household (village_id, number, head_name) SELECT $village, lpad(g::text, 4, '0'), '户主' || g FROM generate_series(1, 1000) g;
INSERT INTO account (household_id, village_id) SELECT id, village_id FROM household WHERE village_id = $village;
INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
  SELECT id, village_id, 'ADJUST', 1000000000, to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 'bench', 'bench', 0, '', ''
    FROM household WHERE village_id = $village ORDER BY id;
INSERT INTO goods (village_id, name, unit, points_price) SELECT $village, '商品' || g, '个', 1 + g % 5 FROM generate_series(1, 200) g;
INSERT INTO batch (goods_id, village_id, quantity, remaining, expires_on, received_on)
  SELECT id, village_id, 1000000000, 1000000000, NULL, current_date FROM goods WHERE village_id = $village;
ANALYZE;
SQL
goods=$(psql -tA -d "$DB" -c "SELECT string_agg(id::text, ',') FROM goods WHERE village_id = $village")
# Card texts, computed as qr/FORMAT.md says (the key from table card_key), and checked once against the API.
psql -tA -d "$DB" -c "SELECT encode(key, 'hex') FROM card_key" >"$work/key"
psql -tA -d "$DB" -c "SELECT id FROM household WHERE village_id = $village ORDER BY random()" | python3 -c "
import sys, hmac, hashlib, base64
key = bytes.fromhex(open('$work/key').read().strip())
def b36(n):
    s = ''
    while True:
        n, r = divmod(n, 36); s = '0123456789abcdefghijklmnopqrstuvwxyz'[r] + s
        if n == 0: return s
for line in sys.stdin:
    h = int(line)
    mac = hmac.new(key, f'jifen-card:v1:{h}:1'.encode(), hashlib.sha256).digest()[:12]
    print(f'https://jifen.example.cn/c/{b36(h)}.1.' + base64.urlsafe_b64encode(mac).decode().rstrip('='))
" >"$work/cards"
first=$(head -1 "$work/cards"); hid=$(python3 -c "print(int('$first'.split('/c/')[1].split('.')[0], 36))")
api=$(curl -fs -H "Authorization: Bearer $clerk" "$BASE/api/households/$hid/card" | json "['qrText']")
[ "$api" = "$first" ] || { echo "card text mismatch: $api vs $first" >&2; exit 1; }

if [ -n "${BENCH_SETUP_ONLY:-}" ]; then  # leave the app running for experiments
  cp "$work/cards" /tmp/jifen-bench-cards; echo "$clerk" >/tmp/jifen-bench-token; echo "$goods" >/tmp/jifen-bench-goods
  trap - EXIT; echo "app pid $app on $BASE"; exit 0
fi
run() { wrk -t2 -c16 -d"$2"s --timeout 5s -s bench/redeem.lua "$BASE" -- "$work/cards" "$1" "$clerk" "$goods" | grep '^app '; }
run 1000 "${WARMUP:-45}" >/dev/null   # JIT warm-up (WARMUP seconds)
# Fresh statistics, as autovacuum would have them in production (the PostgreSQL of these machines runs with
# autovacuum off): planned against the empty redemption table of the setup, a key lookup would scan the table.
psql -q -d "$DB" -c ANALYZE
# ROUNDS rounds, each the app (1,000 then 10 households) and then the yardstick while the app idles, so that every
# ratio compares figures taken within a minute of each other; the medians are the figures to quote.
r1000=(); r10=(); rps1000=()
for round in $(seq 1 "${ROUNDS:-3}"); do
  a1000=$(run 1000 "$T"); rps1000+=("$(field rps "$a1000")")
  a10=$(run 10 "$T")
  ys=$(PGDATABASE=${YARDSTICK_DB:-yardstick_shop} bash "$YARDSTICK" "$T" redeem hot10)
  y1000=$(grep 'yardstick redeem' <<<"$ys"); y10=$(grep 'yardstick hot10' <<<"$ys")
  r1000+=("$(ratio "$(field rps "$a1000")" "$(field tps "$y1000")")"); r10+=("$(ratio "$(field rps "$a10")" "$(field tps "$y10")")")
  echo "round $round"
  echo "redeem 1000 households: $a1000"
  echo "  $y1000"
  echo "  ratio tps=${r1000[-1]} p99 app/yardstick=$(ratio "$(field p99_ms "$a1000")" "$(field p99_ms "$y1000")")"
  echo "redeem hot10 households: $a10"
  echo "  $y10"
  echo "  ratio tps=${r10[-1]} p99 app/yardstick=$(ratio "$(field p99_ms "$a10")" "$(field p99_ms "$y10")")"
done
echo "median ratio over ${ROUNDS:-3} rounds: 1000 households=$(median "${r1000[@]}") hot10=$(median "${r10[@]}")"
if [ -n "${BENCH_THEN:-}" ]; then  # bench/all.sh measures more on this loaded app before it is stopped
  BENCH_BASE=$BASE BENCH_PORT=$PORT BENCH_DB=$DB BENCH_APP_PID=$app BENCH_APP_ENV="${app_env[*]}" BENCH_T=$T \
  BENCH_VILLAGE=$village BENCH_ADMIN=$admin BENCH_CLERK=$clerk BENCH_CARDS=$work/cards BENCH_GOODS=$goods \
  BENCH_REDEEM_RPS=$(median "${rps1000[@]}") bash "$BENCH_THEN"
fi
# The database alone running our redemption (single shop_redeem calls, one per redemption) for the 1,000 households,
# with the app stopped: what the database does without group commit.
kill $app 2>/dev/null || true; wait $app 2>/dev/null || true  # (bench/loaded.sh may have stopped it)
read -r hmin hmax <<<"$(psql -tA -F' ' -d "$DB" -c "SELECT min(id), max(id) FROM household WHERE village_id = $village")"
read -r gmin gmax <<<"$(psql -tA -F' ' -d "$DB" -c "SELECT min(id), max(id) FROM goods WHERE village_id = $village")"
cat >"$work/shop_redeem.sql" <<SQL
\set h random(:hmin, :hmax)
\set g random(:gmin, :gmax)
SELECT * FROM shop_redeem(:h, 1, gen_random_uuid()::text, ARRAY[:g]::bigint[], ARRAY[1], current_date,
                          to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 'bench', NULL, $village);
SQL
db_only=$(pgbench -n -M prepared -f "$work/shop_redeem.sql" -D hmin="$hmin" -D hmax="$hmax" -D gmin="$gmin" -D gmax="$gmax" \
  -c 16 -j 2 -T "$T" "$DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
echo "database alone, single shop_redeem calls via pgbench (1,000 households, 16 clients): tps=$db_only"
echo "  ratio to the last yardstick redeem=$(ratio "$db_only" "$(field tps "$y1000")")  app/database-alone=$(ratio "$(field rps "$a1000")" "$db_only")"
bad=$(psql -tA -d "$DB" -c "SELECT count(*) FROM account WHERE available < 0" )
echo "check: redemptions=$(psql -tA -d "$DB" -c 'SELECT count(*) FROM redemption') negative_accounts=$bad"
