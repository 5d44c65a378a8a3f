-- Objections are public (anyone may object during the notice period). To slow down a script filling a notice
-- with objections, each objection keeps the SHA-256 of the address it came from (not the address itself), and
-- an address may file only a few objections to one notice per hour (jifen.notice.max-objections-per-hour).
ALTER TABLE objection ADD COLUMN sender_hash text CHECK (sender_hash ~ '^[0-9a-f]{64}$');
CREATE INDEX objection_sender ON objection (notice_id, sender_hash, filed_at) WHERE sender_hash IS NOT NULL;
