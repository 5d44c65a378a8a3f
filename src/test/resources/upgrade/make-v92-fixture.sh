#!/usr/bin/env bash
# Remakes v92.sql.gz, the database MigrationUpgradeTest upgrades: the schema built by the migrations as they were at
# commit 2c12f79 (V1..V92, when the functions and triggers still lived in the versioned files, old bodies included),
# plus a little data written through those old functions and triggers (postings in hash chains, a closed month, two
# redemptions and a reversal, a published notice with an answered objection). Kept gzipped so that the old function
# bodies in it are not a second copy of the live ones in the text tree.
#
# Needs git, a JDK, the Maven wrapper's cached dependencies, psql, pg_dump and a PostgreSQL server on which user
# postgres may create databases (PGHOST/PGPORT, default 127.0.0.1:5432). Run it from anywhere in the repository.
set -euo pipefail

base=2c12f79
here=$(cd "$(dirname "$0")" && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
db=jifen_v92_fixture_$$
work=$(mktemp -d)
trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# The migrations of the base commit, run by Flyway itself so that flyway_schema_history holds their real checksums.
git -C "$root" archive "$base" src/main/resources/db/migration | tar -x -C "$work"
(cd "$root" && ./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/cp.txt")
cat > "$work/Migrate.java" <<'EOF'
public class Migrate {
    public static void main(String[] a) {
        org.flywaydb.core.Flyway.configure().dataSource(a[0], "postgres", "").locations("filesystem:" + a[1]).load().migrate();
    }
}
EOF
psql -q -d postgres -c "CREATE DATABASE $db"
java -cp "$(cat "$work/cp.txt")" "$work/Migrate.java" "jdbc:postgresql://$PGHOST:$PGPORT/$db" \
    "$work/src/main/resources/db/migration"

psql -q -v ON_ERROR_STOP=1 -d "$db" <<'EOF'
INSERT INTO town (name) VALUES ('龙泉镇');
INSERT INTO village (town_id, code, name) SELECT id, 'QS', '青石村' FROM town;
INSERT INTO village (town_id, code, name, kind) SELECT id, 'HX', '河西社区', 'COMMUNITY' FROM town;
INSERT INTO staff (town_id, village_id, username, password_hash, display_name, role)
SELECT v.town_id, v.id, u.name, '$2a$10$fixture.not.a.real.hash', u.display, u.role
  FROM village v, (VALUES ('officer01', '王干事', 'OFFICER'), ('clerk01', '李店员', 'CLERK'),
                          ('secretary01', '赵书记', 'SECRETARY')) AS u(name, display, role)
 WHERE v.code = 'QS';
INSERT INTO household (village_id, number, head_name, phone, group_name, tags)
SELECT v.id, h.number, h.head, h.phone, '一组', h.tags
  FROM village v, (VALUES ('0101', '张明', '13800000001', '{}'::text[]), ('0102', '刘芳', '13800000002', '{留守老人}'),
                          ('0103', '陈刚', NULL, '{}'), ('0104', '周丽', '13800000004', '{}')) AS h(number, head, phone, tags)
 WHERE v.code = 'QS';
INSERT INTO household (village_id, number, head_name) SELECT id, '0201', '孙强' FROM village WHERE code = 'HX';
INSERT INTO member (household_id, name, relation) SELECT id, head_name, '户主' FROM household;

-- Entries registered, approved and earned (the EARN postings go through the chain trigger of V2/V91).
INSERT INTO catalog_item (town_id, code, category, title, points, unit)
SELECT id, i.code, i.category, i.title, i.points, '次' FROM town,
       (VALUES ('A1', '环境卫生', '门前三包', 5), ('B2', '孝老爱亲', '照顾老人', 10), ('C3', '违规扣分', '乱倒垃圾', -3))
       AS i(code, category, title, points);
INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity, points, occurred_on,
                   month, recorded_by, recorded_by_id)
SELECT h.village_id, h.id, c.id, c.code, c.title, c.points, e.qty, c.points * e.qty, e.day, to_char(e.day, 'YYYY-MM'),
       '王干事', (SELECT id FROM staff WHERE username = 'officer01')
  FROM (VALUES ('0101', 'A1', 2, date '2026-01-05'), ('0102', 'B2', 1, date '2026-01-06'), ('0103', 'A1', 1, date '2026-01-07'),
               ('0101', 'B2', 3, date '2026-02-03'), ('0102', 'A1', 1, date '2026-02-04'), ('0103', 'C3', 1, date '2026-02-05'),
               ('0104', 'B2', 2, date '2026-02-06'))
       AS e(number, code, qty, day)
  JOIN household h ON h.number = e.number
  JOIN catalog_item c ON c.code = e.code;
INSERT INTO entry_review (entry_id, reviewer, reviewer_id, decision)
SELECT e.id, '赵书记', (SELECT s.id FROM staff s WHERE s.username = 'secretary01'), 'APPROVE' FROM entry e ORDER BY e.id;
UPDATE entry SET status = 'APPROVED', approvals = 1, decided_at = now();
INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, reason, actor, seq, prev_hash, hash)
SELECT household_id, village_id, 'EARN', points, month, 'entry', id, item_title, '赵书记', 0, '', ''
  FROM entry ORDER BY id;

-- January closed: bonuses, then the seal over every chain head (as MonthCloseService and ledger/Seal do it).
BEGIN;
INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, reason, actor, seq, prev_hash, hash)
SELECT h.id, h.village_id, 'BONUS', b.points, '2026-01', 'month-close', 202601, '月度第 ' || b.rank || ' 名奖励性加分', '赵书记', 0, '', ''
  FROM (VALUES ('0102', 1, 10), ('0101', 2, 9), ('0103', 3, 8)) AS b(number, rank, points)
  JOIN household h ON h.number = b.number ORDER BY h.id;
INSERT INTO month_seal_head (village_id, month, household_id, seq, head_hash)
SELECT village_id, '2026-01', household_id, seq, head_hash FROM account WHERE seq > 0;
INSERT INTO month_close (village_id, month, closed_by, seal, prev_seal, households)
SELECT h.village_id, '2026-01', '赵书记',
       encode(sha256(convert_to('jifen-seal-v1|' || h.village_id || '|2026-01|'
           || string_agg('|' || h.household_id || ':' || h.seq || ':' || h.head_hash, '' ORDER BY h.household_id), 'UTF8')), 'hex'),
       '', count(*)
  FROM month_seal_head h GROUP BY h.village_id;
COMMIT;

-- The shop: goods, stock, two redemptions through the old shop_redeem / shop_redeem_batch, one reversed.
INSERT INTO shop_setting (village_id) SELECT id FROM village WHERE code = 'QS';
INSERT INTO goods (village_id, name, category, unit, points_price)
SELECT v.id, g.name, '日用品', g.unit, g.price FROM village v, (VALUES ('洗衣粉', '袋', 6), ('食用油', '桶', 15)) AS g(name, unit, price)
 WHERE v.code = 'QS';
INSERT INTO purchase (village_id, supplier, purchased_on, total_cents, actor)
SELECT id, '镇供销社', date '2026-01-02', 50000, '王干事' FROM village WHERE code = 'QS';
INSERT INTO batch (goods_id, village_id, purchase_id, quantity, remaining, unit_cost_cents, expires_on, received_on)
SELECT g.id, g.village_id, p.id, 20, 20, 500, CASE WHEN g.name = '食用油' THEN date '2027-06-30' END, date '2026-01-02'
  FROM goods g, purchase p;
INSERT INTO redemption_day (village_id, day, title, created_by) SELECT id, date '2026-02-10', '春节前兑换日', '王干事' FROM village WHERE code = 'QS';
SELECT outcome FROM shop_redeem((SELECT id FROM household WHERE number = '0101'), 1, 'fixture-redeem-1',
       ARRAY[(SELECT id FROM goods WHERE name = '洗衣粉'), (SELECT id FROM goods WHERE name = '食用油')], ARRAY[1, 1],
       date '2026-02-10', '2026-02', '李店员', NULL, (SELECT id FROM village WHERE code = 'QS'));
SELECT outcome FROM shop_redeem_batch(ARRAY[(SELECT id FROM household WHERE number = '0102')], ARRAY[1], ARRAY['fixture-redeem-2'],
       ARRAY[1], ARRAY[(SELECT id FROM goods WHERE name = '洗衣粉')], ARRAY[2], date '2026-02-10', '2026-02', ARRAY['李店员'],
       ARRAY[NULL::bigint], ARRAY[(SELECT id FROM village WHERE code = 'QS')]);
BEGIN;
UPDATE redemption SET reversed_at = now(), reversed_by = '王干事', reverse_reason = '顾客退货' WHERE idempotency_key = 'fixture-redeem-2';
UPDATE batch SET remaining = batch.remaining + k.quantity FROM redemption_pick k JOIN redemption r ON r.id = k.redemption_id
 WHERE k.batch_id = batch.id AND r.idempotency_key = 'fixture-redeem-2';
INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, reversal_of, reason, actor, seq, prev_hash, hash)
SELECT r.household_id, r.village_id, 'REFUND', r.total_points, '2026-02', 'REDEMPTION', r.id, p.id, '顾客退货', '王干事', 0, '', ''
  FROM redemption r JOIN posting p ON p.cause_type = 'REDEMPTION' AND p.cause_id = r.id AND p.type = 'REDEEM'
 WHERE r.idempotency_key = 'fixture-redeem-2';
COMMIT;

-- The first quarter's notice, published, with evidence and an upheld objection answered by an adjustment.
INSERT INTO notice (village_id, year, quarter, created_by) SELECT id, 2026, 1, '王干事' FROM village WHERE code = 'QS';
INSERT INTO notice_row (notice_id, position, rank, household_id, number, head_name, quarter_points, bonus_points, year_points,
                        available_points)
SELECT n.id, row_number() OVER (ORDER BY e.points DESC, h.id), rank() OVER (ORDER BY e.points DESC), h.id, h.number, h.head_name,
       e.points, 0, e.points, a.available
  FROM notice n, household h JOIN earned_points e ON e.household_id = h.id AND e.period = '2026-Q1'
  JOIN account a ON a.household_id = h.id;
UPDATE notice SET status = 'PUBLISHED', statistics_date = date '2026-03-31', notice_from = date '2026-04-01',
       notice_to = date '2026-04-07', signatory = '赵书记', contact = '0571-00000000',
       month_seals = '2026-01=' || (SELECT seal FROM month_close WHERE month = '2026-01'),
       content_hash = encode(sha256(convert_to('fixture notice', 'UTF8')), 'hex'), published_by = '赵书记', published_at = now();
INSERT INTO notice_evidence (notice_id, content_type, bytes, size, sha256, note, recorded_by)
SELECT id, 'image/png', '\x89504e470d0a1a0a'::bytea, 8, encode(sha256('\x89504e470d0a1a0a'::bytea), 'hex'), '村公示栏', '王干事' FROM notice;
INSERT INTO objection (notice_id, text, contact, household_number, sender_hash)
SELECT id, '二月照顾老人的分数漏登了一次', '13800000004', '0104', encode(sha256(convert_to('127.0.0.1', 'UTF8')), 'hex') FROM notice;
BEGIN;
INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, reason, actor, seq, prev_hash, hash)
SELECT h.id, h.village_id, 'ADJUST', 10, '2026-04', 'objection', o.id, '异议成立：补登照顾老人', '赵书记', 0, '', ''
  FROM objection o, household h WHERE h.number = '0104';
UPDATE objection SET answer = '经核实属实，已补登', upheld = true, answered_by = '赵书记', answered_at = now(),
       posting_id = (SELECT id FROM posting WHERE cause_type = 'objection');
COMMIT;

-- A little of everything else that migrations touched: audit rows, a WeChat binding with a sent message, a report.
INSERT INTO audit_log (town_id, village_id, actor, action, entity, entity_id, after)
SELECT v.town_id, v.id, '赵书记', 'close-month', 'month_close', '2026-01', jsonb_build_object('households', 3)
  FROM village v WHERE v.code = 'QS';
INSERT INTO wechat_binding (household_id, app_kind, openid, label) SELECT id, 'MP', 'o-fixture-0101', '本人' FROM household WHERE number = '0101';
INSERT INTO wechat_outbox (household_id, binding_id, openid, kind, template_id, data, dedup_key, status, sent_at, app_kind)
SELECT b.household_id, b.id, b.openid, 'posting', 'tpl-posting', '{"thing1": {"value": "兑换"}}', 'posting:fixture', 'SENT', now(), 'MP'
  FROM wechat_binding b;
INSERT INTO deed_report (household_id, village_id, description, occurred_on)
SELECT id, village_id, '帮邻居修好了水管', date '2026-03-02' FROM household WHERE number = '0103';

DO $check$
BEGIN
    IF (SELECT count(*) FROM redemption) <> 2 OR (SELECT count(*) FROM posting WHERE type = 'REDEEM') <> 2
       OR (SELECT count(*) FROM notice WHERE status = 'PUBLISHED') <> 1 THEN
        RAISE EXCEPTION 'the fixture data is not what it should be';
    END IF;
END $check$;
EOF

# Plain SQL with INSERTs (no COPY FROM stdin), without psql's \restrict lines, so that JDBC can run it as one script.
pg_dump -d "$db" --inserts --no-owner --no-privileges | grep -v '^\\' | gzip -n -9 > "$here/v92.sql.gz"
echo "wrote $here/v92.sql.gz"
