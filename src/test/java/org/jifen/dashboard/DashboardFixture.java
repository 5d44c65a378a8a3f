package org.jifen.dashboard;

import org.jifen.support.TestDatabase;

import java.sql.PreparedStatement;

/** The dashboard's monthly figures as kept, and counted again from the postings, for the dashboard tests. */
final class DashboardFixture {

    private DashboardFixture() {
    }

    /** The month's figures as kept at its close, or null when none are kept. */
    static long[] kept(long villageId, String month) throws Exception {
        return row("""
                SELECT issued, deducted, redeemed, refunded, earners, postings FROM village_month_points
                 WHERE village_id = ? AND month = ?""", villageId, month);
    }

    /** The month counted again here, from the postings themselves (independently of R__dashboard.sql). */
    static long[] recount(long villageId, String month) throws Exception {
        return row("""
                SELECT coalesce(sum(points) FILTER (WHERE type IN ('EARN', 'BONUS', 'ADJUST')), 0) AS issued,
                       coalesce(-sum(points) FILTER (WHERE type IN ('EARN', 'BONUS', 'ADJUST') AND points < 0), 0) AS deducted,
                       coalesce(-sum(points) FILTER (WHERE type = 'REDEEM'), 0) AS redeemed,
                       coalesce(sum(points) FILTER (WHERE type = 'REFUND'), 0) AS refunded,
                       (SELECT count(*) FROM (SELECT household_id FROM posting WHERE village_id = ? AND month = ?
                                                 AND type IN ('EARN', 'BONUS', 'ADJUST')
                                               GROUP BY household_id HAVING sum(points) > 0) e) AS earners,
                       count(*) AS postings
                  FROM posting WHERE village_id = ? AND month = ?""", villageId, month, villageId, month);
    }

    private static long[] row(String sql, Object... args) throws Exception {
        try (var c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long[] out = new long[6];
                String[] names = {"issued", "deducted", "redeemed", "refunded", "earners", "postings"};
                for (int i = 0; i < names.length; i++) {
                    out[i] = rs.getLong(names[i]);
                }
                return out;
            }
        }
    }
}
