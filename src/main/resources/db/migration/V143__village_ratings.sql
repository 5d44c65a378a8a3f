-- Published village ratings (文明信用村): when the town office publishes a year, the year's weights and thresholds and
-- each village's measures (done / of, both 0 when the measure was missing) and score are stored here, so a later change
-- of the records or of the town's settings never rewrites a published year. Until then the year is computed live
-- (org.jifen.villagerating). Both tables are append-only (R__villagerating.sql); a year is published once.
CREATE TABLE village_rating_year (
    town_id             bigint      NOT NULL REFERENCES town (id),
    year                int         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    w_participation     int         NOT NULL,
    w_ledger            int         NOT NULL,
    w_spot_checks       int         NOT NULL,
    w_objections        int         NOT NULL,
    w_shop_inspections  int         NOT NULL,
    grade_excellent     int         NOT NULL,
    grade_good          int         NOT NULL,
    objection_days      int         NOT NULL,
    published_by        text        NOT NULL,
    published_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (town_id, year)
);

CREATE TABLE village_rating (
    town_id                bigint       NOT NULL,
    year                   int          NOT NULL,
    village_id             bigint       NOT NULL REFERENCES village (id),
    participation_done     int          NOT NULL,
    participation_of       int          NOT NULL,
    ledger_done            int          NOT NULL,
    ledger_of              int          NOT NULL,
    spot_checks_done       int          NOT NULL,
    spot_checks_of         int          NOT NULL,
    objections_done        int          NOT NULL,
    objections_of          int          NOT NULL,
    shop_inspections_done  int          NOT NULL,
    shop_inspections_of    int          NOT NULL,
    score                  numeric(4, 1) CHECK (score BETWEEN 0 AND 100),
    grade                  text         NOT NULL CHECK (grade IN ('EXCELLENT', 'GOOD', 'IMPROVE', 'NONE')),
    PRIMARY KEY (town_id, year, village_id),
    FOREIGN KEY (town_id, year) REFERENCES village_rating_year (town_id, year)
);
