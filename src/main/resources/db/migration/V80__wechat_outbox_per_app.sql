-- WeChat messages through the app a user bound with: the 公众号 ('MP', subscribe/bizsend) or the
-- mini-program ('MINI', subscribe/send). Each outbox row says which app sends it. A row whose app cannot send
-- (not configured, or no template for that message) is SKIPPED: recorded, never attempted, never retried.
ALTER TABLE wechat_outbox ADD COLUMN app_kind text;
-- Rows queued before this version went to the bindings of one app; the binding says which.
UPDATE wechat_outbox o SET app_kind = coalesce((SELECT b.app_kind FROM wechat_binding b WHERE b.id = o.binding_id), 'MINI');
ALTER TABLE wechat_outbox ALTER COLUMN app_kind SET NOT NULL;
ALTER TABLE wechat_outbox ADD CONSTRAINT wechat_outbox_app_kind CHECK (app_kind IN ('MP', 'MINI'));
ALTER TABLE wechat_outbox ALTER COLUMN template_id DROP NOT NULL;
ALTER TABLE wechat_outbox DROP CONSTRAINT wechat_outbox_status_check;
ALTER TABLE wechat_outbox ADD CONSTRAINT wechat_outbox_status_check
    CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED'));
ALTER TABLE wechat_outbox ADD CONSTRAINT wechat_outbox_template_to_send
    CHECK (status = 'SKIPPED' OR template_id IS NOT NULL);
