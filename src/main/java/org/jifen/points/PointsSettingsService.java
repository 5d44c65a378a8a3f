package org.jifen.points;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.rating.StarRule;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.points.PointsSql.*;

/** The town's bonus scheme and star thresholds; each village's registration day and approval rule. */
@ApplicationScoped
public class PointsSettingsService {

    public record TownSettings(List<Integer> bonusScheme, List<Integer> starThresholds) {
        public StarRule starRule() {
            return new StarRule(starThresholds.get(0), starThresholds.get(1), starThresholds.get(2));
        }
    }

    public record VillageSettings(long villageId, Integer registrationDay, boolean twoApprovals, LocalDate nextRegistrationDate) {
    }

    @Inject
    org.jifen.audit.Audit audit;

    @Inject
    ChinaTime time;

    /** Within the current session. */
    public Uni<TownSettings> townSettingsOfVillage(long villageId) {
        return one("""
                SELECT array_to_string(s.bonus_scheme, ','), array_to_string(s.star_thresholds, ',')
                FROM village v LEFT JOIN points_town_settings s ON s.town_id = v.town_id WHERE v.id = ?1""", villageId)
                .map(PointsSettingsService::townOf);
    }

    @WithSession
    public Uni<TownSettings> town(long townId) {
        return one("SELECT array_to_string(bonus_scheme, ','), array_to_string(star_thresholds, ',') FROM points_town_settings WHERE town_id = ?1",
                townId).map(PointsSettingsService::townOf);
    }

    @WithTransaction
    public Uni<TownSettings> setTown(StaffPrincipal actor, List<Integer> bonusScheme, List<Integer> stars) {
        if (bonusScheme.size() > 50 || bonusScheme.stream().anyMatch(p -> p == null || p < 0 || p > 1000)) {
            throw DomainException.badRequest("request.invalid", "奖励分方案有误：每个名次的奖励分须在 0 到 1000 之间", List.of("bonusScheme"));
        }
        if (stars.size() != 3 || stars.stream().anyMatch(p -> p == null)) {
            throw DomainException.badRequest("request.invalid", "星级门槛须为三个数：三星、四星、五星", List.of("starThresholds"));
        }
        try {
            new StarRule(stars.get(0), stars.get(1), stars.get(2));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("request.invalid", "星级门槛须满足 0 < 三星 ≤ 四星 ≤ 五星", List.of("starThresholds"));
        }
        String scheme = String.join(",", bonusScheme.stream().map(String::valueOf).toList());
        String thresholds = String.join(",", stars.stream().map(String::valueOf).toList());
        return town(actor.townId()).flatMap(before -> exec("""
                        INSERT INTO points_town_settings (town_id, bonus_scheme, star_thresholds, updated_by, updated_at)
                        VALUES (?1, CAST(string_to_array(?2, ',') AS int[]), CAST(string_to_array(?3, ',') AS int[]), ?4, now())
                        ON CONFLICT (town_id) DO UPDATE SET bonus_scheme = EXCLUDED.bonus_scheme,
                            star_thresholds = EXCLUDED.star_thresholds, updated_by = EXCLUDED.updated_by, updated_at = now()""",
                        actor.townId(), scheme, thresholds, actor.username())
                .replaceWith(new TownSettings(List.copyOf(bonusScheme), List.copyOf(stars)))
                .call(after -> audit.record(actor.username(), actor.townId(), null, "update", "points-town-settings",
                        actor.townId(), before, after)));
    }

    /** Within the current session. */
    public Uni<VillageSettings> villageIn(long villageId) {
        return one("SELECT registration_day, two_approvals FROM points_village_settings WHERE village_id = ?1", villageId)
                .map(r -> {
                    Integer day = r == null ? null : intOrNull(r[0]);
                    return new VillageSettings(villageId, day, r != null && bool(r[1]), nextRegistration(day, time.today()));
                });
    }

    @WithSession
    public Uni<VillageSettings> village(long villageId) {
        return villageIn(villageId);
    }

    @WithTransaction
    public Uni<VillageSettings> setVillage(StaffPrincipal actor, long villageId, Integer registrationDay, boolean twoApprovals) {
        if (registrationDay != null && (registrationDay < 1 || registrationDay > 28)) {
            throw DomainException.badRequest("request.invalid", "登记日须在每月 1 日到 28 日之间", List.of("registrationDay"));
        }
        return villageIn(villageId).flatMap(before -> exec("""
                        INSERT INTO points_village_settings (village_id, registration_day, two_approvals, updated_by)
                        VALUES (?1, CAST(?2 AS int), ?3, ?4)
                        ON CONFLICT (village_id) DO UPDATE SET registration_day = EXCLUDED.registration_day,
                            two_approvals = EXCLUDED.two_approvals, updated_by = EXCLUDED.updated_by, updated_at = now()""",
                        villageId, registrationDay, twoApprovals, actor.username())
                .flatMap(x -> villageIn(villageId))
                .call(after -> {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("registrationDay", before.registrationDay());
                    b.put("twoApprovals", before.twoApprovals());
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("registrationDay", after.registrationDay());
                    a.put("twoApprovals", after.twoApprovals());
                    return audit.record(actor.username(), actor.townId(), villageId, "update", "points-village-settings", villageId, b, a);
                }));
    }

    /** The next registration date on or after {@code today}, or null when the village has not set a day. */
    public static LocalDate nextRegistration(Integer day, LocalDate today) {
        if (day == null) {
            return null;
        }
        LocalDate thisMonth = today.withDayOfMonth(day);
        return thisMonth.isBefore(today) ? today.plusMonths(1).withDayOfMonth(day) : thisMonth;
    }

    private static TownSettings townOf(Object[] r) {
        List<Integer> scheme = r == null || r[0] == null ? Ranking.DEFAULT_SCHEME : ints(str(r[0]));
        List<Integer> stars = r == null || r[1] == null ? List.of(200, 250, 300) : ints(str(r[1]));
        return new TownSettings(scheme, stars);
    }

    private static List<Integer> ints(String csv) {
        if (csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
