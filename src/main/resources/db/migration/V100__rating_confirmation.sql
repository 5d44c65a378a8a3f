-- Year-end star rating (年终星级评定). After December closes the village secretary confirms the village's list: one
-- rating_confirmation (who, when, the town's thresholds then, a SHA-256 over the list) and one rating_confirmed row
-- per household. Confirming again adds a new confirmation; the latest per village and year is the one in force, the
-- earlier ones stay as the record of what was signed. The town office's submission of the year's lists to 镇农办 is a
-- rating_report naming the confirmations it included. All three are append-only (triggers in R__rating.sql).

CREATE TABLE rating_confirmation (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id        bigint      NOT NULL REFERENCES village (id),
    year              int         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    thresholds        int[]       NOT NULL CHECK (cardinality(thresholds) = 3),
    confirmed_by      text        NOT NULL,
    confirmed_by_name text        NOT NULL,
    confirmed_at      timestamptz NOT NULL DEFAULT now(),
    households        int         NOT NULL,
    digest            text        NOT NULL
);
CREATE INDEX rating_confirmation_latest ON rating_confirmation (village_id, year, id DESC);

CREATE TABLE rating_confirmed (
    confirmation_id bigint NOT NULL REFERENCES rating_confirmation (id),
    household_id    bigint NOT NULL REFERENCES household (id),
    year_points     int    NOT NULL,
    stars           int    NOT NULL CHECK (stars IN (0, 3, 4, 5)),
    PRIMARY KEY (confirmation_id, household_id)
);
CREATE INDEX rating_confirmed_household ON rating_confirmed (household_id);

CREATE TABLE rating_report (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id           bigint      NOT NULL REFERENCES town (id),
    year              int         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    confirmations     bigint[]    NOT NULL,
    missing_villages  bigint[]    NOT NULL,
    submitted_by      text        NOT NULL,
    submitted_by_name text        NOT NULL,
    submitted_at      timestamptz NOT NULL DEFAULT now(),
    note              text        CHECK (length(note) <= 500)
);
CREATE INDEX rating_report_latest ON rating_report (town_id, year, id DESC);
