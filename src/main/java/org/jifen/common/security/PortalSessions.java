package org.jifen.common.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.util.List;

/**
 * Ending villagers' portal sessions when what they were opened with goes away. A session opened with a household
 * card (card + phone login) belongs to that card: a reissue ends it. A session that came from a WeChat binding
 * ({@code auth_session.binding_id}: a WeChat login of a bound openid, or the card + phone login that bound it) belongs
 * to that binding: removing it, or moving the openid to another household, ends it.
 * <p>
 * {@link TokenIdentityProvider} already refuses such a session from the moment the change commits (it checks the
 * card version and the binding). The methods here also mark the sessions revoked, inside the caller's transaction,
 * and answer their token hashes for {@link #forget(List)} once that transaction has committed: this instance drops
 * them from its cache at once, other instances within {@code quarkus.cache.caffeine."auth-sessions".expire-after-write}
 * (5 s).
 */
@ApplicationScoped
public class PortalSessions {

    @Inject
    TokenIdentityProvider identities;

    /** The household's live sessions opened with a card older than {@code currentVersion} (a reissue). */
    public Uni<List<String>> revokeOlderCards(SqlClient tx, long householdId, int currentVersion) {
        return revokeWhere(tx, "household_id = $1 AND card_version < $2", Sql.args(householdId, currentVersion));
    }

    /** Every live session that came from {@code bindingId} (the binding is removed). */
    public Uni<List<String>> revokeBinding(SqlClient tx, long bindingId) {
        return revokeWhere(tx, "binding_id = $1", Sql.args(bindingId));
    }

    /** The live sessions that came from {@code bindingId} for a household other than {@code householdId} (it moved). */
    public Uni<List<String>> revokeBindingElsewhere(SqlClient tx, long bindingId, long householdId) {
        return revokeWhere(tx, "binding_id = $1 AND household_id <> $2", Sql.args(bindingId, householdId));
    }

    /** Drops these sessions from this instance's authentication cache. */
    public Uni<Void> forget(List<String> tokenHashes) {
        return identities.forget(tokenHashes);
    }

    private static Uni<List<String>> revokeWhere(SqlClient tx, String condition, Tuple args) {
        return Sql.list(tx, "UPDATE auth_session SET revoked_at = now() WHERE " + condition
                + " AND revoked_at IS NULL AND expires_at > now() RETURNING token_hash", args, r -> r.getString("token_hash"));
    }
}
