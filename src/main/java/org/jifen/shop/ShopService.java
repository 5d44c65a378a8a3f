package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.Photos;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
    Audit audit;

    public LocalDate today() {
        return time.today();
    }

    public Uni<GoodsView> createGoods(StaffPrincipal actor, long villageId, NewGoods g) {
        return pool.withTransaction(tx -> Sql.first(tx, """
                                INSERT INTO goods (village_id, name, category, unit, points_price) VALUES ($1, $2, $3, $4, $5)
                                RETURNING id""", Sql.args(villageId, g.name(), g.category(), g.unit(), g.pointsPrice()),
                        r -> r.getLong("id"))
                .call(id -> audit.record(tx, actor, villageId, "create", "goods", id, null, g))
                .map(id -> new GoodsView(id, villageId, g.name(), g.category(), g.unit(), g.pointsPrice(), 0, null, false)));
    }

    public Uni<List<GoodsView>> goods(long villageId) {
        return Sql.list(pool, GOODS, Sql.args(villageId, time.today()), ShopService::goodsView);
    }

    static GoodsView goodsView(Row r) {
        return new GoodsView(r.getLong("id"), r.getLong("village_id"), r.getString("name"), r.getString("category"),
                r.getString("unit"), r.getInteger("points_price"), r.getInteger("stock"), r.getLocalDate("next_expiry"),
                r.getBoolean("has_photo"));
    }

    public Uni<GoodsView> updatePrice(StaffPrincipal actor, long goodsId, int pointsPrice) {
        return pool.withTransaction(tx -> Sql.one(tx, "UPDATE goods SET points_price = $2 WHERE id = $1 RETURNING village_id",
                        Sql.args(goodsId, pointsPrice), "该商品", r -> r.getLong("village_id"))
                .call(villageId -> audit.record(tx, actor, villageId, "update-price", "goods", goodsId, null,
                        Map.of("pointsPrice", pointsPrice))))
                .flatMap(villageId -> goods(villageId))
                .map(list -> list.stream().filter(g -> g.id() == goodsId).findFirst().orElseThrow());
    }

    public Uni<Void> setPhoto(StaffPrincipal actor, long goodsId, String contentType, byte[] data) {
        String sha = Photos.sha256(data);
        return pool.withTransaction(tx -> Sql.one(tx,
                        "UPDATE goods SET photo = $2, photo_type = $3, photo_sha256 = $4 WHERE id = $1 RETURNING village_id",
                        Sql.args(goodsId, Buffer.buffer(data), contentType, sha), "该商品", r -> r.getLong("village_id"))
                .flatMap(villageId -> audit.record(tx, actor, villageId, "photo", "goods", goodsId, null,
                        Map.of("bytes", data.length, "sha256", sha))));
    }

    public record Photo(String contentType, byte[] data) {
    }

    public Uni<Photo> goodsPhoto(long goodsId) {
        return photo("SELECT photo_type AS content_type, photo AS data FROM goods WHERE id = $1", Sql.args(goodsId));
    }

    public Uni<Photo> dayPhoto(long dayId, long photoId) {
        return photo("SELECT content_type, data FROM redemption_day_photo WHERE id = $1 AND redemption_day_id = $2",
                Sql.args(photoId, dayId));
    }

    private Uni<Photo> photo(String sql, Tuple args) {
        return Sql.first(pool, sql, args, r -> r.getBuffer("data") == null ? null
                        : new Photo(r.getString("content_type"), r.getBuffer("data").getBytes()))
                .onItem().ifNull().failWith(() -> DomainException.notFound("照片"));
    }

    public Uni<PurchaseView> purchase(StaffPrincipal actor, long villageId, String supplier, LocalDate purchasedOn,
                                      List<PurchaseItem> items) {
        long total = items.stream().mapToLong(i -> (long) i.quantity() * i.unitCostCents()).sum();
        Long[] goodsIds = items.stream().map(PurchaseItem::goodsId).distinct().toArray(Long[]::new);
        return pool.withTransaction(tx -> Sql.first(tx, "SELECT count(*) AS n FROM goods WHERE id = ANY($1) AND village_id = $2",
                        Sql.args(goodsIds, villageId), r -> r.getLong("n"))
                .flatMap(n -> {
                    if (n != goodsIds.length) {
                        throw new DomainException(400, "shop.unknown-goods", "商品不存在", "采购的商品必须是本村超市的商品", List.of("items"));
                    }
                    return Sql.first(tx, """
                                    INSERT INTO purchase (village_id, supplier, purchased_on, total_cents, actor)
                                    VALUES ($1, $2, $3, $4, $5) RETURNING id""",
                            Sql.args(villageId, supplier, purchasedOn, total, actor.username()), r -> r.getLong("id"));
                })
                .flatMap(purchaseId -> Sql.exec(tx, """
                                        INSERT INTO batch (goods_id, village_id, purchase_id, quantity, remaining, unit_cost_cents, expires_on, received_on)
                                        SELECT x.g, $1, $2, x.q, x.q, x.c, x.e, $3
                                          FROM unnest($4::bigint[], $5::int[], $6::int[], $7::date[]) WITH ORDINALITY AS x(g, q, c, e, n)
                                         ORDER BY x.n""",
                                Sql.args(villageId, purchaseId, purchasedOn,
                                        items.stream().map(PurchaseItem::goodsId).toArray(Long[]::new),
                                        items.stream().map(PurchaseItem::quantity).toArray(Integer[]::new),
                                        items.stream().map(PurchaseItem::unitCostCents).toArray(Integer[]::new),
                                        items.stream().map(PurchaseItem::expiresOn).toArray(LocalDate[]::new)))
                        .call(x -> audit.record(tx, actor, villageId, "purchase", "purchase", purchaseId, null,
                                Map.of("supplier", supplier == null ? "" : supplier, "totalCents", total, "items", items.size())))
                        .flatMap(x -> Sql.list(tx, BATCHES + " WHERE b.purchase_id = $1 ORDER BY b.id", Sql.args(purchaseId),
                                ShopService::batchView))
                        .map(batches -> new PurchaseView(purchaseId, villageId, supplier, purchasedOn, total, batches))));
    }

    static final String BATCHES = """
            SELECT b.id, b.goods_id, b.village_id, g.name, g.unit, b.quantity, b.remaining, b.unit_cost_cents, b.expires_on, b.received_on
              FROM batch b JOIN goods g ON g.id = b.goods_id""";

    static BatchView batchView(Row r) {
        return new BatchView(r.getLong("id"), r.getLong("goods_id"), r.getLong("village_id"), r.getString("name"), r.getString("unit"),
                r.getInteger("quantity"), r.getInteger("remaining"), r.getInteger("unit_cost_cents"),
                r.getLocalDate("expires_on"), r.getLocalDate("received_on"));
    }

    public Uni<List<BatchView>> batches(long villageId) {
        return Sql.list(pool, BATCHES + " WHERE b.village_id = $1 AND b.remaining > 0 ORDER BY g.name, b.expires_on NULLS LAST, b.id",
                Sql.args(villageId), ShopService::batchView);
    }

    public Uni<Settings> settings(long villageId) {
        return Sql.first(pool, """
                        SELECT coalesce(s.redemption_days_only, false) AS redemption_days_only,
                               coalesce(s.low_stock_threshold, 5) AS low_stock_threshold,
                               coalesce(s.expiry_warning_days, 14) AS expiry_warning_days
                          FROM village v LEFT JOIN shop_setting s ON s.village_id = v.id WHERE v.id = $1""",
                Sql.args(villageId), r -> new Settings(r.getBoolean("redemption_days_only"), r.getInteger("low_stock_threshold"),
                        r.getInteger("expiry_warning_days")));
    }

    /** The village's next redemption day from today on (China time), and whether it redeems only on its days. */
    public record NextRedemption(LocalDate day, String title, boolean daysOnly) {
    }

    public Uni<NextRedemption> nextRedemption(long villageId) {
        return Sql.first(pool, """
                        SELECT d.day, d.title, coalesce(s.redemption_days_only, false) AS days_only
                          FROM village v
                          LEFT JOIN shop_setting s ON s.village_id = v.id
                          LEFT JOIN LATERAL (SELECT day, title FROM redemption_day
                                              WHERE village_id = v.id AND day >= $2 ORDER BY day LIMIT 1) d ON true
                         WHERE v.id = $1""",
                Sql.args(villageId, time.today()),
                r -> new NextRedemption(r.getLocalDate("day"), r.getString("title"), r.getBoolean("days_only")));
    }

    public Uni<Settings> saveSettings(StaffPrincipal actor, long villageId, Settings s) {
        return pool.withTransaction(tx -> Sql.exec(tx, """
                                INSERT INTO shop_setting (village_id, redemption_days_only, low_stock_threshold, expiry_warning_days)
                                VALUES ($1, $2, $3, $4)
                                ON CONFLICT (village_id) DO UPDATE SET redemption_days_only = EXCLUDED.redemption_days_only,
                                    low_stock_threshold = EXCLUDED.low_stock_threshold, expiry_warning_days = EXCLUDED.expiry_warning_days""",
                        Sql.args(villageId, s.redemptionDaysOnly(), s.lowStockThreshold(), s.expiryWarningDays()))
                .flatMap(x -> audit.record(tx, actor, villageId, "settings", "shop_setting", villageId, null, s))
                .replaceWith(s));
    }

    public Uni<Warnings> warnings(long villageId, Integer days) {
        LocalDate today = time.today();
        return settings(villageId).flatMap(s -> {
            int within = days == null ? s.expiryWarningDays() : Math.max(0, Math.min(365, days));
            return Sql.list(pool, BATCHES + " WHERE b.village_id = $1 AND b.remaining > 0 AND b.expires_on IS NOT NULL ORDER BY b.expires_on, b.id",
                            Sql.args(villageId), ShopService::batchView)
                    .flatMap(all -> goods(villageId).map(goods -> {
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
        return pool.withTransaction(tx -> Sql.first(tx,
                        "UPDATE batch SET remaining = remaining - $2 WHERE id = $1 AND remaining >= $2 RETURNING village_id",
                        Sql.args(batchId, quantity), r -> r.getLong("village_id"))
                .flatMap(villageId -> {
                    if (villageId == null) {
                        throw new DomainException(409, "shop.insufficient-stock", "库存不足", "报损数量超过该批次的剩余数量");
                    }
                    return Sql.exec(tx, "INSERT INTO write_off (batch_id, village_id, quantity, reason, actor) VALUES ($1, $2, $3, $4, $5)",
                                    Sql.args(batchId, villageId, quantity, reason, actor.username()))
                            .call(x -> audit.record(tx, actor, villageId, "write-off", "batch", batchId, null,
                                    Map.of("quantity", quantity, "reason", reason)))
                            .flatMap(x -> Sql.first(tx, BATCHES + " WHERE b.id = $1", Sql.args(batchId), ShopService::batchView));
                }));
    }

    /** The goods to transfer, and whether both villages are of one town. */
    private record TransferSource(boolean sameTown, String name, String unit, String category, int pointsPrice) {
    }

    /** A batch and how much to take from it, as {@code shop_pick} chose. */
    private record Pick(long batchId, int quantity) {
    }

    /**
     * Moves stock of one goods to another village of the same town, earliest expiry first ({@code shop_pick}); the receiving village
     * gets batches with the same expiry and cost under its goods of the same name and unit (created if missing).
     */
    public Uni<TransferView> transfer(StaffPrincipal actor, long fromVillageId, long goodsId, long toVillageId, int quantity) {
        LocalDate today = time.today();
        return pool.withTransaction(tx -> Sql.first(tx, """
                        SELECT f.town_id = t.town_id AS same_town, g.name, g.unit, g.category, g.points_price
                          FROM village f, village t, goods g WHERE f.id = $1 AND t.id = $2 AND g.id = $3 AND g.village_id = f.id""",
                Sql.args(fromVillageId, toVillageId, goodsId), r -> new TransferSource(r.getBoolean("same_town"), r.getString("name"),
                        r.getString("unit"), r.getString("category"), r.getInteger("points_price")))
                .flatMap(g -> {
                    if (g == null || fromVillageId == toVillageId) {
                        throw new DomainException(400, "shop.bad-transfer", "调拨信息有误", "请选择本村的商品和另一个村（社区）",
                                List.of("goodsId", "toVillageId"));
                    }
                    if (!g.sameTown()) {
                        throw DomainException.forbidden();
                    }
                    return Sql.list(tx, "SELECT pick_batch, pick_quantity FROM shop_pick(ARRAY[$1::bigint], ARRAY[$2::int], $3, $4)",
                                    Sql.args(goodsId, quantity, fromVillageId, today),
                                    k -> new Pick(k.getLong("pick_batch"), k.getInteger("pick_quantity")))
                            .flatMap(picks -> {
                                if (picks.stream().mapToInt(Pick::quantity).sum() < quantity) {
                                    throw RedemptionService.insufficientStock();
                                }
                                return Sql.first(tx, """
                                                WITH existing AS (SELECT id FROM goods WHERE village_id = $1 AND name = $2 AND unit = $3 AND active ORDER BY id LIMIT 1),
                                                     created AS (INSERT INTO goods (village_id, name, unit, category, points_price)
                                                                 SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING id)
                                                SELECT id FROM existing UNION ALL SELECT id FROM created""",
                                                Sql.args(toVillageId, g.name(), g.unit(), g.category(), g.pointsPrice()),
                                                r -> r.getLong("id"))
                                        .flatMap(toGoodsId -> Sql.first(tx, """
                                                                INSERT INTO stock_transfer (from_village_id, to_village_id, from_goods_id, to_goods_id, quantity, actor)
                                                                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
                                                        Sql.args(fromVillageId, toVillageId, goodsId, toGoodsId, quantity, actor.username()),
                                                        r -> r.getLong("id"))
                                                .call(transferId -> Sql.exec(tx, """
                                                                WITH x AS (SELECT * FROM unnest($1::bigint[], $2::int[]) AS x(b, q)),
                                                                     u AS (UPDATE batch SET remaining = batch.remaining - x.q FROM x
                                                                            WHERE batch.id = x.b AND batch.remaining >= x.q RETURNING batch.id)
                                                                INSERT INTO batch (goods_id, village_id, transfer_id, quantity, remaining, unit_cost_cents, expires_on, received_on)
                                                                SELECT $3, $4, $5, x.q, x.q, b.unit_cost_cents, b.expires_on, $6
                                                                  FROM x JOIN batch b ON b.id = x.b""",
                                                        Sql.args(picks.stream().map(Pick::batchId).toArray(Long[]::new),
                                                                picks.stream().map(Pick::quantity).toArray(Integer[]::new),
                                                                toGoodsId, toVillageId, transferId, today)))
                                                .call(transferId -> audit.record(tx, actor, fromVillageId, "transfer", "stock_transfer",
                                                        transferId, null, Map.of("toVillageId", toVillageId, "goodsId", goodsId, "quantity", quantity)))
                                                .map(transferId -> new TransferView(transferId, fromVillageId, toVillageId, goodsId, toGoodsId, quantity)));
                            });
                }));
    }

    public Uni<DayView> createDay(StaffPrincipal actor, long villageId, LocalDate day, String title, String note) {
        // a day the database stores but cannot turn into its time window (a JSON number is read as an epoch day, 99999-12-31
        // is a date to PostgreSQL) is refused before anything is written
        if (day.getYear() < 2000 || day.getYear() > 2100) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "兑换日日期有误", List.of("day")));
        }
        return pool.withTransaction(tx -> Sql.first(tx, """
                                INSERT INTO redemption_day (village_id, day, title, note, created_by) VALUES ($1, $2, $3, $4, $5)
                                ON CONFLICT (village_id, day) DO NOTHING RETURNING id""",
                        Sql.args(villageId, day, title, note, actor.username()), r -> r.getLong("id"))
                .onItem().ifNull().failWith(() -> new DomainException(409, "shop.duplicate-redemption-day", "该日期已是兑换日"))
                .call(id -> audit.record(tx, actor, villageId, "create", "redemption_day", id, null, Map.of("day", day.toString()))))
                .flatMap(this::day);
    }

    /**
     * Redemption days with their summaries: households served, points spent, redemptions, goods given (reversed
     * ones excluded). A day is its China date; the time window keeps the (village_id, created_at) index usable.
     */
    static final String DAYS = """
            SELECT d.id, d.village_id, d.day, d.title, d.note, s.households, s.points, s.redemptions,
                   array(SELECT p.id FROM redemption_day_photo p WHERE p.redemption_day_id = d.id ORDER BY p.id) AS photos,
                   (SELECT json_agg(json_build_object('goodsId', x.id, 'name', x.name, 'unit', x.unit, 'quantity', x.quantity)
                                    ORDER BY x.name)
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
        return Sql.list(pool, DAYS + " WHERE d.village_id = $1 ORDER BY d.day DESC", Sql.args(villageId), ShopService::dayView);
    }

    /** One redemption day with its summary. */
    public Uni<DayView> day(long dayId) {
        return Sql.one(pool, DAYS + " WHERE d.id = $1", Sql.args(dayId), "该兑换日", ShopService::dayView);
    }

    private static DayView dayView(Row d) {
        List<GoodsGiven> given = new ArrayList<>();
        if (d.getValue("goods") instanceof JsonArray goods) {
            for (int i = 0; i < goods.size(); i++) {
                JsonObject g = goods.getJsonObject(i);
                given.add(new GoodsGiven(g.getLong("goodsId"), g.getString("name"), g.getString("unit"), g.getInteger("quantity")));
            }
        }
        List<Long> photos = new ArrayList<>(Arrays.asList(d.getArrayOfLongs("photos")));
        return new DayView(d.getLong("id"), d.getLong("village_id"), d.getLocalDate("day"), d.getString("title"),
                d.getString("note"), d.getLong("households").intValue(), d.getLong("points").intValue(),
                d.getLong("redemptions").intValue(), given, photos);
    }

    public Uni<Long> addDayPhoto(StaffPrincipal actor, long dayId, String contentType, byte[] data, String caption) {
        String sha = Photos.sha256(data);
        return pool.withTransaction(tx -> Sql.first(tx, """
                                INSERT INTO redemption_day_photo (redemption_day_id, content_type, data, caption, created_by, sha256)
                                VALUES ($1, $2, $3, $4, $5, $6)
                                RETURNING id, (SELECT village_id FROM redemption_day WHERE id = $1) AS village_id""",
                        Sql.args(dayId, contentType, Buffer.buffer(data), caption, actor.username(), sha),
                        r -> new DayPhotoAdded(r.getLong("id"), r.getLong("village_id")))
                .call(p -> audit.record(tx, actor, p.villageId(), "photo", "redemption_day", dayId, null,
                        Map.of("photoId", p.id(), "sha256", sha)))
                .map(DayPhotoAdded::id));
    }

    private record DayPhotoAdded(long id, long villageId) {
    }
}
