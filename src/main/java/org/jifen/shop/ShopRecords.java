package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        return one("SELECT name FROM village WHERE id = $1", villageId, "该村（社区）", r -> r.getString(0));
    }

    /** The other villages of the village's town, the targets of a transfer. */
    public Uni<List<VillageChoice>> otherVillages(long villageId) {
        return list("""
                SELECT o.id, o.name FROM village v JOIN village o ON o.town_id = v.town_id AND o.id <> v.id
                 WHERE v.id = $1 ORDER BY o.code, o.id""", Tuple.of(villageId), r -> new VillageChoice(r.getLong(0), r.getString(1)));
    }

    public Uni<List<WriteOffLine>> recentWriteOffs(long villageId) {
        return list("SELECT w.id, " + AT.formatted("w.created_at") + """
                        , g.name, g.unit, w.batch_id, w.quantity, w.reason, w.actor
                          FROM write_off w JOIN batch b ON b.id = w.batch_id JOIN goods g ON g.id = b.goods_id
                         WHERE w.village_id = $1 ORDER BY w.created_at DESC, w.id DESC LIMIT 10""", Tuple.of(villageId),
                r -> new WriteOffLine(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getInteger(5),
                        r.getString(6), r.getString(7)));
    }

    public Uni<List<TransferLine>> recentTransfers(long villageId) {
        return list("SELECT t.id, " + AT.formatted("t.created_at") + """
                        , t.from_village_id = $1, o.name, g.name, g.unit, t.quantity, t.actor
                          FROM stock_transfer t
                          JOIN village o ON o.id = CASE WHEN t.from_village_id = $1 THEN t.to_village_id ELSE t.from_village_id END
                          JOIN goods g ON g.id = t.from_goods_id
                         WHERE t.from_village_id = $1 OR t.to_village_id = $1
                         ORDER BY t.created_at DESC, t.id DESC LIMIT 10""", Tuple.of(villageId),
                r -> new TransferLine(r.getLong(0), r.getString(1), r.getBoolean(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getInteger(6), r.getString(7)));
    }

    /** Goods id → the first characters of its photo's SHA-256, to version the cached image ("" for a photo without hash). */
    public Uni<Map<Long, String>> photoVersions(long villageId) {
        return pool.preparedQuery("SELECT id, coalesce(left(photo_sha256, 12), '') FROM goods WHERE village_id = $1 AND photo IS NOT NULL")
                .execute(Tuple.of(villageId)).map(rows -> {
                    Map<Long, String> versions = new HashMap<>();
                    rows.forEach(r -> versions.put(r.getLong(0), r.getString(1)));
                    return versions;
                });
    }

    /** The village of a goods (any, also inactive) and its photo version (null without a photo). */
    public record GoodsOwner(long villageId, String photoVersion) {
    }

    public Uni<GoodsOwner> goodsOwner(long goodsId) {
        return one("SELECT village_id, CASE WHEN photo IS NULL THEN NULL ELSE coalesce(left(photo_sha256, 12), '') END FROM goods WHERE id = $1",
                goodsId, "该商品", r -> new GoodsOwner(r.getLong(0), r.getString(1)));
    }

    public Uni<List<DayPhoto>> dayPhotos(long dayId) {
        return list("SELECT id, caption, sha256, created_by, " + AT.formatted("created_at")
                        + " FROM redemption_day_photo WHERE redemption_day_id = $1 ORDER BY id", Tuple.of(dayId),
                r -> new DayPhoto(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
    }

    private <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<T> out = new ArrayList<>();
            rows.forEach(r -> out.add(mapper.apply(r)));
            return out;
        });
    }

    private <T> Uni<T> one(String sql, long id, String what, Function<Row, T> mapper) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map((RowSet<Row> rows) -> {
            if (!rows.iterator().hasNext()) {
                throw DomainException.notFound(what);
            }
            return mapper.apply(rows.iterator().next());
        });
    }
}
