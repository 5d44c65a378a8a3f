-- Cards and the village shop: the card signing key, goods, stock batches (with expiry), purchases,
-- redemptions with their items and batch picks, write-offs, transfers, shop settings and redemption days.
-- Points and stock can never go negative, whatever the Java code does: CHECK constraints below and the
-- ledger trigger (R__ledger.sql: REDEEM below zero → jifen:shop.insufficient-points). The card key's guard and the
-- shop's functions: R__shop.sql.

-- The HMAC key of household cards when jifen.card.key is not configured: generated once, here, by the
-- database (32 bytes from two random UUIDs), so every instance of the app signs with the same key.
CREATE TABLE card_key (
    id          int         PRIMARY KEY CHECK (id = 1),
    key         bytea       NOT NULL CHECK (length(key) >= 16),
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO card_key (id, key)
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- Per village: redeem every day (default) or only on its redemption days; warning thresholds.
CREATE TABLE shop_setting (
    village_id           bigint  PRIMARY KEY REFERENCES village (id),
    redemption_days_only boolean NOT NULL DEFAULT false,
    low_stock_threshold  int     NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
    expiry_warning_days  int     NOT NULL DEFAULT 14 CHECK (expiry_warning_days BETWEEN 0 AND 365)
);

-- A redemption day (季兑换日) of a village; opened as an event it collects photos and a summary.
CREATE TABLE redemption_day (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id  bigint      NOT NULL REFERENCES village (id),
    day         date        NOT NULL,
    title       text        CHECK (length(title) <= 100),
    note        text        CHECK (length(note) <= 2000),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT redemption_day_unique UNIQUE (village_id, day)
);

CREATE TABLE redemption_day_photo (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    redemption_day_id bigint      NOT NULL REFERENCES redemption_day (id),
    content_type      text        NOT NULL,
    data              bytea       NOT NULL,
    caption           text        CHECK (length(caption) <= 200),
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX redemption_day_photo_day ON redemption_day_photo (redemption_day_id);

CREATE TABLE goods (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id    bigint      NOT NULL REFERENCES village (id),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    category      text        CHECK (length(category) <= 32),
    unit          text        NOT NULL CHECK (length(unit) BETWEEN 1 AND 16),
    points_price  int         NOT NULL CHECK (points_price > 0),
    active        boolean     NOT NULL DEFAULT true,
    photo_type    text,
    photo         bytea,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goods_village ON goods (village_id, name);

CREATE TABLE purchase (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id    bigint      NOT NULL REFERENCES village (id),
    supplier      text        CHECK (length(supplier) <= 100),
    purchased_on  date        NOT NULL,
    total_cents   bigint      NOT NULL CHECK (total_cents >= 0),
    actor         text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX purchase_village ON purchase (village_id, purchased_on);

-- Transfers of stock between two villages of the same town.
CREATE TABLE stock_transfer (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_village_id bigint      NOT NULL REFERENCES village (id),
    to_village_id   bigint      NOT NULL REFERENCES village (id),
    from_goods_id   bigint      NOT NULL REFERENCES goods (id),
    to_goods_id     bigint      NOT NULL REFERENCES goods (id),
    quantity        int         NOT NULL CHECK (quantity > 0),
    actor           text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (from_village_id <> to_village_id)
);

-- A stock batch: what one purchase (or transfer) brought of one goods. Stock = sum of remaining.
CREATE TABLE batch (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    goods_id        bigint      NOT NULL REFERENCES goods (id),
    village_id      bigint      NOT NULL REFERENCES village (id),
    purchase_id     bigint      REFERENCES purchase (id),
    transfer_id     bigint      REFERENCES stock_transfer (id),
    quantity        int         NOT NULL CHECK (quantity > 0),
    remaining       int         NOT NULL,
    unit_cost_cents int         NOT NULL DEFAULT 0 CHECK (unit_cost_cents >= 0),
    expires_on      date,
    received_on     date        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT batch_stock_never_negative CHECK (remaining >= 0),
    CONSTRAINT batch_stock_within_quantity CHECK (remaining <= quantity)
);
CREATE INDEX batch_goods_pick ON batch (goods_id, expires_on NULLS LAST, id) WHERE remaining > 0;
CREATE INDEX batch_village_expiry ON batch (village_id, expires_on) WHERE remaining > 0;

-- Stock taken out of a batch without a redemption: expired, damaged, transferred away. Never silent.
CREATE TABLE write_off (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id    bigint      NOT NULL REFERENCES batch (id),
    village_id  bigint      NOT NULL REFERENCES village (id),
    quantity    int         NOT NULL CHECK (quantity > 0),
    reason      text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    actor       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE redemption (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id       bigint      NOT NULL REFERENCES village (id),
    household_id     bigint      NOT NULL REFERENCES household (id),
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 100),
    card_version     int         NOT NULL,
    total_points     int         NOT NULL CHECK (total_points > 0),
    available_after  int         NOT NULL CHECK (available_after >= 0),
    month            text        NOT NULL,
    actor            text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    reversed_at      timestamptz,
    reversed_by      text,
    reverse_reason   text,
    CONSTRAINT redemption_idempotency_key_unique UNIQUE (idempotency_key)
);
CREATE INDEX redemption_village_at ON redemption (village_id, created_at);
CREATE INDEX redemption_household ON redemption (household_id);

CREATE TABLE redemption_item (
    redemption_id bigint NOT NULL REFERENCES redemption (id),
    goods_id      bigint NOT NULL REFERENCES goods (id),
    quantity      int    NOT NULL CHECK (quantity > 0),
    points_price  int    NOT NULL CHECK (points_price > 0),
    PRIMARY KEY (redemption_id, goods_id)
);

-- Which batches a redemption took its goods from (FIFO by expiry), so a reversal puts them back.
CREATE TABLE redemption_pick (
    redemption_id bigint NOT NULL REFERENCES redemption (id),
    batch_id      bigint NOT NULL REFERENCES batch (id),
    quantity      int    NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (redemption_id, batch_id)
);
