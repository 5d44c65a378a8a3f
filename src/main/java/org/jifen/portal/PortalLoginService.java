package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.card.CardToken;
import org.jifen.common.DomainException;
import org.jifen.common.security.Tokens;
import org.jifen.wechat.Bindings;

import java.util.Optional;

/**
 * Villager login without a password: the household's card (its QR text or link) plus the last four digits
 * of the household's phone. A genuine card of an older version (reissued) is refused, and a reissue ends the
 * sessions opened with an older card ({@link org.jifen.common.security.CardSessions}). Failures are counted
 * in {@code login_failure} per card and per address; too many answer 429 (works across replicas).
 * A pending WeChat login (ticket) is bound to the household in the same transaction as the session.
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

    public Uni<PortalLogin> login(String qrText, String phoneLast4, String address, String bindTicket) {
        String token = CardToken.tokenOf(qrText);
        return cards.codec().flatMap(codec -> login(token, codec.verify(token), phoneLast4, address, bindTicket));
    }

    private Uni<PortalLogin> login(String token, Optional<CardToken.Parsed> card, String phoneLast4, String address,
                                   String bindTicket) {
        String cardKey = "card:" + card.map(c -> String.valueOf(c.householdId()))
                .orElse(token == null ? "" : Tokens.hash(token).substring(0, 16));
        String addressKey = "portal-ip:" + address;
        return tooManyFailures(cardKey, addressKey).flatMap(tooMany -> {
            if (tooMany) {
                return Uni.createFrom().failure(rateLimited());
            }
            if (card.isEmpty()) {
                return fail(cardKey, addressKey, invalid());
            }
            long householdId = card.get().householdId();
            return pool.preparedQuery("SELECT phone, card_version, status FROM household WHERE id = $1")
                    .execute(Tuple.of(householdId))
                    .flatMap(rows -> {
                        Row h = rows.iterator().hasNext() ? rows.iterator().next() : null;
                        if (h == null || !"ACTIVE".equals(h.getString("status")) || card.get().version() > h.getInteger("card_version")) {
                            return fail(cardKey, addressKey, invalid());
                        }
                        if (!PhoneCheck.matchesLast4(h.getString("phone"), phoneLast4)) {
                            return fail(cardKey, addressKey, invalid());
                        }
                        if (card.get().version() < h.getInteger("card_version")) {
                            return fail(cardKey, addressKey, revoked());
                        }
                        return startSession(householdId, bindTicket, card.get().version());
                    });
        });
    }

    /**
     * A new portal session for a household after a WeChat login of a bound openid: it is about the person, not
     * a card, so a card reissue leaves it alone.
     */
    public Uni<PortalLogin> startSession(long householdId, String bindTicket) {
        return startSession(householdId, bindTicket, null);
    }

    /** A new portal session; {@code cardVersion} is the card it was opened with (it ends when the card is reissued). */
    private Uni<PortalLogin> startSession(long householdId, String bindTicket, Integer cardVersion) {
        String token = Tokens.newToken();
        int days = config.sessionDays();
        return pool.withTransaction(conn -> insertSession(conn, token, householdId, days, cardVersion)
                .call(() -> bindTicket == null || bindTicket.isBlank()
                        ? Uni.createFrom().voidItem()
                        : bindings.bindPending(conn, bindTicket, householdId)))
                .map(x -> new PortalLogin(token, householdId, days * 86400));
    }

    private static Uni<Void> insertSession(SqlClient conn, String token, long householdId, int days, Integer cardVersion) {
        return conn.preparedQuery("""
                        INSERT INTO auth_session (token_hash, household_id, expires_at, card_version)
                        VALUES ($1, $2, now() + make_interval(days => $3), $4)""")
                .execute(Tuple.of(Tokens.hash(token), householdId, days, cardVersion)).replaceWithVoid();
    }

    public Uni<Void> logout(String tokenHash) {
        return pool.preparedQuery("UPDATE auth_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(tokenHash)).replaceWithVoid()
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
        return pool.preparedQuery("INSERT INTO login_failure (key) VALUES ($1)").execute(Tuple.of("portal-ip:" + address)).replaceWithVoid();
    }

    private Uni<Boolean> tooManyFailures(String cardKey, String addressKey) {
        return pool.preparedQuery("""
                        SELECT count(*) FILTER (WHERE key = $1) AS by_card, count(*) FILTER (WHERE key = $2) AS by_address
                          FROM login_failure WHERE key IN ($1, $2) AND at > now() - make_interval(mins => $3)""")
                .execute(Tuple.of(cardKey, addressKey, config.failureWindowMinutes()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getLong("by_card") >= config.maxFailures() || row.getLong("by_address") >= config.maxFailuresPerAddress();
                });
    }

    private <T> Uni<T> fail(String cardKey, String addressKey, DomainException why) {
        return pool.preparedQuery("INSERT INTO login_failure (key) VALUES ($1), ($2)")
                .execute(Tuple.of(cardKey, addressKey))
                .flatMap(x -> Uni.createFrom().failure(why));
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
