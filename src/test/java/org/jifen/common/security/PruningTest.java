package org.jifen.common.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PruningTest {

    @Inject
    Pruning pruning;

    @Test
    void shouldDeleteEndedSessionsAndOldFailuresButKeepLiveOnes() throws Throwable {
        String live = Api.admin();
        String key = Api.unique("prune-key");
        try (Connection c = TestDatabase.connect()) {
            c.createStatement().execute("INSERT INTO login_failure (key, at) VALUES ('" + key + "', now() - interval '2 days'), ('"
                    + key + "', now())");
            c.createStatement().execute("""
                    INSERT INTO auth_session (token_hash, staff_id, expires_at)
                    SELECT 'old-%s', id, now() - interval '3 days' FROM staff WHERE username = 'admin'""".formatted(key));
        }
        Pruning.Pruned pruned = VertxContextSupport.subscribeAndAwait(() -> pruning.prune());
        assertTrue(pruned.sessions() >= 1 && pruned.failures() >= 1, String.valueOf(pruned));
        try (Connection c = TestDatabase.connect()) {
            assertEquals(1, count(c, "SELECT count(*) FROM login_failure WHERE key = '" + key + "'"), "the recent failure stays");
            assertEquals(0, count(c, "SELECT count(*) FROM auth_session WHERE token_hash = 'old-" + key + "'"));
        }
        Api.as(live).get("/api/villages").then().statusCode(200); // a live session still works
    }

    /** Two replicas pruning at the same moment: the one holding the advisory lock prunes, the other skips. */
    @Test
    void shouldSkipWhileAnotherReplicaPrunes() throws Throwable {
        String key = Api.unique("prune-skip");
        try (Connection other = TestDatabase.connect()) {
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO login_failure (key, at) VALUES ('" + key + "', now() - interval '2 days')");
            other.createStatement().execute("SELECT pg_advisory_xact_lock(hashtextextended('jifen.pruning', 0))");
            assertNull(VertxContextSupport.subscribeAndAwait(() -> pruning.prune()), "skipped while the lock is held");
            other.commit();
        }
        Pruning.Pruned after = VertxContextSupport.subscribeAndAwait(() -> pruning.prune());
        assertTrue(after != null && after.failures() >= 1, String.valueOf(after));
        try (Connection c = TestDatabase.connect()) {
            assertEquals(0, count(c, "SELECT count(*) FROM login_failure WHERE key = '" + key + "'"), "pruned once the lock is free");
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
