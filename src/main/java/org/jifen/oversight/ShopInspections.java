package org.jifen.oversight;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.shop.ShopService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shop inspections (服务标准): the checklist pre-filled from the shop's records ({@link ShopChecklist}), the inspector's
 * verdict per point, and a 整改 item for every failed point.
 */
@ApplicationScoped
public class ShopInspections {

    /** The inspector's verdict on one point. */
    public record Verdict(String code, boolean passed, String note) {
    }

    public record PointView(long id, String code, String title, boolean passed, String note, List<ShopChecklist.Finding> findings,
                            Long rectificationId) {
    }

    public record Inspection(long id, long villageId, String inspectedBy, String inspectedAt, String note, List<PointView> points) {
    }

    @Inject
    Pool pool;

    @Inject
    ShopService shop;

    @Inject
    Audit audit;

    @Inject
    Rectifications rectifications;


    /** What the records say about each point, today. */
    public Uni<List<ShopChecklist.Point>> checklist(long villageId) {
        return Uni.combine().all().unis(shop.settings(villageId), shop.batches(villageId), shop.goods(villageId), printedPrices(villageId))
                .asTuple().map(t -> ShopChecklist.prefill(shop.today(), t.getItem1().expiryWarningDays(), t.getItem1().lowStockThreshold(),
                        t.getItem2().stream().map(b -> new ShopChecklist.Batch(b.goodsName(), b.unit(), b.remaining(), b.expiresOn())).toList(),
                        t.getItem3().stream().map(g -> new ShopChecklist.Goods(g.name(), g.unit(), g.pointsPrice(), g.stock(),
                                t.getItem4().get(g.id()))).toList()));
    }

    /** The price on each goods' last printed label (goods never printed since printing was recorded are absent). */
    Uni<Map<Long, Integer>> printedPrices(long villageId) {
        return Sql.list(pool, """
                        SELECT DISTINCT ON (i.goods_id) i.goods_id, i.points_price
                          FROM label_print_item i JOIN label_print p ON p.id = i.label_print_id
                         WHERE p.village_id = $1 ORDER BY i.goods_id, i.label_print_id DESC""", Sql.args(villageId),
                r -> Map.entry(r.getLong("goods_id"), r.getInteger("points_price")))
                .map(rows -> rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Records a verdict on every point (each exactly once); each failed point opens a 整改 item. */
    public Uni<Inspection> record(StaffPrincipal actor, long villageId, String note, List<Verdict> verdicts) {
        Map<String, Verdict> byCode = verdicts.stream().collect(Collectors.toMap(Verdict::code, Function.identity(), (a, b) -> a));
        List<String> missing = ShopChecklist.POINTS.keySet().stream().filter(c -> !byCode.containsKey(c)).toList();
        if (!missing.isEmpty() || verdicts.size() != ShopChecklist.POINTS.size()) {
            throw DomainException.badRequest("shop-inspection.points", "请对每一项检查内容（" + String.join("、", ShopChecklist.POINTS.values())
                    + "）各给出一次结论", List.of("points"));
        }
        return checklist(villageId).flatMap(prefilled -> pool.withTransaction(tx -> Sql.one(tx, """
                        INSERT INTO shop_inspection (village_id, inspected_by, note) VALUES ($1, $2, $3) RETURNING id""",
                Sql.args(villageId, actor.username(), note), "", r -> r.getLong("id")).flatMap(id -> {
            Uni<Void> chain = audit.record(tx, actor, villageId, "inspect", "shop_inspection", id, null,
                    note == null ? Map.of("points", verdicts.size()) : Map.of("points", verdicts.size(), "note", note));
            for (ShopChecklist.Point p : prefilled) {
                Verdict v = byCode.get(p.code());
                chain = chain.flatMap(x -> point(tx, actor, villageId, id, p, v));
            }
            return chain.replaceWith(id);
        }))).flatMap(this::find);
    }

    private Uni<Void> point(SqlClient tx, StaffPrincipal actor, long villageId, long inspectionId, ShopChecklist.Point p, Verdict v) {
        Uni<Long> item = v.passed() ? Uni.createFrom().nullItem()
                : rectifications.open(tx, actor, villageId, "SHOP_INSPECTION", inspectionId, null,
                Rectifications.clip("超市检查 #" + inspectionId + "：" + p.title() + " 不合格"
                        + (v.note() == null ? "" : "。" + v.note())
                        + (p.findings().isEmpty() ? "" : "。系统记录：" + p.findings().stream().map(ShopChecklist.Finding::text)
                        .collect(Collectors.joining("；")))));
        return item.flatMap(rectificationId -> Sql.exec(tx, """
                        INSERT INTO shop_inspection_point (inspection_id, code, passed, note, findings, rectification_id)
                        VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)""",
                Sql.args(inspectionId, p.code(), v.passed(), v.note(), text(p.findings()), rectificationId))).replaceWithVoid();
    }

    public Uni<Inspection> find(long id) {
        return Sql.one(pool, """
                        SELECT id, village_id, inspected_by, note,
                               to_char(inspected_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS inspected_at
                          FROM shop_inspection WHERE id = $1""", Sql.args(id), "该次超市检查",
                r -> new Inspection(r.getLong("id"), r.getLong("village_id"), r.getString("inspected_by"), r.getString("inspected_at"),
                        r.getString("note"), List.of()))
                .flatMap(i -> Sql.list(pool, """
                                SELECT id, code, passed, note, findings::text AS findings, rectification_id FROM shop_inspection_point
                                 WHERE inspection_id = $1""", Sql.args(id),
                        r -> new PointView(r.getLong("id"), r.getString("code"), ShopChecklist.POINTS.get(r.getString("code")),
                                r.getBoolean("passed"), r.getString("note"), findings(r.getString("findings")), r.getLong("rectification_id")))
                        .map(points -> {
                            List<String> order = new ArrayList<>(ShopChecklist.POINTS.keySet());
                            List<PointView> sorted = new ArrayList<>(points);
                            sorted.sort((a, b) -> order.indexOf(a.code()) - order.indexOf(b.code()));
                            return new Inspection(i.id(), i.villageId(), i.inspectedBy(), i.inspectedAt(), i.note(), sorted);
                        }));
    }

    /** The village's inspections, newest first. */
    public Uni<List<Inspection>> ofVillage(long villageId) {
        return Sql.list(pool, "SELECT id FROM shop_inspection WHERE village_id = $1 ORDER BY id DESC LIMIT 50", Sql.args(villageId),
                r -> r.getLong("id")).flatMap(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<Inspection>of());
            }
            return Uni.join().all(ids.stream().map(this::find).toList()).andFailFast();
        });
    }

    /** The village and id of a point of an inspection, for its photos; 404 when the inspection has no such point. */
    Uni<long[]> point(SqlClient db, long inspectionId, String code) {
        return Sql.one(db, """
                        SELECT i.village_id, p.id FROM shop_inspection i JOIN shop_inspection_point p ON p.inspection_id = i.id
                         WHERE i.id = $1 AND p.code = $2""", Sql.args(inspectionId, code), "该检查项",
                r -> new long[]{r.getLong("village_id"), r.getLong("id")});
    }

    /** As JSON text; bound as {@code text} and cast in SQL (a Java String bound to jsonb would become a JSON string). */
    private static String text(List<ShopChecklist.Finding> findings) {
        var out = new io.vertx.core.json.JsonArray();
        findings.forEach(f -> out.add(new io.vertx.core.json.JsonObject().put("level", f.level().name()).put("text", f.text())));
        return out.encode();
    }

    private static List<ShopChecklist.Finding> findings(String text) {
        List<ShopChecklist.Finding> out = new ArrayList<>();
        for (Object o : new io.vertx.core.json.JsonArray(text)) {
            var f = (io.vertx.core.json.JsonObject) o;
            out.add(new ShopChecklist.Finding(ShopChecklist.Level.valueOf(f.getString("level")), f.getString("text")));
        }
        return out;
    }
}
