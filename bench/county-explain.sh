#!/bin/bash
# EXPLAIN (ANALYZE, BUFFERS) of the SQL behind the county benchmark's paths (bench/county.sh), on one village of the
# county database: the statements as the app sends them (copied from PortalService, Notices, Objections,
# MonthCloseService) and, through auto_explain with log_level=notice, every statement inside shop_redeem() and the
# posting trigger. Writes that the plans need run in a transaction that is rolled back. Prints per statement its
# time and buffers, and every sequential scan; the full plans go to $OUT.
#
# usage: bench/county-explain.sh [village id]     env: COUNTY_DB=jifen_county OUT=target/county-explain.txt
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${COUNTY_DB:-jifen_county}
OUT=${OUT:-target/county-explain.txt}
q() { psql -qtA -d "$DB" -v ON_ERROR_STOP=1 -c "$1"; }
V=${1:-$(q "SELECT id FROM village ORDER BY abs(id - (SELECT avg(id) FROM village)) LIMIT 1")}
H=$(q "SELECT min(id) FROM household WHERE village_id = $V")
G=$(q "SELECT min(id) FROM goods WHERE village_id = $V AND points_price <= 10")
N=$(q "SELECT id FROM notice WHERE village_id = $V AND status = 'PUBLISHED' ORDER BY year DESC, quarter DESC LIMIT 1")
M=$(q "SELECT max(month) FROM month_close WHERE village_id = $V")
Y=$(TZ=Asia/Shanghai date +%Y)
mkdir -p "$(dirname "$OUT")"
psql -X -d "$DB" -v ON_ERROR_STOP=1 -v V="$V" -v H="$H" -v G="$G" -v N="$N" -v M="$M" -v Y="$Y" >"$OUT" 2>&1 <<'SQL'
\set QUIET on
\pset pager off
\echo '### portal: ME_SQL (balance, year rank, last postings)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT h.id, h.village_id, h.number, h.head_name, v.name AS village_name,
       coalesce(a.available, 0) AS available, coalesce(e.points, 0) AS earned,
       coalesce(s.star_thresholds, '{200,250,300}') AS star_thresholds,
       1 + (SELECT count(*) FROM earned_points o
             WHERE o.village_id = h.village_id AND o.period = :'Y' AND o.points > coalesce(e.points, 0)) AS rank,
       (SELECT json_agg(json_build_object('id', p.id, 'type', p.type, 'points', p.points, 'month', p.month,
                        'reversalOf', p.reversal_of, 'reason', p.reason) ORDER BY p.seq DESC)
          FROM (SELECT * FROM posting WHERE household_id = h.id ORDER BY seq DESC LIMIT 20) p) AS postings
  FROM household h JOIN village v ON v.id = h.village_id
  LEFT JOIN points_town_settings s ON s.town_id = v.town_id
  LEFT JOIN account a ON a.household_id = h.id
  LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = :'Y'
 WHERE h.id = :H;
\echo '### portal: ranking (top 10 of the village and my place)'
EXPLAIN (ANALYZE, BUFFERS)
WITH mine AS (SELECT coalesce((SELECT points FROM earned_points WHERE household_id = :H AND period = :'Y'), 0) AS points),
     top AS (SELECT e.household_id, e.points FROM earned_points e WHERE e.village_id = :V AND e.period = :'Y' AND e.points > 0
              ORDER BY e.points DESC LIMIT 10)
SELECT t.household_id, h.number, h.head_name, t.points,
       1 + (SELECT count(*) FROM earned_points o WHERE o.village_id = :V AND o.period = :'Y' AND o.points > t.points) AS rank,
       (SELECT points FROM mine) AS my_points,
       1 + (SELECT count(*) FROM earned_points o WHERE o.village_id = :V AND o.period = :'Y' AND o.points > (SELECT points FROM mine)) AS my_rank
  FROM (SELECT 1) one LEFT JOIN top t ON true LEFT JOIN household h ON h.id = t.household_id
 ORDER BY t.points DESC NULLS LAST, h.number;
\echo '### portal: history page (postings by household)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, type, points, month, created_at, reversal_of, reason FROM posting WHERE household_id = :H ORDER BY seq DESC LIMIT 50;
\echo '### notice page: publicMeta'
EXPLAIN (ANALYZE, BUFFERS)
SELECT n.id, n.content_hash, v.name AS village_name, t.name AS town_name, coalesce(s.mask_names, true) AS mask_names,
       (SELECT count(*) FROM objection o WHERE o.notice_id = n.id AND o.answered_at IS NOT NULL) AS answered,
       (SELECT coalesce(floor(extract(epoch FROM max(o.answered_at)) * 1000), 0)::bigint FROM objection o WHERE o.notice_id = n.id)
  FROM notice n JOIN village v ON v.id = n.village_id JOIN town t ON t.id = v.town_id LEFT JOIN notice_setting s ON s.town_id = t.id
 WHERE n.id = :N;
\echo '### notice page: rows'
EXPLAIN (ANALYZE, BUFFERS)
SELECT rank, household_id, number, head_name, quarter_points, bonus_points, year_points, available_points
  FROM notice_row WHERE notice_id = :N ORDER BY position;
\echo '### notice page: answered objections'
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM objection WHERE notice_id = :N AND answered_at IS NOT NULL ORDER BY id;
\echo '### month close: pending entries'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) AS n FROM entry WHERE village_id = :V AND month = :'M' AND status = 'PENDING';
\echo '### month close: the month points by household'
EXPLAIN (ANALYZE, BUFFERS)
SELECT household_id, sum(points) AS points FROM posting WHERE village_id = :V AND month = :'M' AND type IN ('EARN', 'ADJUST') GROUP BY household_id;
\echo '### month close: previous seal'
EXPLAIN (ANALYZE, BUFFERS) SELECT seal FROM month_close WHERE village_id = :V ORDER BY closed_at DESC, month DESC LIMIT 1;
\echo '### month close: the heads (read back)'
EXPLAIN (ANALYZE, BUFFERS) SELECT household_id, seq, head_hash FROM month_seal_head WHERE village_id = :V AND month = :'M' ORDER BY household_id;
\echo '### month close: names (preview page)'
EXPLAIN (ANALYZE, BUFFERS) SELECT id, number, head_name FROM household WHERE village_id = :V;
BEGIN;
\echo '### month close: the heads (written, rolled back)'
EXPLAIN (ANALYZE, BUFFERS)
INSERT INTO month_seal_head (village_id, month, household_id, seq, head_hash)
SELECT village_id, '2100-01', household_id, seq, head_hash FROM account WHERE village_id = :V AND seq > 0;
ROLLBACK;
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_level = notice;
SET client_min_messages = notice;
BEGIN;
\echo '### redemption: shop_redeem() and the posting trigger inside it (auto_explain, rolled back)'
SELECT * FROM shop_redeem(:H, 1, 'explain-' || gen_random_uuid(), ARRAY[:G]::bigint[], ARRAY[1], current_date,
                          to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 'bench', NULL, :V);
ROLLBACK;
SQL
echo "village $V household $H notice $N month $M: full plans in $OUT"
# per statement: the slowest execution time, the buffers, and every sequential scan
awk '/^### /{name=$0; sub(/^### /, "", name); print "\n" name}
     /Seq Scan on/ {s=$0; sub(/^[ \t>-]*/, "", s); print "  SEQ SCAN: " s}
     /Execution Time/ {s=$0; sub(/^.*Execution Time/, "Execution Time", s); print "  " s}
     /^[ \t]*Buffers:/ && !shown[name]++ {s=$0; sub(/^[ \t]*/, "", s); print "  top " s}' "$OUT"
