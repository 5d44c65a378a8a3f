package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.card.CardToken;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Attempts;
import org.jifen.common.security.Tokens;
import org.jifen.wechat.Bindings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Villager login without a password: the household's card (its QR text or link) plus the last four digits
 * of the household's phone. A genuine card of an older version (reissued) is refused, and a reissue ends the
 * sessions opened with an older card ({@link org.jifen.common.security.PortalSessions}). Failures are counted
 * in {@code login_failure} per card and per address; too many answer 429 (works across replicas).
 * A pending WeChat login (ticket) is bound to the household in the same transaction as the session; a session
 * opened through a WeChat binding records it ({@code auth_session.binding_id}) and ends when the binding is removed.
 */
@ApplicationScoped
public class PortalLoginService {

    public record PortalLogin(String token, long householdId, int maxAgeSeconds) {
    }

    @Inject
    org.jifen.common.security.TokenIdentityProvider sessions;

    @Inject
    Pool pool;

    @Inject
    org.jifen.card.CardKeys cards;

    @Inject
    PortalConfig config;

    @Inject
    Bindings bindings;

    @Inject
    Attempts attempts;

    public Uni<PortalLogin> login(String qrText, String phoneLast4, String address, String bindTicket) {
        String token = CardToken.tokenOf(qrText);
        return cards.codec().flatMap(codec -> login(token, codec.verify(token), phoneLast4, address, bindTicket));
    }

    private Uni<PortalLogin> login(String token, Optional<CardToken.Parsed> card, String phoneLast4, String address,
                                   String bindTicket) {
        String cardKey = "card:" + card.map(c -> String.valueOf(c.householdId()))
                .orElse(token == null ? "" : Tokens.hash(token).substring(0, 16));
        String addressKey = "portal-ip:" + address;
        return attempts.reserve(config.failureWindowMinutes(), rateLimited(),
                new Attempts.Limit(cardKey, config.maxFailures()), new Attempts.Limit(addressKey, config.maxFailuresPerAddress()))
                .flatMap(attempt -> {
                    if (card.isEmpty()) {
                        return Uni.createFrom().failure(invalid());
                    }
                    long householdId = card.get().householdId();
                    return Sql.first(pool, "SELECT phone, card_version, status FROM household WHERE id = $1", Sql.args(householdId),
                                    r -> new Holder(r.getString("phone"), r.getInteger("card_version"), r.getString("status")))
                            .flatMap(h -> {
                                if (h == null || !"ACTIVE".equals(h.status()) || card.get().version() > h.cardVersion()
                                        || !PhoneCheck.matchesLast4(h.phone(), phoneLast4)) {
                                    return Uni.createFrom().failure(invalid());
                                }
                                if (card.get().version() < h.cardVersion()) {
                                    return Uni.createFrom().failure(revoked());
                                }
                                return attempts.succeeded(attempt)
                                        .flatMap(x -> startSession(householdId, bindTicket, card.get().version()));
                            });
                });
    }

    /** What a card login checks of the household the card names. */
    private record Holder(String phone, int cardVersion, String status) {
    }

    /**
     * A WeChat login: a new portal session for the household {@code openid} is bound to, or empty when it is not
     * bound (to an active household). The session is about the person, not a card (a card reissue leaves it alone),
     * and ends when that binding is removed or moves to another household
     * ({@link org.jifen.common.security.PortalSessions}). The binding's row is locked until the session is in, so a
     * removal racing with this login ends the new session too.
     */
    public Uni<Optional<PortalLogin>> weChatLogin(Bindings.AppKind app, String openid) {
        String token = Tokens.newToken();
        int days = config.sessionDays();
        return pool.withTransaction(conn -> bindings.loginOf(conn, app, openid).call(bound -> bound.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : insertSession(conn, token, bound.get().householdId(), days, null, bound.get().bindingId())))
                .map(bound -> bound.map(b -> new PortalLogin(token, b.householdId(), days * 86400)));
    }

    /**
     * A new portal session opened with a card ({@code cardVersion}: it ends when the card is reissued). With a bind
     * ticket, the pending WeChat login is bound to the household in the same transaction and the session also
     * belongs to that binding (removing the binding ends it); if the openid moved here from another household, the
     * sessions it had there end.
     */
    private Uni<PortalLogin> startSession(long householdId, String bindTicket, int cardVersion) {
        String token = Tokens.newToken();
        int days = config.sessionDays();
        boolean binds = bindTicket != null && !bindTicket.isBlank();
        List<String> ended = new ArrayList<>();
        return pool.withTransaction(conn -> (binds ? bindings.bindPending(conn, bindTicket, householdId) : Uni.createFrom().<Bindings.Bound>nullItem())
                        .invoke(bound -> {
                            if (bound != null) {
                                ended.addAll(bound.endedSessions());
                            }
                        })
                        .call(bound -> insertSession(conn, token, householdId, days, cardVersion, bound == null ? null : bound.bindingId())))
                .call(() -> sessions.forget(ended))
                .map(x -> new PortalLogin(token, householdId, days * 86400));
    }

    private static Uni<Void> insertSession(SqlClient conn, String token, long householdId, int days, Integer cardVersion,
                                           Long bindingId) {
        return Sql.exec(conn, """
                        INSERT INTO auth_session (token_hash, household_id, expires_at, card_version, binding_id)
                        VALUES ($1, $2, now() + make_interval(days => $3), $4, $5)""",
                Sql.args(Tokens.hash(token), householdId, days, cardVersion, bindingId)).replaceWithVoid();
    }

    public Uni<Void> logout(String tokenHash) {
        return Sql.exec(pool, "UPDATE auth_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL",
                        Sql.args(tokenHash)).replaceWithVoid()
                .call(() -> sessions.forget(tokenHash));
    }

    /** Refuses with 429 when the address failed too often (before calling WeChat for a login code). */
    public Uni<Void> guardAddress(String address) {
        return tooManyFailures("card:-", "portal-ip:" + address)
                .map(tooMany -> {
                    if (tooMany) {
                        throw rateLimited();
                    }
                    return null;
                });
    }

    /** Counts a failed login attempt of an address (e.g. a bad WeChat login code). */
    public Uni<Void> recordAddressFailure(String address) {
        return Sql.exec(pool, "INSERT INTO login_failure (key) VALUES ($1)", Sql.args("portal-ip:" + address)).replaceWithVoid();
    }

    private Uni<Boolean> tooManyFailures(String cardKey, String addressKey) {
        return Sql.first(pool, """
                        SELECT count(*) FILTER (WHERE key = $1) AS by_card, count(*) FILTER (WHERE key = $2) AS by_address
                          FROM login_failure WHERE key IN ($1, $2) AND at > now() - make_interval(mins => $3)""",
                Sql.args(cardKey, addressKey, config.failureWindowMinutes()),
                r -> r.getLong("by_card") >= config.maxFailures() || r.getLong("by_address") >= config.maxFailuresPerAddress());
    }

    public static DomainException invalid() {
        return new DomainException(401, "auth.invalid-credentials", "积分卡或手机号后四位不正确");
    }

    static DomainException revoked() {
        return new DomainException(403, "card.revoked", "该积分卡已作废（已补办新卡），请使用新卡登录");
    }

    public static DomainException rateLimited() {
        return new DomainException(429, "auth.rate-limited", "尝试次数过多，请稍后再试");
    }
}
