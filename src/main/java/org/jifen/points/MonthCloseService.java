package org.jifen.points;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.ledger.LedgerService;
import org.jifen.ledger.MonthLock;
import org.jifen.ledger.Postings;
import org.jifen.ledger.Seal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private record Name(String number, String headName) {
    }

    /** The month's pending entries, and its close if it is closed. */
    private record State(int pending, String seal, String closedAt, String closedBy) {
    }

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    PointsSettingsService settings;

    public Uni<CloseResult> close(StaffPrincipal actor, long villageId, String month) {
        return pool.withTransaction(tx -> close(tx, actor.username(), villageId, month, true)
                .call(r -> {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("month", month);
                    after.put("ranked", r.ranking().size());
                    after.put("bonuses", r.bonuses());
                    after.put("seal", r.seal());
                    return audit.record(tx, actor, villageId, "close", "month", villageId + ":" + month, null, after);
                }));
    }

    /** The close itself, inside the caller's transaction (the demo loader uses it for past months too). */
    public Uni<CloseResult> close(SqlClient tx, String actor, long villageId, String month, boolean requireEnded) {
        YearMonth ym = LedgerService.parseMonth(month, "month");
        return MonthLock.exclusive(tx, villageId, month)
                .flatMap(x -> MonthLock.refuseClosed(tx, villageId, month))
                .flatMap(x -> {
                    if (requireEnded && !time.hasEnded(ym)) {
                        return Uni.createFrom().failure(new DomainException(409, "points.month-open", "该月尚未结束，不能结账",
                                month + " 尚未结束（按北京时间），月末之后才能结账"));
                    }
                    return Sql.first(tx, "SELECT count(*) AS n FROM entry WHERE village_id = $1 AND month = $2 AND status = 'PENDING'",
                            Sql.args(villageId, month), r -> r.getInteger("n"));
                })
                .flatMap(pending -> {
                    if (pending > 0) {
                        return Uni.createFrom().failure(new DomainException(409, "points.pending-entries", "还有待审核的登记，不能结账",
                                month + " 还有 " + pending + " 条登记待审核"));
                    }
                    return settings.townSettingsOfVillage(tx, villageId);
                })
                .flatMap(ts -> monthPoints(tx, villageId, month).map(points -> Ranking.close(points, ts.bonusScheme())))
                .flatMap(result -> postBonuses(tx, actor, villageId, month, result.bonuses()).replaceWith(result))
                .flatMap(result -> seal(tx, actor, villageId, month).map(sealed -> new CloseResult(month, result.ranking(),
                        result.bonuses(), sealed.seal(), sealed.closedAt(), actor)));
    }

    private Uni<Void> postBonuses(SqlClient tx, String actor, long villageId, String month, List<Ranking.Place> bonuses) {
        long cause = Integer.parseInt(month.substring(0, 4)) * 100L + Integer.parseInt(month.substring(5));
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<Ranking.Place> ordered = new ArrayList<>(bonuses);
        ordered.sort(Comparator.comparingLong(Ranking.Place::householdId));
        for (Ranking.Place b : ordered) {
            chain = chain.flatMap(x -> Postings.post(tx, new Postings.NewPosting(b.householdId(), villageId, "BONUS", b.points(),
                    month, "month-close", cause, null, "月度第 " + b.rank() + " 名奖励性加分", actor)).replaceWithVoid());
        }
        return chain;
    }

    private Uni<MonthView> seal(SqlClient tx, String actor, long villageId, String month) {
        return Sql.exec(tx, """
                        INSERT INTO month_seal_head (village_id, month, household_id, seq, head_hash)
                        SELECT village_id, $2, household_id, seq, head_hash FROM account WHERE village_id = $1 AND seq > 0""",
                        Sql.args(villageId, month))
                .flatMap(x -> Sql.list(tx, """
                        SELECT household_id, seq, head_hash FROM month_seal_head WHERE village_id = $1 AND month = $2
                        ORDER BY household_id""", Sql.args(villageId, month),
                        r -> new Seal.Head(r.getLong("household_id"), r.getLong("seq"), r.getString("head_hash"))))
                .flatMap(heads -> Sql.first(tx, "SELECT seal FROM month_close WHERE village_id = $1 ORDER BY closed_at DESC, month DESC LIMIT 1",
                                Sql.args(villageId), r -> r.getString("seal"))
                        .flatMap(prev -> {
                            String previous = prev == null ? "" : prev;
                            String seal = Seal.of(villageId, month, previous, heads);
                            return Sql.first(tx, """
                                            INSERT INTO month_close (village_id, month, closed_by, seal, prev_seal, households, closed_at)
                                            VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
                                            RETURNING to_json(closed_at) #>> '{}' AS closed_at""",
                                    Sql.args(villageId, month, actor, seal, previous, heads.size()),
                                    r -> new MonthView(month, r.getString("closed_at"), actor, seal, previous, heads.size()));
                        }));
    }

    /** The month's points by household before bonuses: approved entries (deductions included) and adjustments of the month. */
    private static Uni<Map<Long, Integer>> monthPoints(SqlClient db, long villageId, String month) {
        return Sql.list(db, """
                SELECT household_id, sum(points) AS points FROM posting
                WHERE village_id = $1 AND month = $2 AND type IN ('EARN', 'ADJUST') GROUP BY household_id""",
                Sql.args(villageId, month), r -> Map.entry(r.getLong("household_id"), r.getInteger("points")))
                .map(list -> {
                    Map<Long, Integer> m = new LinkedHashMap<>();
                    list.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return m;
                });
    }

    public Uni<Preview> preview(long villageId, String month) {
        YearMonth ym = LedgerService.parseMonth(month, "month");
        return Sql.first(pool, """
                SELECT (SELECT count(*) FROM entry WHERE village_id = $1 AND month = $2 AND status = 'PENDING') AS pending,
                       c.seal, to_json(c.closed_at) #>> '{}' AS closed_at, c.closed_by
                FROM (SELECT 1) one LEFT JOIN month_close c ON c.village_id = $1 AND c.month = $2""", Sql.args(villageId, month),
                r -> new State(r.getInteger("pending"), r.getString("seal"), r.getString("closed_at"), r.getString("closed_by")))
                .flatMap(state -> monthPoints(pool, villageId, month)
                        .flatMap(p -> settings.townSettingsOfVillage(pool, villageId).map(ts -> Ranking.close(p, ts.bonusScheme())))
                        .flatMap(result -> names(villageId).map(names -> new Preview(month, state.seal() != null, time.hasEnded(ym),
                                state.pending(), placed(result.ranking(), names), placed(result.bonuses(), names),
                                state.seal(), state.closedAt(), state.closedBy()))));
    }

    public Uni<List<MonthView>> months(long villageId) {
        return Sql.list(pool, """
                SELECT month, to_json(closed_at) #>> '{}' AS closed_at, closed_by, seal, prev_seal, households FROM month_close
                WHERE village_id = $1 ORDER BY month DESC""", Sql.args(villageId),
                r -> new MonthView(r.getString("month"), r.getString("closed_at"), r.getString("closed_by"), r.getString("seal"),
                        r.getString("prev_seal"), r.getInteger("households")));
    }

    private Uni<Map<Long, Name>> names(long villageId) {
        return Sql.list(pool, "SELECT id, number, head_name FROM household WHERE village_id = $1", Sql.args(villageId),
                r -> Map.entry(r.getLong("id"), new Name(r.getString("number"), r.getString("head_name"))))
                .map(list -> {
                    Map<Long, Name> m = new HashMap<>();
                    list.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return m;
                });
    }

    private static List<Placed> placed(List<Ranking.Place> places, Map<Long, Name> names) {
        return places.stream().map(p -> {
            Name n = names.getOrDefault(p.householdId(), new Name("", ""));
            return new Placed(p.householdId(), n.number(), n.headName(), p.rank(), p.points());
        }).toList();
    }
}
