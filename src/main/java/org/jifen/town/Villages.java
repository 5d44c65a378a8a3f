package org.jifen.town;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

import java.util.List;

/** The SQL of {@code village} rows. {@code db} is the pool for a read, the transaction's connection for a write. */
public final class Villages {

    private static final String COLUMNS = "id, town_id, code, name, kind, created_at";

    private Villages() {
    }

    /** The village, or null. */
    public static Uni<Village> find(SqlClient db, long id) {
        return Sql.first(db, "SELECT " + COLUMNS + " FROM village WHERE id = $1", Sql.args(id), Villages::of);
    }

    /** The village, or 404. */
    public static Uni<Village> get(SqlClient db, long id) {
        return Sql.one(db, "SELECT " + COLUMNS + " FROM village WHERE id = $1", Sql.args(id), "该村（社区）", Villages::of);
    }

    /** The town's villages by code. */
    public static Uni<List<Village>> ofTown(SqlClient db, long townId) {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM village WHERE town_id = $1 ORDER BY code", Sql.args(townId), Villages::of);
    }

    public static Uni<Boolean> codeTaken(SqlClient db, long townId, String code) {
        return Sql.exists(db, "SELECT 1 FROM village WHERE town_id = $1 AND code = $2", Sql.args(townId, code));
    }

    public static Uni<Boolean> anyIn(SqlClient db, long townId) {
        return Sql.exists(db, "SELECT 1 FROM village WHERE town_id = $1", Sql.args(townId));
    }

    public static Uni<Village> insert(SqlClient tx, long townId, String code, String name, String kind) {
        return Sql.first(tx, "INSERT INTO village (town_id, code, name, kind) VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS,
                Sql.args(townId, code, name, kind), Villages::of);
    }

    static Village of(Row r) {
        return new Village(r.getLong("id"), r.getLong("town_id"), r.getString("code"), r.getString("name"), r.getString("kind"),
                r.getOffsetDateTime("created_at"));
    }
}
