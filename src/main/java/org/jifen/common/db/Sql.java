package org.jifen.common.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jifen.common.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one way the application reads and writes PostgreSQL: SQL text with {@code $1, $2...} parameters, run on a
 * reactive {@link SqlClient}: the injected {@code Pool} for a read or a single statement, the connection of
 * {@code pool.withTransaction(tx -> ...)} when several statements must commit together. Rows are mapped into records
 * by column name ({@code r.getLong("id")}), never by position. The SQL itself lives in the feature's own class.
 */
public final class Sql {

    private Sql() {
    }

    /** Parameters for a statement; {@code null} values are allowed (unlike {@link Tuple#of}). */
    public static Tuple args(Object... values) {
        return Tuple.from(values);
    }

    /** Every row, mapped. */
    public static <T> Uni<List<T>> list(SqlClient db, String sql, Tuple args, Function<Row, T> mapper) {
        return db.preparedQuery(sql).execute(args).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(mapper.apply(r)));
            return out;
        });
    }

    /** The first row, mapped, or {@code null} when there is none. */
    public static <T> Uni<T> first(SqlClient db, String sql, Tuple args, Function<Row, T> mapper) {
        return db.preparedQuery(sql).execute(args).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? mapper.apply(it.next()) : null;
        });
    }

    /** The first row, mapped; {@code 404 not-found} naming {@code what} (in Chinese, e.g. "该农户") when there is none. */
    public static <T> Uni<T> one(SqlClient db, String sql, Tuple args, String what, Function<Row, T> mapper) {
        return first(db, sql, args, mapper).onItem().ifNull().failWith(() -> DomainException.notFound(what));
    }

    /** Runs a statement; the number of rows it touched. */
    public static Uni<Integer> exec(SqlClient db, String sql, Tuple args) {
        return db.preparedQuery(sql).execute(args).map(rows -> rows.rowCount());
    }

    /** Whether the query returns at least one row. */
    public static Uni<Boolean> exists(SqlClient db, String sql, Tuple args) {
        return db.preparedQuery(sql).execute(args).map(rows -> rows.iterator().hasNext());
    }
}
