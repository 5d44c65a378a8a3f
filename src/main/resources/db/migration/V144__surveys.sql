-- Needs surveys (走访调研): officers' visits to households tagged 留守老人 / 留守儿童 / 困难户 (household.tags, V1) with
-- the needs heard, the goods wished for and photos; and the wishes villagers add themselves on the portal (心愿).
-- A village's page per quarter ranks the goods wished (counted per household) next to the shop's stock and what it
-- redeemed (survey/SurveyRanking.java). Visits, their goods and photos are evidence: append-only (R__survey.sql).
-- A portal wish is withdrawn by its household (withdrawn_at), never deleted.

CREATE TABLE survey_visit (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id   bigint      NOT NULL REFERENCES village (id),
    household_id bigint      NOT NULL REFERENCES household (id),
    visited_on   date        NOT NULL,
    met_whom     text        NOT NULL CHECK (length(met_whom) BETWEEN 1 AND 100),
    needs_heard  text        CHECK (length(needs_heard) <= 2000),
    officer      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_visit_village ON survey_visit (village_id, visited_on DESC, id DESC);
CREATE INDEX survey_visit_household ON survey_visit (household_id, visited_on DESC);

-- A goods wished for during a visit: one of the village's goods, or a short text when the shop has no such goods.
CREATE TABLE survey_visit_goods (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    visit_id  bigint NOT NULL REFERENCES survey_visit (id),
    goods_id  bigint REFERENCES goods (id),
    text      text   CHECK (length(text) BETWEEN 1 AND 50),
    CONSTRAINT survey_visit_goods_one CHECK ((goods_id IS NULL) <> (text IS NULL))
);
CREATE INDEX survey_visit_goods_visit ON survey_visit_goods (visit_id);

-- Photos of a visit, as the oversight photos: JPEG or PNG, kept with their SHA-256.
CREATE TABLE survey_photo (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id    bigint      NOT NULL REFERENCES village (id),
    visit_id      bigint      NOT NULL REFERENCES survey_visit (id),
    content_type  text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    data          bytea       NOT NULL,
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_photo_visit ON survey_photo (visit_id);

-- A household's own wish from the portal: one tap on a goods suggestion (goods_id) or a short text.
CREATE TABLE survey_wish (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id   bigint      NOT NULL REFERENCES village (id),
    household_id bigint      NOT NULL REFERENCES household (id),
    goods_id     bigint      REFERENCES goods (id),
    text         text        CHECK (length(text) BETWEEN 1 AND 50),
    created_at   timestamptz NOT NULL DEFAULT now(),
    withdrawn_at timestamptz,
    CONSTRAINT survey_wish_one CHECK ((goods_id IS NULL) <> (text IS NULL))
);
CREATE INDEX survey_wish_household ON survey_wish (household_id) WHERE withdrawn_at IS NULL;
CREATE INDEX survey_wish_village ON survey_wish (village_id, created_at);
