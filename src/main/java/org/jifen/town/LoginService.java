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
import org.jifen.common.security.Attempts;
import org.jifen.common.security.Tokens;

import java.util.List;

/**
 * Staff login: bcrypt check off the event loop, a random token stored hashed with an expiry, and a
 * brake on guessing (too many recent failures for a username or an address answer 429).
 */
@ApplicationScoped
public class LoginService {

    public record LoginResult(String token, String username, List<String> roles, Long townId, Long villageId,
                              String displayName, int expiresInHours) {
    }

    @Inject
    org.jifen.common.security.TokenIdentityProvider sessions;

    @Inject
    Pool pool;

    @Inject
    Attempts attempts;

    @Inject
    Vertx vertx;

    @Inject
    JifenConfig config;

    public Uni<LoginResult> login(String username, String password, String address) {
        String userKey = "user:" + username.toLowerCase();
        String addressKey = "ip:" + address;
        int max = config.auth().maxFailures();
        return attempts.reserve(config.auth().failureWindowMinutes(), rateLimited(),
                        new Attempts.Limit(userKey, max), new Attempts.Limit(addressKey, max * 4))
                .flatMap(attempt -> StaffRepository.activeByUsername(pool, username).flatMap(staff -> {
                    String hash = staff == null ? DUMMY_HASH : staff.passwordHash();
                    return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.matches(password, hash)))
                            .flatMap(ok -> ok && staff != null
                                    ? attempts.succeeded(attempt).flatMap(x -> startSession(staff))
                                    : Uni.createFrom().failure(invalid()));
                }));
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

    static DomainException invalid() {
        return new DomainException(401, "auth.invalid-credentials", "用户名或密码错误");
    }

    public static DomainException rateLimited() {
        return new DomainException(429, "auth.rate-limited", "尝试次数过多，请稍后再试");
    }

    /** Compared against when the user does not exist, so timing does not tell which usernames exist. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("jifen-no-such-user");
}
