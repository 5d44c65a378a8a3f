package org.jifen.wechat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.PortalSessions;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.common.security.Tokens;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which WeChat users (openids of the 公众号 'MP' or the mini-program 'MINI') act for which household. A first
 * WeChat login of an unknown openid leaves a short-lived pending ticket; the next successful card + phone
 * login with that ticket binds it. A household lists and removes its own bindings; staff of its village can too.
 * A portal session opened through a binding ends when the binding is removed or moves to another household
 * ({@link PortalSessions}).
 */
@ApplicationScoped
public class Bindings {

    public enum AppKind { MP, MINI }

    public record Binding(long id, String appKind, String openidMasked, String label, OffsetDateTime createdAt,
                          OffsetDateTime lastLoginAt) {
    }

    /** A bound openid that logs in: its household and binding. */
    public record BoundLogin(long householdId, long bindingId) {
    }

    /** A pending ticket bound: the binding, and the sessions it had for another household (now revoked). */
    public record Bound(long bindingId, List<String> endedSessions) {
    }

    /** Minutes a pending WeChat login waits for its card + phone check. */
    static final int PENDING_MINUTES = 30;

    @Inject
    Pool pool;

    @Inject
    PortalSessions sessions;

    @Inject
    Audit audit;

    /**
     * Inside the caller's transaction (the one that opens the session): the household and binding of {@code openid},
     * touching its last login time. The binding's row stays locked until that transaction ends, so a removal or move
     * of the binding waits for the new session and then ends it too.
     */
    public Uni<Optional<BoundLogin>> loginOf(SqlClient tx, AppKind app, String openid) {
        return Sql.first(tx, """
                        UPDATE wechat_binding b SET last_login_at = now()
                          FROM household h
                         WHERE b.app_kind = $1 AND b.openid = $2 AND h.id = b.household_id AND h.status = 'ACTIVE'
                        RETURNING b.household_id, b.id""",
                Sql.args(app.name(), openid), r -> new BoundLogin(r.getLong("household_id"), r.getLong("id")))
                .map(Optional::ofNullable);
    }

    /** Remembers an unbound openid; the returned ticket goes with the card + phone login that binds it. */
    public Uni<String> pending(AppKind app, String openid) {
        String ticket = Tokens.newToken();
        return Sql.exec(pool, """
                        WITH gone AS (DELETE FROM wechat_pending_bind WHERE expires_at < now())
                        INSERT INTO wechat_pending_bind (ticket_hash, app_kind, openid, expires_at)
                        VALUES ($1, $2, $3, now() + make_interval(mins => $4))""",
                Sql.args(Tokens.hash(ticket), app.name(), openid, PENDING_MINUTES))
                .map(x -> ticket);
    }

    /**
     * Binds the openid of a pending ticket to {@code householdId}, inside the caller's transaction. An unknown or
     * expired ticket is refused (the login then fails as a whole). An openid bound elsewhere moves here:
     * the person proved the card and phone of this household; the sessions it had opened for the other household
     * are revoked (their hashes come back in {@link Bound#endedSessions()}, to forget after the commit) and its
     * unsent messages about the other household are skipped.
     */
    public Uni<Bound> bindPending(SqlClient tx, String ticket, long householdId) {
        return Sql.first(tx, "DELETE FROM wechat_pending_bind WHERE ticket_hash = $1 AND expires_at > now() RETURNING app_kind, openid",
                        Sql.args(Tokens.hash(ticket)), r -> new Pending(r.getString("app_kind"), r.getString("openid")))
                .onItem().ifNull().failWith(() -> new DomainException(400, "wechat.bind-expired", "微信绑定已过期，请重新从微信打开"))
                .flatMap(p -> Sql.first(tx, """
                                INSERT INTO wechat_binding (household_id, app_kind, openid, label)
                                VALUES ($1, $2, $3, $4)
                                ON CONFLICT (app_kind, openid) DO UPDATE SET household_id = EXCLUDED.household_id,
                                    created_at = now(), label = EXCLUDED.label
                                RETURNING id""",
                        Sql.args(householdId, p.appKind(), p.openid(), "MINI".equals(p.appKind()) ? "微信小程序" : "微信公众号"),
                        r -> r.getLong("id")))
                .flatMap(bindingId -> sessions.revokeBindingElsewhere(tx, bindingId, householdId)
                        .call(x -> skipMessages(tx, bindingId, householdId))
                        .map(ended -> new Bound(bindingId, ended)));
    }

    public Uni<List<Binding>> list(long householdId) {
        return Sql.list(pool, """
                        SELECT id, app_kind, openid, label, created_at, last_login_at FROM wechat_binding
                         WHERE household_id = $1 ORDER BY id""",
                Sql.args(householdId), r -> new Binding(r.getLong("id"), r.getString("app_kind"), mask(r.getString("openid")),
                        r.getString("label"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("last_login_at")));
    }

    /**
     * The household removes one of its bindings: the binding is deleted, the sessions that came from it end (also
     * in this instance's session cache) and its unsent messages are skipped. Another household's binding is "not found".
     */
    public Uni<Void> unbind(long householdId, long bindingId) {
        return unbind("household:" + householdId, householdId, bindingId);
    }

    /**
     * Staff remove a binding of a household (e.g. a stranger who bound WeChat with a lost card): as {@link #unbind}.
     * Either way an audit row on the household records it ({@code unbind-wechat}, the masked openid before, the ended
     * sessions after), with the staff member or the household itself as the actor.
     */
    public Uni<Void> unbind(StaffPrincipal actor, long householdId, long bindingId) {
        return unbind(actor.username(), householdId, bindingId);
    }

    private Uni<Void> unbind(String actor, long householdId, long bindingId) {
        List<String> ended = new ArrayList<>();
        return pool.withTransaction(tx -> remove(tx, householdId, bindingId)
                        .invoke(r -> ended.addAll(r.endedSessions()))
                        .flatMap(r -> audit.record(tx, actor, r.townId(), r.villageId(), "unbind-wechat",
                                "household", householdId, new RemovedImage(bindingId, r.appKind(), mask(r.openid()), r.label()),
                                Map.of("endedSessions", r.endedSessions().size()))))
                .call(() -> sessions.forget(ended))
                .replaceWithVoid();
    }

    private record Removed(long villageId, long townId, String appKind, String openid, String label,
                           List<String> endedSessions) {

        Removed ending(List<String> sessions) {
            return new Removed(villageId, townId, appKind, openid, label, sessions);
        }
    }

    /** The audit image of a removed binding (openid masked). */
    private record RemovedImage(long bindingId, String appKind, String openid, String label) {
    }

    private record Pending(String appKind, String openid) {
    }

    private Uni<Removed> remove(SqlClient tx, long householdId, long bindingId) {
        return Sql.one(tx, """
                        DELETE FROM wechat_binding b USING household h, village v
                         WHERE b.id = $1 AND b.household_id = $2 AND h.id = b.household_id AND v.id = h.village_id
                        RETURNING b.app_kind, b.openid, b.label, h.village_id, v.town_id""",
                Sql.args(bindingId, householdId), "该微信绑定",
                r -> new Removed(r.getLong("village_id"), r.getLong("town_id"), r.getString("app_kind"), r.getString("openid"),
                        r.getString("label"), List.of()))
                .flatMap(r -> sessions.revokeBinding(tx, bindingId)
                        .call(x -> skipMessages(tx, bindingId, null))
                        .map(r::ending));
    }

    /**
     * Unsent messages of a binding (all, or those about another household than {@code keepHouseholdId}) are not
     * sent any more. Rows the sender holds right now are left to it (SKIP LOCKED: never wait for a WeChat call).
     */
    private static Uni<Void> skipMessages(SqlClient tx, long bindingId, Long keepHouseholdId) {
        return Sql.exec(tx, """
                        UPDATE wechat_outbox SET status = 'SKIPPED', last_error = 'binding removed'
                         WHERE id IN (SELECT id FROM wechat_outbox
                                       WHERE binding_id = $1 AND status = 'PENDING'
                                         AND ($2::bigint IS NULL OR household_id <> $2)
                                       FOR UPDATE SKIP LOCKED)""",
                Sql.args(bindingId, keepHouseholdId))
                .replaceWithVoid();
    }

    static String mask(String openid) {
        return openid.length() <= 6 ? "***" : openid.substring(0, 3) + "***" + openid.substring(openid.length() - 3);
    }
}
