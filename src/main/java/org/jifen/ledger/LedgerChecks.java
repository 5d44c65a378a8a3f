package org.jifen.ledger;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Runs the ledger check ({@link LedgerVerifier}) of every village in the background, one village after the other, and
 * keeps each village's last result in {@code ledger_check}: a chain is a household's whole history, too much to
 * recompute for every dashboard request of a town. Several replicas may fire at once: the one that gets the advisory
 * lock checks, the others skip. A village is checked again once its last check is older than the interval.
 */
@ApplicationScoped
public class LedgerChecks {

    /** A village's last check. */
    public record Check(long villageId, OffsetDateTime checkedAt, boolean ok, int postings, int problems, String firstProblem) {
    }

    @Inject
    Pool pool;

    @Inject
    LedgerVerifier verifier;

    @Scheduled(every = "${jifen.ledger-check.every:6h}", delayed = "${jifen.ledger-check.delayed:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return checkAll().invoke(n -> {
            if (n != null && n > 0) {
                Log.infof("ledger checks: %d villages checked", n);
            }
        }).replaceWithVoid();
    }

    /** Checks every village; the number checked, or {@code null} when another replica is checking right now. */
    public Uni<Integer> checkAll() {
        return pool.getConnection().flatMap(conn -> Sql.first(conn,
                        "SELECT pg_try_advisory_lock(hashtextextended('jifen.ledger-check', 0)) AS mine", Sql.args(), r -> r.getBoolean("mine"))
                .flatMap(mine -> !mine ? Uni.createFrom().<Integer>nullItem()
                        : Sql.list(pool, "SELECT id FROM village ORDER BY id", Sql.args(), r -> r.getLong("id"))
                        .flatMap(ids -> Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(this::check)
                                .collect().asList().map(List::size))
                        // a session lock: released on this connection before it goes back to the pool, also after a failure
                        .eventually(() -> Sql.exec(conn, "SELECT pg_advisory_unlock(hashtextextended('jifen.ledger-check', 0))",
                                Sql.args()).onFailure().recoverWithNull()))
                .eventually(conn::close));
    }

    /** Checks one village now and keeps the result. */
    public Uni<Check> check(long villageId) {
        return verifier.verify(villageId).flatMap(report -> {
            LedgerVerifier.Problem first = report.firstBrokenLink() != null ? report.firstBrokenLink()
                    : report.problems().isEmpty() ? null : report.problems().get(0);
            String firstProblem = first == null ? null : describe(first);
            return Sql.first(pool, """
                            INSERT INTO ledger_check (village_id, checked_at, ok, households, postings, problems, first_problem)
                            VALUES ($1, now(), $2, $3, $4, $5, $6)
                            ON CONFLICT (village_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, ok = EXCLUDED.ok,
                                households = EXCLUDED.households, postings = EXCLUDED.postings, problems = EXCLUDED.problems,
                                first_problem = EXCLUDED.first_problem
                            RETURNING village_id, checked_at, ok, postings, problems, first_problem""",
                    Sql.args(villageId, report.ok(), report.households(), report.postings(), report.problems().size(), firstProblem),
                    LedgerChecks::of);
        });
    }

    /** The last checks of a town's villages (villages never checked are absent). */
    public static Uni<List<Check>> ofTown(SqlClient db, long townId) {
        return Sql.list(db, """
                SELECT c.village_id, c.checked_at, c.ok, c.postings, c.problems, c.first_problem
                  FROM ledger_check c JOIN village v ON v.id = c.village_id WHERE v.town_id = $1 ORDER BY c.village_id""",
                Sql.args(townId), LedgerChecks::of);
    }

    private static Check of(io.vertx.mutiny.sqlclient.Row r) {
        return new Check(r.getLong("village_id"), r.getOffsetDateTime("checked_at"), r.getBoolean("ok"), r.getInteger("postings"),
                r.getInteger("problems"), r.getString("first_problem"));
    }

    private static String describe(LedgerVerifier.Problem p) {
        String where = p.householdId() != null ? "农户 " + p.householdId() + (p.seq() != null ? " 第 " + p.seq() + " 条流水" : "")
                : p.month() != null ? p.month() + " 月度封存" : "";
        return where.isEmpty() ? p.detail() : where + "，" + p.detail();
    }
}
