package org.jifen.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background ledger check keeps each village's last result, and runs on one replica at a time. */
@QuarkusTest
class LedgerChecksTest {

    @Inject
    LedgerChecks checks;

    @Test
    void shouldKeepTheLastResultOfAVillage() throws Throwable {
        String admin = Api.admin();
        long village = Api.village();
        long household = Api.household(admin, village);
        Api.as(admin).body(java.util.Map.of("points", 7, "month", java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString(),
                        "reason", "核对")).post("/api/households/" + household + "/adjustments").then().statusCode(201);

        LedgerChecks.Check ok = VertxContextSupport.subscribeAndAwait(() -> checks.check(village));
        assertTrue(ok.ok(), String.valueOf(ok));
        assertEquals(1, ok.postings());

        try (Connection c = TestDatabase.connect()) {
            c.createStatement().execute("SET session_replication_role = replica");  // past the append-only trigger
            c.createStatement().execute("UPDATE posting SET points = 70 WHERE village_id = " + village);
        }
        LedgerChecks.Check broken = VertxContextSupport.subscribeAndAwait(() -> checks.check(village));
        assertFalse(broken.ok());
        assertTrue(broken.problems() >= 1 && broken.firstProblem() != null, String.valueOf(broken));
        try (Connection c = TestDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) AS n, bool_and(ok) AS ok FROM ledger_check WHERE village_id = " + village)) {
            rs.next();
            assertEquals(1, rs.getInt("n"), "one row per village, the last check");
            assertFalse(rs.getBoolean("ok"));
        }
    }

    @Test
    void shouldSkipWhileAnotherReplicaChecks() throws Throwable {
        try (Connection other = TestDatabase.connect()) {
            other.createStatement().execute("SELECT pg_advisory_lock(hashtextextended('jifen.ledger-check', 0))");
            assertNull(VertxContextSupport.subscribeAndAwait(() -> checks.checkAll()), "skipped while another holds the lock");
        }
    }
}
