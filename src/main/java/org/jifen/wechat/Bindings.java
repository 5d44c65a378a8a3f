package org.jifen.wechat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.security.Tokens;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which WeChat users (openids of the 公众号 'MP' or the mini-program 'MINI') act for which household. A first
 * WeChat login of an unknown openid leaves a short-lived pending ticket; the next successful card + phone
 * login with that ticket binds it. A household lists and removes its own bindings only.
 */
@ApplicationScoped
public class Bindings {

    public enum AppKind { MP, MINI }

    public record Binding(long id, String appKind, String openidMasked, String label, OffsetDateTime createdAt,
                          OffsetDateTime lastLoginAt) {
    }

    /** Minutes a pending WeChat login waits for its card + phone check. */
    static final int PENDING_MINUTES = 30;

    @Inject
    Pool pool;

    /** The household bound to {@code openid}, touching its last login time. */
    public Uni<Optional<Long>> householdOf(AppKind app, String openid) {
        return pool.preparedQuery("""
                        UPDATE wechat_binding b SET last_login_at = now()
                          FROM household h
                         WHERE b.app_kind = $1 AND b.openid = $2 AND h.id = b.household_id AND h.status = 'ACTIVE'
                        RETURNING b.household_id""")
                .execute(Tuple.of(app.name(), openid))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("household_id")) : Optional.empty());
    }

    /** Remembers an unbound openid; the returned ticket goes with the card + phone login that binds it. */
    public Uni<String> pending(AppKind app, String openid) {
        String ticket = Tokens.newToken();
        return pool.preparedQuery("""
                        WITH gone AS (DELETE FROM wechat_pending_bind WHERE expires_at < now())
                        INSERT INTO wechat_pending_bind (ticket_hash, app_kind, openid, expires_at)
                        VALUES ($1, $2, $3, now() + make_interval(mins => $4))""")
                .execute(Tuple.of(Tokens.hash(ticket), app.name(), openid, PENDING_MINUTES))
                .map(x -> ticket);
    }

    /**
     * Binds the openid of a pending ticket to {@code householdId}, inside the caller's transaction. An unknown or
     * expired ticket is refused (the login then fails as a whole). An openid bound elsewhere moves here:
     * the person proved the card and phone of this household.
     */
    public Uni<Void> bindPending(SqlClient tx, String ticket, long householdId) {
        return tx.preparedQuery("DELETE FROM wechat_pending_bind WHERE ticket_hash = $1 AND expires_at > now() RETURNING app_kind, openid")
                .execute(Tuple.of(Tokens.hash(ticket)))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(new DomainException(400, "wechat.bind-expired", "微信绑定已过期，请重新从微信打开"));
                    }
                    Row p = rows.iterator().next();
                    return tx.preparedQuery("""
                                    INSERT INTO wechat_binding (household_id, app_kind, openid, label)
                                    VALUES ($1, $2, $3, $4)
                                    ON CONFLICT (app_kind, openid) DO UPDATE SET household_id = EXCLUDED.household_id,
                                        created_at = now(), label = EXCLUDED.label""")
                            .execute(Tuple.of(householdId, p.getString("app_kind"), p.getString("openid"),
                                    "MINI".equals(p.getString("app_kind")) ? "微信小程序" : "微信公众号"))
                            .replaceWithVoid();
                });
    }

    public Uni<List<Binding>> list(long householdId) {
        return pool.preparedQuery("""
                        SELECT id, app_kind, openid, label, created_at, last_login_at FROM wechat_binding
                         WHERE household_id = $1 ORDER BY id""")
                .execute(Tuple.of(householdId))
                .map(rows -> {
                    List<Binding> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Binding(r.getLong("id"), r.getString("app_kind"), mask(r.getString("openid")),
                                r.getString("label"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("last_login_at")));
                    }
                    return out;
                });
    }

    /** Removes one binding of the household; another household's binding is "not found". */
    public Uni<Void> unbind(long householdId, long bindingId) {
        return pool.preparedQuery("DELETE FROM wechat_binding WHERE id = $1 AND household_id = $2")
                .execute(Tuple.of(bindingId, householdId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw DomainException.notFound("该微信绑定");
                    }
                    return null;
                });
    }

    static String mask(String openid) {
        return openid.length() <= 6 ? "***" : openid.substring(0, 3) + "***" + openid.substring(openid.length() - 3);
    }
}
