#!/usr/bin/env bash
# Times a 2,000-row roster import (dry run, create, update) against a running jifen.
# Usage: bench/import-2000.sh [base-url] [username] [password] [villageId]
# Default: http://localhost:8080 admin $JIFEN_BOOTSTRAP_ADMIN_PASSWORD, and a new village made for the run.
set -euo pipefail
BASE=${1:-http://localhost:8080}
USER=${2:-admin}
PASS=${3:-${JIFEN_BOOTSTRAP_ADMIN_PASSWORD:-}}
VILLAGE=${4:-}
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$USER\",\"password\":\"$PASS\"}" "$BASE/api/login" | json "['token']")
if [ -z "$VILLAGE" ]; then
  CODE="B$(date +%s)"
  VILLAGE=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$CODE\",\"name\":\"压测村$CODE\"}" "$BASE/api/villages" | json "['id']")
fi
FILE=$(mktemp --suffix=.csv)
trap 'rm -f "$FILE"' EXIT
{
  echo "户号,户主姓名,联系电话,村民小组,家庭成员,标签"
  awk 'BEGIN { split("一组 二组 三组 四组 五组 六组", g, " ");
    for (i = 1; i <= 2000; i++)
      printf "%04d,户主%d,139%08d,%s,成员甲%d(配偶);成员乙%d(子),%s\n", i, i, i, g[i % 6 + 1], i, i, (i % 10 == 0 ? "困难户" : "") }'
} > "$FILE"
run() {
  curl -s -o /tmp/jifen-import-answer.json -w '%{http_code} %{time_total}s' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: text/csv' --data-binary @"$FILE" "$BASE/api/villages/$VILLAGE/households/import$1"
}
echo "village $VILLAGE, $(wc -c < "$FILE") bytes, 2000 rows"
echo "dry run: $(run '?dryRun=true')  $(cat /tmp/jifen-import-answer.json | head -c 120)"
echo "create:  $(run '')  $(cat /tmp/jifen-import-answer.json | head -c 120)"
echo "update:  $(run '')  $(cat /tmp/jifen-import-answer.json | head -c 120)"
