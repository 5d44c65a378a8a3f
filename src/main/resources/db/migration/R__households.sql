-- Households: their database rules (how R__ files work: R__common.sql).

-- A household with postings is part of the ledger: it can move out or be archived, never deleted.
CREATE OR REPLACE FUNCTION household_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM posting WHERE household_id = OLD.id) THEN
        RAISE EXCEPTION 'jifen:household.has-postings';
    END IF;
    RETURN OLD;
END $$;
CREATE OR REPLACE TRIGGER household_keep_with_postings BEFORE DELETE ON household
    FOR EACH ROW EXECUTE FUNCTION household_before_delete();
