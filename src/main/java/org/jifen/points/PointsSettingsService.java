package org.jifen.points;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The town's bonus scheme and star thresholds; each village's registration day and approval rule. The star rule itself
 * lives with the ratings ({@code rating.StarRule}), which read these thresholds: points does not depend on rating.
 */
@ApplicationScoped
public class PointsSettingsService {

    public record TownSettings(List<Integer> bonusScheme, List<Integer> starThresholds) {
    }

    public record VillageSettings(long villageId, Integer registrationDay, boolean twoApprovals, LocalDate nextRegistrationDate) {
    }

    static final List<Integer> DEFAULT_STARS = List.of(200, 250, 300);

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    /** The settings of the village's town, read with {@code db} (a transaction's connection or the pool). */
    public Uni<TownSettings> townSettingsOfVillage(SqlClient db, long villageId) {
        return Sql.first(db, """
                SELECT s.bonus_scheme, s.star_thresholds
                FROM village v LEFT JOIN points_town_settings s ON s.town_id = v.town_id WHERE v.id = $1""",
                Sql.args(villageId), PointsSettingsService::townOf).map(PointsSettingsService::orDefault);
    }

    public Uni<TownSettings> town(long townId) {
        return town(pool, townId);
    }

    private Uni<TownSettings> town(SqlClient db, long townId) {
        return Sql.first(db, "SELECT bonus_scheme, star_thresholds FROM points_town_settings WHERE town_id = $1",
                Sql.args(townId), PointsSettingsService::townOf).map(PointsSettingsService::orDefault);
    }

    public Uni<TownSettings> setTown(StaffPrincipal actor, List<Integer> bonusScheme, List<Integer> stars) {
        if (bonusScheme.size() > 50 || bonusScheme.stream().anyMatch(p -> p == null || p < 0 || p > 1000)) {
            throw DomainException.badRequest("request.invalid", "奖励分方案有误：每个名次的奖励分须在 0 到 1000 之间", List.of("bonusScheme"));
        }
        if (stars.size() != 3 || stars.stream().anyMatch(p -> p == null)) {
            throw DomainException.badRequest("request.invalid", "星级门槛须为三个数：三星、四星、五星", List.of("starThresholds"));
        }
        if (stars.get(0) <= 0 || stars.get(0) > stars.get(1) || stars.get(1) > stars.get(2)) {
            throw DomainException.badRequest("request.invalid", "星级门槛须满足 0 < 三星 ≤ 四星 ≤ 五星", List.of("starThresholds"));
        }
        TownSettings after = new TownSettings(List.copyOf(bonusScheme), List.copyOf(stars));
        return pool.withTransaction(tx -> town(tx, actor.townId()).flatMap(before -> Sql.exec(tx, """
                        INSERT INTO points_town_settings (town_id, bonus_scheme, star_thresholds, updated_by, updated_at)
                        VALUES ($1, $2, $3, $4, now())
                        ON CONFLICT (town_id) DO UPDATE SET bonus_scheme = EXCLUDED.bonus_scheme,
                            star_thresholds = EXCLUDED.star_thresholds, updated_by = EXCLUDED.updated_by, updated_at = now()""",
                        Sql.args(actor.townId(), bonusScheme.toArray(Integer[]::new), stars.toArray(Integer[]::new), actor.username()))
                .call(x -> audit.record(tx, actor, null, "update", "points-town-settings", actor.townId(), before, after))
                .replaceWith(after)));
    }

    /** The village's settings, read with {@code db} (a transaction's connection or the pool). */
    public Uni<VillageSettings> village(SqlClient db, long villageId) {
        return Sql.first(db, "SELECT registration_day, two_approvals FROM points_village_settings WHERE village_id = $1",
                        Sql.args(villageId), r -> r)
                .map(r -> {
                    Integer day = r == null ? null : r.getInteger("registration_day");
                    return new VillageSettings(villageId, day, r != null && r.getBoolean("two_approvals"),
                            nextRegistration(day, time.today()));
                });
    }

    public Uni<VillageSettings> village(long villageId) {
        return village(pool, villageId);
    }

    public Uni<VillageSettings> setVillage(StaffPrincipal actor, long villageId, Integer registrationDay, boolean twoApprovals) {
        if (registrationDay != null && (registrationDay < 1 || registrationDay > 28)) {
            throw DomainException.badRequest("request.invalid", "登记日须在每月 1 日到 28 日之间", List.of("registrationDay"));
        }
        return pool.withTransaction(tx -> village(tx, villageId).flatMap(before -> Sql.exec(tx, """
                        INSERT INTO points_village_settings (village_id, registration_day, two_approvals, updated_by)
                        VALUES ($1, $2, $3, $4)
                        ON CONFLICT (village_id) DO UPDATE SET registration_day = EXCLUDED.registration_day,
                            two_approvals = EXCLUDED.two_approvals, updated_by = EXCLUDED.updated_by, updated_at = now()""",
                        Sql.args(villageId, registrationDay, twoApprovals, actor.username()))
                .flatMap(x -> village(tx, villageId))
                .call(after -> audit.record(tx, actor, villageId, "update", "points-village-settings", villageId,
                        image(before), image(after)))));
    }

    /** The next registration date on or after {@code today}, or null when the village has not set a day. */
    public static LocalDate nextRegistration(Integer day, LocalDate today) {
        if (day == null) {
            return null;
        }
        LocalDate thisMonth = today.withDayOfMonth(day);
        return thisMonth.isBefore(today) ? today.plusMonths(1).withDayOfMonth(day) : thisMonth;
    }

    private static Map<String, Object> image(VillageSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registrationDay", s.registrationDay());
        m.put("twoApprovals", s.twoApprovals());
        return m;
    }

    /** Nulls (no row, or no value set) stand for the defaults. */
    private static TownSettings townOf(Row r) {
        Integer[] scheme = r.getArrayOfIntegers("bonus_scheme");
        Integer[] stars = r.getArrayOfIntegers("star_thresholds");
        return new TownSettings(scheme == null ? null : Arrays.asList(scheme), stars == null ? null : Arrays.asList(stars));
    }

    private static TownSettings orDefault(TownSettings s) {
        return new TownSettings(s == null || s.bonusScheme() == null ? Ranking.DEFAULT_SCHEME : List.copyOf(s.bonusScheme()),
                s == null || s.starThresholds() == null ? DEFAULT_STARS : List.copyOf(s.starThresholds()));
    }
}
