package org.jifen.shop;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.demo.DemoContext;
import org.jifen.demo.DemoStep;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

import static org.jifen.points.PointsSql.*;

/**
 * Demo goods and stock for every demo village: a small shop with batches, one expiring soon, one low. Then today
 * as a redemption day (the policy stays "every day") and about ten redemptions over a few households through the
 * real path, the database function {@code shop_redeem}: they happen today, in this month (skipped if it were
 * closed), with the fixed keys {@code demo-<village>-<n>}.
 */
@ApplicationScoped
public class ShopDemo implements DemoStep {

    @Inject
    ChinaTime time;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Uni<Void> load(DemoContext context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (long villageId : context.villageIds) {
            chain = chain.call(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                    WITH g AS (
                      INSERT INTO goods (village_id, name, category, unit, points_price)
                      SELECT ?1, x.name, x.category, x.unit, x.price
                        FROM (VALUES ('金龙鱼食用油 5L', '粮油', '桶', 60), ('东北大米 10kg', '粮油', '袋', 50),
                                     ('立白洗衣粉 1kg', '日用品', '袋', 15), ('舒肤佳香皂', '日用品', '块', 6),
                                     ('牙膏', '日用品', '支', 8), ('毛巾', '日用品', '条', 10),
                                     ('酱油 500ml', '调味品', '瓶', 8), ('鸡蛋', '副食', '盒', 20)) AS x(name, category, unit, price)
                      RETURNING id, name)
                    INSERT INTO batch (goods_id, village_id, quantity, remaining, unit_cost_cents, expires_on, received_on)
                    SELECT g.id, ?1, q, q, 500, CASE WHEN g.name LIKE '鸡蛋%' THEN CAST(?2 AS date) + 5
                                                     WHEN g.name LIKE '酱油%' THEN CAST(?2 AS date) + 300 END, CAST(?2 AS date) - 20
                      FROM g, LATERAL (SELECT CASE WHEN g.name LIKE '毛巾%' THEN 3 ELSE 40 END AS q) n""")
                    .setParameter(1, villageId).setParameter(2, time.today()).executeUpdate()).replaceWithVoid())
                    .call(() -> redemptionDay(villageId))
                    .call(() -> redemptions(context, villageId));
        }
        return chain;
    }

    static final int REDEMPTIONS = 10;

    /** This month's redemption day: today, so that its summary counts the demo's redemptions. */
    private Uni<Void> redemptionDay(long villageId) {
        LocalDate today = time.today();
        String title = today.getYear() + "年" + today.getMonthValue() + "月积分兑换日";
        return exec("""
                INSERT INTO redemption_day (village_id, day, title, note, created_by)
                VALUES (?1, ?2, ?3, '村积分超市集中兑换，请携带户卡', 'demo') ON CONFLICT DO NOTHING""", villageId, today, title)
                .replaceWithVoid();
    }

    private Uni<Void> redemptions(DemoContext context, long villageId) {
        LocalDate today = time.today();
        String month = time.thisMonth().toString();
        return monthClosed(villageId, month).flatMap(closed -> {
            if (closed) {
                Log.infof("demo: no redemptions in village %d, %s is closed", villageId, month);
                return Uni.createFrom().voidItem();
            }
            return one("""
                    SELECT lower(v.code), coalesce((SELECT s.username FROM staff s WHERE s.village_id = v.id AND s.role = 'CLERK'
                                                    ORDER BY s.id LIMIT 1), 'demo-clerk')
                      FROM village v WHERE v.id = ?1""", villageId)
                    .flatMap(v -> rows("""
                            SELECT h.id, h.card_version, a.available FROM household h JOIN account a ON a.household_id = h.id
                             WHERE h.village_id = ?1 AND h.status = 'ACTIVE' AND a.available >= 20
                             ORDER BY a.available DESC, h.id LIMIT 5""", villageId)
                            .flatMap(households -> rows("""
                                    SELECT g.id, g.points_price FROM goods g JOIN batch b ON b.goods_id = g.id
                                     WHERE g.village_id = ?1 AND g.active GROUP BY g.id, g.points_price
                                    HAVING sum(b.remaining) >= 10 ORDER BY g.id""", villageId)
                                    .flatMap(goods -> redeemAll(context, villageId, str(v[0]), str(v[1]), households, goods,
                                            today, month))));
        });
    }

    private Uni<Void> redeemAll(DemoContext context, long villageId, String code, String clerk, List<Object[]> households,
                                List<Object[]> goods, LocalDate today, String month) {
        if (households.isEmpty() || goods.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int[] left = households.stream().mapToInt(h -> integer(h[2])).toArray();
        Uni<Long> chain = Uni.createFrom().nullItem();
        for (int n = 1; n <= REDEMPTIONS; n++) {
            int h = (n - 1) % households.size();
            StringJoiner ids = new StringJoiner(",", "{", "}");
            StringJoiner quantities = new StringJoiner(",", "{", "}");
            int total = 0;
            List<Object[]> shuffled = new ArrayList<>(goods);
            Collections.shuffle(shuffled, context.random);
            int visitsLeft = (REDEMPTIONS - n) / households.size() + 1;
            int budget = Math.max(left[h] / visitsLeft, Math.min(left[h], 10));
            int picked = 0;
            for (Object[] g : shuffled) {
                int price = integer(g[1]);
                if (picked < 2 && total + price <= budget) {
                    picked++;
                    ids.add(String.valueOf(lng(g[0])));
                    quantities.add("1");
                    total += price;
                }
            }
            if (total == 0) {
                continue;
            }
            left[h] -= total;
            Object[] household = households.get(h);
            String key = "demo-" + code + "-" + n;
            chain = chain.flatMap(last -> one("""
                    SELECT r.outcome, r.redemption_id FROM shop_redeem(?1, ?2, ?3, CAST(CAST(?4 AS text) AS bigint[]),
                                                                       CAST(CAST(?5 AS text) AS int[]), ?6, ?7, ?8, CAST(NULL AS bigint), ?9) r""",
                    lng(household[0]), integer(household[1]), key, ids.toString(), quantities.toString(), today, month, clerk,
                    villageId)
                    .map(r -> {
                        if (!"created".equals(str(r[0])) && !"replayed".equals(str(r[0]))) {
                            Log.warnf("demo: redemption %s refused: %s", key, str(r[0]));
                            return last;
                        }
                        return lng(r[1]);
                    }));
        }
        return chain.replaceWithVoid();
    }
}
