-- Redemption in one call. The app used to hold the household's account lock across two client round trips
-- (lock and read, then write and commit); on redemption day that wait, not the work, bounded the queue. Now the
-- whole redemption is one statement: the database locks, checks, picks batches and writes, and the statement
-- commits on its own. Refusals come back as an outcome with nothing written; the guards of V2 and V30 (ledger
-- trigger, CHECK constraints, the unique idempotency key) still stand behind it.

-- The batches a quantity of goods is taken from: earliest expiry first, batches that never expire last, the
-- older batch (lower id) first among equals; expired and empty batches never. Locks the sellable batches of the
-- goods first, in id order, so that two callers never deadlock, then reads them again (a new snapshot after the
-- lock). A goods whose stock is short gets fewer picks than asked: the caller compares the sums.
CREATE FUNCTION shop_pick(p_goods bigint[], p_qty int[], p_village bigint, p_today date)
    RETURNS TABLE (pick_goods bigint, pick_batch bigint, pick_quantity int) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM batch b
      WHERE b.goods_id = ANY (p_goods) AND b.village_id = p_village AND b.remaining > 0
        AND (b.expires_on IS NULL OR b.expires_on >= p_today)
      ORDER BY b.id FOR UPDATE;
    RETURN QUERY
    WITH want AS (SELECT w.g, sum(w.q)::int AS q FROM unnest(p_goods, p_qty) AS w(g, q) GROUP BY w.g),
         usable AS (SELECT b.id, b.goods_id, b.remaining,
                           sum(b.remaining) OVER (PARTITION BY b.goods_id ORDER BY b.expires_on NULLS LAST, b.id) AS upto
                      FROM batch b
                     WHERE b.goods_id = ANY (p_goods) AND b.village_id = p_village AND b.remaining > 0
                       AND (b.expires_on IS NULL OR b.expires_on >= p_today))
    SELECT u.goods_id, u.id, least(u.remaining, w.q - (u.upto - u.remaining))::int
      FROM usable u JOIN want w ON w.g = u.goods_id
     WHERE u.upto - u.remaining < w.q
     ORDER BY u.goods_id, u.upto;
END $$;

CREATE TYPE shop_redeem_result AS (
    outcome       text,   -- 'created', 'replayed' or the problem code of a refusal
    redemption_id bigint,
    household_id  bigint,
    total_points  int,    -- created/replayed: points spent; insufficient points: points needed
    available     int     -- created/replayed: available after; insufficient points: available now
);

-- One redemption. p_scope_town is set for town staff (any village of that town), p_scope_village for village
-- staff (that village only). Checks, in this order: the household exists (card.invalid), the caller's village
-- scope (auth.forbidden), the card version and household status (card.revoked), an earlier redemption with this
-- key (replayed, whatever else changed since), the village's redemption-day policy, the goods (shop.unknown-goods),
-- the points (shop.insufficient-points) and the stock (shop.insufficient-stock).
CREATE FUNCTION shop_redeem(p_household bigint, p_card_version int, p_key text, p_goods bigint[], p_qty int[],
                            p_today date, p_month text, p_actor text, p_scope_town bigint, p_scope_village bigint)
    RETURNS shop_redeem_result LANGUAGE plpgsql AS $$
DECLARE
    v_available int;
    v_village   bigint;
    v_town      bigint;
    v_version   int;
    v_status    text;
    v_closed    boolean;
    v_earlier   redemption%ROWTYPE;
    v_known     int;
    v_total     bigint;
    v_batches   bigint[];
    v_takes     int[];
    v_enough    boolean;
    v_id        bigint;
BEGIN
    SELECT a.available INTO v_available FROM account a WHERE a.household_id = p_household FOR UPDATE;
    SELECT h.village_id, h.card_version, h.status, v.town_id,
           coalesce(s.redemption_days_only, false)
             AND NOT EXISTS (SELECT 1 FROM redemption_day d WHERE d.village_id = h.village_id AND d.day = p_today)
      INTO v_village, v_version, v_status, v_town, v_closed
      FROM household h
      JOIN village v ON v.id = h.village_id
      LEFT JOIN shop_setting s ON s.village_id = h.village_id
     WHERE h.id = p_household;
    IF NOT FOUND THEN
        RETURN ROW ('card.invalid', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;
    IF p_scope_town IS DISTINCT FROM v_town AND p_scope_village IS DISTINCT FROM v_village THEN
        RETURN ROW ('auth.forbidden', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;
    IF v_version <> p_card_version OR v_status <> 'ACTIVE' THEN
        RETURN ROW ('card.revoked', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;
    SELECT * INTO v_earlier FROM redemption r WHERE r.idempotency_key = p_key;
    IF FOUND THEN
        RETURN ROW ('replayed', v_earlier.id, v_earlier.household_id, v_earlier.total_points,
                    v_earlier.available_after)::shop_redeem_result;
    END IF;
    IF v_closed THEN
        RETURN ROW ('shop.not-redemption-day', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;
    IF v_available IS NULL THEN  -- a household that never had a posting has no account row yet
        INSERT INTO account (household_id, village_id) VALUES (p_household, v_village) ON CONFLICT (household_id) DO NOTHING;
        SELECT a.available INTO v_available FROM account a WHERE a.household_id = p_household FOR UPDATE;
    END IF;

    SELECT count(g.id), sum(g.points_price::bigint * w.q)
      INTO v_known, v_total
      FROM unnest(p_goods, p_qty) AS w(g, q)
      LEFT JOIN goods g ON g.id = w.g AND g.village_id = v_village AND g.active;
    IF v_known < cardinality(p_goods) THEN
        RETURN ROW ('shop.unknown-goods', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;
    IF v_total > v_available THEN
        RETURN ROW ('shop.insufficient-points', NULL, p_household, least(v_total, 2147483647)::int, v_available)::shop_redeem_result;
    END IF;
    SELECT array_agg(k.pick_batch), array_agg(k.pick_quantity), coalesce(sum(k.pick_quantity), 0) = (SELECT sum(q) FROM unnest(p_qty) q)
      INTO v_batches, v_takes, v_enough
      FROM shop_pick(p_goods, p_qty, v_village, p_today) k;
    IF NOT v_enough THEN
        RETURN ROW ('shop.insufficient-stock', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;

    INSERT INTO redemption (village_id, household_id, idempotency_key, card_version, total_points, available_after, month, actor)
    VALUES (v_village, p_household, p_key, p_card_version, v_total, v_available - v_total, p_month, p_actor)
    RETURNING id INTO v_id;
    INSERT INTO redemption_item (redemption_id, goods_id, quantity, points_price)
    SELECT v_id, w.g, sum(w.q), g.points_price
      FROM unnest(p_goods, p_qty) AS w(g, q) JOIN goods g ON g.id = w.g
     GROUP BY w.g, g.points_price;
    INSERT INTO redemption_pick (redemption_id, batch_id, quantity)
    SELECT v_id, x.b, x.q FROM unnest(v_batches, v_takes) AS x(b, q);
    UPDATE batch SET remaining = batch.remaining - x.q
      FROM unnest(v_batches, v_takes) AS x(b, q)
     WHERE batch.id = x.b;  -- the batch CHECK refuses a negative remainder
    INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, actor, seq, prev_hash, hash)
    VALUES (p_household, v_village, 'REDEEM', -v_total, p_month, 'REDEMPTION', v_id, p_actor, 0, '', '');
    INSERT INTO audit_log (town_id, village_id, actor, action, entity, entity_id, after)
    VALUES (v_town, v_village, p_actor, 'redeem', 'redemption', v_id::text,
            jsonb_build_object('householdId', p_household, 'totalPoints', v_total));
    RETURN ROW ('created', v_id, p_household, v_total, v_available - v_total)::shop_redeem_result;
END $$;

-- Less write-ahead log per redemption. On a machine with a fast CPU the queue waits on the WAL flush of each
-- commit, so every index entry a redemption writes counts (measured with pg_waldump: 2.8 kB of WAL per redemption
-- before these changes; bench/redeem.sh prints the figure now).
-- (1) No query reads postings by household and month or by cause alone: history reads (household_id, seq), the two
--     cause lookups (reversal of a redemption, adjustment of an objection) name the household too.
DROP INDEX posting_household_month;
DROP INDEX posting_cause;
-- (2) Only a reversal has reversal_of; the other postings need no entry in its unique index.
ALTER TABLE posting DROP CONSTRAINT posting_reversed_once;
CREATE UNIQUE INDEX posting_reversed_once ON posting (reversal_of) WHERE reversal_of IS NOT NULL;
-- (3) Taking stock changes batch.remaining only. With no index naming that column (the old partial indexes did,
--     in their WHERE), the update is a heap-only tuple update: no new index entries, and room for it on the page.
DROP INDEX batch_goods_pick;
DROP INDEX batch_village_expiry;
CREATE INDEX batch_goods ON batch (goods_id, expires_on);
CREATE INDEX batch_village_expiry ON batch (village_id, expires_on);
ALTER TABLE batch SET (fillfactor = 50);
ALTER TABLE account SET (fillfactor = 70);
