package org.jifen.common.security;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.util.Collection;

/**
 * Resolves a token to the staff member or household of a live session (one indexed read), remembered for a few
 * seconds per instance ({@code quarkus.cache.caffeine."auth-sessions".expire-after-write}): logout forgets it
 * here at once, and another replica sees a revocation within those seconds. A portal session opened with a card
 * lives only as long as that card is the household's current one ({@link PortalSessions}); one that came from a
 * WeChat binding only as long as that binding exists and belongs to the household ({@link PortalSessions}).
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final String SQL = """
            SELECT s.id AS staff_id, s.username, s.role, s.town_id, s.village_id,
                   h.id AS household_id, h.village_id AS household_village_id
              FROM auth_session a
              LEFT JOIN staff s ON s.id = a.staff_id AND s.active
              LEFT JOIN household h ON h.id = a.household_id AND h.status = 'ACTIVE'
                    AND (a.card_version IS NULL OR a.card_version = h.card_version)
                    AND (a.binding_id IS NULL OR EXISTS (SELECT 1 FROM wechat_binding b
                                                          WHERE b.id = a.binding_id AND b.household_id = a.household_id))
             WHERE a.token_hash = $1 AND a.revoked_at IS NULL AND a.expires_at > now()""";

    @Inject
    Pool pool;

    @Inject
    @CacheName("auth-sessions")
    Cache sessions;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String hash = Tokens.hash(request.getToken().getToken());
        return sessions.getAsync(hash, this::lookup).map(identity -> {
            if (identity == NO_SESSION) {
                throw new AuthenticationFailedException("unknown or expired token");
            }
            return identity;
        });
    }

    /**
     * Remembered for a token that names no live session: a load that failed instead would be logged with its stack
     * trace by the cache, once per forged or expired token (anyone could flood the log with them).
     */
    private static final SecurityIdentity NO_SESSION = QuarkusSecurityIdentity.builder().setAnonymous(true).build();

    /** Drops a session from this instance's memory (call after revoking it). */
    public Uni<Void> forget(String tokenHash) {
        return sessions.invalidate(tokenHash);
    }

    /** Drops these sessions from this instance's memory (call after the transaction that revoked them committed). */
    public Uni<Void> forget(Collection<String> tokenHashes) {
        return Multi.createFrom().iterable(tokenHashes)
                .onItem().transformToUniAndConcatenate(this::forget)
                .collect().last().replaceWithVoid();
    }

    private Uni<SecurityIdentity> lookup(String hash) {
        return Sql.first(pool, SQL, Sql.args(hash), r -> identity(r, hash))
                .onItem().ifNull().continueWith(NO_SESSION);
    }

    private static SecurityIdentity identity(Row row, String tokenHash) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder().addAttribute("tokenHash", tokenHash);
        if (row.getLong("staff_id") != null) {
            Role role = Role.valueOf(row.getString("role"));
            return builder.setPrincipal(new StaffPrincipal(row.getLong("staff_id"), row.getString("username"), role,
                            row.getLong("town_id") == null ? StaffPrincipal.NO_TOWN : row.getLong("town_id"), row.getLong("village_id")))
                    .addRole(role.name()).addRoles(Roles.setsOf(role)).build();
        }
        if (row.getLong("household_id") != null) {
            return builder.setPrincipal(new HouseholdPrincipal(row.getLong("household_id"), row.getLong("household_village_id")))
                    .addRole(Role.HOUSEHOLD_).build();
        }
        return NO_SESSION; // the session's owner is gone
    }
}
