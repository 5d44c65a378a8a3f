package org.jifen.common.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The brake on guessing (staff and portal logins), atomic under concurrency and across replicas: an attempt is
 * counted as a failure BEFORE the password or card is checked, under a transaction-scoped advisory lock per key, and
 * forgiven when it succeeds. So fifty wrong passwords sent at once let at most {@code max} through to the check.
 * Rows live in {@code login_failure}; {@code Pruning} deletes old ones.
 */
@ApplicationScoped
public class Attempts {

    /** A key counted on its own ({@code user:alice}, {@code ip:1.2.3.4}) with the most failures it may have in the window. */
    public record Limit(String key, int max) {
    }

    /** What {@link #reserve} counted: forgive it with {@link #succeeded}. */
    public record Attempt(List<Long> ids) {
    }

    @Inject
    Pool pool;

    /** Counts this attempt against every limit, or fails with {@code refusal} when one is already reached. */
    public Uni<Attempt> reserve(int windowMinutes, RuntimeException refusal, Limit... limits) {
        Limit[] sorted = limits.clone();
        Arrays.sort(sorted, Comparator.comparing(Limit::key)); // one lock order for every caller: no deadlock
        String[] keys = Arrays.stream(sorted).map(Limit::key).toArray(String[]::new);
        Integer[] maxes = Arrays.stream(sorted).map(Limit::max).toArray(Integer[]::new);
        return pool.withTransaction(tx -> Sql.exec(tx, """
                                SELECT pg_advisory_xact_lock(hashtextextended('jifen.attempts:' || k, 0))
                                  FROM unnest($1::text[]) WITH ORDINALITY AS t(k, o) ORDER BY o""", Sql.args((Object) keys))
                        .flatMap(x -> Sql.exists(tx, """
                                SELECT 1 FROM unnest($1::text[], $2::int[]) AS l(key, max)
                                 WHERE (SELECT count(*) FROM login_failure f
                                         WHERE f.key = l.key AND f.at > now() - make_interval(mins => $3)) >= l.max""",
                                Sql.args(keys, maxes, windowMinutes)))
                        .flatMap(reached -> reached ? Uni.createFrom().failure(refusal)
                                : Sql.list(tx, "INSERT INTO login_failure (key) SELECT unnest($1::text[]) RETURNING id",
                                Sql.args((Object) keys), r -> r.getLong("id"))))
                .map(Attempt::new);
    }

    /** The attempt succeeded: it no longer counts as a failure. */
    public Uni<Void> succeeded(Attempt attempt) {
        return Sql.exec(pool, "DELETE FROM login_failure WHERE id = ANY($1)", Sql.args((Object) attempt.ids().toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
