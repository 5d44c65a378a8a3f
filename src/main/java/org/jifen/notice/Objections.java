package org.jifen.notice;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

import java.util.List;

/** The SQL of objections to notices and their answers. */
final class Objections {

    private static final String COLUMNS = """
            id, notice_id, text, contact, household_number, filed_at, answer, upheld, answered_by, answered_at, posting_id""";

    private Objections() {
    }

    static Objection objection(Row r) {
        return new Objection(r.getLong("id"), r.getLong("notice_id"), r.getString("text"), r.getString("contact"),
                r.getString("household_number"), r.getOffsetDateTime("filed_at"), r.getString("answer"), r.getBoolean("upheld"),
                r.getString("answered_by"), r.getOffsetDateTime("answered_at"), r.getLong("posting_id"));
    }

    /** The town of a village, for the audit row of a villager's write. */
    static Uni<Long> townOf(SqlClient db, long villageId) {
        return Sql.one(db, "SELECT town_id FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）", r -> r.getLong("town_id"));
    }

    static Uni<Objection> insert(SqlClient tx, long noticeId, String text, String contact, String householdNumber,
                                 String senderHash) {
        return Sql.first(tx, """
                        INSERT INTO objection (notice_id, text, contact, household_number, sender_hash)
                        VALUES ($1, $2, $3, $4, $5) RETURNING %s""".formatted(COLUMNS),
                Sql.args(noticeId, text, contact, householdNumber, senderHash), Objections::objection);
    }

    /**
     * How many objections the sender filed to the notice in the last hour, counted under a lock held until the
     * transaction ends: parallel filings from one address are counted one after another, so none slips past the limit.
     */
    static Uni<Long> filedInTheLastHour(SqlClient tx, long noticeId, String senderHash) {
        return Sql.exec(tx, "SELECT pg_advisory_xact_lock(hashtextextended('jifen.objection:' || $1 || ':' || $2, 0))",
                        Sql.args(String.valueOf(noticeId), senderHash))
                .flatMap(x -> Sql.first(tx, """
                                SELECT count(*) AS n FROM objection
                                 WHERE notice_id = $1 AND sender_hash = $2 AND filed_at > now() - interval '1 hour'""",
                        Sql.args(noticeId, senderHash), r -> r.getLong("n")));
    }

    /** The objection, locked until the transaction ends (one answer at a time). */
    static Uni<Objection> lock(SqlClient tx, long objectionId) {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM objection WHERE id = $1 FOR UPDATE", Sql.args(objectionId), "该异议",
                Objections::objection);
    }

    /** Records the answer; the database refuses a second one ({@code notice.objection-answered}). */
    static Uni<Objection> answer(SqlClient tx, long objectionId, String answer, boolean upheld, String answeredBy,
                                 Long postingId) {
        return Sql.first(tx, """
                        UPDATE objection SET answer = $2, upheld = $3, answered_by = $4, answered_at = now(), posting_id = $5
                         WHERE id = $1 RETURNING %s""".formatted(COLUMNS),
                Sql.args(objectionId, answer, upheld, answeredBy, postingId), Objections::objection);
    }

    /** A notice's objections in the order they came; only the answered ones when {@code answeredOnly}. */
    static Uni<List<Objection>> ofNotice(SqlClient db, long noticeId, boolean answeredOnly) {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM objection WHERE notice_id = $1"
                        + (answeredOnly ? " AND answered_at IS NOT NULL" : "") + " ORDER BY id",
                Sql.args(noticeId), Objections::objection);
    }

    /** The household of {@code villageId} with this id, or {@code null}. */
    static Uni<Long> householdById(SqlClient db, long householdId, long villageId) {
        return Sql.first(db, "SELECT id FROM household WHERE id = $1 AND village_id = $2", Sql.args(householdId, villageId),
                r -> r.getLong("id"));
    }

    /** The household of {@code villageId} with this number (户号), or {@code null}. */
    static Uni<Long> householdByNumber(SqlClient db, String number, long villageId) {
        return Sql.first(db, "SELECT id FROM household WHERE number = $1 AND village_id = $2", Sql.args(number, villageId),
                r -> r.getLong("id"));
    }
}
