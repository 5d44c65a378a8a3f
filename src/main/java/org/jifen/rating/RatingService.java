package org.jifen.rating;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.points.PointsSettingsService;

import java.util.List;
import java.util.Map;

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
    Pool pool;

    @Inject
    PointsSettingsService settings;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    public Uni<List<Rating>> rateVillage(StaffPrincipal actor, long villageId, int year) {
        checkYear(year);
        return pool.withTransaction(tx -> settings.townSettingsOfVillage(tx, villageId).flatMap(ts -> {
                    StarRule rule = starRule(ts);
                    return Sql.list(tx, """
                                    SELECT h.id, coalesce(e.points, 0) AS points FROM household h
                                    LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = $2
                                    WHERE h.village_id = $1 AND (h.status = 'ACTIVE' OR e.points IS NOT NULL)
                                    ORDER BY coalesce(e.points, 0) DESC, h.number""", Sql.args(villageId, String.valueOf(year)),
                            r -> new Rating(r.getLong("id"), r.getInteger("points"), rule.stars(r.getInteger("points"))));
                })
                .call(list -> audit.record(tx, actor, villageId, "rate", "star-rating", villageId + ":" + year, null,
                        Map.of("year", year, "households", list.size(),
                                "starred", list.stream().filter(r -> r.stars() > 0).count()))));
    }

    public Uni<List<TownRating>> town(long townId, int year) {
        checkYear(year);
        return settings.town(townId).flatMap(ts -> {
            StarRule rule = starRule(ts);
            return Sql.list(pool, """
                            SELECT h.village_id, h.id, h.number, h.head_name, coalesce(e.points, 0) AS points FROM household h
                            JOIN village v ON v.id = h.village_id AND v.town_id = $1
                            LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = $2
                            WHERE h.status = 'ACTIVE' OR e.points IS NOT NULL
                            ORDER BY v.code, coalesce(e.points, 0) DESC, h.number""", Sql.args(townId, String.valueOf(year)),
                    r -> new TownRating(r.getLong("village_id"), r.getLong("id"), r.getString("number"), r.getString("head_name"),
                            r.getInteger("points"), rule.stars(r.getInteger("points"))));
        });
    }

    /** Cheap: each figure is one probe of the earned_points_rank index. */
    public Uni<Ranks> ranks(long householdId, String month) {
        String m = month == null ? time.thisMonth().toString() : month;
        String q = m.substring(0, 4) + "-Q" + ((Integer.parseInt(m.substring(5, 7)) + 2) / 3);
        String y = m.substring(0, 4);
        return standing(householdId, m).flatMap(sm -> standing(householdId, q)
                .flatMap(sq -> standing(householdId, y).map(sy -> new Ranks(householdId, sm, sq, sy))));
    }

    private Uni<Standing> standing(long householdId, String period) {
        return Sql.one(pool, """
                SELECT coalesce(e.points, 0) AS points,
                       (SELECT count(*) FROM earned_points o WHERE o.village_id = h.village_id AND o.period = $2 AND o.points > e.points) AS above,
                       (SELECT count(*) FROM earned_points o WHERE o.village_id = h.village_id AND o.period = $2 AND o.points > 0) AS ranked
                FROM household h LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = $2
                WHERE h.id = $1""", Sql.args(householdId, period), "该农户", r -> {
            int points = r.getInteger("points");
            return new Standing(period, points, points > 0 ? r.getInteger("above") + 1 : null, r.getInteger("ranked"));
        });
    }

    private static StarRule starRule(PointsSettingsService.TownSettings ts) {
        List<Integer> t = ts.starThresholds();
        return new StarRule(t.get(0), t.get(1), t.get(2));
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw DomainException.badRequest("request.invalid", "年份有误", List.of("year"));
        }
    }
}
