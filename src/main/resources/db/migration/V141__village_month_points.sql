-- The town dashboard's monthly figures per village, kept so that a dashboard request never reads all postings: one
-- row per closed month, written in the month close's own transaction (the trigger on month_close, R__dashboard.sql),
-- after the month's bonuses and under the same month lock as its seal. A closed month refuses every later posting
-- (the posting trigger, R__ledger.sql), so its row never changes; months still open are counted live from posting
-- through the index posting_village_month (village_id, month).
--   issued    EARN + BONUS + ADJUST of the month (a deduction or a reversal counts negative): the village's earned points
--   deducted  the negative ones among them, as a positive number (already subtracted in issued)
--   redeemed  REDEEM of the month, as a positive number; refunded: REFUND of the month (net spent = redeemed - refunded)
--   earners   households whose earned points of the month are above zero
--   postings  postings of the month
CREATE TABLE village_month_points (
    village_id  bigint      NOT NULL,
    month       text        NOT NULL,
    issued      bigint      NOT NULL,
    deducted    bigint      NOT NULL,
    redeemed    bigint      NOT NULL,
    refunded    bigint      NOT NULL,
    earners     int         NOT NULL,
    postings    int         NOT NULL,
    counted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (village_id, month),
    FOREIGN KEY (village_id, month) REFERENCES month_close (village_id, month)
);

-- Months closed before this migration (the same sums as village_month_figures in R__dashboard.sql, which does not
-- exist yet when this runs on a fresh database).
INSERT INTO village_month_points (village_id, month, issued, deducted, redeemed, refunded, earners, postings)
SELECT c.village_id, c.month, f.issued, f.deducted, f.redeemed, f.refunded, f.earners, f.postings
  FROM month_close c
  CROSS JOIN LATERAL (
      SELECT coalesce(sum(p.points) FILTER (WHERE p.type IN ('EARN', 'BONUS', 'ADJUST')), 0)::bigint AS issued,
             coalesce(-sum(p.points) FILTER (WHERE p.type IN ('EARN', 'BONUS', 'ADJUST') AND p.points < 0), 0)::bigint AS deducted,
             coalesce(-sum(p.points) FILTER (WHERE p.type = 'REDEEM'), 0)::bigint AS redeemed,
             coalesce(sum(p.points) FILTER (WHERE p.type = 'REFUND'), 0)::bigint AS refunded,
             (SELECT count(*) FROM earned_points e WHERE e.village_id = c.village_id AND e.period = c.month AND e.points > 0)::int
               AS earners,
             count(*)::int AS postings
        FROM posting p WHERE p.village_id = c.village_id AND p.month = c.month) f;

-- The dashboard counts registered households with points per village on earned_points_rank, less the few households
-- no longer registered: those are found here.
CREATE INDEX household_not_active ON household (village_id) WHERE status <> 'ACTIVE';

-- The ledger's completeness check (ledgerbook.RecordGaps), which the dashboard runs for every village of the town,
-- looks for the year's entries that need a photo: this finds them without reading all the year's entries.
CREATE INDEX entry_photo_required ON entry (village_id, month) WHERE photo_required;
