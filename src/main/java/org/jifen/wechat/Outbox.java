package org.jifen.wechat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;

import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Queues WeChat subscribe messages for the users bound to a household (or to every household of a village).
 * Call it inside the transaction of whatever caused the message: the rows commit or roll back with it, and the
 * scheduled {@link OutboxSender} delivers them later, so a WeChat outage never blocks or undoes points work.
 * Every bound user gets the message through the app it bound with ({@link MessageRoutes}): the 公众号's users
 * with the 公众号's template, the mini-program's with the mini-program's. A user whose app cannot send it (not
 * configured, no template) gets a SKIPPED row, never sent. {@code dedupKey} makes a repeat harmless (one message
 * per key and bound user). Nothing is queued while no app has a template for the message.
 *
 * <p>Notice publishing and "redemption day is near" call {@link #announceToVillage}; the points postings are
 * picked up by {@link PostingScanner} without any call.
 */
@ApplicationScoped
public class Outbox {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private static final String INSERT = """
            INSERT INTO wechat_outbox (household_id, binding_id, app_kind, openid, kind, template_id, page, data, dedup_key,
                                       status, last_error)
            SELECT b.household_id, b.id, b.app_kind, b.openid, $2, r.template_id, r.page, CAST(CAST($3 AS text) AS jsonb), $4 || ':' || b.id,
                   CASE WHEN r.template_id IS NULL THEN 'SKIPPED' ELSE 'PENDING' END, r.skipped
            """;

    static final String INSERT_FOR_HOUSEHOLD = INSERT + """
              FROM wechat_binding b JOIN %s ON r.app_kind = b.app_kind
             WHERE b.household_id = $1
            ON CONFLICT (dedup_key) DO NOTHING""".formatted(MessageRoutes.routesTable(5));

    static final String INSERT_FOR_VILLAGE = INSERT + """
              FROM wechat_binding b JOIN %s ON r.app_kind = b.app_kind
              JOIN household h ON h.id = b.household_id AND h.status = 'ACTIVE'
             WHERE h.village_id = $1
            ON CONFLICT (dedup_key) DO NOTHING""".formatted(MessageRoutes.routesTable(5));

    @Inject
    MessageRoutes routes;

    @Inject
    ChinaTime time;

    /**
     * Queues a message for every WeChat user bound to {@code householdId}, on {@code tx} (a connection or
     * transaction of the reactive {@code Pool}). {@code data} is the template's data ({@code {"thing1":{"value":..}}}).
     * Answers how many rows were queued (skipped ones included).
     */
    public Uni<Integer> enqueue(SqlClient tx, long householdId, String kind, MessageRoutes.Template template,
                                Map<String, Object> data, String dedupKey) {
        return insert(tx, INSERT_FOR_HOUSEHOLD, householdId, kind, template, data, dedupKey);
    }

    /**
     * Tells every bound household of a village about a published notice or a coming redemption day, with the
     * announcement template of each app (thing1 title, thing2 detail, time3 date), on {@code tx}. Example:
     * {@code announceToVillage(tx, villageId, "notice", "第一季度积分公示", "公示至4月20日，请查看", "notice:" + noticeId)}.
     */
    public Uni<Integer> announceToVillage(SqlClient tx, long villageId, String kind, String title, String detail, String dedupKey) {
        return insert(tx, INSERT_FOR_VILLAGE, villageId, kind, MessageRoutes.Template.ANNOUNCEMENT, announcement(title, detail), dedupKey);
    }

    private Map<String, Object> announcement(String title, String detail) {
        return Map.of(
                "thing1", Map.of("value", WeChatText.thing(title)),
                "thing2", Map.of("value", WeChatText.thing(detail)),
                "time3", Map.of("value", time.today().format(DAY)));
    }

    private Uni<Integer> insert(SqlClient tx, String sql, long id, String kind, MessageRoutes.Template template,
                                Map<String, Object> data, String dedupKey) {
        if (!routes.anySends(template)) {
            return Uni.createFrom().item(0);
        }
        return Sql.exec(tx, sql, Sql.args(parameters(id, kind, template, data, dedupKey)));
    }

    /**
     * The parameters of the INSERTs; {@code data} goes as JSON text, cast in SQL (a parameter typed jsonb would take
     * a Java String as one JSON string, and the sender could not read the message).
     */
    private Object[] parameters(long id, String kind, MessageRoutes.Template template, Map<String, Object> data, String dedupKey) {
        Object[] route = routes.parameters(template);
        Object[] p = new Object[4 + route.length];
        p[0] = id;
        p[1] = kind;
        p[2] = new JsonObject(data).encode();
        p[3] = dedupKey;
        System.arraycopy(route, 0, p, 4, route.length);
        return p;
    }
}
