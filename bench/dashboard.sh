#!/bin/bash
# Town dashboard benchmark: one town of 15 villages × 670 households with about three years of points seeded by SQL
# (an EARN posting and its approved entry for three households in four each month, a redemption each quarter, most
# months closed: their figures kept in village_month_points, the last two months open and counted live), then
# GET /api/town/dashboard N times for this year and for last year, p50/p99 in ms, and PostgreSQL's own yardstick
# (../shared/bench/yardstick.sh balance: one balance and rank read) in the same run, with the ratio of the two p50s, and
# the p50 of a one-query API request of the same app as a second yardstick.
#
# usage: bench/dashboard.sh [requests=40]      (build first: ./mvnw -B package -DskipTests)
# env:   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres BENCH_DB=jifen_bench_dashboard BENCH_PORT=18081
#        VILLAGES=15 HOUSEHOLDS=670 YEARS=3 (this year and the YEARS-1 before it) YARDSTICK_T=10 (seconds)
# The databases $BENCH_DB and ${YARDSTICK_DB:-yardstick_balance} are dropped and recreated: never point this at real data.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N=${1:-40}
DB=${BENCH_DB:-jifen_bench_dashboard}
PORT=${BENCH_PORT:-18081}
BASE=http://127.0.0.1:$PORT
VILLAGES=${VILLAGES:-15}
HOUSEHOLDS=${HOUSEHOLDS:-670}
YEARS=${YEARS:-3}
work=$(mktemp -d)
need_jar
fresh_db "$DB"
start_app "$PORT" "$DB" "$work/app.log" JIFEN_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-pw JIFEN_PUBLIC_BASE_URL=https://jifen.example.cn
app=$APP_PID
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT
wait_ready "$PORT" "$work/app.log"

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
admin=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin-pw"}' "$BASE/api/login" | json "['token']")
curl -fs -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"username":"bench-inspector","password":"bench-inspector-pw","displayName":"压测督查","role":"INSPECTOR"}' "$BASE/api/staff" >/dev/null
inspector=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"bench-inspector","password":"bench-inspector-pw"}' "$BASE/api/login" | json "['token']")

start=$(date +%s)
psql -q -d "$DB" -v ON_ERROR_STOP=1 -v villages="$VILLAGES" -v households="$HOUSEHOLDS" -v years="$YEARS" >/dev/null <<'SQL'
SET client_min_messages = warning;
INSERT INTO village (town_id, code, name)
  SELECT (SELECT min(id) FROM town), 'B' || lpad(g::text, 2, '0'), '压测村' || g FROM generate_series(1, :villages) g;
INSERT INTO household (village_id, number, head_name)
  SELECT v.id, lpad(g::text, 4, '0'), '户主' || g FROM village v CROSS JOIN generate_series(1, :households) g WHERE v.code LIKE 'B%';
INSERT INTO account (household_id, village_id) SELECT id, village_id FROM household;
INSERT INTO catalog_item (town_id, code, category, title, points, unit)
  VALUES ((SELECT min(id) FROM town), 'bench', '环境卫生', '门前三包', 10, '次');
-- the months, oldest first: January of the first year up to this month (China time)
CREATE TEMP TABLE bench_month AS
  SELECT row_number() OVER (ORDER BY d) AS i, to_char(d, 'YYYY-MM') AS month, d::date AS first_day
    FROM generate_series(date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') - make_interval(years => :years - 1),
                         date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai'), interval '1 month') d;
DO $$
DECLARE m record; staff_id bigint := (SELECT min(id) FROM staff); item bigint := (SELECT id FROM catalog_item WHERE code = 'bench');
BEGIN
  FOR m IN SELECT * FROM bench_month ORDER BY i LOOP
    -- three households in four earn (in some villages a tenth or a fifth never do), each with its approved entry (one
    -- in a hundred needs a photo it lacks)
    INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity, points, occurred_on,
                       month, photo_required, status, approvals, recorded_by, recorded_by_id, decided_at)
      SELECT h.village_id, h.id, item, 'bench', '门前三包', 10, 1 + (h.id + m.i) % 2, 10 * (1 + (h.id + m.i) % 2),
             m.first_day + ((h.id % 27)::int), m.month, (h.id + m.i) % 100 = 0, 'APPROVED', 1, 'admin', staff_id, now()
        FROM household h WHERE (h.id * 7 + m.i) % 4 <> 0 AND (h.id + h.village_id) % 10 >= h.village_id % 3;
    INSERT INTO posting (household_id, village_id, type, points, month, cause_type, reason, actor, seq, prev_hash, hash)
      SELECT h.id, h.village_id, 'EARN', 10 * (1 + (h.id + m.i) % 2), m.month, 'entry', 'bench', 'admin', 0, '', ''
        FROM household h WHERE (h.id * 7 + m.i) % 4 <> 0 AND (h.id + h.village_id) % 10 >= h.village_id % 3 ORDER BY h.id;
    -- each quarter's last month: half the households with 20 points or more spend up to 60
    IF right(m.month, 2) IN ('03', '06', '09', '12') THEN
      INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
        SELECT a.household_id, a.village_id, 'REDEEM', -least(a.available / 2, 60), m.month, 'bench', 'clerk', 0, '', ''
          FROM account a WHERE a.available >= 20 AND a.household_id % 2 = m.i % 2 ORDER BY a.household_id;
    END IF;
  END LOOP;
END $$;
-- every month but the last two is closed (closing counts it into village_month_points)
INSERT INTO month_close (village_id, month, closed_by, seal)
  SELECT v.id, m.month, 'bench', 'bench-seal-' || v.id || '-' || m.month
    FROM village v CROSS JOIN bench_month m WHERE v.code LIKE 'B%' AND m.i <= (SELECT max(i) - 2 FROM bench_month)
   ORDER BY m.i, v.id;
-- the shop and the money: goods with stock, a purchase and two fund receipts a year per village
INSERT INTO goods (village_id, name, unit, points_price) SELECT v.id, '商品' || g, '个', 5 + g FROM village v CROSS JOIN generate_series(1, 20) g;
INSERT INTO purchase (village_id, supplier, purchased_on, total_cents, actor)
  SELECT v.id, '供销社', m.first_day, 200000, 'bench' FROM village v CROSS JOIN bench_month m WHERE right(m.month, 2) IN ('02', '08');
INSERT INTO batch (goods_id, village_id, purchase_id, quantity, remaining, unit_cost_cents, received_on)
  SELECT g.id, g.village_id, (SELECT max(p.id) FROM purchase p WHERE p.village_id = g.village_id), 100, 40 + g.id % 50, 500, current_date
    FROM goods g;
INSERT INTO fund_receipt (village_id, source, amount_cents, received_on, actor)
  SELECT v.id, '镇财政', 300000, m.first_day, 'bench' FROM village v CROSS JOIN bench_month m WHERE right(m.month, 2) IN ('01', '07');
SQL
# as autovacuum leaves the tables in production (the PostgreSQL of these machines runs with autovacuum off)
psql -q -d "$DB" -c "VACUUM ANALYZE" >/dev/null
seeded=$(( $(date +%s) - start ))
counts=$(psql -tA -F' ' -d "$DB" -c "SELECT (SELECT count(*) FROM village), (SELECT count(*) FROM household), (SELECT count(*) FROM posting),
  (SELECT count(*) FROM entry), (SELECT count(*) FROM earned_points), (SELECT count(*) FROM month_close), (SELECT count(*) FROM village_month_points)")
read -r nv nh np ne nep nmc nvm <<<"$counts"
echo "seeded in ${seeded}s: villages=$nv households=$nh postings=$np entries=$ne earned_points=$nep closed_months=$nmc kept_month_rows=$nvm"

this_year=$(TZ=Asia/Shanghai date +%Y)
# time N requests one after another (after 10 to warm up); prints "p50_ms=.. p99_ms=.."
timed() {
  local url=$1
  for _ in $(seq 1 10); do curl -fs -o /dev/null -H "Authorization: Bearer $inspector" "$url"; done
  for _ in $(seq 1 "$N"); do curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $inspector" "$url"; done |
    python3 -c "
import sys
v = sorted(float(x) * 1000 for x in sys.stdin if x.strip())
pick = lambda q: v[min(len(v) - 1, max(0, int(round(q * len(v))) - 1))]
print('p50_ms=%.1f p99_ms=%.1f n=%d' % (pick(0.5), pick(0.99), len(v)))"
}
body=$(curl -fs -H "Authorization: Bearer $inspector" "$BASE/api/town/dashboard?year=$this_year")
python3 -c "
import sys, json
d = json.loads(sys.argv[1]); b = [v for v in d['villages'] if v['villageName'].startswith('压测村')]
print('check: villages=%d issued=%d redeemed=%d participation(%s)=%.3f open_village_months_with_points=%d' % (len(b),
  sum(v['pointsIssued'] for v in b), sum(v['pointsRedeemed'] for v in b), d['quarter'], d['town']['participation'],
  sum(1 for v in b for m in v['perMonth'] if not m['closed'] and m['issued'] != 0)))" "$body"
issued_db=$(psql -tA -d "$DB" -c "SELECT coalesce(sum(points), 0) FROM posting WHERE type IN ('EARN','BONUS','ADJUST') AND month LIKE '$this_year-%'")
issued_api=$(python3 -c "import sys,json; print(json.loads(sys.argv[1])['town']['pointsIssued'])" "$body")
[ "$issued_db" = "$issued_api" ] || { echo "MISMATCH: issued this year $issued_api on the dashboard, $issued_db in the postings" >&2; exit 1; }
echo "check: issued this year equals a recount of all postings ($issued_db)"

app_now=$(timed "$BASE/api/town/dashboard?year=$this_year")
app_last=$(timed "$BASE/api/town/dashboard?year=$((this_year - 1))")
page_now=$(timed "$BASE/town/dashboard?year=$this_year")
one_row=$(timed "$BASE/api/town/rectifications/open")
echo "dashboard API this year ($nv villages): $app_now"
echo "dashboard API last year (all months closed): $app_last"
echo "dashboard page this year: $page_now"
echo "baseline, a one-query API request (GET /api/town/rectifications/open): $one_row"
# what counting the year from all postings would cost in the database alone (what the kept figures avoid)
naive=$(psql -d "$DB" -c '\timing on' -c "SELECT village_id, month, sum(points) FROM posting WHERE month LIKE '$this_year-%' GROUP BY 1, 2" |
  sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
echo "for comparison, one GROUP BY over this year's postings in psql: ${naive} ms"
ys=$(PGDATABASE=${YARDSTICK_DB:-yardstick_balance} bash "$YARDSTICK" "${YARDSTICK_T:-10}" balance)
echo "$ys"
echo "ratio p50 dashboard/yardstick balance: this year=$(ratio "$(field p50_ms "$app_now")" "$(field p50_ms "$ys")")" \
  "last year=$(ratio "$(field p50_ms "$app_last")" "$(field p50_ms "$ys")")"
echo "ratio p50 dashboard/one-query request: this year=$(ratio "$(field p50_ms "$app_now")" "$(field p50_ms "$one_row")")"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
