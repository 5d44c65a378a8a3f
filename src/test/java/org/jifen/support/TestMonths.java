package org.jifen.support;

import java.sql.PreparedStatement;

/**
 * Test fixture for features that need closed months before the points feature closes them: inserts a
 * {@code month_close} row with a fake (but distinct) seal straight into the ledger tables.
 */
public final class TestMonths {

    private TestMonths() {
    }

    public static void close(long villageId, String month) throws Exception {
        try (var c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO month_close (village_id, month, closed_by, seal) VALUES (?, ?, 'test', ?)")) {
            ps.setLong(1, villageId);
            ps.setString(2, month);
            ps.setString(3, "test-seal-" + villageId + "-" + month);
            ps.executeUpdate();
        }
    }

    /** Closes the three months of a quarter. */
    public static void closeQuarter(long villageId, int year, int quarter) throws Exception {
        for (int m = (quarter - 1) * 3 + 1; m <= quarter * 3; m++) {
            close(villageId, String.format("%d-%02d", year, m));
        }
    }
}
