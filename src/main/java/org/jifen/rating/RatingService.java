package org.jifen.rating;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.points.PointsSettingsService;

import java.util.List;
import java.util.Map;

import static org.jifen.points.PointsSql.*;

/** Year-to-date star ratings from earned points, and a household's rank in its village for a period. */
@ApplicationScoped
public class RatingService {

    public record Rating(long householdId, int yearPoints, int stars) {
    }

    public record TownRating(long villageId, long householdId, String number, String headName, int yearPoints, int stars) {
    }

    /** A household's standing for one period ('2026', '2026-Q1', '2026-03'): rank among its village's households with points. */
    public record Standing(String period, int points, Integer rank, int ranked) {
    }

    public record Ranks(long householdId, Standing month, Standing quarter, Standing year) {
    }

    @Inject
    PointsSettingsService settings;

    @Inject
    org.jifen.audit.Audit audit;

    @Inject
    ChinaTime time;

    @WithTransaction
    public Uni<List<Rating>> rateVillage(StaffPrincipal actor, long villageId, int year) {
        checkYear(year);
        return settings.townSettingsOfVillage(villageId).flatMap(ts -> rows("""
                        SELECT h.id, coalesce(e.points, 0) FROM household h
                        LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = ?2
                        WHERE h.village_id = ?1 AND (h.status = 'ACTIVE' OR e.points IS NOT NULL)
                        ORDER BY coalesce(e.points, 0) DESC, h.number""", villageId, String.valueOf(year))
                        .map(list -> list.stream().map(r -> new Rating(lng(r[0]), integer(r[1]), ts.starRule().stars(integer(r[1])))).toList()))
                .call(list -> audit.record(actor.username(), actor.townId(), villageId, "rate", "star-rating", villageId + ":" + year, null,
                        Map.of("year", year, "households", list.size(),
                                "starred", list.stream().filter(r -> r.stars() > 0).count())));
    }

    @WithSession
    public Uni<List<TownRating>> town(long townId, int year) {
        checkYear(year);
        return settings.town(townId).flatMap(ts -> rows("""
                        SELECT h.village_id, h.id, h.number, h.head_name, coalesce(e.points, 0) FROM household h
                        JOIN village v ON v.id = h.village_id AND v.town_id = ?1
                        LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = ?2
                        WHERE h.status = 'ACTIVE' OR e.points IS NOT NULL
                        ORDER BY v.code, coalesce(e.points, 0) DESC, h.number""", townId, String.valueOf(year))
                .map(list -> list.stream().map(r -> new TownRating(lng(r[0]), lng(r[1]), str(r[2]), str(r[3]), integer(r[4]),
                        ts.starRule().stars(integer(r[4])))).toList()));
    }

    /** Cheap: each figure is one probe of the earned_points_rank index. */
    @WithSession
    public Uni<Ranks> ranks(long householdId, String month) {
        String m = month == null ? time.thisMonth().toString() : month;
        String q = m.substring(0, 4) + "-Q" + ((Integer.parseInt(m.substring(5, 7)) + 2) / 3);
        String y = m.substring(0, 4);
        return standing(householdId, m).flatMap(sm -> standing(householdId, q)
                .flatMap(sq -> standing(householdId, y).map(sy -> new Ranks(householdId, sm, sq, sy))));
    }

    private Uni<Standing> standing(long householdId, String period) {
        return one("""
                SELECT e.points,
                       (SELECT count(*) FROM earned_points o WHERE o.village_id = h.village_id AND o.period = ?2 AND o.points > e.points),
                       (SELECT count(*) FROM earned_points o WHERE o.village_id = h.village_id AND o.period = ?2 AND o.points > 0)
                FROM household h LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = ?2
                WHERE h.id = ?1""", householdId, period).map(r -> {
            if (r == null) {
                throw DomainException.notFound("该农户");
            }
            int points = integer(r[0]);
            return new Standing(period, points, points > 0 ? integer(r[1]) + 1 : null, integer(r[2]));
        });
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw DomainException.badRequest("request.invalid", "年份有误", List.of("year"));
        }
    }
}
