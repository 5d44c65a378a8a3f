package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.db.Sql;
import org.jifen.town.TownSettings;

import java.util.List;

/**
 * {@code spike-before-notice}: for each quarter of the year that has a notice (published, else its draft), a household
 * whose points (entries and manual adjustments; bonuses follow the ranking and are left out) in the quarter's last
 * month, just before the notice, reach the town's minimum and a multiple of its monthly average of the two earlier
 * months. Evidence: the household's postings.
 */
@ApplicationScoped
public class SpikeBeforeNotice implements FlagRule {

    private record Row(long villageId, int quarter, String status, long householdId, String number, long first, long second,
                       long last) {
    }

    @Override
    public String kind() {
        return "spike-before-notice";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings) {
        int min = settings.intValue(FlagSettings.SPIKE_POINTS);
        int ratio = settings.intValue(FlagSettings.SPIKE_RATIO);
        // notices by (village_id, year, quarter); each quarter's postings by (village_id, month)
        return Sql.list(db, """
                        WITH n AS (
                          SELECT DISTINCT ON (village_id, quarter) village_id, quarter, status FROM notice
                           WHERE village_id IN (SELECT id FROM village WHERE town_id = $1) AND year = $2
                           ORDER BY village_id, quarter, status = 'PUBLISHED' DESC),
                        m AS (
                          SELECT n.village_id, n.quarter, n.status, k, to_char(make_date($2, n.quarter * 3 - 3 + k, 1), 'YYYY-MM') AS month
                            FROM n, generate_series(1, 3) AS k),
                        s AS (
                          SELECT m.village_id, m.quarter, m.status, p.household_id,
                                 sum(p.points) FILTER (WHERE m.k = 1) AS first, sum(p.points) FILTER (WHERE m.k = 2) AS second,
                                 sum(p.points) FILTER (WHERE m.k = 3) AS last
                            FROM m JOIN posting p ON p.village_id = m.village_id AND p.month = m.month AND p.type IN ('EARN', 'ADJUST')
                           GROUP BY m.village_id, m.quarter, m.status, p.household_id
                          HAVING sum(p.points) FILTER (WHERE m.k = 3) >= $3)
                        -- the household's number only for the few that spiked, by its key (a join made the planner hash
                        -- every household of the county)
                        SELECT s.*, (SELECT h.number FROM household h WHERE h.id = s.household_id) AS number FROM s
                         ORDER BY s.village_id, s.quarter, s.household_id""",
                Sql.args(townId, year, min),
                r -> new Row(r.getLong("village_id"), r.getInteger("quarter"), r.getString("status"), r.getLong("household_id"),
                        r.getString("number"), orZero(r.getLong("first")), orZero(r.getLong("second")), orZero(r.getLong("last"))))
                .map(rows -> rows.stream().filter(x -> FlagMath.spike(x.last(), x.first(), x.second(), min, ratio))
                        .map(x -> new Flag(kind(), x.villageId(), x.number() + " 户在第 " + x.quarter() + " 季度"
                                + ("PUBLISHED".equals(x.status()) ? "公示" : "公示（草稿）") + "前的最后一个月获得 " + x.last()
                                + " 分，前两个月分别为 " + x.first() + " 分、" + x.second() + " 分",
                                "/households/" + x.householdId() + "/ledger"))
                        .toList());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
