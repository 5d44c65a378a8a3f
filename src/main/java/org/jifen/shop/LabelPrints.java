package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;
import java.util.Map;

/**
 * Records each printing of the shelf labels (积分标识): which goods at which point price (table {@code label_print},
 * migration V131), so the town's shop inspection can tell goods whose price changed after their label was printed.
 */
@ApplicationScoped
public class LabelPrints {

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    public Uni<Void> record(StaffPrincipal actor, long villageId, List<ShopService.GoodsView> goods) {
        if (goods.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = goods.stream().map(ShopService.GoodsView::id).toArray(Long[]::new);
        Integer[] prices = goods.stream().map(ShopService.GoodsView::pointsPrice).toArray(Integer[]::new);
        return pool.withTransaction(tx -> Sql.one(tx, "INSERT INTO label_print (village_id, printed_by) VALUES ($1, $2) RETURNING id",
                        Sql.args(villageId, actor.username()), "", r -> r.getLong("id"))
                .call(id -> Sql.exec(tx, """
                        INSERT INTO label_print_item (label_print_id, goods_id, points_price)
                        SELECT $1, g, p FROM unnest($2::bigint[], $3::int[]) AS x(g, p)""", Sql.args(id, ids, prices)))
                .call(id -> audit.record(tx, actor, villageId, "print-labels", "label_print", id, null, Map.of("goods", ids.length)))
                .replaceWithVoid());
    }
}
