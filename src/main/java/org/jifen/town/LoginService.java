package org.jifen.town;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.JifenConfig;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Tokens;

import java.util.List;

/**
 * Staff login: bcrypt check off the event loop, a random token stored hashed with an expiry, and a
 * brake on guessing (too many recent failures for a username or an address answer 429).
 */
@ApplicationScoped
public class LoginService {

    public record LoginResult(String token, String username, List<String> roles, long townId, Long villageId,
                              String displayName, int expiresInHours) {
    }

    @Inject
    org.jifen.common.security.TokenIdentityProvider sessions;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    JifenConfig config;

    public Uni<LoginResult> login(String username, String password, String address) {
        String userKey = "user:" + username.toLowerCase();
        String addressKey = "ip:" + address;
        return recentFailures(userKey, addressKey).flatMap(tooMany -> {
            if (tooMany) {
                return Uni.createFrom().failure(rateLimited());
            }
            return StaffRepository.activeByUsername(pool, username)
                    .flatMap(staff -> {
                        String hash = staff == null ? DUMMY_HASH : staff.passwordHash();
                        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.matches(password, hash)))
                                .flatMap(ok -> ok && staff != null
                                        ? startSession(staff)
                                        : recordFailure(userKey, addressKey).flatMap(x -> Uni.createFrom().failure(invalid())));
                    });
        });
    }

    public Uni<Void> logout(String tokenHash) {
        return Sql.exec(pool, "UPDATE auth_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL",
                        Sql.args(tokenHash)).replaceWithVoid()
                .call(() -> sessions.forget(tokenHash));
    }

    private Uni<LoginResult> startSession(Staff staff) {
        String token = Tokens.newToken();
        int hours = config.auth().tokenHours();
        return Sql.exec(pool, "INSERT INTO auth_session (token_hash, staff_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))",
                        Sql.args(Tokens.hash(token), staff.id(), hours))
                .map(x -> new LoginResult(token, staff.username(), List.of(staff.role()), staff.townId(), staff.villageId(),
                        staff.displayName(), hours));
    }

    private Uni<Boolean> recentFailures(String userKey, String addressKey) {
        int window = config.auth().failureWindowMinutes();
        int max = config.auth().maxFailures();
        return Sql.first(pool, """
                        SELECT count(*) FILTER (WHERE key = $1) AS by_user, count(*) FILTER (WHERE key = $2) AS by_address
                          FROM login_failure WHERE key IN ($1, $2) AND at > now() - make_interval(mins => $3)""",
                Sql.args(userKey, addressKey, window),
                row -> row.getLong("by_user") >= max || row.getLong("by_address") >= max * 4L);
    }

    private Uni<Void> recordFailure(String userKey, String addressKey) {
        return Sql.exec(pool, "INSERT INTO login_failure (key) VALUES ($1), ($2)", Sql.args(userKey, addressKey)).replaceWithVoid();
    }

    static DomainException invalid() {
        return new DomainException(401, "auth.invalid-credentials", "用户名或密码错误");
    }

    public static DomainException rateLimited() {
        return new DomainException(429, "auth.rate-limited", "尝试次数过多，请稍后再试");
    }

    /** Compared against when the user does not exist, so timing does not tell which usernames exist. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("jifen-no-such-user");
}
