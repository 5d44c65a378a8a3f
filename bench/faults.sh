#!/bin/bash
# Fault test: the bank-invariant run. The app jar on a fresh database, 200 households, 16 clients (bench/Faults.java)
# redeeming (5 % double scans, retries with the same key), topping up and reversing for at least 60 s while the app is
# killed with kill -9 twice (and restarted) and PostgreSQL is stopped `immediate` once (and started again); then the
# checker (bench/faults-check.sql) proves every invariant over the database against what the clients were told, and
# counts the HTTP statuses. Exit 0 when every invariant holds and no answer was a 500, else 1 (2: could not run).
#
# usage: bench/faults.sh        (build first: ./mvnw -B package -DskipTests; loopback only, bounded in time)
# env:   FAULTS=all|app|db|none   which faults (default all; app = the two kill -9, db = the PostgreSQL outage)
#        DURATION=60 (least seconds of load with the app and PostgreSQL up)  CLIENTS=16  HOUSEHOLDS=200  PG_OUTAGE=6 (seconds PostgreSQL stays down)
#        NEGATIVE=lock|idempotency|overdraft   negative control: sabotages the test database (never the code) so that
#          the checker must fail; then exit 0 when it failed and 1 when it did not (the control did not bite):
#          lock        the account row lock dropped from the ledger trigger and from shop_redeem(_batch)
#          idempotency the unique idempotency key dropped and shop_redeem's look-up of an earlier redemption disabled
#          overdraft   the below-zero guards dropped (shop_redeem's check, the ledger trigger's, the CHECK constraint)
#        PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres [PGPASSWORD=] FAULTS_DB=jifen_faults FAULTS_PORT=18090
#        PG_CLUSTER="15 main" (pg_ctlcluster's version and name; the outage needs root or the cluster's owner)
#        MAX_SECONDS=900 (the whole run is cut there; PostgreSQL is always started again)
# The database $FAULTS_DB is dropped and recreated: never point this at real data. The outage stops the whole
# PostgreSQL cluster for PG_OUTAGE seconds: other users of that server see it too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
FAULTS=${FAULTS:-all}
NEGATIVE=${NEGATIVE:-}
DURATION=${DURATION:-60}
CLIENTS=${CLIENTS:-16}
HOUSEHOLDS=${HOUSEHOLDS:-200}
PG_OUTAGE=${PG_OUTAGE:-6}
PG_CLUSTER=${PG_CLUSTER:-15 main}
DB=${FAULTS_DB:-jifen_faults}
PORT=${FAULTS_PORT:-18090}
BASE=http://127.0.0.1:$PORT
JAR=target/quarkus-app/quarkus-run.jar
case $FAULTS in all|app|db|none) ;; *) echo "FAULTS=$FAULTS: all, app, db or none" >&2; exit 2 ;; esac
case $NEGATIVE in ''|lock|idempotency|overdraft) ;; *) echo "NEGATIVE=$NEGATIVE: lock, idempotency or overdraft" >&2; exit 2 ;; esac
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -B package -DskipTests first" >&2; exit 2; }
for tool in java psql curl python3 pg_isready; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }; done
if [[ $FAULTS == all || $FAULTS == db ]]; then command -v pg_ctlcluster >/dev/null || { echo "pg_ctlcluster is missing" >&2; exit 2; }; fi
! curl -s -o /dev/null "$BASE/" || { echo "port $PORT is taken" >&2; exit 2; }

work=$(mktemp -d /tmp/jifen-faults.XXXXXX)
start=$(date +%s%3N)
app= clients= pg_down=0
now() { date +%s%3N; }
say() { printf '%7.1fs  %s\n' "$(( $(now) - start ))e-3" "$*"; }
event() { echo "$1,$(now)" >>"$work/events"; }
pg_start() {
  pg_ctlcluster --skip-systemctl-redirect $PG_CLUSTER start || true
  for i in $(seq 1 120); do pg_isready -q && break; sleep 0.5; done
  pg_down=0
}
cleanup() {
  trap - EXIT INT TERM
  [ "$pg_down" = 1 ] && { echo "starting PostgreSQL again" >&2; pg_start; }
  [ -n "$clients" ] && kill "$clients" 2>/dev/null
  [ -n "$app" ] && kill -9 "$app" 2>/dev/null
  [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 2' INT TERM
( trap 'kill $s 2>/dev/null; exit 0' TERM; sleep "${MAX_SECONDS:-900}" & s=$!; wait $s
  echo "faults.sh: MAX_SECONDS=${MAX_SECONDS:-900} reached, stopping" >&2; kill -TERM $$ ) &
watchdog=$!

start_app() {
  echo "=== app start $(date -u +%FT%TZ)" >>"$work/app.log"
  QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$DB" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  QUARKUS_DATASOURCE_USERNAME=$PGUSER QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-} \
  JIFEN_BOOTSTRAP_ADMIN_PASSWORD=faults-admin-pw JIFEN_PUBLIC_BASE_URL=https://jifen.example.cn \
  QUARKUS_LOG_LEVEL=WARN \
  java -Xmx512m -jar "$JAR" >>"$work/app.log" 2>&1 &
  app=$!
}
wait_ready() {  # until /q/health/ready is UP (at most 180 s)
  local t0; t0=$(now)
  for i in $(seq 1 360); do
    curl -fs -m 2 -o /dev/null "$BASE/q/health/ready" && { say "app ready ($(( ($(now) - t0) / 1000 )) s)"; return 0; }
    kill -0 "$app" 2>/dev/null || { tail -50 "$work/app.log" >&2; echo "the app died" >&2; exit 2; }
    sleep 0.5
  done
  echo "the app was not ready within 180 s" >&2; tail -50 "$work/app.log" >&2; exit 2
}

say "fresh database $DB, app on $BASE, FAULTS=$FAULTS${NEGATIVE:+ NEGATIVE=$NEGATIVE}, work $work"
psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "CREATE DATABASE \"$DB\"" >/dev/null
start_app
wait_ready

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
api() { curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$@"; }
admin=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"admin","password":"faults-admin-pw"}' "$BASE/api/login" | json "['token']")
village=$(api -d '{"code":"faults","name":"故障测试村"}' "$BASE/api/villages" | json "['id']")
for who in clerk:CLERK secretary:SECRETARY; do
  api -d "{\"username\":\"faults-${who%:*}\",\"password\":\"faults-${who%:*}-pw\",\"displayName\":\"测试\",\"role\":\"${who#*:}\",\"villageId\":$village}" \
    "$BASE/api/staff" >/dev/null
done
# Households and their first points by SQL (as bench/redeem.sh); goods and stock through the API: 8 goods that never
# run out and 3 scarce ones in two batches each (one expiring), so that stock runs out during the run.
psql -q -d "$DB" -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO household (village_id, number, head_name) SELECT $village, lpad(g::text, 4, '0'), '户主' || g FROM generate_series(1, $HOUSEHOLDS) g;
INSERT INTO account (household_id, village_id) SELECT id, village_id FROM household WHERE village_id = $village;
INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
  SELECT id, village_id, 'ADJUST', 20 + (random() * 400)::int, to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'),
         'seed', 'faults', 0, '', ''
    FROM household WHERE village_id = $village ORDER BY id;
SQL
goods=
for g in $(seq 1 11); do
  id=$(api -d "{\"name\":\"商品$g\",\"unit\":\"个\",\"pointsPrice\":$(( 1 + g % 5 )),\"category\":\"测试\"}" "$BASE/api/villages/$village/goods" | json "['id']")
  goods=${goods:+$goods,}$id
done
items=; scarce=; i=0
for id in ${goods//,/ }; do
  i=$(( i + 1 ))
  if [ $i -le 8 ]; then
    items=${items:+$items,}"{\"goodsId\":$id,\"quantity\":1000000,\"unitCostCents\":100}"
  else
    scarce=${scarce:+$scarce,}"{\"goodsId\":$id,\"quantity\":250,\"unitCostCents\":200},"
    scarce=$scarce"{\"goodsId\":$id,\"quantity\":250,\"unitCostCents\":200,\"expiresOn\":\"$(date -d '+30 days' +%F)\"}"
  fi
done
api -d "{\"supplier\":\"测试供货商\",\"purchasedOn\":\"$(date +%F)\",\"items\":[$items]}" "$BASE/api/villages/$village/purchases" >/dev/null
api -d "{\"supplier\":\"测试供货商\",\"purchasedOn\":\"$(date +%F)\",\"items\":[$scarce]}" "$BASE/api/villages/$village/purchases" >/dev/null
psql -q -d "$DB" -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE SCHEMA faults_check;
CREATE TABLE faults_check.initial AS SELECT household_id, available FROM account WHERE village_id = $village;
CREATE TABLE faults_check.stock0 AS SELECT id AS batch_id, goods_id, quantity FROM batch WHERE village_id = $village;
CREATE TABLE faults_check.attempt (kind text, op text, household_id bigint, attempt int, status int, code text,
    redemption_id bigint, total_points int, available_after int, points int, at_ms bigint, copy int);
CREATE TABLE faults_check.event (name text, at_ms bigint);
ANALYZE;
SQL
# Card texts as qr/FORMAT.md says (key from table card_key), one checked against the API.
psql -tA -d "$DB" -c "SELECT encode(key, 'hex') FROM card_key" >"$work/key"
psql -tA -d "$DB" -c "SELECT id FROM household WHERE village_id = $village ORDER BY id" | python3 -c "
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
    print(h, f'https://jifen.example.cn/c/{b36(h)}.1.' + base64.urlsafe_b64encode(mac).decode().rstrip('='))
" >"$work/cards"
read -r hid first <"$work/cards"
[ "$(api "$BASE/api/households/$hid/card" | json "['qrText']")" = "$first" ] || { echo "card text mismatch" >&2; exit 2; }
say "seeded: village $village, $HOUSEHOLDS households, goods $goods"

if [ -n "$NEGATIVE" ]; then  # sabotage of this throwaway database only; each pattern must be found, else stop
  psql -q -d "$DB" -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE FUNCTION pg_temp.sabotage(f regproc, old text, new text) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE src text := pg_get_functiondef(f);
BEGIN
    IF position(old IN src) = 0 THEN RAISE EXCEPTION 'sabotage of %: % not found', f, old; END IF;
    EXECUTE replace(src, old, new);
END \$\$;
$(case $NEGATIVE in
  lock) cat <<'X'
SELECT pg_temp.sabotage('posting_before_insert', 'FOR UPDATE OF a;', ';');
SELECT pg_temp.sabotage('shop_redeem', 'FOR UPDATE OF a;', ';');
SELECT pg_temp.sabotage('shop_redeem_batch', 'ORDER BY a.household_id FOR UPDATE;', 'ORDER BY a.household_id;');
X
  ;;
  idempotency) cat <<'X'
ALTER TABLE redemption DROP CONSTRAINT redemption_idempotency_key_unique;
CREATE INDEX redemption_key_not_unique ON redemption (idempotency_key);
SELECT pg_temp.sabotage('shop_redeem', 'IF v_earlier IS NOT NULL THEN', 'IF false THEN');
X
  ;;
  overdraft) cat <<'X'
ALTER TABLE redemption DROP CONSTRAINT redemption_available_after_check;
SELECT pg_temp.sabotage('shop_redeem', 'IF v_total > v_available THEN', 'IF false THEN');
SELECT pg_temp.sabotage('posting_before_insert', 'IF NEW.type = ''REDEEM'' AND v_avail + NEW.points < 0 THEN', 'IF false THEN');
X
  ;;
esac)
SQL
  say "NEGATIVE CONTROL: guard '$NEGATIVE' removed from the test database"
fi

touch "$work/attempts.csv"
java bench/Faults.java base="$BASE" cards="$work/cards" goods="$goods" out="$work/attempts.csv" stop="$work/stop" \
  clients="$CLIENTS" clerk_user=faults-clerk clerk_password=faults-clerk-pw \
  secretary_user=faults-secretary secretary_password=faults-secretary-pw \
  hard_seconds=$(( ${MAX_SECONDS:-900} - 120 )) grace_seconds=30 >"$work/clients.log" 2>&1 &
clients=$!
for i in $(seq 1 120); do grep -q '^clients started' "$work/clients.log" && break; sleep 0.5; done
load0=$(now)
event load-start
say "load: $CLIENTS clients"
STEP=10   # seconds of load before each fault and after the last one
down=0    # milliseconds of load while the app or PostgreSQL was away: DURATION counts the rest
kill_app() {
  sleep $STEP
  local t0; t0=$(now)
  say "kill -9 app (pid $app)"; event app-killed
  kill -9 "$app"; wait "$app" 2>/dev/null || true
  start_app
  wait_ready; event "recovered-after-kill-$1"
  down=$(( down + $(now) - t0 ))
}
outage() {
  sleep $STEP
  local t0; t0=$(now)
  psql -q -d "$DB" -c CHECKPOINT  # a short crash recovery, so that the server's other users wait less
  say "PostgreSQL: stop -m immediate"; pg_down=1; event pg-stopped
  pg_ctlcluster $PG_CLUSTER stop -m immediate
  sleep $(( PG_OUTAGE / 2 ))
  echo "readiness while PostgreSQL is away: $(curl -s -m 3 -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" >"$work/readiness"
  sleep $(( PG_OUTAGE - PG_OUTAGE / 2 ))
  pg_start; event pg-started
  say "PostgreSQL: started again ($(cat "$work/readiness"))"
  for i in $(seq 1 240); do curl -fs -m 2 -o /dev/null "$BASE/q/health/ready" && break; sleep 0.5; done
  say "app ready again"; event recovered-after-outage
  down=$(( down + $(now) - t0 ))
}
if [[ $FAULTS == all || $FAULTS == app ]]; then kill_app 1; kill_app 2; fi
if [[ $FAULTS == all || $FAULTS == db ]]; then outage; fi
rest=$(( (load0 + down + DURATION * 1000 - $(now)) / 1000 ))
sleep $(( rest > STEP ? rest : STEP ))
touch "$work/stop"; event load-stop
say "load stopped after $(( ($(now) - load0) / 1000 )) s ($(( ($(now) - load0 - down) / 1000 )) s with app and database up); clients finish what is under way (at most 30 s)"
wait "$clients" || true; clients=
say "$(tail -1 "$work/clients.log")"
verify=$(api "$BASE/api/villages/$village/ledger/verify" || echo '{}')
verify_ok=$(json ".get('ok')" <<<"$verify" | tr 'A-Z' 'a-z')
kill "$app"; wait "$app" 2>/dev/null || true; app=

psql -q -d "$DB" -v ON_ERROR_STOP=1 -c "\\copy faults_check.attempt FROM '$work/attempts.csv' CSV" \
  -c "\\copy faults_check.event FROM '$work/events' CSV" >/dev/null
outage=0; grep -q '^pg-stopped' "$work/events" && outage=1
psql -q -d "$DB" -v village="$village" -v verify_ok="$verify_ok" -v outage=$outage -f bench/faults-check.sql | tee "$work/check.txt"
echo "app log: $(grep -c 'unexpected failure' "$work/app.log" || true) 'unexpected failure' (a 500, with its stack trace):"
grep -m 5 -A 3 'unexpected failure' "$work/app.log" || true
echo "app log: $(grep -c ' ERROR ' "$work/app.log" || true) ERROR line(s), by message:"
grep ' ERROR ' "$work/app.log" | sed 's/^[0-9-]* [0-9:,]* ERROR *//; s/ ([^)]*thread[^)]*)//' | cut -c1-160 | sort | uniq -c | sort -rn | head -10 || true
echo "app log: $(grep -c 'db.unavailable' "$work/app.log" || true) 503 db.unavailable warning(s), by cause:"
grep 'db.unavailable' "$work/app.log" | sed 's/.*系统维护中 (//; s/)$//; s/[0-9.]*:[0-9][0-9]*/ADDR/g' | cut -c1-110 | sort | uniq -c | sort -rn | head -10 || true
say "done in $(( ($(now) - start) / 1000 )) s"
if [ -n "$NEGATIVE" ]; then
  if grep -q '^checker: FAIL' "$work/check.txt"; then
    echo "NEGATIVE CONTROL ($NEGATIVE): the checker failed, as it must (files: $work)"; exit 0
  fi
  echo "NEGATIVE CONTROL ($NEGATIVE): the checker did NOT fail: the control did not bite (files: $work)"; exit 1
fi
if grep -q '^checker: PASS' "$work/check.txt" && ! grep -q 'unexpected failure' "$work/app.log"; then
  [ -n "${KEEP:-}" ] && echo "files: $work" || rm -rf "$work"
  echo "faults.sh: PASS"; exit 0
fi
echo "faults.sh: FAIL (files: $work)"; exit 1
