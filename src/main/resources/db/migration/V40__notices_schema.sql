-- Quarterly public notices (季公示): the notice, its frozen rows, the evidence that the paper was posted,
-- the objections residents file and the answers they get, and the town's display settings. What a published
-- notice, its rows, its evidence and an answered objection refuse: R__notice.sql.

CREATE TABLE notice (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id      bigint      NOT NULL REFERENCES village (id),
    year            int         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    quarter         int         NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    status          text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
    statistics_date date,
    notice_from     date,
    notice_to       date,
    signatory       text        CHECK (length(signatory) <= 64),
    contact         text        CHECK (length(contact) <= 128),
    -- The quarter's three month seals ('yyyy-MM=<seal>' per line) and the SHA-256 over rows and seals.
    month_seals     text,
    content_hash    text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    published_by    text,
    published_at    timestamptz,
    stamped_by      text,
    stamped_on      date,
    stamped_at      timestamptz,
    CONSTRAINT notice_published_complete CHECK (status = 'DRAFT' OR (
        statistics_date IS NOT NULL AND notice_from IS NOT NULL AND notice_to IS NOT NULL
        AND coalesce(signatory, '') <> '' AND coalesce(contact, '') <> ''
        AND content_hash IS NOT NULL AND month_seals IS NOT NULL AND published_at IS NOT NULL)),
    CONSTRAINT notice_stamp_after_publish CHECK (stamped_at IS NULL OR status = 'PUBLISHED')
);
-- At most one draft and one published notice per village and quarter.
CREATE UNIQUE INDEX notice_one_draft ON notice (village_id, year, quarter) WHERE status = 'DRAFT';
CREATE UNIQUE INDEX notice_one_published ON notice (village_id, year, quarter) WHERE status = 'PUBLISHED';
CREATE INDEX notice_village ON notice (village_id, year DESC, quarter DESC);

-- One line of the notice, in display order. Frozen with the notice when it is published.
CREATE TABLE notice_row (
    notice_id        bigint NOT NULL REFERENCES notice (id) ON DELETE CASCADE,
    position         int    NOT NULL,
    rank             int    NOT NULL,
    household_id     bigint NOT NULL REFERENCES household (id),
    number           text   NOT NULL,
    head_name        text   NOT NULL,
    quarter_points   int    NOT NULL,
    bonus_points     int    NOT NULL,
    year_points      int    NOT NULL,
    available_points int    NOT NULL,
    PRIMARY KEY (notice_id, position)
);

-- Photos of the posted paper notice (公示照片), kept with their SHA-256.
CREATE TABLE notice_evidence (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id    bigint      NOT NULL REFERENCES notice (id),
    content_type text        NOT NULL,
    bytes        bytea       NOT NULL,
    size         int         NOT NULL,
    sha256       text        NOT NULL,
    note         text        CHECK (length(note) <= 200),
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notice_evidence_notice ON notice_evidence (notice_id);

-- Objections (异议) filed by anyone during the notice period, and the recorded answer.
CREATE TABLE objection (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id        bigint      NOT NULL REFERENCES notice (id),
    text             text        NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    contact          text        NOT NULL CHECK (length(contact) BETWEEN 1 AND 128),
    household_number text        CHECK (length(household_number) <= 32),
    filed_at         timestamptz NOT NULL DEFAULT now(),
    answer           text        CHECK (length(answer) <= 2000),
    upheld           boolean,
    answered_by      text,
    answered_at      timestamptz,
    posting_id       bigint      REFERENCES posting (id),
    CONSTRAINT objection_answer_complete CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (upheld IS NULL))
);
CREATE INDEX objection_notice ON objection (notice_id, id);

-- Town-wide display settings of the public notice pages (default from jifen.notice.mask-names).
CREATE TABLE notice_setting (
    town_id    bigint  PRIMARY KEY REFERENCES town (id),
    mask_names boolean NOT NULL,
    updated_by text    NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
