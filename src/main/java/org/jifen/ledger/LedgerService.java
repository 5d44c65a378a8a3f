package org.jifen.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A household's postings; corrections by adjustment or by reversal, never by editing. */
@ApplicationScoped
public class LedgerService {

    /** The posting to reverse, with the reversal that already names it, if any. */
    private record Reversible(long householdId, long villageId, String type, int points, Long reversalOf, Long reversedBy) {
    }

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    /** All postings of the household in chain order, each with the running balance; only {@code year}'s when given. */
    public Uni<List<Postings.PostingView>> postings(long householdId, Integer year) {
        return Sql.list(pool, """
                SELECT id, household_id, type, points, month, to_json(created_at) #>> '{}' AS created_at, reversal_of,
                       cause_type, cause_id, reason, actor, sum(points) OVER (ORDER BY seq) AS balance
                FROM posting WHERE household_id = $1 ORDER BY seq""", Sql.args(householdId),
                r -> new Postings.PostingView(r.getLong("id"), r.getLong("household_id"), r.getString("type"),
                        r.getInteger("points"), r.getString("month"), r.getString("created_at"), r.getLong("reversal_of"),
                        r.getString("cause_type"), r.getLong("cause_id"), r.getString("reason"), r.getString("actor"),
                        r.getInteger("balance")))
                .map(all -> year == null ? all : all.stream().filter(p -> p.month().startsWith(year + "-")).toList());
    }

    /** An ADJUST posting into an open month that has begun. */
    public Uni<Postings.PostingView> adjust(StaffPrincipal actor, long householdId, int points, String month, String reason) {
        YearMonth ym = parseMonth(month, "month");
        if (ym.isAfter(time.thisMonth())) {
            return Uni.createFrom().failure(DomainException.badRequest("points.future-month", "不能调整尚未开始的月份", List.of("month")));
        }
        return pool.withTransaction(tx -> Sql.one(tx, "SELECT village_id FROM household WHERE id = $1", Sql.args(householdId),
                "该农户", r -> r.getLong("village_id")).flatMap(villageId -> MonthLock.open(tx, villageId, month)
                .flatMap(x -> Postings.post(tx, new Postings.NewPosting(householdId, villageId, "ADJUST", points, month,
                        "adjustment", null, null, reason, actor.username())))
                .call(p -> audit.record(tx, actor, villageId, "adjust", "posting", p.id(), null,
                        Map.of("householdId", householdId, "points", points, "month", month, "reason", reason)))));
    }

    /**
     * Reverses a posting: a new posting of the same type and opposite points in the current month, naming
     * the one it reverses. Redemptions are reversed in the shop (stock comes back there).
     */
    public Uni<Postings.PostingView> reverse(StaffPrincipal actor, long postingId, String reason) {
        return pool.withTransaction(tx -> Sql.one(tx, """
                SELECT p.household_id, p.village_id, p.type, p.points, p.reversal_of,
                       (SELECT r.id FROM posting r WHERE r.reversal_of = p.id) AS reversed_by
                FROM posting p WHERE p.id = $1""", Sql.args(postingId), "该积分流水",
                r -> new Reversible(r.getLong("household_id"), r.getLong("village_id"), r.getString("type"),
                        r.getInteger("points"), r.getLong("reversal_of"), r.getLong("reversed_by"))).flatMap(p -> {
            if (p.reversalOf() != null) {
                return Uni.createFrom().failure(DomainException.conflict("points.cannot-reverse-reversal", "冲正记录本身不能再冲正"));
            }
            if (p.type().equals("REDEEM") || p.type().equals("REFUND")) {
                return Uni.createFrom().failure(DomainException.conflict("points.reverse-in-shop", "兑换记录请在积分超市的兑换单中撤销"));
            }
            if (p.reversedBy() != null) {
                return Uni.createFrom().failure(DomainException.conflict("points.already-reversed", "该流水已被冲正"));
            }
            String month = time.thisMonth().toString();
            return MonthLock.shared(tx, p.villageId(), month)
                    .flatMap(x -> Postings.post(tx, new Postings.NewPosting(p.householdId(), p.villageId(), p.type(), -p.points(),
                            month, "reversal", postingId, postingId, reason, actor.username())))
                    .call(r -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("reversalOf", postingId);
                        after.put("points", -p.points());
                        after.put("month", month);
                        after.put("reason", reason);
                        return audit.record(tx, actor, p.villageId(), "reverse", "posting", r.id(), null, after);
                    });
        }));
    }

    public static YearMonth parseMonth(String month, String field) {
        if (month == null || !month.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw DomainException.badRequest("request.invalid", "月份格式应为 yyyy-MM", List.of(field));
        }
        return YearMonth.parse(month);
    }
}
