-- The checker of bench/faults.sh: proves the bank invariants over the database after the run, against what the
-- clients were told (table faults_check.attempt, one row per HTTP attempt, written by bench/Faults.java) and what the
-- script seeded (faults_check.initial: each household's points, faults_check.stock0: each batch as purchased).
-- Each check lists its violations; faults_check.result gets one row per check. psql variables: village, verify_ok,
-- outage (1 when PostgreSQL was stopped during the run).
\set ON_ERROR_STOP 1
SET search_path = public, faults_check;
\o /dev/null

CREATE TEMP VIEW op AS
SELECT kind, op,
       bool_or(status IN (200, 201))                   AS ok,
       bool_or(status BETWEEN 400 AND 499)             AS refused,
       bool_and(status NOT BETWEEN 200 AND 499)        AS unknown,  -- never got an answer that settles it
       min(household_id) FILTER (WHERE household_id > 0) AS household_id,
       max(points) FILTER (WHERE status = 201)         AS points
  FROM attempt WHERE kind <> 'login' GROUP BY kind, op;

-- The running balance after each posting.
CREATE TEMP VIEW ledger AS
SELECT p.*, sum(p.points) OVER (PARTITION BY p.household_id ORDER BY p.seq) AS balance
  FROM posting p WHERE p.village_id = :village;

CREATE TEMP TABLE result (n serial, name text, violations bigint, examples text);

CREATE FUNCTION pg_temp.inv(name text, violations text[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO result (name, violations, examples)
    VALUES (name, coalesce(cardinality(violations), 0), array_to_string(violations[1:3], ' | '))
$$;

-- Debits: none lost, none doubled, none invented.
SELECT pg_temp.inv('no lost debit: every key answered 200/201 has its redemption', array(
    SELECT o.op FROM op o WHERE o.kind = 'redeem' AND o.ok
       AND NOT EXISTS (SELECT 1 FROM redemption r WHERE r.idempotency_key = o.op)));
SELECT pg_temp.inv('no double debit: at most one redemption per key', array(
    SELECT r.idempotency_key || ' x' || count(*) FROM redemption r GROUP BY r.idempotency_key HAVING count(*) > 1));
SELECT pg_temp.inv('no double debit: at most one 201 per key (the others replay: 200)', array(
    SELECT a.op || ' x' || count(*) FROM attempt a WHERE a.kind = 'redeem' AND a.status = 201 GROUP BY a.op HAVING count(*) > 1));
SELECT pg_temp.inv('no invented debit: every redemption was asked for by a client', array(
    SELECT 'redemption ' || r.id FROM redemption r
     WHERE NOT EXISTS (SELECT 1 FROM attempt a WHERE a.kind = 'redeem' AND a.op = r.idempotency_key)));
SELECT pg_temp.inv('a refusal wrote nothing and no key was both refused and redeemed', array(
    SELECT o.op FROM op o WHERE o.kind = 'redeem' AND o.refused
       AND (o.ok OR EXISTS (SELECT 1 FROM redemption r WHERE r.idempotency_key = o.op))));
SELECT pg_temp.inv('every 200/201 answer is the redemption as stored (id, household, points, available after)', array(
    SELECT a.op FROM attempt a LEFT JOIN redemption r ON r.idempotency_key = a.op AND r.id = a.redemption_id
     WHERE a.kind = 'redeem' AND a.status IN (200, 201)
       AND (r.id IS NULL OR (a.household_id, a.total_points, a.available_after)
                            IS DISTINCT FROM (r.household_id, r.total_points, r.available_after))));

-- Answers: only the expected ones; a 503 says db.unavailable; never a 500.
SELECT pg_temp.inv('no HTTP 500', array(
    SELECT a.kind || ' ' || a.op || ' at ' || a.at_ms FROM attempt a WHERE a.status = 500));
SELECT pg_temp.inv('only expected answers (no other 5xx, no 401, no conflict or deadlock error)', array(
    SELECT a.kind || ' ' || a.status || ' ' || coalesce(a.code, '') || ' x' || count(*) FROM attempt a
     WHERE NOT (a.status IN (0, -1, -2, 500)
             OR (a.status = 503 AND a.code = 'db.unavailable')
             OR (a.kind = 'login' AND a.status = 200)
             OR (a.kind = 'redeem' AND (a.status IN (200, 201)
                  OR (a.status = 409 AND a.code IN ('shop.insufficient-points', 'shop.insufficient-stock'))))
             OR (a.kind = 'adjust' AND a.status = 201)
             OR (a.kind = 'reverse' AND (a.status = 200
                  OR (a.status = 409 AND a.code = 'shop.already-reversed' AND a.attempt > 1))))
     GROUP BY a.kind, a.status, a.code));

-- The ledger: one REDEEM posting per redemption, balances are the postings, never below zero, hash chain intact.
SELECT pg_temp.inv('one REDEEM posting per redemption, of its points, and none without a redemption', array(
    SELECT 'redemption ' || r.id FROM redemption r
     WHERE (SELECT count(*) FROM posting p WHERE p.type = 'REDEEM' AND p.cause_type = 'REDEMPTION' AND p.cause_id = r.id
               AND p.household_id = r.household_id AND p.points = -r.total_points) <> 1
    UNION ALL
    SELECT 'posting ' || p.id FROM posting p WHERE p.type = 'REDEEM'
       AND NOT EXISTS (SELECT 1 FROM redemption r WHERE p.cause_type = 'REDEMPTION' AND r.id = p.cause_id)));
SELECT pg_temp.inv('a redemption''s points are its items at their prices; its picks are its items', array(
    SELECT 'redemption ' || r.id FROM redemption r
     WHERE r.total_points <> (SELECT sum(i.quantity * i.points_price) FROM redemption_item i WHERE i.redemption_id = r.id)
        OR EXISTS (SELECT 1 FROM redemption_item i JOIN goods g ON g.id = i.goods_id
                    WHERE i.redemption_id = r.id
                      AND (i.points_price <> g.points_price
                           OR i.quantity <> (SELECT coalesce(sum(k.quantity), 0) FROM redemption_pick k
                                               JOIN batch b ON b.id = k.batch_id
                                              WHERE k.redemption_id = r.id AND b.goods_id = i.goods_id)))));
SELECT pg_temp.inv('balance = sum of postings (and the account''s seq = its number of postings)', array(
    SELECT 'household ' || a.household_id || ' available ' || a.available || ' postings ' || coalesce(s.total, 0)
      FROM account a
      LEFT JOIN (SELECT household_id, sum(points) AS total, count(*) AS n, max(seq) AS top FROM posting GROUP BY 1) s
        ON s.household_id = a.household_id
     WHERE a.village_id = :village
       AND (a.available <> coalesce(s.total, 0) OR a.seq <> coalesce(s.n, 0) OR a.seq <> coalesce(s.top, 0))));
SELECT pg_temp.inv('balance = initial + top-ups - redeemed + refunded', array(
    SELECT 'household ' || i.household_id || ' available ' || a.available || ' expected ' || (i.available
           + coalesce((SELECT sum(p.points) FROM posting p WHERE p.household_id = i.household_id AND p.type = 'ADJUST'
                                                            AND p.reason LIKE 'faults:%'), 0)
           - coalesce((SELECT sum(r.total_points) FROM redemption r WHERE r.household_id = i.household_id), 0)
           + coalesce((SELECT sum(r.total_points) FROM redemption r WHERE r.household_id = i.household_id
                                                                   AND r.reversed_at IS NOT NULL), 0))
      FROM initial i JOIN account a ON a.household_id = i.household_id
     WHERE a.available <> i.available
           + coalesce((SELECT sum(p.points) FROM posting p WHERE p.household_id = i.household_id AND p.type = 'ADJUST'
                                                            AND p.reason LIKE 'faults:%'), 0)
           - coalesce((SELECT sum(r.total_points) FROM redemption r WHERE r.household_id = i.household_id), 0)
           + coalesce((SELECT sum(r.total_points) FROM redemption r WHERE r.household_id = i.household_id
                                                                   AND r.reversed_at IS NOT NULL), 0)));
SELECT pg_temp.inv('never negative: no balance below zero, at any posting', array(
    SELECT 'household ' || l.household_id || ' min ' || min(l.balance) FROM ledger l GROUP BY l.household_id
    HAVING min(l.balance) < 0
    UNION ALL
    SELECT 'account ' || a.household_id || ' ' || a.available FROM account a WHERE a.village_id = :village AND a.available < 0));
SELECT pg_temp.inv('a redemption''s available-after is the balance right after its posting', array(
    SELECT 'redemption ' || r.id || ' says ' || r.available_after || ', ledger ' || l.balance
      FROM redemption r JOIN ledger l ON l.type = 'REDEEM' AND l.cause_type = 'REDEMPTION' AND l.cause_id = r.id
     WHERE l.balance <> r.available_after));
SELECT pg_temp.inv('hash chain: seq 1..n, each prev_hash the hash before, each hash recomputed, head = last', array(
    SELECT 'posting ' || p.id FROM posting p
      JOIN (SELECT q.id, lag(q.hash, 1, '') OVER w AS before, row_number() OVER w AS nth
              FROM posting q WHERE q.village_id = :village WINDOW w AS (PARTITION BY q.household_id ORDER BY q.seq)) x
        ON x.id = p.id
     WHERE p.seq <> x.nth OR p.prev_hash <> x.before OR p.hash <> posting_hash(p)
    UNION ALL
    SELECT 'account ' || a.household_id FROM account a
      LEFT JOIN posting p ON p.household_id = a.household_id AND p.seq = a.seq
     WHERE a.village_id = :village AND a.seq > 0 AND p.hash IS DISTINCT FROM a.head_hash));
SELECT pg_temp.inv('the app''s own check GET /api/villages/{id}/ledger/verify says ok', array(
    SELECT 'verify answered: ' || :'verify_ok' WHERE :'verify_ok' <> 'true'));

-- Top-ups and reversals, against what the clients were told.
SELECT pg_temp.inv('top-ups: each sent once at most, 201 ones booked as answered, refused ones not, none invented', array(
    SELECT 'tag ' || p.reason || ' x' || count(*) FROM posting p WHERE p.type = 'ADJUST' AND p.reason LIKE 'faults:%'
     GROUP BY p.reason HAVING count(*) > 1
    UNION ALL
    SELECT 'unasked ' || p.reason FROM posting p WHERE p.type = 'ADJUST' AND p.reason LIKE 'faults:%'
       AND NOT EXISTS (SELECT 1 FROM op o WHERE o.kind = 'adjust' AND 'faults:' || o.op = p.reason)
    UNION ALL
    SELECT 'lost ' || o.op FROM op o WHERE o.kind = 'adjust' AND o.ok
       AND NOT EXISTS (SELECT 1 FROM posting p WHERE p.type = 'ADJUST' AND p.reason = 'faults:' || o.op
                          AND p.household_id = o.household_id AND p.points = o.points)
    UNION ALL
    SELECT 'refused but booked ' || o.op FROM op o WHERE o.kind = 'adjust' AND o.refused
       AND EXISTS (SELECT 1 FROM posting p WHERE p.reason = 'faults:' || o.op)));
SELECT pg_temp.inv('reversals: only asked ones, each answered 200 done, one REFUND of its points each', array(
    SELECT 'unasked reversal of ' || r.id FROM redemption r WHERE r.reversed_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM op o WHERE o.kind = 'reverse' AND o.op = r.id::text)
    UNION ALL
    SELECT 'not reversed ' || o.op FROM op o WHERE o.kind = 'reverse' AND o.ok
       AND NOT EXISTS (SELECT 1 FROM redemption r WHERE r.id::text = o.op AND r.reversed_at IS NOT NULL)
    UNION ALL
    SELECT 'refunds of ' || r.id || ': ' || (SELECT count(*) FROM posting f JOIN posting d ON d.id = f.reversal_of
                                               WHERE f.type = 'REFUND' AND d.cause_type = 'REDEMPTION' AND d.cause_id = r.id
                                                 AND f.points = r.total_points)
      FROM redemption r
     WHERE (SELECT count(*) FROM posting f JOIN posting d ON d.id = f.reversal_of
             WHERE f.type = 'REFUND' AND d.cause_type = 'REDEMPTION' AND d.cause_id = r.id AND f.points = r.total_points)
           <> (CASE WHEN r.reversed_at IS NULL THEN 0 ELSE 1 END)
    UNION ALL
    SELECT 'stray refund ' || f.id FROM posting f WHERE f.type = 'REFUND'
       AND NOT EXISTS (SELECT 1 FROM posting d JOIN redemption r ON d.cause_type = 'REDEMPTION' AND r.id = d.cause_id
                        WHERE d.id = f.reversal_of AND r.reversed_at IS NOT NULL)));

-- Stock: each batch is what was purchased minus what was redeemed (and not given back), never below zero.
SELECT pg_temp.inv('stock per batch = purchased - redeemed (reversals given back) >= 0', array(
    SELECT 'batch ' || s.batch_id || ' remaining ' || b.remaining || ' expected ' || (s.quantity - coalesce(t.taken, 0))
      FROM stock0 s JOIN batch b ON b.id = s.batch_id
      LEFT JOIN (SELECT k.batch_id, sum(k.quantity) AS taken FROM redemption_pick k
                   JOIN redemption r ON r.id = k.redemption_id WHERE r.reversed_at IS NULL GROUP BY 1) t
        ON t.batch_id = s.batch_id
     WHERE b.quantity <> s.quantity OR b.remaining <> s.quantity - coalesce(t.taken, 0) OR b.remaining < 0
    UNION ALL
    SELECT 'batch ' || b.id || ' not purchased' FROM batch b WHERE b.village_id = :village
       AND NOT EXISTS (SELECT 1 FROM stock0 s WHERE s.batch_id = b.id)));
SELECT pg_temp.inv('stock per goods = purchased - redeemed items (reversals given back)', array(
    SELECT 'goods ' || g.id FROM goods g WHERE g.village_id = :village
       AND (SELECT coalesce(sum(b.remaining), 0) FROM batch b WHERE b.goods_id = g.id)
           <> (SELECT coalesce(sum(s.quantity), 0) FROM stock0 s WHERE s.goods_id = g.id)
            - (SELECT coalesce(sum(i.quantity), 0) FROM redemption_item i JOIN redemption r ON r.id = i.redemption_id
                WHERE i.goods_id = g.id AND r.reversed_at IS NULL)));

-- The faults were felt, and the app came back by itself after each.
SELECT pg_temp.inv('the app served redemptions again after each fault (201 after each recovery)', array(
    SELECT e.name FROM event e WHERE e.name LIKE 'recovered%'
       AND NOT EXISTS (SELECT 1 FROM attempt a WHERE a.status = 201 AND a.at_ms > e.at_ms)));
SELECT pg_temp.inv('while PostgreSQL was away the app answered 503 db.unavailable', array(
    SELECT 'no 503 db.unavailable during the outage' WHERE :outage = 1 AND NOT EXISTS (
        SELECT 1 FROM attempt a, event s, event u
         WHERE s.name = 'pg-stopped' AND u.name = 'pg-started' AND a.status = 503 AND a.code = 'db.unavailable'
           AND a.at_ms BETWEEN s.at_ms AND u.at_ms + 30000)));

\o
\echo statuses (attempts) by kind:
SELECT kind, CASE status WHEN 0 THEN 'refused' WHEN -1 THEN 'reset' WHEN -2 THEN 'timeout' ELSE status::text END AS status,
       coalesce(code, '') AS code, count(*) AS n
  FROM attempt GROUP BY kind, status, code ORDER BY kind, status DESC, code;
\echo operations:
SELECT kind, count(*) AS asked, count(*) FILTER (WHERE ok) AS ok, count(*) FILTER (WHERE refused AND NOT ok) AS refused,
       count(*) FILTER (WHERE unknown) AS no_answer,
       count(*) FILTER (WHERE op IN (SELECT a.op FROM attempt a WHERE a.copy = 1)) AS double_scans,
       count(*) FILTER (WHERE op IN (SELECT a.op FROM attempt a WHERE a.attempt > 1)) AS retried
  FROM op GROUP BY kind ORDER BY kind;
SELECT (SELECT count(*) FROM op WHERE kind = 'redeem' AND op IN (SELECT a.op FROM attempt a WHERE a.status = 200 AND a.attempt > 1)
           AND op NOT IN (SELECT a.op FROM attempt a WHERE a.status = 201)) AS answer_lost_then_replayed,
       (SELECT count(*) FROM op WHERE kind = 'adjust' AND unknown) AS topups_no_answer,
       (SELECT count(*) FROM op o WHERE kind = 'adjust' AND unknown
           AND EXISTS (SELECT 1 FROM posting p WHERE p.reason = 'faults:' || o.op)) AS of_which_booked;
SELECT (SELECT count(*) FROM redemption) AS redemptions,
       (SELECT count(*) FROM redemption WHERE reversed_at IS NOT NULL) AS reversed,
       (SELECT count(*) FROM posting WHERE village_id = :village) AS postings,
       (SELECT count(*) FROM attempt a WHERE a.kind = 'redeem' AND a.status = 200) AS replays_200,
       (SELECT sum(available) FROM account WHERE village_id = :village) AS points_left;
\echo invariants:
\pset tuples_only on
\pset format unaligned
SELECT CASE WHEN violations = 0 THEN 'PASS  ' ELSE 'FAIL  ' END || name
       || CASE WHEN violations = 0 THEN '' ELSE ': ' || violations || ' violation(s), e.g. ' || examples END
  FROM result ORDER BY n;
SELECT 'checker: ' || CASE WHEN count(*) FILTER (WHERE violations > 0) = 0 THEN 'PASS' ELSE 'FAIL' END
       || ' (' || count(*) FILTER (WHERE violations = 0) || '/' || count(*) || ' invariants hold)'
  FROM result;
