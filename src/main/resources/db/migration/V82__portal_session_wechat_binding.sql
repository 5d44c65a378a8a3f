-- The WeChat binding a portal session came from: a WeChat login of a bound openid, or the card + phone login that
-- bound it (first WeChat login). Removing the binding (by the household or by staff), or the openid moving to
-- another household, ends these sessions; the session lookup also accepts such a session only while its binding
-- still exists and belongs to the session's household. NULL: staff, a plain card login, or a session opened
-- before this version. No foreign key: the session keeps the id of a removed binding as a record.
ALTER TABLE auth_session ADD COLUMN binding_id bigint;
CREATE INDEX auth_session_binding ON auth_session (binding_id) WHERE binding_id IS NOT NULL;

-- Household sessions opened since V81 without a card are WeChat logins, but of which binding is not known, so
-- removing a binding could not end them: end them now (a bound WeChat user is logged in again by WeChat, no card
-- needed). Sessions opened before V81 count as card sessions (V81) and end with a card reissue.
UPDATE auth_session SET revoked_at = now()
 WHERE household_id IS NOT NULL AND card_version IS NULL AND revoked_at IS NULL AND expires_at > now();
