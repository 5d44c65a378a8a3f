package org.jifen.town;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

import java.util.List;

/** The SQL of {@code staff} rows. {@code db} is the pool for a read, the transaction's connection for a write. */
public final class StaffRepository {

    private static final String COLUMNS = "id, town_id, village_id, username, password_hash, display_name, role, active, created_at";

    private StaffRepository() {
    }

    /** A new active staff member; {@code villageId} null for a town role, {@code townId} null for a COUNTY_ADMIN. */
    public static Uni<Staff> insert(SqlClient tx, Long townId, Long villageId, String username, String passwordHash,
                                    String displayName, String role) {
        return Sql.first(tx, """
                        INSERT INTO staff (town_id, village_id, username, password_hash, display_name, role)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING\s""" + COLUMNS,
                Sql.args(townId, villageId, username, passwordHash, displayName, role), StaffRepository::of);
    }

    /** The active staff member of this username (exact case, as at login), or null. */
    public static Uni<Staff> activeByUsername(SqlClient db, String username) {
        return Sql.first(db, "SELECT " + COLUMNS + " FROM staff WHERE username = $1 AND active", Sql.args(username),
                StaffRepository::of);
    }

    /** Whether the username is in use, whatever its case. */
    public static Uni<Boolean> usernameTaken(SqlClient db, String username) {
        return Sql.exists(db, "SELECT 1 FROM staff WHERE lower(username) = lower($1)", Sql.args(username));
    }

    public static Uni<List<Staff>> ofTown(SqlClient db, long townId) {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM staff WHERE town_id = $1 ORDER BY id", Sql.args(townId), StaffRepository::of);
    }

    public static Uni<List<Staff>> ofVillage(SqlClient db, long villageId) {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM staff WHERE village_id = $1 ORDER BY id", Sql.args(villageId),
                StaffRepository::of);
    }

    private static Staff of(Row r) {
        return new Staff(r.getLong("id"), r.getLong("town_id"), r.getLong("village_id"), r.getString("username"),
                r.getString("password_hash"), r.getString("display_name"), r.getString("role"), r.getBoolean("active"),
                r.getOffsetDateTime("created_at"));
    }
}
