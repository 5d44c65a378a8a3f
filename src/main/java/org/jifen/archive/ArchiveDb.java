package org.jifen.archive;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads for archive parts, which run on a worker thread while the zip streams: the same {@link Sql} queries,
 * awaited. Photos are read one at a time ({@link #bytes}) so memory holds one photo, not the year's.
 */
@ApplicationScoped
public class ArchiveDb {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    Pool pool;

    public <T> List<T> list(String sql, Tuple args, Function<Row, T> mapper) {
        return Sql.list(pool, sql, args, mapper).await().atMost(WAIT);
    }

    public <T> T first(String sql, Tuple args, Function<Row, T> mapper) {
        return Sql.first(pool, sql, args, mapper).await().atMost(WAIT);
    }

    /** One bytea column of one row ({@code sql} selects it as {@code data}). */
    public byte[] bytes(String sql, long id) {
        byte[] data = first(sql, Sql.args(id), r -> r.getBuffer("data") == null ? null : r.getBuffer("data").getBytes());
        return data == null ? new byte[0] : data;
    }
}
