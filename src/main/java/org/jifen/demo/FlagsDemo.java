package org.jifen.demo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.ledger.Postings;

import java.util.Map;

/**
 * Demo: one thing for the town's anomaly flags (异常预警) to show, and to explain: the third demo village's secretary
 * gave its first household a large manual adjustment this month, with the reason. Everything else in the demo is
 * ordinary (every closed month registered, one reviewer approving all over a hundred households, redemptions on the
 * redemption day, sealed months), so {@code large-adjustment} in 桃源村 is the demo's one flag (README, 异常预警).
 */
@ApplicationScoped
public class FlagsDemo implements DemoStep {

    static final int POINTS = 60;
    static final String REASON = "扑救山火受县政府表彰，经村民代表大会决定一次性加分";

    private record Target(long villageId, long householdId, String secretary) {
    }

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public Uni<Void> load(SqlConnection tx, DemoContext context) {
        if (context.villageIds.size() < 3) {
            return Uni.createFrom().voidItem();
        }
        long villageId = context.villageIds.get(2);
        String month = time.thisMonth().toString();
        return Sql.first(tx, """
                        SELECT h.id, coalesce((SELECT s.username FROM staff s WHERE s.village_id = h.village_id AND s.role = 'SECRETARY'
                                                ORDER BY s.id LIMIT 1), 'demo') AS secretary
                          FROM household h WHERE h.village_id = $1 AND h.status = 'ACTIVE' ORDER BY h.id LIMIT 1""",
                        Sql.args(villageId), r -> new Target(villageId, r.getLong("id"), r.getString("secretary")))
                .flatMap(t -> t == null ? Uni.createFrom().voidItem() : Postings.post(tx, new Postings.NewPosting(t.householdId(),
                                t.villageId(), "ADJUST", POINTS, month, "adjustment", null, null, REASON, t.secretary()))
                        .flatMap(p -> audit.record(tx, t.secretary(), context.townId, t.villageId(), "adjust", "posting", p.id(), null,
                                Map.of("householdId", t.householdId(), "points", POINTS, "month", month, "reason", REASON))));
    }
}
