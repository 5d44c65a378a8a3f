package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.db.Sql;
import org.jifen.town.TownSettings;

import java.util.List;

/**
 * {@code points-without-entries}: a household whose earned points of the year reach the town's threshold while it has
 * no approved entry in the year: points that no registered deed explains. Evidence: the household's postings.
 */
@ApplicationScoped
public class PointsWithoutEntries implements FlagRule {

    private record Row(long villageId, long householdId, String number, int points) {
    }

    @Override
    public String kind() {
        return "points-without-entries";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings) {
        int min = settings.intValue(FlagSettings.WITHOUT_ENTRIES_POINTS);
        // earned points of the year by (village_id, period, points); entries by (household_id, item_id, month)
        return Sql.list(db, """
                        SELECT ep.village_id, ep.household_id, h.number, ep.points
                          FROM earned_points ep JOIN household h ON h.id = ep.household_id
                         WHERE ep.village_id IN (SELECT id FROM village WHERE town_id = $1) AND ep.period = $2 AND ep.points >= $3
                           AND NOT EXISTS (SELECT 1 FROM entry e WHERE e.household_id = ep.household_id
                                              AND e.month BETWEEN $2 || '-01' AND $2 || '-12' AND e.status = 'APPROVED')
                         ORDER BY ep.village_id, ep.household_id""",
                Sql.args(townId, String.valueOf(year), min),
                r -> new Row(r.getLong("village_id"), r.getLong("household_id"), r.getString("number"), r.getInteger("points")))
                .map(rows -> rows.stream().map(x -> new Flag(kind(), x.villageId(), x.number() + " 户本年累计 " + x.points()
                        + " 分，但本年没有一条批准的积分登记", "/households/" + x.householdId() + "/ledger")).toList());
    }
}
