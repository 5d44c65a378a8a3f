package org.jifen.common.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Portal sessions opened with a household card (card + phone login) belong to that card: when the card is
 * reissued they end. Sessions opened by a bound WeChat user carry no card version and are left alone.
 * {@link TokenIdentityProvider} refuses a session whose card version is not the household's current one, so a
 * session is dead from the moment the reissue commits, also one opened by a login racing with it; this class
 * also marks the sessions revoked and forgets them from this instance's cache at once (other instances drop
 * their cached copy within {@code quarkus.cache.caffeine."auth-sessions".expire-after-write}, 5 s).
 */
@ApplicationScoped
public class CardSessions {

    @Inject
    TokenIdentityProvider identities;

    /**
     * Inside the caller's transaction (the one that moves the card on to {@code currentVersion}): revokes the
     * household's live sessions opened with an older card. Answers their token hashes, for {@link #forget(List)}
     * once the transaction has committed.
     */
    public Uni<List<String>> revokeOlderThan(SqlClient tx, long householdId, int currentVersion) {
        return tx.preparedQuery("""
                        UPDATE auth_session SET revoked_at = now()
                         WHERE household_id = $1 AND card_version < $2 AND revoked_at IS NULL AND expires_at > now()
                        RETURNING token_hash""")
                .execute(Tuple.of(householdId, currentVersion))
                .map(rows -> {
                    List<String> hashes = new ArrayList<>();
                    for (Row r : rows) {
                        hashes.add(r.getString("token_hash"));
                    }
                    return hashes;
                });
    }

    /** Drops these sessions from this instance's authentication cache. */
    public Uni<Void> forget(List<String> tokenHashes) {
        return identities.forget(tokenHashes);
    }
}
