-- Shop inspections (服务标准) and the record of printed shelf labels they check against.
-- label_print: each time the shelf labels page is printed (shop/ShopPage labels), which goods at which point price, so an
-- inspection can tell goods whose price changed after their label was printed. Goods never printed are "unknown":
-- labels printed before this migration were not recorded.

CREATE TABLE label_print (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id  bigint      NOT NULL REFERENCES village (id),
    printed_by  text        NOT NULL,
    printed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE label_print_item (
    label_print_id bigint NOT NULL REFERENCES label_print (id),
    goods_id       bigint NOT NULL REFERENCES goods (id),
    points_price   int    NOT NULL,
    PRIMARY KEY (label_print_id, goods_id)
);
CREATE INDEX label_print_item_goods ON label_print_item (goods_id, label_print_id DESC);

-- One inspection of a village shop: per checklist point passed or failed, a note, and what the system knew beforehand.
CREATE TABLE shop_inspection (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id   bigint      NOT NULL REFERENCES village (id),
    inspected_by text        NOT NULL,
    inspected_at timestamptz NOT NULL DEFAULT now(),
    note         text        CHECK (length(note) <= 2000)
);
CREATE INDEX shop_inspection_village ON shop_inspection (village_id, inspected_at DESC);

CREATE TABLE shop_inspection_point (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inspection_id    bigint  NOT NULL REFERENCES shop_inspection (id),
    code             text    NOT NULL CHECK (code IN ('clean', 'not-expired', 'tidy', 'labelled', 'stocked')),
    passed           boolean NOT NULL,
    note             text    CHECK (length(note) <= 2000),
    findings         jsonb   NOT NULL DEFAULT '[]',
    rectification_id bigint  REFERENCES rectification (id),
    CONSTRAINT shop_inspection_point_once UNIQUE (inspection_id, code)
);
