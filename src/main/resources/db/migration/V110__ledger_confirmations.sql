-- Signatures in the app (签字) for the three-in-one ledger (三合一总台账): the evaluation group (评议组) and the
-- village secretary each confirm a closed month's points detail and a redemption day's record. A row says who
-- (the staff account, its name and role then), when, and for which signature line (capacity) it signs; the print
-- shows it above the line left for the handwritten signature. At most one confirmation per line and subject;
-- rows are never changed (the append-only trigger: R__ledgerbook.sql).
CREATE TABLE ledger_confirmation (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id         bigint      NOT NULL REFERENCES village (id),
    subject            text        NOT NULL CHECK (subject IN ('MONTH', 'REDEMPTION_DAY')),
    month              text        CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    redemption_day_id  bigint      REFERENCES redemption_day (id),
    capacity           text        NOT NULL CHECK (capacity IN ('REVIEWER', 'SECRETARY')),
    staff_id           bigint      NOT NULL REFERENCES staff (id),
    username           text        NOT NULL,
    display_name       text        NOT NULL,
    role               text        NOT NULL,
    confirmed_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_confirmation_subject CHECK (
        (subject = 'MONTH' AND month IS NOT NULL AND redemption_day_id IS NULL)
        OR (subject = 'REDEMPTION_DAY' AND redemption_day_id IS NOT NULL AND month IS NULL))
);
CREATE UNIQUE INDEX ledger_confirmation_month_once ON ledger_confirmation (village_id, month, capacity)
    WHERE subject = 'MONTH';
CREATE UNIQUE INDEX ledger_confirmation_day_once ON ledger_confirmation (redemption_day_id, capacity)
    WHERE subject = 'REDEMPTION_DAY';
