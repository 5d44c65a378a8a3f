-- A town's own settings (thresholds of anomaly flags, weights of village ratings, how often surveys are due, ...):
-- one row per setting a town changed; a setting never changed has the default its feature declares in code
-- (org.jifen.town.TownSetting). Every change is also an audit row.
CREATE TABLE town_setting (
    town_id    bigint      NOT NULL REFERENCES town (id),
    name       text        NOT NULL CHECK (name ~ '^[a-z][a-z0-9.-]{0,79}$'),
    value      numeric     NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (town_id, name)
);
