package org.jifen.support;

import java.sql.PreparedStatement;

/**
 * Test fixture for features that need points before the points feature is exercised: inserts postings straight
 * into the ledger (the database trigger keeps account, chain and earned points).
 */
public final class TestLedger {

    private TestLedger() {
    }

    /** An {@code ADJUST} posting of {@code points}. */
    public static void give(long householdId, int points, String month) throws Exception {
        post(householdId, "ADJUST", points, month);
    }

    /** A posting of any type. */
    public static void post(long householdId, String type, int points, String month) throws Exception {
        try (var c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
                     SELECT id, village_id, ?, ?, ?, 'test fixture', 'test', 0, '', '' FROM household WHERE id = ?""")) {
            ps.setString(1, type);
            ps.setInt(2, points);
            ps.setString(3, month);
            ps.setLong(4, householdId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no household " + householdId);
            }
        }
    }
}
