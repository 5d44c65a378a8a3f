package org.jifen.common.db;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.logging.LogFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Before Flyway validates, moves the checksums recorded for a few versioned migrations from their known earlier value
 * to their value now, and nothing else: validation stays on, and any other change to an applied migration still
 * fails it.
 * <p>
 * Why these files changed after they were applied (issue 11, "live SQL in one place"): every function and trigger body
 * moved out of V1, V2, V10, V20, V30, V40, V60, V71 and V91 into the repeatable {@code R__*.sql} files, so the tree
 * holds one copy of each (V91 had redefined functions of V2 and V60 whose old bodies stayed behind). What those files
 * still create (tables, types, keys, data) is unchanged, and a database that applied them gets the same functions and
 * triggers from the {@code R__} files; it only needs the new checksums.
 */
final class EditedMigrations implements Callback {

    /** A versioned migration as recorded by databases migrated up to commit 2c12f79, and its checksum now. */
    record Edit(String version, int recorded, int now) {
    }

    static final List<Edit> EDITS = List.of(
            new Edit("1", -972272171, -1289235039),
            new Edit("2", -919097139, 247611210),
            new Edit("10", 474314907, -1867342482),
            new Edit("20", 596141343, 151136834),
            new Edit("30", -1618547531, 1777507363),
            new Edit("40", 101104886, -1781417871),
            new Edit("60", 77757946, -1955276872),
            new Edit("71", -2005781046, -1311408221),
            new Edit("91", 276955497, 308203377));

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String table = historyTable(context.getConfiguration());
        Connection c = context.getConnection();
        try {
            if (!exists(c, table)) {
                return; // a fresh database: nothing recorded yet
            }
            List<String> moved = new ArrayList<>();
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE " + table + " SET checksum = ? WHERE version = ? AND checksum = ? AND type = 'SQL'")) {
                for (Edit e : EDITS) {
                    update.setInt(1, e.now());
                    update.setString(2, e.version());
                    update.setInt(3, e.recorded());
                    if (update.executeUpdate() > 0) {
                        moved.add("V" + e.version());
                    }
                }
            }
            if (!moved.isEmpty()) {
                LogFactory.getLog(EditedMigrations.class).info("Accepted the edited migrations " + moved
                        + " (their functions and triggers moved to the R__ files)");
            }
        } catch (SQLException e) {
            throw new FlywayException("could not update the checksums of the edited migrations in " + table, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "jifen edited migrations";
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL AS found")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean("found");
            }
        }
    }

    /** The schema history table as Flyway finds it: in the default schema, else the first schema, else the current one. */
    private static String historyTable(Configuration config) {
        String schema = config.getDefaultSchema() != null ? config.getDefaultSchema()
                : config.getSchemas().length > 0 ? config.getSchemas()[0] : null;
        return (schema == null ? "" : quote(schema) + ".") + quote(config.getTable());
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
