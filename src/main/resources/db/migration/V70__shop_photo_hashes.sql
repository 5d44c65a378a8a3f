-- Photos of the shop pages are checked like every other photo (common/Photos: real type from the first bytes) and
-- keep their SHA-256: a goods photo (shown as a thumbnail, its hash versions the cached image) and each photo of a
-- redemption day (图文佐证, evidence the town may check). Rows stored before this migration have no hash.
ALTER TABLE goods ADD COLUMN photo_sha256 text CHECK (photo_sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE redemption_day_photo ADD COLUMN sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$');
