-- Removing a WeChat binding (or moving its openid to another household) skips its unsent messages: find them by
-- binding without reading the whole outbox.
CREATE INDEX wechat_outbox_pending_binding ON wechat_outbox (binding_id) WHERE status = 'PENDING';
