-- Points: the town's settings, the catalog of points rules with village overrides, village settings,
-- registered entries with their reviews and photos. The database guards that keep closed months locked and
-- registered entries as registered: R__points.sql.

-- The town's bonus scheme (points by rank, 1st first) and star thresholds (3, 4, 5 stars).
CREATE TABLE points_town_settings (
    town_id          bigint      PRIMARY KEY REFERENCES town (id),
    bonus_scheme     int[]       NOT NULL DEFAULT '{10,9,8,7,6,5,4,3,2,1}',
    star_thresholds  int[]       NOT NULL DEFAULT '{200,250,300}',
    updated_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       text        NOT NULL DEFAULT 'system',
    CONSTRAINT points_town_settings_stars CHECK (cardinality(star_thresholds) = 3
        AND star_thresholds[1] > 0 AND star_thresholds[1] <= star_thresholds[2] AND star_thresholds[2] <= star_thresholds[3]),
    CONSTRAINT points_town_settings_bonus CHECK (cardinality(bonus_scheme) BETWEEN 0 AND 50)
);

-- A village's own rhythm: the day of the month for registration, and whether entries need two approvals.
CREATE TABLE points_village_settings (
    village_id        bigint      PRIMARY KEY REFERENCES village (id),
    registration_day  int         CHECK (registration_day BETWEEN 1 AND 28),
    two_approvals     boolean     NOT NULL DEFAULT false,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        text        NOT NULL
);

-- A points rule (积分细则). village_id null: town-wide; set: the village's own item.
CREATE TABLE catalog_item (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id         bigint      NOT NULL REFERENCES town (id),
    village_id      bigint      REFERENCES village (id),
    code            text        NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,32}$'),
    category        text        NOT NULL CHECK (length(category) BETWEEN 1 AND 32),
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    points          int         NOT NULL CHECK (points <> 0 AND points BETWEEN -1000 AND 1000),
    unit            text        NOT NULL CHECK (length(unit) BETWEEN 1 AND 16),
    monthly_cap     int         CHECK (monthly_cap > 0),
    photo_required  boolean     NOT NULL DEFAULT false,
    valid_from      date,
    valid_to        date,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT catalog_item_validity CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE UNIQUE INDEX catalog_item_code ON catalog_item (town_id, coalesce(village_id, 0), code);

-- A village's change to a town-wide item: switched off, or other points.
CREATE TABLE catalog_override (
    village_id  bigint      NOT NULL REFERENCES village (id),
    item_id     bigint      NOT NULL REFERENCES catalog_item (id),
    enabled     boolean     NOT NULL DEFAULT true,
    points      int         CHECK (points <> 0 AND points BETWEEN -1000 AND 1000),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL,
    PRIMARY KEY (village_id, item_id)
);

-- A registered deed (or deduction). points = item points x quantity at registration time, never recomputed.
CREATE TABLE entry (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id        bigint      NOT NULL REFERENCES village (id),
    household_id      bigint      NOT NULL REFERENCES household (id),
    item_id           bigint      NOT NULL REFERENCES catalog_item (id),
    item_code         text        NOT NULL,
    item_title        text        NOT NULL,
    unit_points       int         NOT NULL,
    quantity          int         NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    points            int         NOT NULL,
    occurred_on       date        NOT NULL,
    month             text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    note              text        CHECK (length(note) <= 500),
    photo_required    boolean     NOT NULL DEFAULT false,
    status            text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    approvals_needed  int         NOT NULL DEFAULT 1 CHECK (approvals_needed IN (1, 2)),
    approvals         int         NOT NULL DEFAULT 0,
    recorded_by       text        NOT NULL,
    recorded_by_id    bigint      NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    decided_at        timestamptz,
    CONSTRAINT entry_points CHECK (points = unit_points * quantity),
    CONSTRAINT entry_month CHECK (month = to_char(occurred_on, 'YYYY-MM'))
);
CREATE INDEX entry_village_month_status ON entry (village_id, month, status);
CREATE INDEX entry_household_item_month ON entry (household_id, item_id, month);

CREATE TABLE entry_review (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id     bigint      NOT NULL REFERENCES entry (id),
    reviewer     text        NOT NULL,
    reviewer_id  bigint      NOT NULL,
    decision     text        NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    note         text        CHECK (length(note) <= 500),
    at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT entry_review_once UNIQUE (entry_id, reviewer_id)
);

CREATE TABLE entry_photo (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id      bigint      NOT NULL REFERENCES entry (id),
    content_type  text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    size          int         NOT NULL,
    sha256        text        NOT NULL,
    data          bytea       NOT NULL,
    uploaded_by   text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entry_photo_entry ON entry_photo (entry_id);

-- ---- the ledger: at most one EARN per entry and one BONUS per household and month ----------------------
CREATE UNIQUE INDEX posting_earn_once ON posting (cause_id) WHERE cause_type = 'entry' AND type = 'EARN';
CREATE UNIQUE INDEX posting_bonus_once ON posting (household_id, month) WHERE type = 'BONUS' AND reversal_of IS NULL;

-- ---- month seals ---------------------------------------------------------------------------------------
-- A month close records every household's chain head (seq, hash) at that moment; the seal is one SHA-256
-- over the village, the month, the previous seal of the village and these heads (see README "## Points").
ALTER TABLE month_close ADD COLUMN prev_seal text NOT NULL DEFAULT '';
ALTER TABLE month_close ADD COLUMN households int NOT NULL DEFAULT 0;

CREATE TABLE month_seal_head (
    village_id    bigint NOT NULL,
    month         text   NOT NULL,
    household_id  bigint NOT NULL REFERENCES household (id),
    seq           bigint NOT NULL,
    head_hash     text   NOT NULL,
    PRIMARY KEY (village_id, month, household_id),
    FOREIGN KEY (village_id, month) REFERENCES month_close (village_id, month) DEFERRABLE INITIALLY DEFERRED
);
