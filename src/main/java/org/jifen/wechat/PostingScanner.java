package org.jifen.wechat;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

/**
 * Turns new ledger postings into "points changed" messages for bound households, without touching the code
 * that writes postings (EARN, BONUS = a closed month's bonus, ADJUST, REDEEM, REFUND). Postings after the stored
 * cursor are looked at on every run until they are older than the settle time, then the cursor moves past them:
 * a transaction that commits a lower posting id late is still seen, and the outbox's dedup key
 * ({@code posting:<id>:<binding>}) keeps every message single. Only postings made after the user bound
 * WeChat are announced, through the app the user bound with ({@link MessageRoutes}). One replica scans at a time (the cursor row is locked, others skip).
 */
@ApplicationScoped
public class PostingScanner {

    static final String ENQUEUE = """
            INSERT INTO wechat_outbox (household_id, binding_id, app_kind, openid, kind, template_id, page, data, dedup_key,
                                       status, last_error)
            SELECT p.household_id, b.id, b.app_kind, b.openid, 'posting:' || p.type, r.template_id, r.page,
                   jsonb_build_object(
                     'thing1', jsonb_build_object('value', CASE p.type
                         WHEN 'EARN' THEN '好事登记加分'
                         WHEN 'BONUS' THEN substr(p.month, 6, 2)::int || '月评比奖励加分'
                         WHEN 'ADJUST' THEN '积分调整'
                         WHEN 'REDEEM' THEN '积分兑换商品'
                         WHEN 'REFUND' THEN '兑换退回积分' END),
                     'character_string2', jsonb_build_object('value', CASE WHEN p.points > 0 THEN '+' ELSE '' END || p.points),
                     'number3', jsonb_build_object('value', coalesce(a.available, 0)),
                     'time4', jsonb_build_object('value', to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'))),
                   'posting:' || p.id || ':' || b.id,
                   CASE WHEN r.template_id IS NULL THEN 'SKIPPED' ELSE 'PENDING' END, r.skipped
              FROM posting p
              JOIN wechat_binding b ON b.household_id = p.household_id AND b.created_at <= p.created_at
              JOIN %s ON r.app_kind = b.app_kind
              LEFT JOIN account a ON a.household_id = p.household_id
             WHERE p.id > $1
             ORDER BY p.id
            ON CONFLICT (dedup_key) DO NOTHING""".formatted(MessageRoutes.routesTable(2));

    @Inject
    Pool pool;

    @Inject
    MessageRoutes routes;

    @Inject
    WeChatConfig config;

    @Scheduled(every = "${jifen.wechat.scan.every:15s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return scan().onFailure().invoke(e -> Log.warnf("wechat posting scan failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run; answers how many messages were queued. */
    public Uni<Integer> scan() {
        boolean on = routes.anySends(MessageRoutes.Template.POINTS_CHANGED);
        long settleSeconds = config.scan().settle().toSeconds();
        return pool.withTransaction(tx -> Sql.first(tx, "SELECT last_id FROM wechat_scan_cursor WHERE name = 'posting' FOR UPDATE SKIP LOCKED",
                        Sql.args(), r -> r.getLong("last_id"))
                .flatMap(cursor -> {
                    if (cursor == null) {
                        return Uni.createFrom().item(0);
                    }
                    Uni<Integer> queued = !on ? Uni.createFrom().item(0) : Sql.exec(tx, ENQUEUE, parameters(cursor));
                    return queued.call(() -> Sql.exec(tx, """
                                    UPDATE wechat_scan_cursor SET last_id = coalesce((SELECT max(id) FROM posting
                                        WHERE id > $1 AND created_at < now() - make_interval(secs => $2)), last_id)
                                     WHERE name = 'posting'""",
                            Sql.args(cursor, (double) settleSeconds)));
                }));
    }

    private Tuple parameters(long cursor) {
        Tuple t = Sql.args(cursor);
        for (Object p : routes.parameters(MessageRoutes.Template.POINTS_CHANGED)) {
            t.addValue(p);
        }
        return t;
    }
}
