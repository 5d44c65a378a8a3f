#!/bin/bash
# The year-end paperwork of a demo village: the app jar on a fresh database with the demo town (jifen.demo=true),
# then, for each demo village, the three-in-one ledger PDF and the yearly audit archive of this year, over HTTP:
# time, size, PDF pages, and the app's RSS (now and peak) afterwards.
#   bash bench/paperwork-demo.sh        (build first: ./mvnw -B package -DskipTests; needs psql, curl, python3, pdfinfo)
# The database jifen_bench_paperwork is dropped and recreated.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
need_jar
PORT=${BENCH_PORT:-18190}
DB=jifen_bench_paperwork
BASE=http://127.0.0.1:$PORT
work=$(mktemp -d)
trap 'stop_pid "${APP_PID:-0}"; rm -rf "$work"' EXIT
fresh_db "$DB"
start_app "$PORT" "$DB" "$work/app.log" JIFEN_DEMO=true JIFEN_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-pw
wait_ready "$PORT" "$work/app.log"
token=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin-pw"}' "$BASE/api/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
year=$(TZ=Asia/Shanghai date +%Y)
for row in $(psql -tA -F: -d "$DB" -c "SELECT id, code FROM village ORDER BY code"); do
  v=${row%%:*}; code=${row#*:}
  households=$(psql -tA -d "$DB" -c "SELECT count(*) FROM household WHERE village_id = $v")
  t0=$(date +%s.%N)
  curl -fs -H "Authorization: Bearer $token" -o "$work/ledger.pdf" "$BASE/api/villages/$v/years/$year/ledger.pdf"
  t1=$(date +%s.%N)
  curl -fs -H "Authorization: Bearer $token" -o "$work/archive.zip" "$BASE/api/villages/$v/years/$year/archive.zip"
  t2=$(date +%s.%N)
  pages=$(pdfinfo "$work/ledger.pdf" | awk '/^Pages:/{print $2}')
  files=$(python3 -c "import zipfile,sys; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))" "$work/archive.zip")
  printf 'village %s (%s households, %s): ledger.pdf %s pages, %s KB in %.1f s; archive.zip %s files, %s KB in %.1f s\n' \
    "$code" "$households" "$year" "$pages" $(( $(stat -c %s "$work/ledger.pdf") / 1024 )) "$(echo "$t1 - $t0" | bc)" \
    "$files" $(( $(stat -c %s "$work/archive.zip") / 1024 )) "$(echo "$t2 - $t1" | bc)"
done
awk '/^VmRSS|^VmHWM/{printf "app %s %d MB\n", $1, $2/1024}' "/proc/$APP_PID/status"
