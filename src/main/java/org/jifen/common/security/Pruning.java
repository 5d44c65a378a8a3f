package org.jifen.common.security;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

/**
 * Deletes what only slows lookups once it is a day past use: ended staff and portal sessions, login failures older than
 * any brake's window, roster uploads nobody confirmed. Several replicas may fire at once: the one that gets the
 * advisory lock prunes, the others skip.
 */
@ApplicationScoped
public class Pruning {

    /** What one pruning deleted. */
    public record Pruned(long sessions, long failures, long uploads) {
    }

    @Inject
    Pool pool;

    @Scheduled(every = "${jifen.prune.every:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune().invoke(p -> {
            if (p != null && p.sessions() + p.failures() + p.uploads() > 0) {
                Log.infof("pruned %d sessions, %d login failures, %d uploads", p.sessions(), p.failures(), p.uploads());
            }
        }).replaceWithVoid();
    }

    /** Prunes once; {@code null} when another replica is pruning right now. */
    public Uni<Pruned> prune() {
        return pool.withTransaction(tx -> Sql.first(tx,
                        "SELECT pg_try_advisory_xact_lock(hashtextextended('jifen.pruning', 0)) AS mine", Sql.args(),
                        r -> r.getBoolean("mine"))
                .flatMap(mine -> !mine ? Uni.createFrom().<Pruned>nullItem() : Sql.first(tx, """
                        WITH s AS (DELETE FROM auth_session
                                    WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day' RETURNING 1),
                             f AS (DELETE FROM login_failure WHERE at < now() - interval '1 day' RETURNING 1),
                             u AS (DELETE FROM household_upload WHERE created_at < now() - interval '1 day' RETURNING 1)
                        SELECT (SELECT count(*) FROM s) AS sessions, (SELECT count(*) FROM f) AS failures,
                               (SELECT count(*) FROM u) AS uploads""", Sql.args(),
                        r -> new Pruned(r.getLong("sessions"), r.getLong("failures"), r.getLong("uploads")))));
    }
}
