package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.db.Sql;
import org.jifen.town.TownSettings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code concentrated-approvals} (人情分): one reviewer's approved points of the year going mostly to a few households.
 * Only approvals of positive entries count, and only a reviewer with enough approvals is looked at, so a small village
 * or a quiet year does not fire. Evidence: the village's audit trail filtered to that reviewer.
 */
@ApplicationScoped
public class ConcentratedApprovals implements FlagRule {

    private record Row(long villageId, String reviewer, long householdId, String number, long entries, long points) {
    }

    private record Reviewer(long villageId, String name) {
    }

    @Override
    public String kind() {
        return "concentrated-approvals";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings) {
        int min = settings.intValue(FlagSettings.APPROVALS_MIN);
        int top = settings.intValue(FlagSettings.APPROVALS_TOP);
        int share = settings.intValue(FlagSettings.APPROVALS_SHARE);
        // entries of the year by the index (village_id, month, status); their approvals by (entry_id, reviewer_id)
        return Sql.list(db, """
                        SELECT e.village_id, r.reviewer, e.household_id, h.number, count(*) AS entries, sum(e.points) AS points
                          FROM entry e
                          JOIN entry_review r ON r.entry_id = e.id AND r.decision = 'APPROVE'
                          JOIN household h ON h.id = e.household_id
                         WHERE e.village_id IN (SELECT id FROM village WHERE town_id = $1) AND e.month BETWEEN $2 AND $3
                           AND e.status = 'APPROVED' AND e.points > 0
                         GROUP BY e.village_id, r.reviewer, e.household_id, h.number""",
                Sql.args(townId, year + "-01", year + "-12"),
                r -> new Row(r.getLong("village_id"), r.getString("reviewer"), r.getLong("household_id"), r.getString("number"),
                        r.getLong("entries"), r.getLong("points")))
                .map(rows -> {
                    Map<Reviewer, List<Row>> byReviewer = rows.stream().collect(Collectors.groupingBy(
                            x -> new Reviewer(x.villageId(), x.reviewer()), LinkedHashMap::new, Collectors.toList()));
                    Map<Long, String> numbers = rows.stream().collect(Collectors.toMap(Row::householdId, Row::number, (a, b) -> a));
                    List<Flag> flags = new ArrayList<>();
                    byReviewer.forEach((key, list) -> {
                        var c = FlagMath.Concentration.of(list.stream()
                                .map(x -> new FlagMath.Approved(x.householdId(), x.entries(), x.points())).toList(), top);
                        if (c.fires(min, share)) {
                            long villageId = key.villageId();
                            String reviewer = key.name();
                            String households = c.top().stream().map(a -> numbers.get(a.householdId()) + " 户 " + a.points() + " 分")
                                    .collect(Collectors.joining("、"));
                            flags.add(new Flag(kind(), villageId, "评议人 " + reviewer + " 本年批准 " + c.entries() + " 条共 " + c.points()
                                    + " 分，其中 " + c.sharePercent() + "% 给了 " + c.top().size() + " 户（" + households + "）",
                                    "/villages/" + villageId + "/audit?actor=" + URLEncoder.encode(reviewer, StandardCharsets.UTF_8)));
                        }
                    });
                    return flags;
                });
    }
}
