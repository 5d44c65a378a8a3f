-- Money (专款专用): fund receipts (上级拨款, 社会捐赠, 村集体...) and the vouchers (凭证) of receipts and purchases.
-- Amounts are integer fen. Nothing is deleted or edited: a wrong receipt is corrected by a reversing receipt that
-- names it, carries the opposite amount and a reason (at most one per receipt). Vouchers are evidence like the
-- photos of a redemption day: a wrong one stays and a better one is added beside it. The guards: R__funds.sql.

CREATE TABLE fund_receipt (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id   bigint      NOT NULL REFERENCES village (id),
    source       text        NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
    amount_cents bigint      NOT NULL,
    received_on  date        NOT NULL,
    note         text        CHECK (length(note) <= 500),
    reversal_of  bigint      REFERENCES fund_receipt (id),
    reason       text        CHECK (length(reason) <= 200),
    actor        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fund_receipt_reversed_once UNIQUE (reversal_of),
    CONSTRAINT fund_receipt_sign CHECK (
        (reversal_of IS NULL AND amount_cents > 0 AND reason IS NULL)
        OR (reversal_of IS NOT NULL AND amount_cents < 0 AND length(reason) >= 1))
);
CREATE INDEX fund_receipt_village_on ON fund_receipt (village_id, received_on);

-- A voucher of a fund receipt (收款凭证) or of a purchase (付款凭证, 发票, 商品照片): JPEG, PNG or PDF with its SHA-256.
CREATE TABLE voucher (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id      bigint      NOT NULL REFERENCES village (id),
    fund_receipt_id bigint      REFERENCES fund_receipt (id),
    purchase_id     bigint      REFERENCES purchase (id),
    kind            text        NOT NULL CHECK (kind IN ('RECEIPT', 'PAYMENT', 'INVOICE', 'GOODS', 'OTHER')),
    content_type    text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size            int         NOT NULL CHECK (size > 0),
    sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data            bytea       NOT NULL,
    note            text        CHECK (length(note) <= 200),
    uploaded_by     text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT voucher_one_owner CHECK (num_nonnulls(fund_receipt_id, purchase_id) = 1)
);
CREATE INDEX voucher_fund_receipt ON voucher (fund_receipt_id) WHERE fund_receipt_id IS NOT NULL;
CREATE INDEX voucher_purchase ON voucher (purchase_id) WHERE purchase_id IS NOT NULL;
CREATE INDEX voucher_village ON voucher (village_id);
