package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.db.Sql;
import org.jifen.town.TownSettings;

import java.util.List;

/**
 * {@code large-adjustment}: a manual adjustment (an {@code ADJUST} posting that is not a reversal) of at least the
 * town's threshold, added or taken. Evidence: the household's postings, where the reason is shown.
 */
@ApplicationScoped
public class LargeAdjustment implements FlagRule {

    private record Row(long villageId, long householdId, String number, int points, String month, String reason, String actor,
                       boolean reversed) {
    }

    @Override
    public String kind() {
        return "large-adjustment";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings) {
        int min = settings.intValue(FlagSettings.ADJUSTMENT_POINTS);
        // postings of the year by (village_id, month)
        return Sql.list(db, """
                        SELECT p.village_id, p.household_id, h.number, p.points, p.month, p.reason, p.actor,
                               EXISTS (SELECT 1 FROM posting x WHERE x.reversal_of = p.id) AS reversed
                          FROM posting p JOIN household h ON h.id = p.household_id
                         WHERE p.village_id IN (SELECT id FROM village WHERE town_id = $1) AND p.month BETWEEN $2 AND $3
                           AND p.type = 'ADJUST' AND p.reversal_of IS NULL AND abs(p.points) >= $4
                         ORDER BY p.village_id, p.id""",
                Sql.args(townId, year + "-01", year + "-12", min),
                r -> new Row(r.getLong("village_id"), r.getLong("household_id"), r.getString("number"), r.getInteger("points"),
                        r.getString("month"), r.getString("reason"), r.getString("actor"), r.getBoolean("reversed")))
                .map(rows -> rows.stream().map(x -> new Flag(kind(), x.villageId(), x.number() + " 户 " + x.month() + " 手工调整 "
                                + (x.points() > 0 ? "+" : "") + x.points() + " 分（" + x.actor() + "："
                                + (x.reason() == null ? "未写原因" : x.reason()) + "）" + (x.reversed() ? "，已冲正" : ""),
                        "/households/" + x.householdId() + "/ledger")).toList());
    }
}
