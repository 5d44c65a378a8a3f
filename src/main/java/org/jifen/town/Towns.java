package org.jifen.town;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

/** The SQL of {@code town} rows. */
public final class Towns {

    private Towns() {
    }

    /** The town of this name, or null. */
    public static Uni<Town> byName(SqlClient db, String name) {
        return Sql.first(db, "SELECT id, name, created_at FROM town WHERE name = $1", Sql.args(name), Towns::of);
    }

    /** The town of this id, or null. */
    public static Uni<Town> byId(SqlClient db, long id) {
        return Sql.first(db, "SELECT id, name, created_at FROM town WHERE id = $1", Sql.args(id), Towns::of);
    }

    /** Every town of the install, by id. */
    public static Uni<java.util.List<Town>> all(SqlClient db) {
        return Sql.list(db, "SELECT id, name, created_at FROM town ORDER BY id", Sql.args(), Towns::of);
    }

    public static Uni<Town> insert(SqlClient tx, String name) {
        return Sql.first(tx, "INSERT INTO town (name) VALUES ($1) RETURNING id, name, created_at", Sql.args(name), Towns::of);
    }

    private static Town of(Row r) {
        return new Town(r.getLong("id"), r.getString("name"), r.getOffsetDateTime("created_at"));
    }
}
