-- The town's oversight (督查): spot checks drawn with a stored seed, their per-household results, the photos taken in
-- the field, and the 整改 items (rectifications) a mismatch opens. A spot check keeps the population it drew from
-- (the village's active household ids, ascending) next to the seed, so anyone can redraw the sample (README: 督查抽查,
-- oversight/SampleDraw.java) and see that it was not picked by hand. Results are append-only: a household's latest
-- result counts; an earlier one stays as recorded.

CREATE TABLE spot_check (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id   bigint      NOT NULL REFERENCES village (id),
    period_from  date        NOT NULL,
    period_to    date        NOT NULL,
    size         int         NOT NULL CHECK (size BETWEEN 1 AND 1000),
    seed         bigint      NOT NULL,
    population   bigint[]    NOT NULL,
    sample       bigint[]    NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT spot_check_period CHECK (period_from <= period_to)
);
CREATE INDEX spot_check_village ON spot_check (village_id, created_at DESC);

-- A 整改 item of a village: opened by a mismatching spot-check result or a failed shop-inspection point; the
-- secretary answers with the correction made (naming the postings of reversals / adjustments, if any), the inspector
-- closes it. OPEN -> ANSWERED -> CLOSED; the inspector may send an answer back (ANSWERED -> OPEN).
CREATE TABLE rectification (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id      bigint      NOT NULL REFERENCES village (id),
    source          text        NOT NULL CHECK (source IN ('SPOT_CHECK', 'SHOP_INSPECTION')),
    source_id       bigint      NOT NULL,
    household_id    bigint      REFERENCES household (id),
    detail          text        NOT NULL CHECK (length(detail) BETWEEN 1 AND 2000),
    status          text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ANSWERED', 'CLOSED')),
    opened_by       text        NOT NULL,
    opened_at       timestamptz NOT NULL DEFAULT now(),
    answer          text        CHECK (length(answer) <= 2000),
    answer_postings bigint[]    NOT NULL DEFAULT '{}',
    answered_by     text,
    answered_at     timestamptz,
    closed_by       text,
    closed_at       timestamptz,
    close_note      text        CHECK (length(close_note) <= 2000),
    CONSTRAINT rectification_answered CHECK (status = 'OPEN' OR (answer IS NOT NULL AND answered_at IS NOT NULL)),
    CONSTRAINT rectification_closed CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE INDEX rectification_village ON rectification (village_id, status);

CREATE TABLE spot_check_result (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    spot_check_id    bigint      NOT NULL REFERENCES spot_check (id),
    household_id     bigint      NOT NULL REFERENCES household (id),
    matches          boolean     NOT NULL,
    note             text        CHECK (length(note) <= 2000),
    rectification_id bigint      REFERENCES rectification (id),
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spot_check_result_check ON spot_check_result (spot_check_id, household_id, id);

-- Photos taken by the town in a village: of a spot-check result or of a shop-inspection point. Kept with their SHA-256.
CREATE TABLE oversight_photo (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id    bigint      NOT NULL REFERENCES village (id),
    subject       text        NOT NULL CHECK (subject IN ('spot-check-result', 'shop-inspection-point')),
    subject_id    bigint      NOT NULL,
    content_type  text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    data          bytea       NOT NULL,
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oversight_photo_subject ON oversight_photo (subject, subject_id);
