-- The card version a portal session was opened with (card + last four digits of the phone). A reissued card
-- (household.card_version moved on) ends these sessions. NULL: a session not opened with a card (staff, or a
-- household's bound WeChat user), which a reissue leaves alone.
ALTER TABLE auth_session ADD COLUMN card_version int;
-- Sessions of households opened before this version cannot tell a card login from a WeChat login: count them as
-- card logins, so a reissue ends them too (a bound WeChat user logs in again through WeChat, no card needed).
UPDATE auth_session a SET card_version = h.card_version
  FROM household h WHERE h.id = a.household_id AND a.revoked_at IS NULL AND a.expires_at > now();
