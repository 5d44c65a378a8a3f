package org.jifen.ledger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.points.PointsSql;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.points.PointsSql.*;

/** A household's postings; corrections by adjustment or by reversal, never by editing. */
@ApplicationScoped
public class LedgerService {

    @Inject
    org.jifen.audit.Audit audit;

    @Inject
    ChinaTime time;

    /** All postings of the household in chain order, each with the running balance; only {@code year}'s when given. */
    @WithSession
    public Uni<List<Postings.PostingView>> postings(long householdId, Integer year) {
        return rows("""
                SELECT id, household_id, type, points, month, to_json(created_at) #>> '{}', reversal_of, cause_type, cause_id,
                       reason, actor, sum(points) OVER (ORDER BY seq)
                FROM posting WHERE household_id = ?1 ORDER BY seq""", householdId).map(list -> {
            List<Postings.PostingView> out = new ArrayList<>();
            for (Object[] r : list) {
                String month = str(r[4]);
                if (year == null || month.startsWith(year + "-")) {
                    out.add(new Postings.PostingView(lng(r[0]), lng(r[1]), str(r[2]), integer(r[3]), month, str(r[5]),
                            lngOrNull(r[6]), str(r[7]), lngOrNull(r[8]), str(r[9]), str(r[10]), integer(r[11])));
                }
            }
            return out;
        });
    }

    /** An ADJUST posting into an open month that has begun. */
    @WithTransaction
    public Uni<Postings.PostingView> adjust(StaffPrincipal actor, long householdId, int points, String month, String reason) {
        YearMonth ym = parseMonth(month, "month");
        if (ym.isAfter(time.thisMonth())) {
            return Uni.createFrom().failure(DomainException.badRequest("points.future-month", "不能调整尚未开始的月份", List.of("month")));
        }
        return one("SELECT village_id FROM household WHERE id = ?1", householdId).flatMap(h -> {
            if (h == null) {
                return Uni.createFrom().failure(DomainException.notFound("该农户"));
            }
            long villageId = lng(h[0]);
            return PointsSql.lockMonth(villageId, month, false)
                    .flatMap(x -> monthClosed(villageId, month))
                    .flatMap(closed -> closed ? Uni.createFrom().failure(monthClosedProblem(month))
                            : Postings.post(householdId, villageId, "ADJUST", points, month, "adjustment", null, null, reason, actor.username()))
                    .call(p -> audit.record(actor.username(), actor.townId(), villageId, "adjust", "posting", p.id(), null,
                            Map.of("householdId", householdId, "points", points, "month", month, "reason", reason)));
        });
    }

    /**
     * Reverses a posting: a new posting of the same type and opposite points in the current month, naming
     * the one it reverses. Redemptions are reversed in the shop (stock comes back there).
     */
    @WithTransaction
    public Uni<Postings.PostingView> reverse(StaffPrincipal actor, long postingId, String reason) {
        return one("""
                SELECT p.household_id, p.village_id, p.type, p.points, p.month, p.reversal_of,
                       (SELECT r.id FROM posting r WHERE r.reversal_of = p.id)
                FROM posting p WHERE p.id = ?1""", postingId).flatMap(p -> {
            if (p == null) {
                return Uni.createFrom().failure(DomainException.notFound("该积分流水"));
            }
            String type = str(p[2]);
            if (p[5] != null) {
                return Uni.createFrom().failure(DomainException.conflict("points.cannot-reverse-reversal", "冲正记录本身不能再冲正"));
            }
            if (type.equals("REDEEM") || type.equals("REFUND")) {
                return Uni.createFrom().failure(DomainException.conflict("points.reverse-in-shop", "兑换记录请在积分超市的兑换单中撤销"));
            }
            if (p[6] != null) {
                return Uni.createFrom().failure(DomainException.conflict("points.already-reversed", "该流水已被冲正"));
            }
            long householdId = lng(p[0]);
            long villageId = lng(p[1]);
            int points = integer(p[3]);
            String month = time.thisMonth().toString();
            return PointsSql.lockMonth(villageId, month, false)
                    .flatMap(x -> Postings.post(householdId, villageId, type, -points, month, "reversal", postingId, postingId,
                            reason, actor.username()))
                    .call(r -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("reversalOf", postingId);
                        after.put("points", -points);
                        after.put("month", month);
                        after.put("reason", reason);
                        return audit.record(actor.username(), actor.townId(), villageId, "reverse", "posting", r.id(), null, after);
                    });
        });
    }

    public static YearMonth parseMonth(String month, String field) {
        if (month == null || !month.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw DomainException.badRequest("request.invalid", "月份格式应为 yyyy-MM", List.of(field));
        }
        return YearMonth.parse(month);
    }

    public static DomainException monthClosedProblem(String month) {
        return new DomainException(409, "points.month-closed", "该月已结账，不能再修改", month + " 已结账");
    }
}
