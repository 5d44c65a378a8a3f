package org.jifen.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;

/**
 * Serializes work on one village month: closing takes it exclusively; registering, reviewing and adjusting take it
 * shared, so they run side by side but never overlap a close of the same month. A transaction-scoped advisory lock on
 * the caller's transaction ({@code tx}): released at commit or rollback.
 */
public final class MonthLock {

    private MonthLock() {
    }

    public static Uni<Void> shared(SqlClient tx, long villageId, String month) {
        return lock(tx, "pg_advisory_xact_lock_shared", villageId, month);
    }

    public static Uni<Void> exclusive(SqlClient tx, long villageId, String month) {
        return lock(tx, "pg_advisory_xact_lock", villageId, month);
    }

    /** The shared lock, then {@code 409 points.month-closed} when the month is closed: before writing into a month. */
    public static Uni<Void> open(SqlClient tx, long villageId, String month) {
        return shared(tx, villageId, month).flatMap(x -> refuseClosed(tx, villageId, month));
    }

    /** {@code 409 points.month-closed} when the village has closed the month. */
    public static Uni<Void> refuseClosed(SqlClient db, long villageId, String month) {
        return closed(db, villageId, month).flatMap(closed -> closed ? Uni.createFrom().failure(closedProblem(month))
                : Uni.createFrom().voidItem());
    }

    public static Uni<Boolean> closed(SqlClient db, long villageId, String month) {
        return Sql.exists(db, "SELECT 1 FROM month_close WHERE village_id = $1 AND month = $2", Sql.args(villageId, month));
    }

    public static DomainException closedProblem(String month) {
        return new DomainException(409, "points.month-closed", "该月已结账，不能再修改", month + " 已结账");
    }

    private static Uni<Void> lock(SqlClient tx, String fn, long villageId, String month) {
        // the key text is shared with every other writer that locks a village month: keep it as it is
        return Sql.exec(tx, "SELECT 1 AS locked FROM (SELECT " + fn
                        + "(hashtextextended('jifen.points.month:' || $1 || ':' || $2, 0))) x",
                Sql.args(String.valueOf(villageId), month)).replaceWithVoid();
    }
}
