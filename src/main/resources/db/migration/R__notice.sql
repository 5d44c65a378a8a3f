-- Quarterly notices: a published notice, its rows, the photos of the posted paper and an answered objection never
-- change (how R__ files work: R__common.sql).

-- A published notice never changes: only the stamp may be recorded on it, once.
CREATE OR REPLACE FUNCTION notice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE TRIGGER notice_frozen BEFORE UPDATE OR DELETE ON notice
    FOR EACH ROW EXECUTE FUNCTION notice_guard();

CREATE OR REPLACE FUNCTION notice_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM notice
                WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.notice_id ELSE NEW.notice_id END
                  AND status = 'PUBLISHED') THEN
        RAISE EXCEPTION 'jifen:notice.immutable';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE OR REPLACE TRIGGER notice_row_frozen BEFORE INSERT OR UPDATE OR DELETE ON notice_row
    FOR EACH ROW EXECUTE FUNCTION notice_row_guard();

-- Photos of the posted paper notice are evidence: kept as taken.
CREATE OR REPLACE TRIGGER notice_evidence_append_only BEFORE UPDATE OR DELETE ON notice_evidence
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('notice.immutable');

-- An answer is recorded once and never rewritten.
CREATE OR REPLACE FUNCTION objection_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.answered_at IS NOT NULL
       OR (NEW.notice_id, NEW.text, NEW.contact, NEW.household_number, NEW.filed_at)
          IS DISTINCT FROM (OLD.notice_id, OLD.text, OLD.contact, OLD.household_number, OLD.filed_at) THEN
        RAISE EXCEPTION 'jifen:notice.objection-answered';
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER objection_answer_once BEFORE UPDATE OR DELETE ON objection
    FOR EACH ROW EXECUTE FUNCTION objection_guard();
