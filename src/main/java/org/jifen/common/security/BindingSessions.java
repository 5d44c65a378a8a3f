package org.jifen.common.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Portal sessions that came from a WeChat binding ({@code auth_session.binding_id}: a WeChat login of a bound openid,
 * or the card + phone login that bound it) belong to that binding: when the household or staff remove the binding,
 * or the openid moves to another household, they end. {@link TokenIdentityProvider} refuses such a session once its
 * binding is gone or belongs to another household, so it is dead from the moment the change commits; this class
 * also marks the sessions revoked (in the same transaction) and forgets them from this instance's cache after the
 * commit (other instances drop their cached copy within {@code quarkus.cache.caffeine."auth-sessions".expire-after-write},
 * 5 s). The same pattern as {@link CardSessions}.
 */
@ApplicationScoped
public class BindingSessions {

    @Inject
    TokenIdentityProvider identities;

    /**
     * Inside the caller's transaction (the one that removes the binding): revokes every live session that came
     * from {@code bindingId}. Answers their token hashes, for {@link #forget(List)} once the transaction has committed.
     */
    public Uni<List<String>> revoke(SqlClient tx, long bindingId) {
        return tx.preparedQuery("""
                        UPDATE auth_session SET revoked_at = now()
                         WHERE binding_id = $1 AND revoked_at IS NULL AND expires_at > now()
                        RETURNING token_hash""")
                .execute(Tuple.of(bindingId))
                .map(BindingSessions::hashes);
    }

    /**
     * Inside the caller's transaction (the one that moves the binding to {@code householdId}): revokes the live
     * sessions that came from {@code bindingId} for any other household.
     */
    public Uni<List<String>> revokeElsewhere(SqlClient tx, long bindingId, long householdId) {
        return tx.preparedQuery("""
                        UPDATE auth_session SET revoked_at = now()
                         WHERE binding_id = $1 AND household_id <> $2 AND revoked_at IS NULL AND expires_at > now()
                        RETURNING token_hash""")
                .execute(Tuple.of(bindingId, householdId))
                .map(BindingSessions::hashes);
    }

    /** Drops these sessions from this instance's authentication cache. */
    public Uni<Void> forget(List<String> tokenHashes) {
        return identities.forget(tokenHashes);
    }

    private static List<String> hashes(RowSet<Row> rows) {
        List<String> hashes = new ArrayList<>();
        for (Row r : rows) {
            hashes.add(r.getString("token_hash"));
        }
        return hashes;
    }
}
