-- The points ledger: append-only postings in one hash chain per household, the accounts and earned
-- figures they maintain (kept by the database itself, in the same transaction as the posting), and
-- the closed months that no posting may enter any more.

CREATE TABLE month_close (
    village_id  bigint      NOT NULL REFERENCES village (id),
    month       text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    closed_at   timestamptz NOT NULL DEFAULT now(),
    closed_by   text        NOT NULL,
    seal        text        NOT NULL,
    PRIMARY KEY (village_id, month)
);
CREATE TRIGGER month_close_append_only BEFORE UPDATE OR DELETE ON month_close
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('points.month-closed');

-- One row per household: what it can still spend, and the head of its hash chain.
CREATE TABLE account (
    household_id bigint      PRIMARY KEY REFERENCES household (id),
    village_id   bigint      NOT NULL REFERENCES village (id),
    available    int         NOT NULL DEFAULT 0,
    seq          bigint      NOT NULL DEFAULT 0,
    head_hash    text        NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_village ON account (village_id);

CREATE TABLE posting (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id bigint      NOT NULL REFERENCES household (id),
    village_id   bigint      NOT NULL REFERENCES village (id),
    seq          bigint      NOT NULL,
    type         text        NOT NULL CHECK (type IN ('EARN', 'BONUS', 'ADJUST', 'REDEEM', 'REFUND')),
    points       int         NOT NULL,
    month        text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    cause_type   text,
    cause_id     bigint,
    reversal_of  bigint      REFERENCES posting (id),
    reason       text,
    actor        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL,
    CONSTRAINT posting_seq_unique UNIQUE (household_id, seq),
    CONSTRAINT posting_reversed_once UNIQUE (reversal_of),
    CONSTRAINT posting_sign CHECK (
        (type = 'REDEEM' AND points < 0) OR (type = 'REFUND' AND points > 0) OR (type IN ('EARN', 'BONUS', 'ADJUST')))
);
CREATE INDEX posting_village_month ON posting (village_id, month);
CREATE INDEX posting_household_month ON posting (household_id, month);
CREATE INDEX posting_cause ON posting (cause_type, cause_id);

-- Earned points (EARN + BONUS + ADJUST, redemptions not subtracted) per household and period,
-- period being '2026', '2026-Q1' or '2026-03'. Rankings read this table.
CREATE TABLE earned_points (
    household_id bigint NOT NULL REFERENCES household (id),
    village_id   bigint NOT NULL REFERENCES village (id),
    period       text   NOT NULL,
    points       int    NOT NULL DEFAULT 0,
    PRIMARY KEY (household_id, period)
);
CREATE INDEX earned_points_rank ON earned_points (village_id, period, points DESC);

-- The text a posting's hash covers. Changing any of these fields, or the order of the chain, changes it.
CREATE FUNCTION posting_hash(p posting) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
        p.prev_hash, p.household_id, p.village_id, p.seq, p.type, p.points, p.month,
        coalesce(p.cause_type, ''), coalesce(p.cause_id::text, ''), coalesce(p.reversal_of::text, ''),
        coalesce(p.reason, ''), p.actor,
        floor(extract(epoch FROM p.created_at) * 1000000)::bigint), 'UTF8')), 'hex')
$$;

CREATE FUNCTION posting_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    acc account%ROWTYPE;
    q   text;
BEGIN
    IF EXISTS (SELECT 1 FROM month_close WHERE village_id = NEW.village_id AND month = NEW.month) THEN
        RAISE EXCEPTION 'jifen:points.month-closed';
    END IF;
    INSERT INTO account (household_id, village_id) VALUES (NEW.household_id, NEW.village_id)
        ON CONFLICT (household_id) DO NOTHING;
    SELECT * INTO acc FROM account WHERE household_id = NEW.household_id FOR UPDATE;
    IF NEW.type = 'REDEEM' AND acc.available + NEW.points < 0 THEN
        RAISE EXCEPTION 'jifen:shop.insufficient-points';
    END IF;
    NEW.created_at := coalesce(NEW.created_at, now());
    NEW.seq := acc.seq + 1;
    NEW.prev_hash := acc.head_hash;
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

CREATE TRIGGER posting_chain BEFORE INSERT ON posting
    FOR EACH ROW EXECUTE FUNCTION posting_before_insert();
CREATE TRIGGER posting_append_only BEFORE UPDATE OR DELETE ON posting
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('ledger.immutable');
CREATE TRIGGER posting_no_truncate BEFORE TRUNCATE ON posting
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('ledger.immutable');
