package org.jifen.support;

import java.sql.PreparedStatement;

/**
 * Test fixture for features that need points before the points feature is exercised: inserts an
 * {@code ADJUST} posting straight into the ledger (the database trigger keeps account and chain).
 */
public final class TestLedger {

    private TestLedger() {
    }

    public static void give(long householdId, int points, String month) throws Exception {
        try (var c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
                     SELECT id, village_id, 'ADJUST', ?, ?, 'test fixture', 'test', 0, '', '' FROM household WHERE id = ?""")) {
            ps.setInt(1, points);
            ps.setString(2, month);
            ps.setLong(3, householdId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no household " + householdId);
            }
        }
    }
}
