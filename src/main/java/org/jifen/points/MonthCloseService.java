package org.jifen.points;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.ledger.LedgerService;
import org.jifen.ledger.Postings;
import org.jifen.ledger.Seal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.points.PointsSql.*;

/**
 * Month close (月核算结账): ranks the village's households by the month's earned points, posts the bonuses
 * of the town's scheme, records the chain heads and the seal, and locks the month. One transaction under
 * the village month's exclusive lock: all or nothing, and a second close finds the month closed.
 */
@ApplicationScoped
public class MonthCloseService {

    public record Placed(long householdId, String number, String headName, int rank, int points) {
    }

    public record CloseResult(String month, List<Ranking.Place> ranking, List<Ranking.Place> bonuses, String seal,
                              String closedAt, String closedBy) {
    }

    /** What closing would do now, for the page that asks before confirming. */
    public record Preview(String month, boolean closed, boolean ended, int pending, List<Placed> ranking, List<Placed> bonuses,
                          String seal, String closedAt, String closedBy) {
    }

    public record MonthView(String month, String closedAt, String closedBy, String seal, String prevSeal, int households) {
    }

    @Inject
    org.jifen.audit.Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    PointsSettingsService settings;

    @WithTransaction
    public Uni<CloseResult> close(StaffPrincipal actor, long villageId, String month) {
        return closeIn(actor.username(), villageId, month, true)
                .call(r -> {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("month", month);
                    after.put("ranked", r.ranking().size());
                    after.put("bonuses", r.bonuses());
                    after.put("seal", r.seal());
                    return audit.record(actor.username(), actor.townId(), villageId, "close", "month", villageId + ":" + month, null, after);
                });
    }

    /** The close itself, inside the caller's transaction (the demo loader uses it for past months too). */
    public Uni<CloseResult> closeIn(String actor, long villageId, String month, boolean requireEnded) {
        YearMonth ym = LedgerService.parseMonth(month, "month");
        return lockMonth(villageId, month, true)
                .flatMap(x -> monthClosed(villageId, month))
                .flatMap(closed -> {
                    if (closed) {
                        return Uni.createFrom().failure(LedgerService.monthClosedProblem(month));
                    }
                    if (requireEnded && !time.hasEnded(ym)) {
                        return Uni.createFrom().failure(new DomainException(409, "points.month-open", "该月尚未结束，不能结账",
                                month + " 尚未结束（按北京时间），月末之后才能结账"));
                    }
                    return one("SELECT count(*) FROM entry WHERE village_id = ?1 AND month = ?2 AND status = 'PENDING'", villageId, month);
                })
                .flatMap(pending -> {
                    if (integer(pending[0]) > 0) {
                        return Uni.createFrom().failure(new DomainException(409, "points.pending-entries", "还有待审核的登记，不能结账",
                                month + " 还有 " + integer(pending[0]) + " 条登记待审核"));
                    }
                    return settings.townSettingsOfVillage(villageId);
                })
                .flatMap(ts -> monthPoints(villageId, month).map(points -> Ranking.close(points, ts.bonusScheme())))
                .flatMap(result -> postBonuses(actor, villageId, month, result.bonuses()).replaceWith(result))
                .flatMap(result -> seal(actor, villageId, month).map(sealed -> new CloseResult(month, result.ranking(),
                        result.bonuses(), sealed.seal(), sealed.closedAt(), actor)));
    }

    private Uni<Void> postBonuses(String actor, long villageId, String month, List<Ranking.Place> bonuses) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<Ranking.Place> ordered = new ArrayList<>(bonuses);
        ordered.sort(java.util.Comparator.comparingLong(Ranking.Place::householdId));
        for (Ranking.Place b : ordered) {
            chain = chain.flatMap(x -> Postings.post(b.householdId(), villageId, "BONUS", b.points(), month, "month-close",
                    (long) (Integer.parseInt(month.substring(0, 4)) * 100 + Integer.parseInt(month.substring(5))), null,
                    "月度第 " + b.rank() + " 名奖励性加分", actor).replaceWithVoid());
        }
        return chain;
    }

    private Uni<MonthView> seal(String actor, long villageId, String month) {
        return exec("""
                        INSERT INTO month_seal_head (village_id, month, household_id, seq, head_hash)
                        SELECT village_id, ?2, household_id, seq, head_hash FROM account WHERE village_id = ?1 AND seq > 0""",
                villageId, month)
                .flatMap(x -> rows("""
                        SELECT household_id, seq, head_hash FROM month_seal_head WHERE village_id = ?1 AND month = ?2
                        ORDER BY household_id""", villageId, month))
                .flatMap(heads -> one("SELECT seal FROM month_close WHERE village_id = ?1 ORDER BY closed_at DESC, month DESC LIMIT 1", villageId)
                        .flatMap(prev -> {
                            String previous = prev == null ? "" : str(prev[0]);
                            List<Seal.Head> list = heads.stream().map(h -> new Seal.Head(lng(h[0]), lng(h[1]), str(h[2]))).toList();
                            String seal = Seal.of(villageId, month, previous, list);
                            return one("""
                                    INSERT INTO month_close (village_id, month, closed_by, seal, prev_seal, households, closed_at)
                                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, clock_timestamp())
                                    RETURNING to_json(closed_at) #>> '{}'""", villageId, month, actor, seal, previous, list.size())
                                    .map(r -> new MonthView(month, str(r[0]), actor, seal, previous, list.size()));
                        }));
    }

    /** The month's points by household before bonuses: approved entries (deductions included) and adjustments of the month. */
    Uni<Map<Long, Integer>> monthPoints(long villageId, String month) {
        return rows("""
                SELECT household_id, sum(points) FROM posting
                WHERE village_id = ?1 AND month = ?2 AND type IN ('EARN', 'ADJUST') GROUP BY household_id""", villageId, month)
                .map(list -> {
                    Map<Long, Integer> m = new LinkedHashMap<>();
                    list.forEach(r -> m.put(lng(r[0]), integer(r[1])));
                    return m;
                });
    }

    @WithSession
    public Uni<Preview> preview(long villageId, String month) {
        YearMonth ym = LedgerService.parseMonth(month, "month");
        return one("""
                SELECT (SELECT count(*) FROM entry WHERE village_id = ?1 AND month = ?2 AND status = 'PENDING'),
                       c.seal, to_json(c.closed_at) #>> '{}', c.closed_by
                FROM (SELECT 1) one LEFT JOIN month_close c ON c.village_id = ?1 AND c.month = ?2""", villageId, month)
                .flatMap(state -> {
                    boolean closed = state[1] != null;
                    Uni<Map<Long, Integer>> points = monthPoints(villageId, month);
                    return points.flatMap(p -> settings.townSettingsOfVillage(villageId).map(ts -> Ranking.close(p, ts.bonusScheme())))
                            .flatMap(result -> names(villageId).map(names -> new Preview(month, closed, time.hasEnded(ym),
                                    integer(state[0]), placed(result.ranking(), names), placed(result.bonuses(), names),
                                    str(state[1]), str(state[2]), str(state[3]))));
                });
    }

    @WithSession
    public Uni<List<MonthView>> months(long villageId) {
        return rows("""
                SELECT month, to_json(closed_at) #>> '{}', closed_by, seal, prev_seal, households FROM month_close
                WHERE village_id = ?1 ORDER BY month DESC""", villageId)
                .map(list -> list.stream().map(r -> new MonthView(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), integer(r[5]))).toList());
    }

    private Uni<Map<Long, String[]>> names(long villageId) {
        return rows("SELECT id, number, head_name FROM household WHERE village_id = ?1", villageId).map(list -> {
            Map<Long, String[]> m = new java.util.HashMap<>();
            list.forEach(r -> m.put(lng(r[0]), new String[]{str(r[1]), str(r[2])}));
            return m;
        });
    }

    private static List<Placed> placed(List<Ranking.Place> places, Map<Long, String[]> names) {
        return places.stream().map(p -> {
            String[] n = names.getOrDefault(p.householdId(), new String[]{"", ""});
            return new Placed(p.householdId(), n[0], n[1], p.rank(), p.points());
        }).toList();
    }
}
