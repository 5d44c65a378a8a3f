-- A villager's reported good deed becomes a PENDING entry once an officer picks its catalog item; the report
-- keeps a link to that entry (or the reason it was turned down).
ALTER TABLE deed_report
    ADD COLUMN entry_id    bigint REFERENCES entry (id),
    ADD COLUMN decided_by  text,
    ADD COLUMN decided_at  timestamptz,
    ADD COLUMN answer      text CHECK (length(answer) <= 500),
    ADD CONSTRAINT deed_report_accepted_has_entry CHECK ((status = 'ACCEPTED') = (entry_id IS NOT NULL));
