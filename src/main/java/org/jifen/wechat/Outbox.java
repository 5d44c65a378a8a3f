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
 * {@code dedupKey} makes a repeat harmless (one message per key and bound user). Nothing is queued while no
 * WeChat app or template is configured.
 *
 * <p>For the lead: notice publishing and "redemption day is near" call {@link #announceToVillage}; the points
 * postings are picked up by {@link PostingScanner} without any call.
 */
@ApplicationScoped
public class Outbox {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    static final String INSERT_FOR_HOUSEHOLD = """
            INSERT INTO wechat_outbox (household_id, binding_id, openid, kind, template_id, page, data, dedup_key)
            SELECT b.household_id, b.id, b.openid, $2, $3, $4, CAST($5 AS jsonb), $6 || ':' || b.id
              FROM wechat_binding b WHERE b.household_id = $1 AND b.app_kind = $7
            ON CONFLICT (dedup_key) DO NOTHING""";

    static final String INSERT_FOR_VILLAGE = """
            INSERT INTO wechat_outbox (household_id, binding_id, openid, kind, template_id, page, data, dedup_key)
            SELECT b.household_id, b.id, b.openid, $2, $3, $4, CAST($5 AS jsonb), $6 || ':' || b.id
              FROM wechat_binding b JOIN household h ON h.id = b.household_id AND h.status = 'ACTIVE'
             WHERE h.village_id = $1 AND b.app_kind = $7
            ON CONFLICT (dedup_key) DO NOTHING""";

    @Inject
    WeChatConfig config;

    @Inject
    ChinaTime time;

    /** The bound users messages go to: the mini-program's when it is configured, else the 公众号's. */
    String targetApp() {
        return config.miniConfigured() ? "MINI" : config.mpConfigured() ? "MP" : null;
    }

    /**
     * Queues a message for every WeChat user bound to {@code householdId}, on {@code tx} (a connection or
     * transaction of the reactive {@code Pool}). {@code data} is the template's data ({@code {"thing1":{"value":..}}}).
     * Answers how many messages were queued.
     */
    public Uni<Integer> enqueue(SqlClient tx, long householdId, String kind, String templateId, Map<String, Object> data,
                                String dedupKey) {
        String app = targetApp();
        if (app == null || templateId == null || templateId.isBlank()) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery(INSERT_FOR_HOUSEHOLD)
                .execute(Tuple.from(new Object[]{householdId, kind, templateId, config.mini().page(), new JsonObject(data), dedupKey, app}))
                .map(rows -> rows.rowCount());
    }

    /** As {@link #enqueue(SqlClient, long, String, String, Map, String)} inside the current Hibernate Reactive transaction. */
    public Uni<Integer> enqueue(long householdId, String kind, String templateId, Map<String, Object> data, String dedupKey) {
        return inSession(INSERT_FOR_HOUSEHOLD, householdId, kind, templateId, data, dedupKey);
    }

    /**
     * Tells every bound household of a village about a published notice or a coming redemption day, with the
     * {@code jifen.wechat.templates.announcement} template (thing1 title, thing2 detail, time3 date), inside the
     * current Hibernate Reactive transaction. Example: {@code announceToVillage(villageId, "notice", "第一季度积分公示",
     * "公示至4月20日，请查看", "notice:" + noticeId)}.
     */
    public Uni<Integer> announceToVillage(long villageId, String kind, String title, String detail, String dedupKey) {
        Map<String, Object> data = Map.of(
                "thing1", Map.of("value", WeChatText.thing(title)),
                "thing2", Map.of("value", WeChatText.thing(detail)),
                "time3", Map.of("value", time.today().format(DAY)));
        return inSession(INSERT_FOR_VILLAGE, villageId, kind, config.templates().announcement().orElse(null), data, dedupKey);
    }

    private Uni<Integer> inSession(String sql, long id, String kind, String templateId, Map<String, Object> data, String dedupKey) {
        String app = targetApp();
        if (app == null || templateId == null || templateId.isBlank()) {
            return Uni.createFrom().item(0);
        }
        // Hibernate's native queries take ?n parameters; the SQL is written for the Pool ($n).
        String hql = sql.replaceAll("\\$(\\d)", "?$1");
        return Panache.getSession().flatMap(s -> s.createNativeQuery(hql)
                .setParameter(1, id).setParameter(2, kind).setParameter(3, templateId).setParameter(4, config.mini().page())
                .setParameter(5, new JsonObject(data).encode()).setParameter(6, dedupKey).setParameter(7, app)
                .executeUpdate());
    }
}
