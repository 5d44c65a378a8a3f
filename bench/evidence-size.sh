#!/bin/bash
# What the database stores for a photo and for a voucher: uploads each FILE through the app's own API, as an entry
# photo (POST /api/entries/{id}/photos) and as a fund receipt's voucher (POST /api/fund-receipts/{id}/vouchers), on a
# small throwaway database (bench/county-gen.sh with one village of 20 households, one year), and prints the bytes
# sent and the growth of each table with its TOAST and indexes, per file. The app keeps photos and vouchers exactly as
# sent (no shrinking), so run it with real photos and scans from the phones that will be used:
#
# usage: bench/evidence-size.sh [FILE...]     (JPEG or PNG; PDF too for vouchers. Without files: 5 stand-ins made by
#                                               bench/SamplePhoto.java, 4000x3000 at quality 0.85: they measure the
#                                               database's overhead, not the size of real photos)
# env:   EVIDENCE_DB=jifen_evidence (dropped and recreated) EVIDENCE_PORT=18099
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${EVIDENCE_DB:-jifen_evidence}
PORT=${EVIDENCE_PORT:-18099}
BASE=http://127.0.0.1:$PORT
work=$(mktemp -d)
APP_PID=
trap '[ -n "$APP_PID" ] && stop_pid "$APP_PID"; rm -rf "$work"' EXIT
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  for i in 1 2 3 4 5; do java bench/SamplePhoto.java "$work/sample$i.jpg" 4000 3000 0.85 "$i"; files+=("$work/sample$i.jpg"); done
fi
COUNTY_PORT=$((PORT + 1)) COUNTY_DB=$DB TOWNS=1 VILLAGES=1 HOUSEHOLDS=20 YEARS=1 bash bench/county-gen.sh >/dev/null
start_app "$PORT" "$DB" "$work/app.log" JIFEN_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-pw
wait_ready "$PORT" "$work/app.log"
q() { psql -qtA -d "$DB" -v ON_ERROR_STOP=1 -c "$1"; }
size() { q "SELECT pg_total_relation_size('$1')"; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
tok=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"t01v01-officer","password":"bench-admin-pw"}' "$BASE/api/login" | json "['token']")
village=$(q "SELECT min(id) FROM village")
open=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 month" +%Y-%m)
entry=$(q "SELECT max(id) FROM entry WHERE month = '$open'")
receipt=$(curl -fs -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
  -d "{\"source\":\"上级拨款\",\"amountCents\":100000,\"receivedOn\":\"$open-15\"}" "$BASE/api/villages/$village/funds" | json "['id']")
sent=0; p0=$(size entry_photo); v0=$(size voucher)
for f in "${files[@]}"; do
  n=$(stat -c %s "$f"); sent=$((sent + n))
  case "$f" in *.pdf|*.PDF) ;; *)
    curl -fs -o /dev/null -H "Authorization: Bearer $tok" -H "Content-Type: application/octet-stream" --data-binary "@$f" \
      "$BASE/api/entries/$entry/photos" || { echo "photo $f refused" >&2; exit 1; } ;;
  esac
  curl -fs -o /dev/null -H "Authorization: Bearer $tok" -F "file=@$f" -F kind=RECEIPT "$BASE/api/fund-receipts/$receipt/vouchers" ||
    { echo "voucher $f refused" >&2; exit 1; }
done
p1=$(size entry_photo); v1=$(size voucher)
np=$(q "SELECT count(*) FROM entry_photo"); nv=$(q "SELECT count(*) FROM voucher")
python3 - "$sent" "${#files[@]}" "$np" "$((p1 - p0))" "$nv" "$((v1 - v0))" "$(q "SELECT coalesce(sum(size), 0) FROM entry_photo")" <<'PY'
import sys
sent, files, np, dp, nv, dv, photo_bytes = map(int, sys.argv[1:])
print(f"files: {files}, {sent / files / 1e6:.2f} MB each on average (sent)")
if np:
    print(f"entry photos: {np} stored, table+TOAST+indexes grew {dp / np / 1e6:.2f} MB per photo "
          f"= {dp / photo_bytes:.3f} x the bytes sent")
print(f"vouchers: {nv} stored, table+TOAST+indexes grew {dv / nv / 1e6:.2f} MB per voucher = {dv / sent:.3f} x the bytes sent")
PY
