package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.town.TownSettings;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code no-registration}: a month that has ended with no entry registered (fewer than the town's minimum), counted
 * from the month the village started (its creation or its first entry, whichever is earlier). Evidence: the month's
 * page (its entries and ranking).
 */
@ApplicationScoped
public class NoRegistration implements FlagRule {

    private record Start(long villageId, String created, String firstEntry) {
    }

    private record Count(long villageId, YearMonth month, long entries) {
    }

    @Inject
    ChinaTime time;

    @Override
    public String kind() {
        return "no-registration";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings) {
        int min = settings.intValue(FlagSettings.MIN_ENTRIES);
        YearMonth thisMonth = time.thisMonth();
        if (year > thisMonth.getYear()) {
            return Uni.createFrom().item(List.of());
        }
        // first entry by the index (village_id, month, status); entries of the year counted on the same index
        Uni<List<Start>> starts = Sql.list(db, """
                SELECT v.id, to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS created,
                       (SELECT min(e.month) FROM entry e WHERE e.village_id = v.id) AS first_entry
                  FROM village v WHERE v.town_id = $1""", Sql.args(townId),
                r -> new Start(r.getLong("id"), r.getString("created"), r.getString("first_entry")));
        return starts.flatMap(list -> Sql.list(db, """
                        SELECT village_id, month, count(*) AS entries FROM entry
                         WHERE village_id IN (SELECT id FROM village WHERE town_id = $1) AND month BETWEEN $2 AND $3
                         GROUP BY village_id, month""", Sql.args(townId, year + "-01", year + "-12"),
                r -> new Count(r.getLong("village_id"), YearMonth.parse(r.getString("month")), r.getLong("entries")))
                .map(rows -> {
                    Map<Long, Map<YearMonth, Long>> counts = new HashMap<>();
                    rows.forEach(c -> counts.computeIfAbsent(c.villageId(), k -> new HashMap<>()).put(c.month(), c.entries()));
                    List<Flag> flags = new ArrayList<>();
                    for (Start s : list) {
                        YearMonth started = YearMonth.parse(s.created());
                        if (s.firstEntry() != null && YearMonth.parse(s.firstEntry()).isBefore(started)) {
                            started = YearMonth.parse(s.firstEntry());
                        }
                        Map<YearMonth, Long> byMonth = counts.getOrDefault(s.villageId(), Map.of());
                        for (YearMonth m : FlagMath.monthsWithoutRegistration(year, started, thisMonth, byMonth, min)) {
                            long n = byMonth.getOrDefault(m, 0L);
                            flags.add(new Flag(kind(), s.villageId(),
                                    m + " 月已结束，" + (n == 0 ? "没有登记任何积分" : "只登记了 " + n + " 条（少于 " + min + " 条）"),
                                    "/villages/" + s.villageId() + "/months/" + m + "/close"));
                        }
                    }
                    return flags;
                }));
    }
}
