-- The points ledger: append-only postings in one hash chain per household, the accounts and earned
-- figures they maintain (kept by the database itself, in the same transaction as the posting), and
-- the closed months that no posting may enter any more. The functions and triggers: R__ledger.sql.

CREATE TABLE month_close (
    village_id  bigint      NOT NULL REFERENCES village (id),
    month       text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    closed_at   timestamptz NOT NULL DEFAULT now(),
    closed_by   text        NOT NULL,
    seal        text        NOT NULL,
    PRIMARY KEY (village_id, month)
);

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
