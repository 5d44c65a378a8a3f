package org.jifen.points;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.jifen.points.PointsSql.*;

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

    private static final String EFFECTIVE = """
            SELECT i.id, i.code, i.category, i.title, coalesce(o.points, i.points), i.unit, i.monthly_cap, i.photo_required,
                   CAST(i.valid_from AS text), CAST(i.valid_to AS text),
                   CASE WHEN i.village_id IS NULL THEN 'TOWN' ELSE 'VILLAGE' END, i.points, coalesce(o.enabled, true)
            FROM catalog_item i JOIN village v ON v.id = ?1 AND i.town_id = v.town_id
            LEFT JOIN catalog_override o ON o.item_id = i.id AND o.village_id = ?1
            WHERE (i.village_id IS NULL OR i.village_id = ?1)""";

    @Inject
    org.jifen.audit.Audit audit;

    /** Every item of the village, switched-off ones included when {@code all}. Within the current session. */
    public Uni<List<Item>> effectiveIn(long villageId, boolean all) {
        return rows(EFFECTIVE + (all ? "" : " AND coalesce(o.enabled, true)") + " ORDER BY i.category, i.code", villageId)
                .map(list -> list.stream().map(CatalogService::item).toList());
    }

    @WithSession
    public Uni<List<Item>> effective(long villageId, boolean all) {
        return effectiveIn(villageId, all);
    }

    /** The village's enabled item of that code, or null. Within the current session. */
    public Uni<Item> findIn(long villageId, String code) {
        return rows(EFFECTIVE + " AND i.code = ?2 ORDER BY i.village_id NULLS LAST", villageId, code)
                .map(list -> list.isEmpty() ? null : item(list.get(0)));
    }

    @WithSession
    public Uni<List<Item>> town(long townId) {
        return rows("""
                SELECT i.id, i.code, i.category, i.title, i.points, i.unit, i.monthly_cap, i.photo_required,
                       CAST(i.valid_from AS text), CAST(i.valid_to AS text), 'TOWN', i.points, true
                FROM catalog_item i WHERE i.town_id = ?1 AND i.village_id IS NULL ORDER BY i.category, i.code""", townId)
                .map(list -> list.stream().map(CatalogService::item).toList());
    }

    @WithTransaction
    public Uni<Item> createTownItem(StaffPrincipal actor, ItemData d) {
        return rows("SELECT 1 FROM catalog_item WHERE town_id = ?1 AND code = ?2", actor.townId(), d.code())
                .flatMap(clash -> {
                    if (!clash.isEmpty()) {
                        return Uni.createFrom().failure(duplicate(d.code()));
                    }
                    return insert(actor.townId(), null, d, actor);
                });
    }

    @WithTransaction
    public Uni<Item> createVillageItem(StaffPrincipal actor, long villageId, ItemData d) {
        return rows("""
                SELECT 1 FROM catalog_item i JOIN village v ON v.town_id = i.town_id AND v.id = ?1
                WHERE i.code = ?2 AND (i.village_id IS NULL OR i.village_id = ?1)""", villageId, d.code())
                .flatMap(clash -> {
                    if (!clash.isEmpty()) {
                        return Uni.createFrom().failure(duplicate(d.code()));
                    }
                    return one("SELECT town_id FROM village WHERE id = ?1", villageId)
                            .flatMap(r -> insert(lng(r[0]), villageId, d, actor));
                });
    }

    /** Changes a town-wide item; entries already registered keep their points. */
    @WithTransaction
    public Uni<Item> updateTownItem(StaffPrincipal actor, String code, ItemData d) {
        return one("SELECT id, points, title FROM catalog_item WHERE town_id = ?1 AND village_id IS NULL AND code = ?2",
                actor.townId(), code).flatMap(r -> {
            if (r == null) {
                return Uni.createFrom().failure(DomainException.notFound("该积分细则"));
            }
            long id = lng(r[0]);
            return exec("""
                            UPDATE catalog_item SET category = ?2, title = ?3, points = ?4, unit = ?5, monthly_cap = CAST(?6 AS int),
                                photo_required = ?7, valid_from = CAST(?8 AS date), valid_to = CAST(?9 AS date), updated_at = now()
                            WHERE id = ?1""", id, d.category(), d.title(), d.points(), d.unit(), d.monthlyCap(), d.photoRequired(),
                    d.validFrom(), d.validTo())
                    .call(x -> audit.record(actor.username(), actor.townId(), null, "update", "catalog-item", id,
                            Map.of("points", integer(r[1]), "title", str(r[2])), d))
                    .flatMap(x -> one("""
                            SELECT i.id, i.code, i.category, i.title, i.points, i.unit, i.monthly_cap, i.photo_required,
                                   CAST(i.valid_from AS text), CAST(i.valid_to AS text), 'TOWN', i.points, true
                            FROM catalog_item i WHERE id = ?1""", id)).map(CatalogService::item);
        });
    }

    /**
     * A village's change to one of its items: switch it off or on, set its points (null: back to the town's
     * figure). Entries already registered keep their points.
     */
    @WithTransaction
    public Uni<Item> override(StaffPrincipal actor, long villageId, String code, boolean enabled, Integer points) {
        if (points != null && (points == 0 || Math.abs(points) > 1000)) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "分值须为 -1000 到 1000 之间的非零整数", List.of("points")));
        }
        return rows(EFFECTIVE + " AND i.code = ?2", villageId, code).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().failure(DomainException.notFound("该积分细则"));
            }
            Item before = item(list.get(0));
            return exec("""
                            INSERT INTO catalog_override (village_id, item_id, enabled, points, updated_by)
                            VALUES (?1, ?2, ?3, CAST(?4 AS int), ?5)
                            ON CONFLICT (village_id, item_id) DO UPDATE SET enabled = EXCLUDED.enabled, points = EXCLUDED.points,
                                updated_by = EXCLUDED.updated_by, updated_at = now()""",
                    villageId, before.id(), enabled, points, actor.username())
                    .call(x -> audit.record(actor.username(), actor.townId(), villageId, "override", "catalog-item", before.id(),
                            Map.of("enabled", before.enabled(), "points", before.points()),
                            Map.of("enabled", enabled, "points", points == null ? before.basePoints() : points)))
                    .flatMap(x -> rows(EFFECTIVE + " AND i.id = ?2", villageId, before.id()))
                    .map(after -> item(after.get(0)));
        });
    }

    private Uni<Item> insert(long townId, Long villageId, ItemData d, StaffPrincipal actor) {
        return one("""
                        INSERT INTO catalog_item (town_id, village_id, code, category, title, points, unit, monthly_cap, photo_required,
                                                  valid_from, valid_to)
                        VALUES (?1, CAST(?2 AS bigint), ?3, ?4, ?5, ?6, ?7, CAST(?8 AS int), ?9, CAST(?10 AS date), CAST(?11 AS date))
                        RETURNING id, code, category, title, points, unit, monthly_cap, photo_required,
                                  CAST(valid_from AS text), CAST(valid_to AS text),
                                  CASE WHEN village_id IS NULL THEN 'TOWN' ELSE 'VILLAGE' END, points, true""",
                townId, villageId, d.code(), d.category(), d.title(), d.points(), d.unit(), d.monthlyCap(), d.photoRequired(),
                d.validFrom(), d.validTo())
                .map(CatalogService::item)
                .call(item -> audit.record(actor.username(), townId, villageId, "create", "catalog-item", item.id(), null, d));
    }

    static DomainException duplicate(String code) {
        return new DomainException(409, "points.duplicate-code", "积分细则编码已存在", "编码 " + code + " 已被使用", List.of("code"));
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
    }

    static Item item(Object[] r) {
        return new Item(lng(r[0]), str(r[1]), str(r[2]), str(r[3]), integer(r[4]), str(r[5]), intOrNull(r[6]), bool(r[7]),
                str(r[8]), str(r[9]), str(r[10]), integer(r[11]), bool(r[12]));
    }
}
