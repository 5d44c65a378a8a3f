package org.jifen.dashboard;

import org.jifen.support.TestDatabase;

import java.sql.PreparedStatement;

/** Postings of any type straight into the ledger (the posting trigger keeps chain, balance and earned points). */
final class DashboardFixture {

    private DashboardFixture() {
    }

    static void post(long householdId, String type, int points, String month) throws Exception {
        try (var c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
                     SELECT id, village_id, ?, ?, ?, 'dashboard test', 'test', 0, '', '' FROM household WHERE id = ?""")) {
            ps.setString(1, type);
            ps.setInt(2, points);
            ps.setString(3, month);
            ps.setLong(4, householdId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no household " + householdId);
            }
        }
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
