package org.jifen.common;

import io.quarkus.logging.LoggingFilter;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops one known, harmless error of the PostgreSQL client: when getting a connection fails (the database is
 * restarting), vertx-sql-client 4.5 fails the same promise twice and logs "Result is already complete" with a stack
 * trace, hundreds of times per outage (upstream eclipse-vertx/vertx-sql-client#1706). The request itself already got
 * its 503; nothing else is hidden.
 */
@LoggingFilter(name = "jifen-known-noise")
public final class KnownNoise implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable t = record.getThrown();
        return !(t instanceof IllegalStateException && "Result is already complete".equals(t.getMessage())
                && record.getLoggerName() != null
                && (record.getLoggerName().startsWith("io.vertx") || record.getLoggerName().startsWith("io.quarkus.vertx")));
    }
}
