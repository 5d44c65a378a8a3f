package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.audit.AuditSql;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Goods, purchases into batches, stock warnings, write-offs, transfers, shop settings and redemption days. */
@ApplicationScoped
public class ShopService {

    public record GoodsView(long id, long villageId, String name, String category, String unit, int pointsPrice,
                            int stock, LocalDate nextExpiry, boolean hasPhoto) {
    }

    public record NewGoods(String name, String category, String unit, int pointsPrice) {
    }

    public record PurchaseItem(long goodsId, int quantity, int unitCostCents, LocalDate expiresOn) {
    }

    public record BatchView(long id, long goodsId, long villageId, String goodsName, String unit, int quantity, int remaining,
                            int unitCostCents, LocalDate expiresOn, LocalDate receivedOn) {
    }

    public record PurchaseView(long id, long villageId, String supplier, LocalDate purchasedOn, long totalCents,
                               List<BatchView> batches) {
    }

    public record Warnings(int days, int lowStockThreshold, List<BatchView> expiring, List<BatchView> expired,
                           List<GoodsView> lowStock) {
    }

    public record Settings(boolean redemptionDaysOnly, int lowStockThreshold, int expiryWarningDays) {
    }

    public record TransferView(long id, long fromVillageId, long toVillageId, long fromGoodsId, long toGoodsId, int quantity) {
    }

    public record DayView(long id, long villageId, LocalDate day, String title, String note, int households,
                          int points, int redemptions, List<GoodsGiven> goods, List<Long> photoIds) {
    }

    public record GoodsGiven(long goodsId, String name, String unit, int quantity) {
    }

    static final String GOODS = """
            SELECT g.id, g.village_id, g.name, g.category, g.unit, g.points_price, g.photo IS NOT NULL AS has_photo,
                   coalesce(sum(b.remaining) FILTER (WHERE b.expires_on IS NULL OR b.expires_on >= $2), 0)::int AS stock,
                   min(b.expires_on) FILTER (WHERE b.expires_on >= $2) AS next_expiry
              FROM goods g LEFT JOIN batch b ON b.goods_id = g.id AND b.remaining > 0
             WHERE g.village_id = $1 AND g.active
             GROUP BY g.id ORDER BY g.category NULLS LAST, g.name, g.id""";

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    public LocalDate today() {
        return time.today();
    }

    public Uni<GoodsView> createGoods(StaffPrincipal actor, long villageId, NewGoods g) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO goods (village_id, name, category, unit, points_price) VALUES ($1, $2, $3, $4, $5)
                        RETURNING id""").execute(Tuple.of(villageId, g.name(), g.category(), g.unit(), g.pointsPrice()))
                .flatMap(rows -> {
                    long id = rows.iterator().next().getLong(0);
                    return audit(conn, actor, villageId, "create", "goods", id, g).replaceWith(
                            new GoodsView(id, villageId, g.name(), g.category(), g.unit(), g.pointsPrice(), 0, null, false));
                }));
    }

    public Uni<List<GoodsView>> goods(long villageId) {
        return pool.preparedQuery(GOODS).execute(Tuple.of(villageId, time.today())).map(rows -> {
            List<GoodsView> list = new ArrayList<>();
            rows.forEach(r -> list.add(goodsView(r)));
            return list;
        });
    }

    static GoodsView goodsView(Row r) {
        return new GoodsView(r.getLong("id"), r.getLong("village_id"), r.getString("name"), r.getString("category"),
                r.getString("unit"), r.getInteger("points_price"), r.getInteger("stock"), r.getLocalDate("next_expiry"),
                r.getBoolean("has_photo"));
    }

    public Uni<GoodsView> updatePrice(StaffPrincipal actor, long goodsId, int pointsPrice) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "UPDATE goods SET points_price = $2 WHERE id = $1 RETURNING village_id, (SELECT points_price FROM goods WHERE id = $1) AS old")
                .execute(Tuple.of(goodsId, pointsPrice))
                .flatMap(rows -> {
                    Row r = rows.iterator().next();
                    long villageId = r.getLong("village_id");
                    return audit(conn, actor, villageId, "update-price", "goods", goodsId, java.util.Map.of("pointsPrice", pointsPrice))
                            .flatMap(x -> goods(villageId))
                            .map(list -> list.stream().filter(g -> g.id() == goodsId).findFirst().orElseThrow());
                }));
    }

    public Uni<Void> setPhoto(StaffPrincipal actor, long goodsId, String contentType, byte[] data) {
        String sha = org.jifen.common.Photos.sha256(data);
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "UPDATE goods SET photo = $2, photo_type = $3, photo_sha256 = $4 WHERE id = $1 RETURNING village_id")
                .execute(Tuple.of(goodsId, io.vertx.core.buffer.Buffer.buffer(data), contentType, sha))
                .flatMap(rows -> audit(conn, actor, rows.iterator().next().getLong(0), "photo", "goods", goodsId,
                        java.util.Map.of("bytes", data.length, "sha256", sha))));
    }

    public Uni<Photo> photo(String sql, long id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext() || rows.iterator().next().getBuffer(1) == null) {
                throw DomainException.notFound("照片");
            }
            Row r = rows.iterator().next();
            return new Photo(r.getString(0), r.getBuffer(1).getBytes());
        });
    }

    public record Photo(String contentType, byte[] data) {
    }

    public Uni<PurchaseView> purchase(StaffPrincipal actor, long villageId, String supplier, LocalDate purchasedOn,
                                      List<PurchaseItem> items) {
        long total = items.stream().mapToLong(i -> (long) i.quantity() * i.unitCostCents()).sum();
        Long[] goodsIds = items.stream().map(PurchaseItem::goodsId).distinct().toArray(Long[]::new);
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT count(*) FROM goods WHERE id = ANY($1) AND village_id = $2")
                .execute(Tuple.of(goodsIds, villageId))
                .flatMap(count -> {
                    if (count.iterator().next().getLong(0) != goodsIds.length) {
                        throw new DomainException(400, "shop.unknown-goods", "商品不存在", "采购的商品必须是本村超市的商品", List.of("items"));
                    }
                    return conn.preparedQuery("""
                                    INSERT INTO purchase (village_id, supplier, purchased_on, total_cents, actor)
                                    VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                            .execute(Tuple.of(villageId, supplier, purchasedOn, total, actor.username()));
                })
                .flatMap(rows -> {
                    long purchaseId = rows.iterator().next().getLong(0);
                    return conn.preparedQuery("""
                                    INSERT INTO batch (goods_id, village_id, purchase_id, quantity, remaining, unit_cost_cents, expires_on, received_on)
                                    SELECT x.g, $1, $2, x.q, x.q, x.c, x.e, $3
                                      FROM unnest($4::bigint[], $5::int[], $6::int[], $7::date[]) WITH ORDINALITY AS x(g, q, c, e, n)
                                     ORDER BY x.n RETURNING id""")
                            .execute(Tuple.tuple(List.of(villageId, purchaseId, purchasedOn,
                                    items.stream().map(PurchaseItem::goodsId).toArray(Long[]::new),
                                    items.stream().map(PurchaseItem::quantity).toArray(Integer[]::new),
                                    items.stream().map(PurchaseItem::unitCostCents).toArray(Integer[]::new),
                                    items.stream().map(PurchaseItem::expiresOn).toArray(LocalDate[]::new))))
                            .flatMap(x -> audit(conn, actor, villageId, "purchase", "purchase", purchaseId,
                                    java.util.Map.of("supplier", supplier == null ? "" : supplier, "totalCents", total, "items", items.size())))
                            .flatMap(x -> conn.preparedQuery(BATCHES + " WHERE b.purchase_id = $1 ORDER BY b.id").execute(Tuple.of(purchaseId)))
                            .map(batches -> new PurchaseView(purchaseId, villageId, supplier, purchasedOn, total, batchViews(batches)));
                }));
    }

    static final String BATCHES = """
            SELECT b.id, b.goods_id, b.village_id, g.name, g.unit, b.quantity, b.remaining, b.unit_cost_cents, b.expires_on, b.received_on
              FROM batch b JOIN goods g ON g.id = b.goods_id""";

    static List<BatchView> batchViews(Iterable<Row> rows) {
        List<BatchView> list = new ArrayList<>();
        for (Row r : rows) {
            list.add(new BatchView(r.getLong("id"), r.getLong("goods_id"), r.getLong("village_id"), r.getString("name"), r.getString("unit"),
                    r.getInteger("quantity"), r.getInteger("remaining"), r.getInteger("unit_cost_cents"),
                    r.getLocalDate("expires_on"), r.getLocalDate("received_on")));
        }
        return list;
    }

    public Uni<List<BatchView>> batches(long villageId) {
        return pool.preparedQuery(BATCHES + " WHERE b.village_id = $1 AND b.remaining > 0 ORDER BY g.name, b.expires_on NULLS LAST, b.id")
                .execute(Tuple.of(villageId)).map(ShopService::batchViews);
    }

    public Uni<Settings> settings(long villageId) {
        return pool.preparedQuery("""
                        SELECT coalesce(s.redemption_days_only, false), coalesce(s.low_stock_threshold, 5), coalesce(s.expiry_warning_days, 14)
                          FROM village v LEFT JOIN shop_setting s ON s.village_id = v.id WHERE v.id = $1""")
                .execute(Tuple.of(villageId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Settings(r.getBoolean(0), r.getInteger(1), r.getInteger(2));
                });
    }

    /** The village's next redemption day from today on (China time), and whether it redeems only on its days. */
    public record NextRedemption(LocalDate day, String title, boolean daysOnly) {
    }

    public Uni<NextRedemption> nextRedemption(long villageId) {
        return pool.preparedQuery("""
                        SELECT d.day, d.title, coalesce(s.redemption_days_only, false) AS days_only
                          FROM village v
                          LEFT JOIN shop_setting s ON s.village_id = v.id
                          LEFT JOIN LATERAL (SELECT day, title FROM redemption_day
                                              WHERE village_id = v.id AND day >= $2 ORDER BY day LIMIT 1) d ON true
                         WHERE v.id = $1""")
                .execute(Tuple.of(villageId, time.today()))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new NextRedemption(r.getLocalDate("day"), r.getString("title"), r.getBoolean("days_only"));
                });
    }

    public Uni<Settings> saveSettings(StaffPrincipal actor, long villageId, Settings s) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO shop_setting (village_id, redemption_days_only, low_stock_threshold, expiry_warning_days)
                        VALUES ($1, $2, $3, $4)
                        ON CONFLICT (village_id) DO UPDATE SET redemption_days_only = EXCLUDED.redemption_days_only,
                            low_stock_threshold = EXCLUDED.low_stock_threshold, expiry_warning_days = EXCLUDED.expiry_warning_days""")
                .execute(Tuple.of(villageId, s.redemptionDaysOnly(), s.lowStockThreshold(), s.expiryWarningDays()))
                .flatMap(x -> audit(conn, actor, villageId, "settings", "shop_setting", villageId, s))
                .replaceWith(s));
    }

    public Uni<Warnings> warnings(long villageId, Integer days) {
        LocalDate today = time.today();
        return settings(villageId).flatMap(s -> {
            int within = days == null ? s.expiryWarningDays() : Math.max(0, Math.min(365, days));
            return pool.preparedQuery(BATCHES + " WHERE b.village_id = $1 AND b.remaining > 0 AND b.expires_on IS NOT NULL ORDER BY b.expires_on, b.id")
                    .execute(Tuple.of(villageId))
                    .flatMap(rows -> goods(villageId).map(goods -> {
                        List<BatchView> all = batchViews(rows);
                        List<BatchView> expired = all.stream().filter(b -> b.expiresOn().isBefore(today)).toList();
                        List<BatchView> expiring = all.stream()
                                .filter(b -> !b.expiresOn().isBefore(today) && !b.expiresOn().isAfter(today.plusDays(within))).toList();
                        List<GoodsView> low = goods.stream().filter(g -> g.stock() <= s.lowStockThreshold()).toList();
                        return new Warnings(within, s.lowStockThreshold(), expiring, expired, low);
                    }));
        });
    }

    /** Takes stock out of a batch with a reason (expired, damaged...). Never more than it holds. */
    public Uni<BatchView> writeOff(StaffPrincipal actor, long batchId, int quantity, String reason) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "UPDATE batch SET remaining = remaining - $2 WHERE id = $1 AND remaining >= $2 RETURNING village_id")
                .execute(Tuple.of(batchId, quantity))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new DomainException(409, "shop.insufficient-stock", "库存不足", "报损数量超过该批次的剩余数量");
                    }
                    long villageId = rows.iterator().next().getLong(0);
                    return conn.preparedQuery("INSERT INTO write_off (batch_id, village_id, quantity, reason, actor) VALUES ($1, $2, $3, $4, $5)")
                            .execute(Tuple.of(batchId, villageId, quantity, reason, actor.username()))
                            .flatMap(x -> audit(conn, actor, villageId, "write-off", "batch", batchId,
                                    java.util.Map.of("quantity", quantity, "reason", reason)))
                            .flatMap(x -> conn.preparedQuery(BATCHES + " WHERE b.id = $1").execute(Tuple.of(batchId)))
                            .map(b -> batchViews(b).get(0));
                }));
    }

    /**
     * Moves stock of one goods to another village of the same town, earliest expiry first ({@code shop_pick}); the receiving village
     * gets batches with the same expiry and cost under its goods of the same name and unit (created if missing).
     */
    public Uni<TransferView> transfer(StaffPrincipal actor, long fromVillageId, long goodsId, long toVillageId, int quantity) {
        LocalDate today = time.today();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        SELECT f.town_id = t.town_id AS same_town, g.name, g.unit, g.category, g.points_price
                          FROM village f, village t, goods g WHERE f.id = $1 AND t.id = $2 AND g.id = $3 AND g.village_id = f.id""")
                .execute(Tuple.of(fromVillageId, toVillageId, goodsId))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext() || fromVillageId == toVillageId) {
                        throw new DomainException(400, "shop.bad-transfer", "调拨信息有误", "请选择本村的商品和另一个村（社区）",
                                List.of("goodsId", "toVillageId"));
                    }
                    Row g = rows.iterator().next();
                    if (!g.getBoolean("same_town")) {
                        throw DomainException.forbidden();
                    }
                    return conn.preparedQuery("SELECT pick_batch, pick_quantity FROM shop_pick(ARRAY[$1::bigint], ARRAY[$2::int], $3, $4)")
                            .execute(Tuple.of(goodsId, quantity, fromVillageId, today))
                            .flatMap(pickRows -> {
                                List<Long> pickBatches = new ArrayList<>();
                                List<Integer> pickQuantities = new ArrayList<>();
                                for (Row k : pickRows) {
                                    pickBatches.add(k.getLong(0));
                                    pickQuantities.add(k.getInteger(1));
                                }
                                if (pickQuantities.stream().mapToInt(Integer::intValue).sum() < quantity) {
                                    throw RedemptionService.insufficientStock();
                                }
                                return conn.preparedQuery("""
                                                WITH existing AS (SELECT id FROM goods WHERE village_id = $1 AND name = $2 AND unit = $3 AND active ORDER BY id LIMIT 1),
                                                     created AS (INSERT INTO goods (village_id, name, unit, category, points_price)
                                                                 SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING id)
                                                SELECT id FROM existing UNION ALL SELECT id FROM created""")
                                        .execute(Tuple.of(toVillageId, g.getString("name"), g.getString("unit"), g.getString("category"),
                                                g.getInteger("points_price")))
                                        .flatMap(target -> {
                                            long toGoodsId = target.iterator().next().getLong(0);
                                            return conn.preparedQuery("""
                                                            INSERT INTO stock_transfer (from_village_id, to_village_id, from_goods_id, to_goods_id, quantity, actor)
                                                            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""")
                                                    .execute(Tuple.tuple(List.of(fromVillageId, toVillageId, goodsId, toGoodsId, quantity, actor.username())))
                                                    .flatMap(t -> {
                                                        long transferId = t.iterator().next().getLong(0);
                                                        Long[] ids = pickBatches.toArray(Long[]::new);
                                                        Integer[] qty = pickQuantities.toArray(Integer[]::new);
                                                        return conn.preparedQuery("""
                                                                        WITH x AS (SELECT * FROM unnest($1::bigint[], $2::int[]) AS x(b, q)),
                                                                             u AS (UPDATE batch SET remaining = batch.remaining - x.q FROM x
                                                                                    WHERE batch.id = x.b AND batch.remaining >= x.q RETURNING batch.id)
                                                                        INSERT INTO batch (goods_id, village_id, transfer_id, quantity, remaining, unit_cost_cents, expires_on, received_on)
                                                                        SELECT $3, $4, $5, x.q, x.q, b.unit_cost_cents, b.expires_on, $6
                                                                          FROM x JOIN batch b ON b.id = x.b""")
                                                                .execute(Tuple.tuple(List.of(ids, qty, toGoodsId, toVillageId, transferId, today)))
                                                                .flatMap(x -> audit(conn, actor, fromVillageId, "transfer", "stock_transfer", transferId,
                                                                        java.util.Map.of("toVillageId", toVillageId, "goodsId", goodsId, "quantity", quantity)))
                                                                .replaceWith(new TransferView(transferId, fromVillageId, toVillageId, goodsId, toGoodsId, quantity));
                                                    });
                                        });
                            });
                }));
    }

    public Uni<DayView> createDay(StaffPrincipal actor, long villageId, LocalDate day, String title, String note) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO redemption_day (village_id, day, title, note, created_by) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (village_id, day) DO NOTHING RETURNING id""")
                .execute(Tuple.of(villageId, day, title, note, actor.username()))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new DomainException(409, "shop.duplicate-redemption-day", "该日期已是兑换日");
                    }
                    long id = rows.iterator().next().getLong(0);
                    return audit(conn, actor, villageId, "create", "redemption_day", id, java.util.Map.of("day", day.toString()))
                            .replaceWith(id);
                }))
                .flatMap(this::day);
    }

    /**
     * Redemption days with their summaries: households served, points spent, redemptions, goods given (reversed
     * ones excluded). A day is its China date; the time window keeps the (village_id, created_at) index usable.
     */
    static final String DAYS = """
            SELECT d.id, d.village_id, d.day, d.title, d.note, s.households, s.points, s.redemptions,
                   array(SELECT p.id FROM redemption_day_photo p WHERE p.redemption_day_id = d.id ORDER BY p.id) AS photos,
                   (SELECT json_agg(json_build_array(x.id, x.name, x.unit, x.quantity) ORDER BY x.name)
                      FROM (SELECT g.id, g.name, g.unit, sum(i.quantity)::int AS quantity
                              FROM redemption r JOIN redemption_item i ON i.redemption_id = r.id JOIN goods g ON g.id = i.goods_id
                             WHERE r.village_id = d.village_id AND r.reversed_at IS NULL
                               AND r.created_at >= w.from_at AND r.created_at < w.to_at
                             GROUP BY g.id) x) AS goods
              FROM redemption_day d
             CROSS JOIN LATERAL (SELECT d.day::timestamp AT TIME ZONE 'Asia/Shanghai' AS from_at,
                                        (d.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS to_at) w
             CROSS JOIN LATERAL (SELECT count(DISTINCT r.household_id) AS households, coalesce(sum(r.total_points), 0) AS points,
                                        count(*) AS redemptions
                                   FROM redemption r
                                  WHERE r.village_id = d.village_id AND r.reversed_at IS NULL
                                    AND r.created_at >= w.from_at AND r.created_at < w.to_at) s
            """;

    public Uni<List<DayView>> days(long villageId) {
        return pool.preparedQuery(DAYS + " WHERE d.village_id = $1 ORDER BY d.day DESC").execute(Tuple.of(villageId))
                .map(rows -> {
                    List<DayView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(dayView(r)));
                    return out;
                });
    }

    /** One redemption day with its summary. */
    public Uni<DayView> day(long dayId) {
        return pool.preparedQuery(DAYS + " WHERE d.id = $1").execute(Tuple.of(dayId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw DomainException.notFound("该兑换日");
            }
            return dayView(rows.iterator().next());
        });
    }

    private static DayView dayView(Row d) {
        List<GoodsGiven> given = new ArrayList<>();
        if (d.getValue("goods") instanceof io.vertx.core.json.JsonArray goods) {
            for (Object o : goods) {
                io.vertx.core.json.JsonArray g = (io.vertx.core.json.JsonArray) o;
                given.add(new GoodsGiven(g.getLong(0), g.getString(1), g.getString(2), g.getInteger(3)));
            }
        }
        List<Long> photos = new ArrayList<>(java.util.Arrays.asList(d.getArrayOfLongs("photos")));
        return new DayView(d.getLong("id"), d.getLong("village_id"), d.getLocalDate("day"), d.getString("title"),
                d.getString("note"), d.getLong("households").intValue(), d.getLong("points").intValue(),
                d.getLong("redemptions").intValue(), given, photos);
    }

    public Uni<Long> addDayPhoto(StaffPrincipal actor, long dayId, String contentType, byte[] data, String caption) {
        String sha = org.jifen.common.Photos.sha256(data);
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO redemption_day_photo (redemption_day_id, content_type, data, caption, created_by, sha256)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, (SELECT village_id FROM redemption_day WHERE id = $1)""")
                .execute(Tuple.of(dayId, contentType, io.vertx.core.buffer.Buffer.buffer(data), caption, actor.username(), sha))
                .flatMap(rows -> {
                    Row r = rows.iterator().next();
                    return audit(conn, actor, r.getLong(1), "photo", "redemption_day", dayId,
                            java.util.Map.of("photoId", r.getLong(0), "sha256", sha))
                            .replaceWith(r.getLong(0));
                }));
    }

    @SuppressWarnings("unchecked")
    Uni<Void> audit(SqlConnection conn, StaffPrincipal actor, long villageId, String action, String entity, Object id, Object after) {
        return AuditSql.write(conn, actor.username(), actor.townId(), villageId, action, entity, id, null,
                new JsonObject(json.convertValue(after, java.util.Map.class)));
    }
}
