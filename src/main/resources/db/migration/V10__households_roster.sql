-- Households: search by tag, refusal to delete a household that has postings, and uploaded roster
-- files kept between the dry run and the confirmed import of the import page.

CREATE INDEX household_tags ON household USING gin (tags);
CREATE INDEX household_village_group ON household (village_id, group_name);

-- A household with postings is part of the ledger: it can move out or be archived, never deleted.
CREATE FUNCTION household_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM posting WHERE household_id = OLD.id) THEN
        RAISE EXCEPTION 'jifen:household.has-postings';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER household_keep_with_postings BEFORE DELETE ON household
    FOR EACH ROW EXECUTE FUNCTION household_before_delete();

-- A roster file uploaded on the import page: the dry run stores it, the confirm button imports it.
CREATE TABLE household_upload (
    id           uuid        PRIMARY KEY,
    village_id   bigint      NOT NULL REFERENCES village (id),
    staff_id     bigint      NOT NULL REFERENCES staff (id),
    file_name    text,
    content_type text        NOT NULL,
    content      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_upload_created ON household_upload (created_at);
