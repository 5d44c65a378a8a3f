package org.jifen.demo;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Demo goods and stock for every demo village: a small shop with batches, one expiring soon, one low. Then today
 * as a redemption day (the policy stays "every day") and about ten redemptions over a few households through the
 * real path, the database function {@code shop_redeem}: they happen today, in this month (skipped if it were
 * closed), with the fixed keys {@code demo-<village>-<n>}.
 */
@ApplicationScoped
public class ShopDemo implements DemoStep {

    static final int REDEMPTIONS = 10;

    private record Shop(String code, String clerk) {
    }

    private record Buyer(long id, int cardVersion, int available) {
    }

    private record Goods(long id, int pointsPrice) {
    }

    @Inject
    ChinaTime time;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Uni<Void> load(SqlConnection tx, DemoContext context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (long villageId : context.villageIds) {
            chain = chain.call(() -> Sql.exec(tx, """
                            WITH g AS (
                              INSERT INTO goods (village_id, name, category, unit, points_price)
                              SELECT $1, x.name, x.category, x.unit, x.price
                                FROM (VALUES ('金龙鱼食用油 5L', '粮油', '桶', 60), ('东北大米 10kg', '粮油', '袋', 50),
                                             ('立白洗衣粉 1kg', '日用品', '袋', 15), ('舒肤佳香皂', '日用品', '块', 6),
                                             ('牙膏', '日用品', '支', 8), ('毛巾', '日用品', '条', 10),
                                             ('酱油 500ml', '调味品', '瓶', 8), ('鸡蛋', '副食', '盒', 20)) AS x(name, category, unit, price)
                              RETURNING id, name)
                            INSERT INTO batch (goods_id, village_id, quantity, remaining, unit_cost_cents, expires_on, received_on)
                            SELECT g.id, $1, q, q, 500, CASE WHEN g.name LIKE '鸡蛋%' THEN $2::date + 5
                                                             WHEN g.name LIKE '酱油%' THEN $2::date + 300 END, $2::date - 20
                              FROM g, LATERAL (SELECT CASE WHEN g.name LIKE '毛巾%' THEN 3 ELSE 40 END AS q) n""",
                            Sql.args(villageId, time.today())))
                    .call(() -> redemptionDay(tx, villageId))
                    .call(() -> redemptions(tx, context, villageId));
        }
        return chain;
    }

    /** This month's redemption day: today, so that its summary counts the demo's redemptions. */
    private Uni<Integer> redemptionDay(SqlConnection tx, long villageId) {
        LocalDate today = time.today();
        String title = today.getYear() + "年" + today.getMonthValue() + "月积分兑换日";
        return Sql.exec(tx, """
                INSERT INTO redemption_day (village_id, day, title, note, created_by)
                VALUES ($1, $2, $3, '村积分超市集中兑换，请携带户卡', 'demo') ON CONFLICT DO NOTHING""", Sql.args(villageId, today, title));
    }

    private Uni<Void> redemptions(SqlConnection tx, DemoContext context, long villageId) {
        String month = time.thisMonth().toString();
        return Sql.exists(tx, "SELECT 1 FROM month_close WHERE village_id = $1 AND month = $2", Sql.args(villageId, month))
                .flatMap(closed -> {
                    if (closed) {
                        Log.infof("demo: no redemptions in village %d, %s is closed", villageId, month);
                        return Uni.createFrom().voidItem();
                    }
                    return Sql.first(tx, """
                                    SELECT lower(v.code) AS code,
                                           coalesce((SELECT s.username FROM staff s WHERE s.village_id = v.id AND s.role = 'CLERK'
                                                      ORDER BY s.id LIMIT 1), 'demo-clerk') AS clerk
                                      FROM village v WHERE v.id = $1""", Sql.args(villageId),
                                    r -> new Shop(r.getString("code"), r.getString("clerk")))
                            .flatMap(shop -> Sql.list(tx, """
                                            SELECT h.id, h.card_version, a.available FROM household h JOIN account a ON a.household_id = h.id
                                             WHERE h.village_id = $1 AND h.status = 'ACTIVE' AND a.available >= 20
                                             ORDER BY a.available DESC, h.id LIMIT 5""", Sql.args(villageId),
                                            r -> new Buyer(r.getLong("id"), r.getInteger("card_version"), r.getInteger("available")))
                                    .flatMap(buyers -> Sql.list(tx, """
                                                    SELECT g.id, g.points_price FROM goods g JOIN batch b ON b.goods_id = g.id
                                                     WHERE g.village_id = $1 AND g.active GROUP BY g.id, g.points_price
                                                    HAVING sum(b.remaining) >= 10 ORDER BY g.id""", Sql.args(villageId),
                                                    r -> new Goods(r.getLong("id"), r.getInteger("points_price")))
                                            .flatMap(goods -> redeemAll(tx, context, villageId, shop, buyers, goods, month))));
                });
    }

    private Uni<Void> redeemAll(SqlConnection tx, DemoContext context, long villageId, Shop shop, List<Buyer> buyers,
                                List<Goods> goods, String month) {
        if (buyers.isEmpty() || goods.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = time.today();
        int[] left = buyers.stream().mapToInt(Buyer::available).toArray();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int n = 1; n <= REDEMPTIONS; n++) {
            int h = (n - 1) % buyers.size();
            List<Long> ids = new ArrayList<>();
            int total = 0;
            List<Goods> shuffled = new ArrayList<>(goods);
            Collections.shuffle(shuffled, context.random);
            int visitsLeft = (REDEMPTIONS - n) / buyers.size() + 1;
            int budget = Math.max(left[h] / visitsLeft, Math.min(left[h], 10));
            for (Goods g : shuffled) {
                if (ids.size() < 2 && total + g.pointsPrice() <= budget) {
                    ids.add(g.id());
                    total += g.pointsPrice();
                }
            }
            if (total == 0) {
                continue;
            }
            left[h] -= total;
            Buyer buyer = buyers.get(h);
            String key = "demo-" + shop.code() + "-" + n;
            Integer[] quantities = Collections.nCopies(ids.size(), 1).toArray(Integer[]::new);
            chain = chain.call(() -> Sql.first(tx, """
                            SELECT outcome FROM shop_redeem($1, $2, $3, $4, $5, $6, $7, $8, $9::bigint, $10)""",
                            Sql.args(buyer.id(), buyer.cardVersion(), key, ids.toArray(Long[]::new), quantities, today, month,
                                    shop.clerk(), null, villageId), r -> r.getString("outcome"))
                    .invoke(outcome -> {
                        if (!"created".equals(outcome) && !"replayed".equals(outcome)) {
                            Log.warnf("demo: redemption %s refused: %s", key, outcome);
                        }
                    }));
        }
        return chain;
    }
}
