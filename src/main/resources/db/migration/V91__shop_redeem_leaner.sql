-- Redemption day, leaner. Measured with pgbench on the bench's 1,000 households (bench/redeem.sh): the one-call
-- redemption of V60 ran about 26 statements inside the database (each with its own executor start) and wrote
-- 2.3 kB of WAL; on a two-core machine PostgreSQL's CPU, not the app, bounded the queue. This migration:
--   * plans the posting's hash once per connection (PL/pgSQL instead of a LANGUAGE sql function, which was parsed
--     and planned again for every posting); the hashed text and the digest are unchanged;
--   * locks and reads the account with the closed-month check in one statement in the chain trigger;
--   * locks, reads and picks batches in one statement (shop_pick, for redemptions and transfers alike);
--   * reads what the checks of a redemption need in one statement and writes it in another;
--   * ties postings and redemptions to their household's village with one composite foreign key instead of
--     two (a stronger rule: a posting's village is its household's village), so that redemptions no longer all
--     take a key-share lock on the one village row (MultiXacts on a hot row);
--   * lets the audit log name a town and village without foreign keys: the log outlives what it names and must
--     not contend with the work it records;
--   * adds shop_redeem_batch, several redemptions in one transaction (group commit, see RedemptionQueue).
-- The functions: R__ledger.sql and R__shop.sql; here the keys.

-- A posting and a redemption belong to their household's village.
ALTER TABLE household ADD CONSTRAINT household_id_village UNIQUE (id, village_id);
ALTER TABLE posting DROP CONSTRAINT posting_household_id_fkey, DROP CONSTRAINT posting_village_id_fkey,
    ADD CONSTRAINT posting_household_village FOREIGN KEY (household_id, village_id) REFERENCES household (id, village_id);
ALTER TABLE redemption DROP CONSTRAINT redemption_household_id_fkey, DROP CONSTRAINT redemption_village_id_fkey,
    ADD CONSTRAINT redemption_household_village FOREIGN KEY (household_id, village_id) REFERENCES household (id, village_id);
ALTER TABLE audit_log DROP CONSTRAINT audit_log_town_id_fkey, DROP CONSTRAINT audit_log_village_id_fkey;
