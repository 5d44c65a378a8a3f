package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.db.Sql;
import org.jifen.town.TownSettings;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code redeemed-outside-days}: standing redemptions made (China date) on a day that is not one of the village's
 * redemption days, per month, from the town's minimum count on. A village that redeems every day still has its
 * quarterly redemption days; what happens between them is what the town looks at. Evidence: the village's
 * redemption list over those days.
 */
@ApplicationScoped
public class RedeemedOutsideDays implements FlagRule {

    private record Row(long villageId, String month, long redemptions, long points, LocalDate first, LocalDate last, long days) {
    }

    @Override
    public String kind() {
        return "redeemed-outside-days";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings) {
        int min = settings.intValue(FlagSettings.OUTSIDE_DAYS_MIN);
        // redemptions of the year by (village_id, created_at); the day looked up by (village_id, day)
        return Sql.list(db, """
                        SELECT r.village_id, to_char(r.day, 'YYYY-MM') AS month, count(*) AS redemptions, sum(r.total_points) AS points,
                               min(r.day) AS first, max(r.day) AS last, count(DISTINCT r.day) AS days
                          FROM (SELECT village_id, total_points, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM redemption
                                 WHERE village_id IN (SELECT id FROM village WHERE town_id = $1) AND reversed_at IS NULL
                                   AND created_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'Asia/Shanghai')
                                   AND created_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')) r
                         WHERE NOT EXISTS (SELECT 1 FROM redemption_day d WHERE d.village_id = r.village_id AND d.day = r.day)
                         GROUP BY r.village_id, to_char(r.day, 'YYYY-MM')
                        HAVING count(*) >= $3
                         ORDER BY 1, 2""",
                Sql.args(townId, year, min),
                r -> new Row(r.getLong("village_id"), r.getString("month"), r.getLong("redemptions"), r.getLong("points"),
                        r.getLocalDate("first"), r.getLocalDate("last"), r.getLong("days")))
                .map(rows -> rows.stream().map(x -> new Flag(kind(), x.villageId(), x.month() + " 有 " + x.redemptions() + " 笔兑换（共 "
                                + x.points() + " 分）不在兑换日，分布在 " + x.days() + " 天（" + x.first()
                                + (x.first().equals(x.last()) ? "" : " 至 " + x.last()) + "）",
                        "/villages/" + x.villageId() + "/redemptions?from=" + x.first() + "&to=" + x.last())).toList());
    }

}
