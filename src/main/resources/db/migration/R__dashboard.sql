-- The town dashboard's monthly figures (table village_month_points, V141): how one village's month is counted, and
-- the trigger that keeps the figures of a month from the moment it is closed. Not on the redemption path: the posting
-- trigger is untouched; the figures of open months are counted live with the same function.

-- A village's month counted from its postings (index posting_village_month) and, for the households with earned
-- points above zero, from earned_points (index earned_points_rank; the posting trigger keeps it by posting month, the
-- same EARN + BONUS + ADJUST). The columns: V141's header.
CREATE OR REPLACE FUNCTION village_month_figures(p_village bigint, p_month text)
    RETURNS TABLE (issued bigint, deducted bigint, redeemed bigint, refunded bigint, earners int, postings int)
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(p.points) FILTER (WHERE p.type IN ('EARN', 'BONUS', 'ADJUST')), 0)::bigint,
           coalesce(-sum(p.points) FILTER (WHERE p.type IN ('EARN', 'BONUS', 'ADJUST') AND p.points < 0), 0)::bigint,
           coalesce(-sum(p.points) FILTER (WHERE p.type = 'REDEEM'), 0)::bigint,
           coalesce(sum(p.points) FILTER (WHERE p.type = 'REFUND'), 0)::bigint,
           (SELECT count(*) FROM earned_points e WHERE e.village_id = p_village AND e.period = p_month AND e.points > 0)::int,
           count(*)::int
      FROM posting p WHERE p.village_id = p_village AND p.month = p_month
$$;

-- Closing a month counts it once, in the closing transaction (after its bonuses, under its month lock).
CREATE OR REPLACE FUNCTION month_close_count_points() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO village_month_points (village_id, month, issued, deducted, redeemed, refunded, earners, postings)
    SELECT NEW.village_id, NEW.month, f.issued, f.deducted, f.redeemed, f.refunded, f.earners, f.postings
      FROM village_month_figures(NEW.village_id, NEW.month) f;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER month_close_points AFTER INSERT ON month_close
    FOR EACH ROW EXECUTE FUNCTION month_close_count_points();

-- The figures of a closed month stay as they were counted.
CREATE OR REPLACE TRIGGER village_month_points_kept BEFORE UPDATE OR DELETE ON village_month_points
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('points.month-closed');
