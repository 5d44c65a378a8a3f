-- The ledger's rules, kept by the database itself in the same transaction as each posting: the hash chain per
-- household, the account and earned figures a posting maintains, the refusal of closed months and of spending below
-- zero, and append-only postings and month seals (how R__ files work: R__common.sql).

-- The text a posting's hash covers. Changing any of these fields, or the order of the chain, changes it. Every chain
-- already written verifies only against exactly this text and digest. PL/pgSQL rather than LANGUAGE sql: planned once
-- per connection, not again for every posting.
CREATE OR REPLACE FUNCTION posting_hash(p posting) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN encode(sha256(convert_to(concat_ws('|',
        p.prev_hash, p.household_id, p.village_id, p.seq, p.type, p.points, p.month,
        coalesce(p.cause_type, ''), coalesce(p.cause_id::text, ''), coalesce(p.reversal_of::text, ''),
        coalesce(p.reason, ''), p.actor,
        floor(extract(epoch FROM p.created_at) * 1000000)::bigint), 'UTF8')), 'hex');
END $$;

-- The chain trigger: the account row is locked and read together with the closed-month check; the account is
-- created only when it is missing.
CREATE OR REPLACE FUNCTION posting_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_seq    bigint;
    v_head   text;
    v_avail  int;
    v_closed boolean;
    q        text;
BEGIN
    SELECT a.seq, a.head_hash, a.available,
           EXISTS (SELECT 1 FROM month_close c WHERE c.village_id = NEW.village_id AND c.month = NEW.month)
      INTO v_seq, v_head, v_avail, v_closed
      FROM account a WHERE a.household_id = NEW.household_id FOR UPDATE OF a;
    IF NOT FOUND THEN
        INSERT INTO account (household_id, village_id) VALUES (NEW.household_id, NEW.village_id)
            ON CONFLICT (household_id) DO NOTHING;
        SELECT a.seq, a.head_hash, a.available,
               EXISTS (SELECT 1 FROM month_close c WHERE c.village_id = NEW.village_id AND c.month = NEW.month)
          INTO v_seq, v_head, v_avail, v_closed
          FROM account a WHERE a.household_id = NEW.household_id FOR UPDATE OF a;
    END IF;
    IF v_closed THEN
        RAISE EXCEPTION 'jifen:points.month-closed';
    END IF;
    IF NEW.type = 'REDEEM' AND v_avail + NEW.points < 0 THEN
        RAISE EXCEPTION 'jifen:shop.insufficient-points';
    END IF;
    NEW.created_at := coalesce(NEW.created_at, now());
    NEW.seq := v_seq + 1;
    NEW.prev_hash := v_head;
    NEW.hash := posting_hash(NEW);
    UPDATE account SET available = available + NEW.points, seq = NEW.seq, head_hash = NEW.hash, updated_at = now()
        WHERE household_id = NEW.household_id;
    IF NEW.type IN ('EARN', 'BONUS', 'ADJUST') THEN
        q := left(NEW.month, 4) || '-Q' || ((substr(NEW.month, 6, 2)::int + 2) / 3);
        INSERT INTO earned_points AS e (household_id, village_id, period, points)
            VALUES (NEW.household_id, NEW.village_id, NEW.month, NEW.points),
                   (NEW.household_id, NEW.village_id, q, NEW.points),
                   (NEW.household_id, NEW.village_id, left(NEW.month, 4), NEW.points)
            ON CONFLICT (household_id, period) DO UPDATE SET points = e.points + EXCLUDED.points;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER posting_chain BEFORE INSERT ON posting
    FOR EACH ROW EXECUTE FUNCTION posting_before_insert();
CREATE OR REPLACE TRIGGER posting_append_only BEFORE UPDATE OR DELETE ON posting
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('ledger.immutable');
CREATE OR REPLACE TRIGGER posting_no_truncate BEFORE TRUNCATE ON posting
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('ledger.immutable');

-- A closed month and its sealed chain heads stay as they were recorded.
CREATE OR REPLACE TRIGGER month_close_append_only BEFORE UPDATE OR DELETE ON month_close
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('points.month-closed');
CREATE OR REPLACE TRIGGER month_seal_head_append_only BEFORE UPDATE OR DELETE ON month_seal_head
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('ledger.immutable');
