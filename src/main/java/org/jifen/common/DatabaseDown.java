package org.jifen.common;

import io.vertx.pgclient.PgException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;

/**
 * Recognises a failure to reach PostgreSQL (refused or reset connections, a server shutting down or still in
 * recovery, pool time-outs): such a request answers {@code 503 db.unavailable} with {@code Retry-After}, never 500.
 * The request changed nothing it can see: a redemption whose answer was lost is safe to send again with its key.
 */
public final class DatabaseDown {

    /** Admin shutdown, crash shutdown, not yet accepting connections, too many connections, out of memory. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "53200");

    private DatabaseDown() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PgException pg) {
                // the server answered: only its own "I am going away / not ready" states are an outage
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return STATES.contains(state) || state.startsWith("08");
            }
            if (c instanceof ConnectException || c instanceof io.vertx.sqlclient.ClosedConnectionException
                    || c instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof IOException && (m.contains("Connection reset") || m.contains("Broken pipe"))) {
                return true;
            }
            // the pool's own failures carry no type of their own: waiting too long for a connection, a closed pool
            if (c.getClass().getName().startsWith("io.vertx.core.impl.NoStackTrace")
                    && (m.equals("Timeout") || m.contains("Connection is not active") || m.contains("Pool closed"))) {
                return true;
            }
        }
        return false;
    }

    public static DomainException problem() {
        return new DomainException(503, "db.unavailable", "系统维护中", "数据库暂时无法访问，请稍后再试");
    }
}
