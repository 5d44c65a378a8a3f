-- Foundation: town, villages, staff and their sessions, households and members, the audit trail.

CREATE TABLE town (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A village (村) or an urban community (社区).
CREATE TABLE village (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id     bigint      NOT NULL REFERENCES town (id),
    code        text        NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    kind        text        NOT NULL DEFAULT 'VILLAGE' CHECK (kind IN ('VILLAGE', 'COMMUNITY')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT village_code_unique UNIQUE (town_id, code)
);

CREATE TABLE staff (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id       bigint      NOT NULL REFERENCES town (id),
    village_id    bigint      REFERENCES village (id),
    username      text        NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
    password_hash text        NOT NULL,
    display_name  text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('TOWN_ADMIN', 'INSPECTOR', 'SECRETARY', 'OFFICER', 'REVIEWER', 'CLERK')),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT staff_username_unique UNIQUE (username),
    CONSTRAINT staff_scope CHECK ((role IN ('TOWN_ADMIN', 'INSPECTOR')) = (village_id IS NULL))
);

-- Login sessions of staff (and, later, of households on the portal). Only a hash of the token is kept.
CREATE TABLE auth_session (
    token_hash   text        PRIMARY KEY,
    staff_id     bigint      REFERENCES staff (id),
    household_id bigint,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CONSTRAINT auth_session_owner CHECK ((staff_id IS NULL) <> (household_id IS NULL))
);
CREATE INDEX auth_session_staff ON auth_session (staff_id);

-- Failed login attempts, by key ("user:<name>" or "ip:<addr>"); read to slow down guessing.
CREATE TABLE login_failure (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key  text        NOT NULL,
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_key_at ON login_failure (key, at);

CREATE TABLE household (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id   bigint      NOT NULL REFERENCES village (id),
    number       text        NOT NULL CHECK (length(number) BETWEEN 1 AND 32),
    head_name    text        NOT NULL CHECK (length(head_name) BETWEEN 1 AND 64),
    phone        text,
    group_name   text,
    status       text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MOVED_OUT', 'ARCHIVED')),
    card_version int         NOT NULL DEFAULT 1 CHECK (card_version >= 1),
    tags         text[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT household_number_unique UNIQUE (village_id, number)
);
CREATE INDEX household_village_name ON household (village_id, head_name);
CREATE INDEX household_village_phone ON household (village_id, phone);

CREATE TABLE member (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id bigint NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    name         text   NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    relation     text
);
CREATE INDEX member_household ON member (household_id);

-- Append-only audit trail (its triggers: R__common.sql): who did what to which entity, with before/after images.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id     bigint      NOT NULL REFERENCES town (id),
    village_id  bigint      REFERENCES village (id),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    entity      text        NOT NULL,
    entity_id   text,
    before      jsonb,
    after       jsonb,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_village_at ON audit_log (village_id, at DESC);
