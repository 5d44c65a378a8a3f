package org.jifen.wechat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;

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
 * <p>For the lead: notice publishing and "redemption day is near" call {@link #announceToVillage}; the points
 * postings are picked up by {@link PostingScanner} without any call.
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
        if (!routes.anySends(template)) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery(INSERT_FOR_HOUSEHOLD)
                .execute(Tuple.from(parameters(householdId, kind, template, new JsonObject(data).encode(), dedupKey)))
                .map(rows -> rows.rowCount());
    }

    /** As {@link #enqueue(SqlClient, long, String, MessageRoutes.Template, Map, String)} inside the current Hibernate Reactive transaction. */
    public Uni<Integer> enqueue(long householdId, String kind, MessageRoutes.Template template, Map<String, Object> data,
                                String dedupKey) {
        return inSession(INSERT_FOR_HOUSEHOLD, householdId, kind, template, data, dedupKey);
    }

    /**
     * Tells every bound household of a village about a published notice or a coming redemption day, with the
     * announcement template of each app (thing1 title, thing2 detail, time3 date), inside the current Hibernate
     * Reactive transaction. Example: {@code announceToVillage(villageId, "notice", "第一季度积分公示",
     * "公示至4月20日，请查看", "notice:" + noticeId)}.
     */
    public Uni<Integer> announceToVillage(long villageId, String kind, String title, String detail, String dedupKey) {
        return inSession(INSERT_FOR_VILLAGE, villageId, kind, MessageRoutes.Template.ANNOUNCEMENT, announcement(title, detail),
                dedupKey);
    }

    /** As {@link #announceToVillage(long, String, String, String, String)}, on {@code tx} (a connection of the Pool). */
    public Uni<Integer> announceToVillage(SqlClient tx, long villageId, String kind, String title, String detail, String dedupKey) {
        if (!routes.anySends(MessageRoutes.Template.ANNOUNCEMENT)) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery(INSERT_FOR_VILLAGE)
                .execute(Tuple.from(parameters(villageId, kind, MessageRoutes.Template.ANNOUNCEMENT,
                        new JsonObject(announcement(title, detail)).encode(), dedupKey)))
                .map(rows -> rows.rowCount());
    }

    private Map<String, Object> announcement(String title, String detail) {
        return Map.of(
                "thing1", Map.of("value", WeChatText.thing(title)),
                "thing2", Map.of("value", WeChatText.thing(detail)),
                "time3", Map.of("value", time.today().format(DAY)));
    }

    /**
     * The parameters of the INSERTs; {@code data} is the JSON text, read as text and cast in SQL (a parameter typed
     * jsonb would take a Java String as one JSON string, and the sender could not read the message).
     */
    private Object[] parameters(long id, String kind, MessageRoutes.Template template, String data, String dedupKey) {
        Object[] route = routes.parameters(template);
        Object[] p = new Object[4 + route.length];
        p[0] = id;
        p[1] = kind;
        p[2] = data;
        p[3] = dedupKey;
        System.arraycopy(route, 0, p, 4, route.length);
        return p;
    }

    private Uni<Integer> inSession(String sql, long id, String kind, MessageRoutes.Template template, Map<String, Object> data,
                                   String dedupKey) {
        if (!routes.anySends(template)) {
            return Uni.createFrom().item(0);
        }
        // Hibernate's native queries take ?n parameters; the SQL is written for the Pool ($n).
        String hql = sql.replaceAll("\\$(\\d+)", "?$1");
        Object[] p = parameters(id, kind, template, new JsonObject(data).encode(), dedupKey);
        return Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(hql);
            for (int i = 0; i < p.length; i++) {
                query.setParameter(i + 1, p[i]);
            }
            return query.executeUpdate();
        });
    }
}
