package org.jifen.shop;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.demo.DemoContext;
import org.jifen.demo.DemoStep;

/** Demo goods and stock for every demo village: a small shop with batches, one expiring soon, one low. */
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
                    .setParameter(1, villageId).setParameter(2, time.today()).executeUpdate()).replaceWithVoid());
        }
        return chain;
    }
}
