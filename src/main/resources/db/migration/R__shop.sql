-- Cards and the village shop: the card key, picking stock, redemption in one call, and the evidence of redemption
-- days (how R__ files work: R__common.sql). Behind these functions the ledger trigger (R__ledger.sql), the CHECK
-- constraints and the unique idempotency key still guard points and stock.

-- The card signing key, once generated (V30), never changes.
CREATE OR REPLACE TRIGGER card_key_immutable BEFORE UPDATE OR DELETE ON card_key
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('card.key-immutable');

-- The batches a quantity of goods is taken from: earliest expiry first, batches that never expire last, the older
-- batch (lower id) first among equals; expired and empty batches never. In one statement: the sellable batches are
-- locked in id order (two callers never deadlock) and the locked rows, as they are after the lock, are shared out.
-- A goods whose stock is short gets fewer picks than asked: the caller compares the sums. Redemptions and transfers.
CREATE OR REPLACE FUNCTION shop_pick(p_goods bigint[], p_qty int[], p_village bigint, p_today date)
    RETURNS TABLE (pick_goods bigint, pick_batch bigint, pick_quantity int) LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY
    WITH locked AS (SELECT b.id, b.goods_id, b.remaining, b.expires_on
                      FROM batch b
                     WHERE b.goods_id = ANY (p_goods) AND b.village_id = p_village AND b.remaining > 0
                       AND (b.expires_on IS NULL OR b.expires_on >= p_today)
                     ORDER BY b.id FOR UPDATE),
         want AS (SELECT w.g, sum(w.q)::int AS q FROM unnest(p_goods, p_qty) AS w(g, q) GROUP BY w.g),
         usable AS (SELECT l.id, l.goods_id, l.remaining,
                           sum(l.remaining) OVER (PARTITION BY l.goods_id ORDER BY l.expires_on NULLS LAST, l.id) AS upto
                      FROM locked l)
    SELECT u.goods_id, u.id, least(u.remaining, w.q - (u.upto - u.remaining))::int
      FROM usable u JOIN want w ON w.g = u.goods_id
     WHERE u.upto - u.remaining < w.q
     ORDER BY u.goods_id, u.upto;
END $$;

-- The answer an earlier redemption with this key gave.
CREATE OR REPLACE FUNCTION shop_redeem_replay(p_key text) RETURNS shop_redeem_result LANGUAGE sql STABLE AS $$
    SELECT 'replayed', r.id, r.household_id, r.total_points, r.available_after FROM redemption r WHERE r.idempotency_key = p_key
$$;

-- A refusal, unless a redemption with this key committed while this one waited for the account lock (the first
-- statement of shop_redeem read its key before the wait): then that redemption's answer.
CREATE OR REPLACE FUNCTION shop_redeem_refusal(p_key text, p_code text, p_household bigint, p_total int, p_available int)
    RETURNS shop_redeem_result LANGUAGE sql STABLE AS $$
    SELECT coalesce(shop_redeem_replay(p_key), ROW (p_code, NULL, p_household, p_total, p_available)::shop_redeem_result)
$$;

-- One redemption, in one call: the database locks, checks, picks batches and writes; a refusal comes back as an
-- outcome with nothing written. p_scope_town is set for town staff (any village of that town), p_scope_village for
-- village staff (that village only). Checks, in this order: the household exists (card.invalid), the caller's village
-- scope (auth.forbidden), the card version and household status (card.revoked), an earlier redemption with this key
-- (replayed, whatever else changed since), the village's redemption-day policy, the goods (shop.unknown-goods), the
-- points (shop.insufficient-points) and the stock (shop.insufficient-stock).
CREATE OR REPLACE FUNCTION shop_redeem(p_household bigint, p_card_version int, p_key text, p_goods bigint[], p_qty int[],
                                       p_today date, p_month text, p_actor text, p_scope_town bigint, p_scope_village bigint)
    RETURNS shop_redeem_result LANGUAGE plpgsql AS $$
DECLARE
    v_available int;
    v_village   bigint;
    v_town      bigint;
    v_version   int;
    v_status    text;
    v_closed    boolean;
    v_earlier   bigint;
    v_wanted    bigint[];
    v_counts    int[];
    v_prices    int[];
    v_known     int;
    v_total     bigint;
    v_batches   bigint[];
    v_takes     int[];
    v_enough    boolean;
    v_id        bigint;
BEGIN
    -- One statement locks the account and reads what the checks need, an earlier redemption with this key included.
    SELECT a.available, h.village_id, h.card_version, h.status, v.town_id,
           coalesce(s.redemption_days_only, false)
             AND NOT EXISTS (SELECT 1 FROM redemption_day d WHERE d.village_id = h.village_id AND d.day = p_today),
           (SELECT e.id FROM redemption e WHERE e.idempotency_key = p_key)
      INTO v_available, v_village, v_version, v_status, v_town, v_closed, v_earlier
      FROM account a
      JOIN household h ON h.id = a.household_id
      JOIN village v ON v.id = h.village_id
      LEFT JOIN shop_setting s ON s.village_id = h.village_id
     WHERE a.household_id = p_household
       FOR UPDATE OF a;
    IF NOT FOUND THEN  -- no such household, or one that never had a posting and has no account row yet
        SELECT h.village_id, v.town_id INTO v_village, v_town FROM household h JOIN village v ON v.id = h.village_id
         WHERE h.id = p_household;
        IF NOT FOUND THEN
            RETURN ROW ('card.invalid', NULL, p_household, NULL, NULL)::shop_redeem_result;
        END IF;
        IF p_scope_town IS DISTINCT FROM v_town AND p_scope_village IS DISTINCT FROM v_village THEN
            RETURN ROW ('auth.forbidden', NULL, p_household, NULL, NULL)::shop_redeem_result;
        END IF;
        INSERT INTO account (household_id, village_id) VALUES (p_household, v_village) ON CONFLICT (household_id) DO NOTHING;
        RETURN shop_redeem(p_household, p_card_version, p_key, p_goods, p_qty, p_today, p_month, p_actor,
                           p_scope_town, p_scope_village);
    END IF;
    IF p_scope_town IS DISTINCT FROM v_town AND p_scope_village IS DISTINCT FROM v_village THEN
        RETURN ROW ('auth.forbidden', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;
    IF v_version <> p_card_version OR v_status <> 'ACTIVE' THEN
        RETURN ROW ('card.revoked', NULL, p_household, NULL, NULL)::shop_redeem_result;
    END IF;
    IF v_earlier IS NOT NULL THEN
        RETURN shop_redeem_replay(p_key);
    END IF;
    IF v_closed THEN
        RETURN shop_redeem_refusal(p_key, 'shop.not-redemption-day', p_household, NULL, NULL);
    END IF;

    SELECT array_agg(w.g ORDER BY w.g), array_agg(w.q ORDER BY w.g), array_agg(g.points_price ORDER BY w.g),
           count(g.id), sum(g.points_price::bigint * w.q)
      INTO v_wanted, v_counts, v_prices, v_known, v_total
      FROM (SELECT u.g, sum(u.q)::int AS q FROM unnest(p_goods, p_qty) AS u(g, q) GROUP BY u.g) w
      LEFT JOIN goods g ON g.id = w.g AND g.village_id = v_village AND g.active;
    IF v_known < cardinality(v_wanted) THEN
        RETURN shop_redeem_refusal(p_key, 'shop.unknown-goods', p_household, NULL, NULL);
    END IF;
    IF v_total > v_available THEN
        RETURN shop_redeem_refusal(p_key, 'shop.insufficient-points', p_household, least(v_total, 2147483647)::int, v_available);
    END IF;
    SELECT array_agg(k.pick_batch), array_agg(k.pick_quantity),
           coalesce(sum(k.pick_quantity), 0) = (SELECT sum(q) FROM unnest(v_counts) q)
      INTO v_batches, v_takes, v_enough
      FROM shop_pick(v_wanted, v_counts, v_village, p_today) k;
    IF NOT v_enough THEN
        RETURN shop_redeem_refusal(p_key, 'shop.insufficient-stock', p_household, NULL, NULL);
    END IF;

    -- The writes in one statement; the constraints and the ledger trigger still check each row.
    WITH r AS (INSERT INTO redemption (village_id, household_id, idempotency_key, card_version, total_points, available_after, month, actor)
               VALUES (v_village, p_household, p_key, p_card_version, v_total, v_available - v_total, p_month, p_actor)
               RETURNING id),
         i AS (INSERT INTO redemption_item (redemption_id, goods_id, quantity, points_price)
               SELECT r.id, w.g, w.q, w.p FROM r, unnest(v_wanted, v_counts, v_prices) AS w(g, q, p)),
         k AS (INSERT INTO redemption_pick (redemption_id, batch_id, quantity)
               SELECT r.id, x.b, x.q FROM r, unnest(v_batches, v_takes) AS x(b, q)),
         b AS (UPDATE batch SET remaining = batch.remaining - v_takes[array_position(v_batches, batch.id)]
                WHERE batch.id = ANY (v_batches)),  -- the batch CHECK refuses a negative remainder
         p AS (INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, actor, seq, prev_hash, hash)
               SELECT p_household, v_village, 'REDEEM', -v_total, p_month, 'REDEMPTION', r.id, p_actor, 0, '', '' FROM r),
         l AS (INSERT INTO audit_log (town_id, village_id, actor, action, entity, entity_id, after)
               SELECT v_town, v_village, p_actor, 'redeem', 'redemption', r.id::text,
                      jsonb_build_object('householdId', p_household, 'totalPoints', v_total) FROM r)
    SELECT r.id INTO v_id FROM r;
    RETURN ROW ('created', v_id, p_household, v_total, v_available - v_total)::shop_redeem_result;
END $$;

-- Several redemptions in one transaction, each exactly as shop_redeem does it alone, in the order given (a later
-- one sees the earlier ones: the same key twice replays, the same household spends what is left). The accounts
-- and then the sellable batches are locked first, each in id order, so that two such calls never deadlock. Items
-- come flattened: p_counts[i] items of redemption i, in order. Any error rolls all of them back (the caller then
-- redeems them one by one).
CREATE OR REPLACE FUNCTION shop_redeem_batch(p_households bigint[], p_versions int[], p_keys text[], p_counts int[],
                                             p_goods bigint[], p_qty int[], p_today date, p_month text, p_actors text[],
                                             p_scope_towns bigint[], p_scope_villages bigint[])
    RETURNS SETOF shop_redeem_result LANGUAGE plpgsql AS $$
DECLARE
    o int := 0;
BEGIN
    PERFORM 1 FROM account a WHERE a.household_id = ANY (p_households) ORDER BY a.household_id FOR UPDATE;
    PERFORM 1 FROM batch b
      WHERE b.goods_id = ANY (p_goods) AND b.remaining > 0 AND (b.expires_on IS NULL OR b.expires_on >= p_today)
        AND b.village_id IN (SELECT h.village_id FROM household h WHERE h.id = ANY (p_households))
      ORDER BY b.id FOR UPDATE;
    FOR i IN 1 .. cardinality(p_households) LOOP
        RETURN NEXT shop_redeem(p_households[i], p_versions[i], p_keys[i], p_goods[o + 1 : o + p_counts[i]],
                                p_qty[o + 1 : o + p_counts[i]], p_today, p_month, p_actors[i], p_scope_towns[i],
                                p_scope_villages[i]);
        o := o + p_counts[i];
    END LOOP;
END $$;

-- Photos of a redemption day are evidence (图文佐证): a wrong photo stays and a better one is added beside it.
CREATE OR REPLACE TRIGGER redemption_day_photo_append_only BEFORE UPDATE OR DELETE ON redemption_day_photo
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('shop.evidence-immutable');
CREATE OR REPLACE TRIGGER redemption_day_photo_no_truncate BEFORE TRUNCATE ON redemption_day_photo
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('shop.evidence-immutable');
