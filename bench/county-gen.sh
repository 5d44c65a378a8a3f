#!/bin/bash
# A county of data: drops and recreates database $COUNTY_DB (default jifen_county), migrates it by starting the app
# jar once (which also creates the first town and its admin), then writes towns, villages, households, staff, catalog,
# entries, postings (hash chains computed by bench/county_gen.py exactly as posting_hash() does), month closes with
# their seals, notices, goods, batches and redemptions, every table with COPY. Then sequences, VACUUM ANALYZE, the
# row counts, the database size and the times; last the app's own ledger verifier on a sample of villages.
#
# usage: bench/county-gen.sh      (build first: ./mvnw -B package -DskipTests)
# env:   TOWNS=20 VILLAGES=15 HOUSEHOLDS=670 YEARS=5 (a small run: TOWNS=1 VILLAGES=2 takes seconds) OPEN_MONTHS=4
#        (the last months left open, unsealed: what bench/county.sh closes, CLOSES=4 of one village)
#        COUNTY_DB=jifen_county COUNTY_PORT=18095 PGHOST/PGPORT/PGUSER; every staff user's password is bench-admin-pw
#        (usernames: admin, town01-admin, t01v01-clerk, t01v01-officer, ...)
# Never point COUNTY_DB at real data: it is dropped first.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${COUNTY_DB:-jifen_county}
PORT=${COUNTY_PORT:-18095}
export TOWNS=${TOWNS:-20} VILLAGES=${VILLAGES:-15} HOUSEHOLDS=${HOUSEHOLDS:-670} YEARS=${YEARS:-5} OPEN_MONTHS=${OPEN_MONTHS:-4}
need_jar
work=$(mktemp -d)
APP_PID=
trap '[ -n "$APP_PID" ] && stop_pid "$APP_PID"; rm -rf "$work"' EXIT
app_env=(JIFEN_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-pw JIFEN_PUBLIC_BASE_URL=https://jifen.example.cn)

t0=$(date +%s)
echo "county: $TOWNS towns x $VILLAGES villages x $HOUSEHOLDS households, $YEARS years, database $DB"
fresh_db "$DB"
start_app "$PORT" "$DB" "$work/app.log" "${app_env[@]}"
wait_ready "$PORT" "$work/app.log"
stop_pid "$APP_PID"; APP_PID=
t1=$(date +%s)
python3 bench/county_gen.py "$DB"
t2=$(date +%s)
psql -q -d "$DB" -c "VACUUM (ANALYZE)"
t3=$(date +%s)
echo "rows per table:"
psql -qtA -F' ' -d "$DB" -c "
  SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY n_live_tup DESC" | awk '{printf "  %-22s %12d\n", $1, $2; s += $2} END {printf "  %-22s %12d\n", "total", s}'
echo "database size: $(psql -qtA -d "$DB" -c "SELECT pg_size_pretty(pg_database_size(current_database())) || ' (' || pg_database_size(current_database()) || ' bytes)'")"
echo "largest relations:"
psql -qtA -F' ' -d "$DB" -c "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class
  WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(oid) DESC LIMIT 8" | sed 's/^/  /'
echo "time: migrate $((t1 - t0)) s, generate+COPY $((t2 - t1)) s, vacuum analyze $((t3 - t2)) s, total $((t3 - t0)) s (load: $(cut -d' ' -f1-3 /proc/loadavg))"

# The app's ledger verifier (chains, balances, earned figures, seals) on the first and the last village.
start_app "$PORT" "$DB" "$work/app.log" "${app_env[@]}"
wait_ready "$PORT" "$work/app.log"
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
bad=0
for v in $(psql -qtA -d "$DB" -c "(SELECT id FROM village ORDER BY id LIMIT 1) UNION (SELECT id FROM village ORDER BY id DESC LIMIT 1)"); do
  town=$(psql -qtA -d "$DB" -c "SELECT username FROM staff WHERE role = 'TOWN_ADMIN' AND town_id = (SELECT town_id FROM village WHERE id = $v) ORDER BY id LIMIT 1")
  tok=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"$town\",\"password\":\"bench-admin-pw\"}" "http://127.0.0.1:$PORT/api/login" | json "['token']")
  s=$(date +%s.%N)
  report=$(curl -fs -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT/api/villages/$v/ledger/verify")
  e=$(date +%s.%N)
  line=$(json "" <<<"$report" | python3 -c "import sys,ast; r=ast.literal_eval(sys.stdin.read()); print('ok=%s households=%s postings=%s seals=%s problems=%s' % (r['ok'], r['households'], r['postings'], r['seals'], r['problems'][:3]))")
  echo "ledger verify village $v: $line ($(python3 -c "print('%.1f' % ($e - $s))") s)"
  grep -q 'ok=True' <<<"$line" || bad=1
done
exit $bad
