-- Announcements (a published notice, a coming redemption day) were queued through Hibernate with their template
-- data bound as a jsonb parameter, so the JSON text went in as one JSON string ('"{\"thing1\":..}"') instead of
-- an object; the sender could not read such a row and, throwing before the send, failed its whole due batch.
-- Outbox now casts the text in SQL; this turns the rows already queued into the objects they were meant to be.
UPDATE wechat_outbox SET data = (data #>> '{}')::jsonb
 WHERE jsonb_typeof(data) = 'string' AND left(data #>> '{}', 1) = '{';
