package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the shop pages show beside goods and stock: recent write-offs and transfers, the town's villages, photos. */
@ApplicationScoped
public class ShopRecords {

    public record VillageChoice(long id, String name) {
    }

    public record WriteOffLine(long id, String at, String goodsName, String unit, long batchId, int quantity, String reason,
                               String actor) {
    }

    /** A transfer seen from one village: {@code outgoing} when it sent the stock. */
    public record TransferLine(long id, String at, boolean outgoing, String otherVillage, String goodsName, String unit,
                               int quantity, String actor) {
    }

    public record DayPhoto(long id, String caption, String sha256, String createdBy, String at) {
    }

    static final String AT = "to_char(%s AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')";

    @Inject
    Pool pool;

    public Uni<String> villageName(long villageId) {
        return Sql.one(pool, "SELECT name FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）", r -> r.getString("name"));
    }

    /** The other villages of the village's town, the targets of a transfer. */
    public Uni<List<VillageChoice>> otherVillages(long villageId) {
        return Sql.list(pool, """
                SELECT o.id, o.name FROM village v JOIN village o ON o.town_id = v.town_id AND o.id <> v.id
                 WHERE v.id = $1 ORDER BY o.code, o.id""", Sql.args(villageId), r -> new VillageChoice(r.getLong("id"), r.getString("name")));
    }

    public Uni<List<WriteOffLine>> recentWriteOffs(long villageId) {
        return Sql.list(pool, "SELECT w.id, " + AT.formatted("w.created_at") + """
                         AS at, g.name, g.unit, w.batch_id, w.quantity, w.reason, w.actor
                          FROM write_off w JOIN batch b ON b.id = w.batch_id JOIN goods g ON g.id = b.goods_id
                         WHERE w.village_id = $1 ORDER BY w.created_at DESC, w.id DESC LIMIT 10""", Sql.args(villageId),
                r -> new WriteOffLine(r.getLong("id"), r.getString("at"), r.getString("name"), r.getString("unit"), r.getLong("batch_id"),
                        r.getInteger("quantity"), r.getString("reason"), r.getString("actor")));
    }

    public Uni<List<TransferLine>> recentTransfers(long villageId) {
        return Sql.list(pool, "SELECT t.id, " + AT.formatted("t.created_at") + """
                         AS at, t.from_village_id = $1 AS outgoing, o.name AS other_village, g.name AS goods_name, g.unit,
                               t.quantity, t.actor
                          FROM stock_transfer t
                          JOIN village o ON o.id = CASE WHEN t.from_village_id = $1 THEN t.to_village_id ELSE t.from_village_id END
                          JOIN goods g ON g.id = t.from_goods_id
                         WHERE t.from_village_id = $1 OR t.to_village_id = $1
                         ORDER BY t.created_at DESC, t.id DESC LIMIT 10""", Sql.args(villageId),
                r -> new TransferLine(r.getLong("id"), r.getString("at"), r.getBoolean("outgoing"), r.getString("other_village"),
                        r.getString("goods_name"), r.getString("unit"), r.getInteger("quantity"), r.getString("actor")));
    }

    /** Goods id → the first characters of its photo's SHA-256, to version the cached image ("" for a photo without hash). */
    public Uni<Map<Long, String>> photoVersions(long villageId) {
        return Sql.list(pool, """
                        SELECT id, coalesce(left(photo_sha256, 12), '') AS version FROM goods WHERE village_id = $1 AND photo IS NOT NULL""",
                        Sql.args(villageId), r -> Map.entry(r.getLong("id"), r.getString("version")))
                .map(entries -> entries.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The village of a goods (any, also inactive) and its photo version (null without a photo). */
    public record GoodsOwner(long villageId, String photoVersion) {
    }

    public Uni<GoodsOwner> goodsOwner(long goodsId) {
        return Sql.one(pool, """
                        SELECT village_id, CASE WHEN photo IS NULL THEN NULL ELSE coalesce(left(photo_sha256, 12), '') END AS version
                          FROM goods WHERE id = $1""",
                Sql.args(goodsId), "该商品", r -> new GoodsOwner(r.getLong("village_id"), r.getString("version")));
    }

    public Uni<List<DayPhoto>> dayPhotos(long dayId) {
        return Sql.list(pool, "SELECT id, caption, sha256, created_by, " + AT.formatted("created_at")
                        + " AS at FROM redemption_day_photo WHERE redemption_day_id = $1 ORDER BY id", Sql.args(dayId),
                r -> new DayPhoto(r.getLong("id"), r.getString("caption"), r.getString("sha256"), r.getString("created_by"),
                        r.getString("at")));
    }
}
