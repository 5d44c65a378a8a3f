package org.jifen.points;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The catalog of points rules (积分细则): town-wide items, and what each village makes of them (switched
 * off, other points, items of its own). Entries copy an item's points when registered, so a change here
 * never alters what is already registered.
 */
@ApplicationScoped
public class CatalogService {

    /** What a new or changed item says; nulls mean "not restricted". */
    public record ItemData(String code, String category, String title, int points, String unit, Integer monthlyCap,
                           boolean photoRequired, LocalDate validFrom, LocalDate validTo) {
    }

    /** An item as one village sees it. {@code source} is TOWN or VILLAGE; {@code townPoints} the town's own figure. */
    public record Item(long id, String code, String category, String title, int points, String unit, Integer monthlyCap,
                       boolean photoRequired, String validFrom, String validTo, String source, int basePoints, boolean enabled) {
        public boolean validOn(LocalDate date) {
            return (validFrom == null || !date.isBefore(LocalDate.parse(validFrom)))
                    && (validTo == null || !date.isAfter(LocalDate.parse(validTo)));
        }

        public boolean overridden() {
            return points != basePoints;
        }
    }

    /** The columns of an {@link Item}, from {@code catalog_item i} and the village's {@code catalog_override o}. */
    private static final String EFFECTIVE = """
            SELECT i.id, i.code, i.category, i.title, coalesce(o.points, i.points) AS points, i.unit, i.monthly_cap,
                   i.photo_required, CAST(i.valid_from AS text) AS valid_from, CAST(i.valid_to AS text) AS valid_to,
                   CASE WHEN i.village_id IS NULL THEN 'TOWN' ELSE 'VILLAGE' END AS source, i.points AS base_points,
                   coalesce(o.enabled, true) AS enabled
            FROM catalog_item i JOIN village v ON v.id = $1 AND i.town_id = v.town_id
            LEFT JOIN catalog_override o ON o.item_id = i.id AND o.village_id = $1
            WHERE (i.village_id IS NULL OR i.village_id = $1)""";

    /** The same columns for a town-wide item as the town sees it. */
    private static final String TOWN_ITEM = """
            SELECT i.id, i.code, i.category, i.title, i.points, i.unit, i.monthly_cap, i.photo_required,
                   CAST(i.valid_from AS text) AS valid_from, CAST(i.valid_to AS text) AS valid_to, 'TOWN' AS source,
                   i.points AS base_points, true AS enabled
            FROM catalog_item i""";

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    /** Every item of the village, switched-off ones included when {@code all}. */
    public Uni<List<Item>> effective(long villageId, boolean all) {
        return Sql.list(pool, EFFECTIVE + (all ? "" : " AND coalesce(o.enabled, true)") + " ORDER BY i.category, i.code",
                Sql.args(villageId), CatalogService::item);
    }

    /** The village's item of that code (a village's own before the town's), or null; read with {@code db}. */
    public Uni<Item> find(SqlClient db, long villageId, String code) {
        return Sql.first(db, EFFECTIVE + " AND i.code = $2 ORDER BY i.village_id NULLS LAST", Sql.args(villageId, code),
                CatalogService::item);
    }

    public Uni<List<Item>> town(long townId) {
        return Sql.list(pool, TOWN_ITEM + " WHERE i.town_id = $1 AND i.village_id IS NULL ORDER BY i.category, i.code",
                Sql.args(townId), CatalogService::item);
    }

    public Uni<Item> createTownItem(StaffPrincipal actor, ItemData d) {
        return pool.withTransaction(tx -> Sql.exists(tx, "SELECT 1 FROM catalog_item WHERE town_id = $1 AND code = $2",
                        Sql.args(actor.townId(), d.code()))
                .flatMap(clash -> clash ? Uni.createFrom().failure(duplicate(d.code())) : insert(tx, actor.townId(), null, d, actor)));
    }

    public Uni<Item> createVillageItem(StaffPrincipal actor, long villageId, ItemData d) {
        return pool.withTransaction(tx -> Sql.exists(tx, """
                        SELECT 1 FROM catalog_item i JOIN village v ON v.town_id = i.town_id AND v.id = $1
                        WHERE i.code = $2 AND (i.village_id IS NULL OR i.village_id = $1)""", Sql.args(villageId, d.code()))
                .flatMap(clash -> clash ? Uni.createFrom().failure(duplicate(d.code()))
                        : Sql.one(tx, "SELECT town_id FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）",
                                r -> r.getLong("town_id")).flatMap(townId -> insert(tx, townId, villageId, d, actor))));
    }

    /** Changes a town-wide item; entries already registered keep their points. */
    public Uni<Item> updateTownItem(StaffPrincipal actor, String code, ItemData d) {
        return pool.withTransaction(tx -> Sql.one(tx, TOWN_ITEM + " WHERE i.town_id = $1 AND i.village_id IS NULL AND i.code = $2",
                Sql.args(actor.townId(), code), "该积分细则", CatalogService::item).flatMap(before -> Sql.exec(tx, """
                                UPDATE catalog_item SET category = $2, title = $3, points = $4, unit = $5, monthly_cap = $6,
                                    photo_required = $7, valid_from = $8, valid_to = $9, updated_at = now()
                                WHERE id = $1""", Sql.args(before.id(), d.category(), d.title(), d.points(), d.unit(), d.monthlyCap(),
                                d.photoRequired(), d.validFrom(), d.validTo()))
                .call(x -> audit.record(tx, actor, null, "update", "catalog-item", before.id(),
                        Map.of("points", before.points(), "title", before.title()), d))
                .flatMap(x -> Sql.one(tx, TOWN_ITEM + " WHERE i.id = $1", Sql.args(before.id()), "该积分细则", CatalogService::item))));
    }

    /**
     * A village's change to one of its items: switch it off or on, set its points (null: back to the town's
     * figure). Entries already registered keep their points.
     */
    public Uni<Item> override(StaffPrincipal actor, long villageId, String code, boolean enabled, Integer points) {
        if (points != null && (points == 0 || Math.abs(points) > 1000)) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "分值须为 -1000 到 1000 之间的非零整数", List.of("points")));
        }
        return pool.withTransaction(tx -> Sql.one(tx, EFFECTIVE + " AND i.code = $2", Sql.args(villageId, code), "该积分细则",
                CatalogService::item).flatMap(before -> Sql.exec(tx, """
                                INSERT INTO catalog_override (village_id, item_id, enabled, points, updated_by)
                                VALUES ($1, $2, $3, $4, $5)
                                ON CONFLICT (village_id, item_id) DO UPDATE SET enabled = EXCLUDED.enabled, points = EXCLUDED.points,
                                    updated_by = EXCLUDED.updated_by, updated_at = now()""",
                        Sql.args(villageId, before.id(), enabled, points, actor.username()))
                .call(x -> audit.record(tx, actor, villageId, "override", "catalog-item", before.id(),
                        Map.of("enabled", before.enabled(), "points", before.points()),
                        Map.of("enabled", enabled, "points", points == null ? before.basePoints() : points)))
                .flatMap(x -> Sql.one(tx, EFFECTIVE + " AND i.id = $2", Sql.args(villageId, before.id()), "该积分细则",
                        CatalogService::item))));
    }

    private Uni<Item> insert(SqlClient tx, long townId, Long villageId, ItemData d, StaffPrincipal actor) {
        return Sql.first(tx, """
                        INSERT INTO catalog_item (town_id, village_id, code, category, title, points, unit, monthly_cap, photo_required,
                                                  valid_from, valid_to)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        RETURNING id, code, category, title, points, unit, monthly_cap, photo_required,
                                  CAST(valid_from AS text) AS valid_from, CAST(valid_to AS text) AS valid_to,
                                  CASE WHEN village_id IS NULL THEN 'TOWN' ELSE 'VILLAGE' END AS source,
                                  points AS base_points, true AS enabled""",
                        Sql.args(townId, villageId, d.code(), d.category(), d.title(), d.points(), d.unit(), d.monthlyCap(),
                                d.photoRequired(), d.validFrom(), d.validTo()), CatalogService::item)
                .call(item -> audit.record(tx, actor.username(), townId, villageId, "create", "catalog-item", item.id(), null, d));
    }

    static DomainException duplicate(String code) {
        return new DomainException(409, "points.duplicate-code", "积分细则编码已存在", "编码 " + code + " 已被使用", List.of("code"));
    }

    static Item item(Row r) {
        return new Item(r.getLong("id"), r.getString("code"), r.getString("category"), r.getString("title"),
                r.getInteger("points"), r.getString("unit"), r.getInteger("monthly_cap"), r.getBoolean("photo_required"),
                r.getString("valid_from"), r.getString("valid_to"), r.getString("source"), r.getInteger("base_points"),
                r.getBoolean("enabled"));
    }
}
