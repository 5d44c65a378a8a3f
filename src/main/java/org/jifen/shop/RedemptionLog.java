package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The redemptions of a village over a few days, newest first, with their goods and any reversal: the shop's record. */
@ApplicationScoped
public class RedemptionLog {

    public record Item(long goodsId, String name, String unit, int quantity, int pointsPrice, int points) {
    }

    /** One redemption; {@code actor} is the clerk's username, {@code actorName} their name; reversed* are null unless reversed. */
    public record Line(long id, OffsetDateTime createdAt, long householdId, String householdNumber, String headName,
                       List<Item> items, int totalPoints, int availableAfter, String actor, String actorName,
                       boolean reversed, OffsetDateTime reversedAt, String reversedBy, String reverseReason) {

        /** Time of day (China time) for the page. */
        public String time() {
            return createdAt.format(DateTimeFormatter.ofPattern("MM-dd HH:mm"));
        }
    }

    static final String LIST = """
            SELECT r.id, r.created_at, r.household_id, h.number, h.head_name, r.total_points, r.available_after, r.actor,
                   s.display_name, r.reversed_at, r.reversed_by, r.reverse_reason,
                   (SELECT json_agg(json_build_object('goodsId', g.id, 'name', g.name, 'unit', g.unit, 'quantity', i.quantity,
                                             'pointsPrice', i.points_price) ORDER BY g.name, g.id)
                      FROM redemption_item i JOIN goods g ON g.id = i.goods_id WHERE i.redemption_id = r.id) AS items
              FROM redemption r
              JOIN household h ON h.id = r.household_id
              LEFT JOIN staff s ON s.username = r.actor
             WHERE r.village_id = $1 AND r.created_at >= $2 AND r.created_at < $3
             ORDER BY r.created_at DESC, r.id DESC""";

    @Inject
    Pool pool;

    public Uni<List<Line>> list(long villageId, RedemptionRange range) {
        OffsetDateTime start = range.from().atStartOfDay(ChinaTime.ZONE).toOffsetDateTime();
        OffsetDateTime end = range.to().plusDays(1).atStartOfDay(ChinaTime.ZONE).toOffsetDateTime();
        return Sql.list(pool, LIST, Sql.args(villageId, start, end), RedemptionLog::line);
    }

    static Line line(Row r) {
        List<Item> items = new ArrayList<>();
        Object json = r.getValue("items");
        JsonArray array = json instanceof JsonArray a ? a : json == null ? new JsonArray() : new JsonArray(json.toString());
        for (int i = 0; i < array.size(); i++) {
            JsonObject it = array.getJsonObject(i);
            int quantity = it.getInteger("quantity");
            int price = it.getInteger("pointsPrice");
            items.add(new Item(it.getLong("goodsId"), it.getString("name"), it.getString("unit"), quantity, price, quantity * price));
        }
        OffsetDateTime reversedAt = china(r.getOffsetDateTime("reversed_at"));
        return new Line(r.getLong("id"), china(r.getOffsetDateTime("created_at")), r.getLong("household_id"), r.getString("number"),
                r.getString("head_name"), items, r.getInteger("total_points"), r.getInteger("available_after"), r.getString("actor"),
                r.getString("display_name"), reversedAt != null, reversedAt, r.getString("reversed_by"), r.getString("reverse_reason"));
    }

    private static OffsetDateTime china(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ChinaTime.ZONE).toOffsetDateTime();
    }
}
