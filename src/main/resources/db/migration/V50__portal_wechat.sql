-- Villager portal and WeChat: bindings of WeChat openids to households, pending first logins, the
-- subscribe-message outbox, the cursor of the posting scanner, and good deeds reported by villagers.

-- A WeChat user (公众号 web OAuth 'MP' or mini-program 'MINI') allowed to act for a household. Several
-- family members may bind the same household; one openid belongs to at most one household per app.
CREATE TABLE wechat_binding (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id bigint      NOT NULL REFERENCES household (id),
    app_kind     text        NOT NULL CHECK (app_kind IN ('MP', 'MINI')),
    openid       text        NOT NULL CHECK (length(openid) BETWEEN 1 AND 128),
    label        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    CONSTRAINT wechat_binding_openid_unique UNIQUE (app_kind, openid)
);
CREATE INDEX wechat_binding_household ON wechat_binding (household_id);

-- A WeChat login whose openid is not bound yet: the next card + phone check binds it. Hash of a random ticket.
CREATE TABLE wechat_pending_bind (
    ticket_hash  text        PRIMARY KEY,
    app_kind     text        NOT NULL CHECK (app_kind IN ('MP', 'MINI')),
    openid       text        NOT NULL,
    expires_at   timestamptz NOT NULL
);

-- Messages to send to WeChat users, written in the transaction of whatever caused them and sent later by
-- the scheduled sender (SELECT ... FOR UPDATE SKIP LOCKED, so two replicas never send one twice).
CREATE TABLE wechat_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id    bigint      NOT NULL REFERENCES household (id),
    binding_id      bigint,
    openid          text        NOT NULL,
    kind            text        NOT NULL,
    template_id     text        NOT NULL,
    page            text,
    data            jsonb       NOT NULL,
    dedup_key       text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    CONSTRAINT wechat_outbox_dedup UNIQUE (dedup_key)
);
CREATE INDEX wechat_outbox_due ON wechat_outbox (next_attempt_at) WHERE status = 'PENDING';

-- Where the posting scanner stands: postings with a larger id are looked at again (until they are older
-- than the settle time), so a transaction that commits late is never missed; the outbox dedup key makes
-- the repeat harmless. Starts at the current end of the ledger.
CREATE TABLE wechat_scan_cursor (
    name     text   PRIMARY KEY,
    last_id  bigint NOT NULL
);
INSERT INTO wechat_scan_cursor (name, last_id) SELECT 'posting', coalesce(max(id), 0) FROM posting;

-- A good deed reported by a villager from the portal, with a photo, for the village staff to look at and,
-- if true, register as an entry (the entries table belongs to the points feature).
CREATE TABLE deed_report (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id bigint      NOT NULL REFERENCES household (id),
    village_id   bigint      NOT NULL REFERENCES village (id),
    description  text        NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    occurred_on  date,
    photo        bytea,
    photo_type   text,
    photo_sha256 text,
    status       text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deed_report_village ON deed_report (village_id, created_at DESC);
CREATE INDEX deed_report_household ON deed_report (household_id, created_at DESC);

CREATE INDEX auth_session_household ON auth_session (household_id) WHERE household_id IS NOT NULL;
