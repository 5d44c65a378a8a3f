-- Quarterly public notices (季公示): the notice, its frozen rows, the evidence that the paper was posted,
-- the objections residents file and the answers they get, and the town's display settings.

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

-- A published notice never changes: only the stamp may be recorded on it, once.
CREATE FUNCTION notice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'PUBLISHED' THEN
            RAISE EXCEPTION 'jifen:notice.immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'PUBLISHED' AND (
        (NEW.status, NEW.village_id, NEW.year, NEW.quarter, NEW.statistics_date, NEW.notice_from, NEW.notice_to,
         NEW.signatory, NEW.contact, NEW.month_seals, NEW.content_hash, NEW.published_by, NEW.published_at,
         NEW.created_by, NEW.created_at)
        IS DISTINCT FROM
        (OLD.status, OLD.village_id, OLD.year, OLD.quarter, OLD.statistics_date, OLD.notice_from, OLD.notice_to,
         OLD.signatory, OLD.contact, OLD.month_seals, OLD.content_hash, OLD.published_by, OLD.published_at,
         OLD.created_by, OLD.created_at)
        OR (OLD.stamped_at IS NOT NULL AND (NEW.stamped_at, NEW.stamped_by, NEW.stamped_on)
                                           IS DISTINCT FROM (OLD.stamped_at, OLD.stamped_by, OLD.stamped_on))) THEN
        RAISE EXCEPTION 'jifen:notice.immutable';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER notice_frozen BEFORE UPDATE OR DELETE ON notice
    FOR EACH ROW EXECUTE FUNCTION notice_guard();

CREATE FUNCTION notice_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM notice
                WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.notice_id ELSE NEW.notice_id END
                  AND status = 'PUBLISHED') THEN
        RAISE EXCEPTION 'jifen:notice.immutable';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER notice_row_frozen BEFORE INSERT OR UPDATE OR DELETE ON notice_row
    FOR EACH ROW EXECUTE FUNCTION notice_row_guard();

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
CREATE TRIGGER notice_evidence_append_only BEFORE UPDATE OR DELETE ON notice_evidence
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('notice.immutable');

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

-- An answer is recorded once and never rewritten.
CREATE FUNCTION objection_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.answered_at IS NOT NULL
       OR (NEW.notice_id, NEW.text, NEW.contact, NEW.household_number, NEW.filed_at)
          IS DISTINCT FROM (OLD.notice_id, OLD.text, OLD.contact, OLD.household_number, OLD.filed_at) THEN
        RAISE EXCEPTION 'jifen:notice.objection-answered';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER objection_answer_once BEFORE UPDATE OR DELETE ON objection
    FOR EACH ROW EXECUTE FUNCTION objection_guard();

-- Town-wide display settings of the public notice pages (default from jifen.notice.mask-names).
CREATE TABLE notice_setting (
    town_id    bigint  PRIMARY KEY REFERENCES town (id),
    mask_names boolean NOT NULL,
    updated_by text    NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
