package org.jifen.common;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseDownTest {

    @Test
    void aServerInRecoveryOrShuttingDownIsUnavailable() {
        assertTrue(DatabaseDown.is(new PgException("the database system is not yet accepting connections", "FATAL", "57P03", null)));
        assertTrue(DatabaseDown.is(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(DatabaseDown.is(new RuntimeException(new PgException("connection failure", "FATAL", "08006", null))));
        DomainException problem = ProblemMapper.toDomain(new PgException("starting up", "FATAL", "57P03", null));
        assertEquals(503, problem.status());
        assertEquals("db.unavailable", problem.code());
    }

    @Test
    void aClientMistakeOrAConstraintIsNotAnOutage() {
        assertFalse(DatabaseDown.is(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(DatabaseDown.is(new IllegalArgumentException("bad month")));
        // a trigger's refusal whose text happens to say "closed" is a refusal, not an outage
        assertFalse(DatabaseDown.is(new PgException("jifen:points.month-closed", "ERROR", "P0001", null)));
        assertEquals(409, ProblemMapper.toDomain(new PgException("jifen:points.month-closed", "ERROR", "P0001", null)).status());
        assertEquals(409, ProblemMapper.toDomain(new PgException("duplicate key", "ERROR", "23505", null)).status());
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = Pool.pool(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort).setUser("x"),
                    new PoolOptions().setMaxSize(1));
            Throwable failure = pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture()
                    .handle((ok, e) -> e).get(20, TimeUnit.SECONDS);
            assertTrue(DatabaseDown.is(failure), String.valueOf(failure));
            assertEquals(503, ProblemMapper.toDomain(ProblemMapper.unwrap(failure)).status());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
