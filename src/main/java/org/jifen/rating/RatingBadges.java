package org.jifen.rating;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.points.PointsSettingsService;

/**
 * A household's stars for the pages of other features, read in their templates as
 * {@code {#let b=inject:ratingBadges.household(id)}}: the last confirmed year's stars, then this year's progress. So the
 * household and portal pages show stars without depending on the rating package.
 */
@Named("ratingBadges")
@ApplicationScoped
public class RatingBadges {

    /**
     * {@code confirmedYear} is null when no list naming the household was confirmed; {@code yearPoints} are this year's
     * earned points, {@code toNext} the points missing to the next star level (0 at five stars).
     */
    public record Badge(Integer confirmedYear, int confirmedStars, int confirmedPoints, int year, int yearPoints, int stars,
                        int toNext, int three, int four, int five) {

        public boolean lastYearConfirmed() {
            return confirmedYear != null && confirmedYear == year - 1;
        }

        public int nextStars() {
            return stars == 0 ? 3 : Math.min(5, stars + 1);
        }

        public String confirmedText() {
            return starText(confirmedStars);
        }

        public String starsText() {
            return starText(stars);
        }

        static String starText(int stars) {
            return stars <= 0 ? "无星级" : "★".repeat(stars) + " " + stars + "星";
        }
    }

    @Inject
    Pool pool;

    @Inject
    PointsSettingsService settings;

    @Inject
    ChinaTime time;

    public Uni<Badge> household(long householdId) {
        int year = time.thisYear();
        return Sql.one(pool, """
                        SELECT h.village_id, coalesce(e.points, 0) AS points FROM household h
                        LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = $2
                        WHERE h.id = $1""", Sql.args(householdId, String.valueOf(year)), "该农户",
                r -> new long[]{r.getLong("village_id"), r.getInteger("points")})
                .flatMap(hv -> settings.townSettingsOfVillage(pool, hv[0]).flatMap(ts -> Confirmations.lastConfirmed(pool, householdId)
                        .map(c -> {
                            StarRule rule = YearEndRatings.rule(ts.starThresholds());
                            int points = (int) hv[1];
                            return new Badge(c == null ? null : c.year(), c == null ? 0 : c.stars(), c == null ? 0 : c.yearPoints(),
                                    year, points, rule.stars(points), rule.pointsToNext(points), rule.three(), rule.four(), rule.five());
                        })));
    }
}
