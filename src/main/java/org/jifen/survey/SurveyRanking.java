package org.jifen.survey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.util.List;

/**
 * A village's needs in one quarter (调研排行): the goods most wished for and the needs heard, next to what the shop
 * stocks and redeemed in that quarter.
 * <ul>
 *   <li>Wished goods come from the goods recorded at visits dated in the quarter and from the portal wishes made in the
 *   quarter and not withdrawn. Each is counted once per household: a household that wished the same thing at a visit
 *   and on the portal counts once. A typed text equal to the name of one of the village's goods counts as that goods;
 *   other texts are grouped by their trimmed, lower-cased form.</li>
 *   <li>Stock is what can still be redeemed (unexpired batches); redeemed is the quantity of redemptions of the
 *   quarter's months that were not reversed.</li>
 * </ul>
 */
@ApplicationScoped
public class SurveyRanking {

    /** One wished thing: a goods of the shop ({@code goodsId}, with its stock) or a text the shop has no goods for. */
    public record Wanted(Long goodsId, String name, String unit, Integer pointsPrice, long households, long byVisit, long byPortal,
                         Long stock, Long redeemed) {

        public boolean inShop() {
            return goodsId != null;
        }
    }

    /** A need heard at a visit of the quarter. */
    public record Need(long visitId, LocalDate visitedOn, long householdId, String number, String headName, String text) {
    }

    /** A goods of the shop with its stock, what was redeemed in the quarter and how many households wished it. */
    public record Stocked(long goodsId, String name, String unit, int pointsPrice, long stock, long redeemed, long households) {
    }

    public record Ranking(long villageId, String quarter, LocalDate from, LocalDate to, List<Wanted> wanted, List<Need> needs,
                          List<Stocked> shop) {
    }

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    private static final String WANTED = """
            WITH wished AS (
                SELECT s.household_id, w.goods_id, w.text, 'visit' AS source
                  FROM survey_visit s JOIN survey_visit_goods w ON w.visit_id = s.id
                 WHERE s.village_id = $1 AND s.visited_on BETWEEN $2 AND $3
                UNION ALL
                SELECT w.household_id, w.goods_id, w.text, 'portal'
                  FROM survey_wish w
                 WHERE w.village_id = $1 AND w.withdrawn_at IS NULL
                   AND (w.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2 AND $3
            ), keyed AS (
                SELECT x.household_id, x.source, x.text,
                       coalesce(x.goods_id, (SELECT min(g.id) FROM goods g
                                              WHERE g.village_id = $1 AND lower(g.name) = lower(btrim(x.text)))) AS goods_id
                  FROM wished x
            ), counted AS (
                SELECT k.goods_id, CASE WHEN k.goods_id IS NULL THEN lower(btrim(k.text)) END AS key, min(btrim(k.text)) AS text,
                       count(DISTINCT k.household_id) AS households,
                       count(DISTINCT k.household_id) FILTER (WHERE k.source = 'visit') AS by_visit,
                       count(DISTINCT k.household_id) FILTER (WHERE k.source = 'portal') AS by_portal
                  FROM keyed k
                 GROUP BY 1, 2
            )
            SELECT c.goods_id, coalesce(g.name, c.text) AS name, g.unit, g.points_price, c.households, c.by_visit, c.by_portal,
                   CASE WHEN g.id IS NOT NULL THEN
                       (SELECT coalesce(sum(b.remaining), 0) FROM batch b
                         WHERE b.goods_id = g.id AND b.remaining > 0 AND (b.expires_on IS NULL OR b.expires_on >= $4)) END AS stock,
                   CASE WHEN g.id IS NOT NULL THEN
                       (SELECT coalesce(sum(i.quantity), 0) FROM redemption_item i JOIN redemption r ON r.id = i.redemption_id
                         WHERE i.goods_id = g.id AND r.village_id = $1 AND r.reversed_at IS NULL AND r.month BETWEEN $5 AND $6) END AS redeemed
              FROM counted c LEFT JOIN goods g ON g.id = c.goods_id
             ORDER BY c.households DESC, c.by_visit DESC, name""";

    private static final String NEEDS = """
            SELECT s.id, s.visited_on, s.household_id, h.number, h.head_name, s.needs_heard
              FROM survey_visit s JOIN household h ON h.id = s.household_id
             WHERE s.village_id = $1 AND s.visited_on BETWEEN $2 AND $3 AND s.needs_heard IS NOT NULL
             ORDER BY s.visited_on DESC, s.id DESC""";

    private static final String SHOP = """
            SELECT g.id, g.name, g.unit, g.points_price,
                   (SELECT coalesce(sum(b.remaining), 0) FROM batch b
                     WHERE b.goods_id = g.id AND b.remaining > 0 AND (b.expires_on IS NULL OR b.expires_on >= $2)) AS stock,
                   (SELECT coalesce(sum(i.quantity), 0) FROM redemption_item i JOIN redemption r ON r.id = i.redemption_id
                     WHERE i.goods_id = g.id AND r.village_id = $1 AND r.reversed_at IS NULL AND r.month BETWEEN $3 AND $4) AS redeemed
              FROM goods g WHERE g.village_id = $1 AND g.active
             ORDER BY redeemed DESC, g.name""";

    public Uni<Ranking> of(long villageId, SurveyRules.Quarter q) {
        LocalDate today = time.today();
        Uni<List<Wanted>> wanted = Sql.list(pool, WANTED, Sql.args(villageId, q.from(), q.to(), today, q.firstMonth(), q.lastMonth()),
                r -> new Wanted(r.getLong("goods_id"), r.getString("name"), r.getString("unit"), r.getInteger("points_price"),
                        r.getLong("households"), r.getLong("by_visit"), r.getLong("by_portal"), r.getLong("stock"), r.getLong("redeemed")));
        Uni<List<Need>> needs = Sql.list(pool, NEEDS, Sql.args(villageId, q.from(), q.to()),
                r -> new Need(r.getLong("id"), r.getLocalDate("visited_on"), r.getLong("household_id"), r.getString("number"),
                        r.getString("head_name"), r.getString("needs_heard")));
        Uni<List<Stocked>> shop = Sql.list(pool, SHOP, Sql.args(villageId, today, q.firstMonth(), q.lastMonth()),
                r -> new Stocked(r.getLong("id"), r.getString("name"), r.getString("unit"), r.getInteger("points_price"),
                        r.getLong("stock"), r.getLong("redeemed"), 0));
        return Uni.combine().all().unis(wanted, needs, shop).asTuple().map(t -> {
            List<Stocked> withWishes = t.getItem3().stream().map(s -> new Stocked(s.goodsId(), s.name(), s.unit(), s.pointsPrice(),
                    s.stock(), s.redeemed(), t.getItem1().stream().filter(w -> w.goodsId() != null && w.goodsId() == s.goodsId())
                    .mapToLong(Wanted::households).sum())).toList();
            return new Ranking(villageId, q.toString(), q.from(), q.to(), t.getItem1(), t.getItem2(), withWishes);
        });
    }
}
