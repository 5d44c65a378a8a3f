#!/bin/bash
# Villager portal benchmark: the home page and GET /api/portal/me against the running app, as a ratio to the
# yardstick's "balance" line (PostgreSQL itself reading a balance and a rank among 1000) measured in the same run.
#
#   bench/portal.sh            (needs: ./mvnw package -DskipTests, PostgreSQL at 127.0.0.1:5432 user postgres, wrk, pgbench)
#   JIFEN_PORTAL_CACHE_SECONDS=0 bash bench/portal.sh    (the same with the portal cache off: every request reads PostgreSQL)
#
# Starts the jar on a fresh database jifen_bench_portal, seeds 1,000 households of one village with earned points by
# SQL, logs 50 of them in with card + phone, then runs wrk 15 s on /portal (cookie) and 15 s on /api/portal/me
# (bearer), each request as a random one of the 50 households, 16 connections; then the yardstick (15 s).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
T=${BENCH_SECONDS:-15}
PORT=${BENCH_PORT:-18093}
DB=jifen_bench_portal
KEY=bench-card-key-0123456789abcdef
need_jar
work=$(mktemp -d)
APP_PID=
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true;
            psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

fresh_db $DB
start_app "$PORT" $DB "$work/app.log" JIFEN_BOOTSTRAP_ADMIN_PASSWORD=bench-admin JIFEN_CARD_KEY=$KEY \
  JIFEN_PORTAL_CACHE_SECONDS="${JIFEN_PORTAL_CACHE_SECONDS:-2}"
wait_ready "$PORT" "$work/app.log"

month=$(TZ=Asia/Shanghai date +%Y-%m)
psql -q -d $DB -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO village (town_id, code, name) SELECT id, 'bench', '基准村' FROM town ORDER BY id LIMIT 1;
INSERT INTO household (village_id, number, head_name, phone)
  SELECT v.id, lpad(g::text, 4, '0'), '户主' || g, '1380000' || lpad(g::text, 4, '0')
    FROM village v, generate_series(1, 1000) g WHERE v.code = 'bench';
INSERT INTO account (household_id, village_id) SELECT id, village_id FROM household;
INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
  SELECT h.id, h.village_id, 'ADJUST', (h.id * 37 + k * 11) % 120, '$month', '基准数据 ' || k, 'bench', 0, '', ''
    FROM household h, generate_series(1, 3) k ORDER BY k, h.id;
ANALYZE;
SQL

# 50 random households log in with their card (signed like card/CardToken) and phone's last 4 digits
psql -qAt -d $DB -c "SELECT id, right(phone, 4) FROM household ORDER BY random() LIMIT 50" > "$work/who"
python3 - "$KEY" "$work/who" "$PORT" > "$work/tokens" <<'PY'
import base64, hashlib, hmac, json, sys, urllib.request
key, who, port = sys.argv[1].encode(), sys.argv[2], sys.argv[3]
def b36(n):
    s = ""
    while True:
        n, r = divmod(n, 36); s = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + s
        if n == 0: return s
for line in open(who):
    hid, last4 = line.strip().split("|")
    mac = hmac.new(key, f"jifen-card:v1:{hid}:1".encode(), hashlib.sha256).digest()[:12]
    token = f"{b36(int(hid))}.{b36(1)}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/portal/login", method="POST",
        data=json.dumps({"qrText": f"http://x/c/{token}", "phoneLast4": last4}).encode(), headers={"Content-Type": "application/json"})
    print(json.load(urllib.request.urlopen(req))["token"])
PY
[ "$(wc -l < "$work/tokens")" -eq 50 ] || { echo "logins failed" >&2; exit 1; }
lua_tokens=$(sed 's/.*/"&",/' "$work/tokens" | tr -d '\n')
cat > "$work/me.lua" <<LUA
local tokens = {$lua_tokens}
request = function() return wrk.format("GET", "/api/portal/me", {["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]}) end
LUA
cat > "$work/home.lua" <<LUA
local tokens = {$lua_tokens}
request = function() return wrk.format("GET", "/portal", {["Cookie"] = "jifen_portal=" .. tokens[math.random(#tokens)]}) end
LUA

# sanity + page weight (uncompressed bytes of the home page's HTML, CSS and JS)
one=$(head -1 "$work/tokens")
html=$(curl -sf -H "Cookie: jifen_portal=$one" "http://127.0.0.1:$PORT/portal" | wc -c)
css=$(( $(curl -sf "http://127.0.0.1:$PORT/static/app.css" | wc -c) + $(curl -sf "http://127.0.0.1:$PORT/static/portal.css" | wc -c) ))
js=$(curl -sf "http://127.0.0.1:$PORT/static/portal.js" | wc -c)
echo "page-weight home html=${html}B css=${css}B js=${js}B total=$((html + css + js))B"
curl -sf -H "Authorization: Bearer $one" "http://127.0.0.1:$PORT/api/portal/me" | head -c 300; echo

run() { # name lua path
  curl -sf -o /dev/null -H "Cookie: jifen_portal=$one" -H "Authorization: Bearer $one" "http://127.0.0.1:$PORT$3"
  wrk_run "$1" "$T" "$2" "http://127.0.0.1:$PORT" ""
}
home=$(run home "$work/home.lua" /portal); echo "$home"
me=$(run me "$work/me.lua" /api/portal/me); echo "$me"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
y=$(PGDATABASE=yardstick_portal bash "$YARDSTICK" "$T" balance | tail -1); echo "$y"
psql -q -d postgres -c "DROP DATABASE IF EXISTS yardstick_portal" >/dev/null 2>&1 || true
ytps=$(echo "$y" | sed -n 's/.*tps=\([0-9.]*\).*/\1/p')
for line in "$home" "$me"; do
  name=${line%% *}; rps=$(echo "$line" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
  echo "ratio $name = $(ratio "$rps" "$ytps") (app rps / yardstick balance tps)"
done
