-- Households: search by tag, and uploaded roster files kept between the dry run and the confirmed import of the
-- import page. (The refusal to delete a household that has postings: R__households.sql.)

CREATE INDEX household_tags ON household USING gin (tags);
CREATE INDEX household_village_group ON household (village_id, group_name);

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
