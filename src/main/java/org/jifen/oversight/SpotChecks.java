package org.jifen.oversight;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Spot checks (督查抽查): the seeded draw of a village's households ({@link SampleDraw}), the results recorded in the
 * field, and a mismatch's 整改 item ({@link Rectifications}). The SQL of the spot-check tables lives here.
 */
@ApplicationScoped
public class SpotChecks {

    /** Drawn seeds stay below 2^53, so a browser's JavaScript number holds them exactly. */
    static final long SEED_BOUND = 1L << 53;

    public record Sampled(long householdId, String number, String headName) {
    }

    public record SpotCheck(long id, long villageId, LocalDate from, LocalDate to, int size, long seed, int populationSize,
                            List<Sampled> households, String createdBy, String createdAt) {
    }

    public record Result(long id, long spotCheckId, long householdId, boolean matches, String note, Long rectificationId,
                         String recordedBy, String recordedAt) {
    }

    /** A spot check as listed: how many of its households have a result, how many did not match. */
    public record Summary(long id, long villageId, String village, LocalDate from, LocalDate to, int size, long seed,
                          int recorded, int mismatches, String createdBy, String createdAt) {
    }

    private record Drawn(long id, long villageId, LocalDate from, LocalDate to, int size, long seed, Long[] population,
                         Long[] sample, String createdBy, String createdAt) {
    }

    /** What a field sheet shows of a sampled household in the period. */
    public record Sheet(long householdId, String number, String headName, String group, String phone, int availablePoints,
                        List<SheetEntry> entries, List<SheetPosting> postings, List<SheetRedemption> redemptions) {
    }

    public record SheetEntry(LocalDate occurredOn, String item, int quantity, int points, String status, String recordedBy) {
    }

    public record SheetPosting(long id, String day, String type, int points, String month, String reason, Long reversalOf) {
    }

    public record SheetRedemption(long id, String day, int points, String items, boolean reversed) {
    }

    /** A village of the town, for the start form. */
    public record VillageChoice(long id, String name) {
    }

    private static final SecureRandom SEEDS = new SecureRandom();

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    Rectifications rectifications;

    /** Draws the sample (a fresh seed when none is given) and stores seed, population and sample together. */
    public Uni<SpotCheck> create(StaffPrincipal actor, long villageId, LocalDate from, LocalDate to, int size, Long seed) {
        long s = seed != null ? seed : SEEDS.nextLong(SEED_BOUND);
        return pool.withTransaction(tx -> Sql.list(tx, "SELECT id FROM household WHERE village_id = $1 AND status = 'ACTIVE' ORDER BY id",
                Sql.args(villageId), r -> r.getLong("id")).flatMap(population -> {
            if (population.isEmpty()) {
                return Uni.createFrom().failure(DomainException.conflict("spot-check.no-households", "该村（社区）还没有在册农户，无法抽查"));
            }
            List<Long> sample = SampleDraw.draw(population, size, villageId, from, to, s);
            return Sql.one(tx, """
                            INSERT INTO spot_check (village_id, period_from, period_to, size, seed, population, sample, created_by)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""",
                    Sql.args(villageId, from, to, size, s, population.toArray(Long[]::new), sample.toArray(Long[]::new), actor.username()),
                    "", r -> r.getLong("id"))
                    .call(id -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("from", from.toString());
                        after.put("to", to.toString());
                        after.put("size", size);
                        after.put("seed", s);
                        after.put("population", population.size());
                        after.put("sample", sample);
                        return audit.record(tx, actor, villageId, "draw", "spot_check", id, null, after);
                    })
                    .flatMap(id -> find(tx, id));
        }));
    }

    public Uni<SpotCheck> find(long id) {
        return find(pool, id);
    }

    Uni<SpotCheck> find(SqlClient db, long id) {
        return drawn(db, id, false).flatMap(d -> households(db, d.sample()).map(hs -> new SpotCheck(d.id(), d.villageId(),
                d.from(), d.to(), d.size(), d.seed(), d.population().length, hs, d.createdBy(), d.createdAt())));
    }

    private Uni<Drawn> drawn(SqlClient db, long id, boolean lock) {
        return Sql.one(db, """
                        SELECT id, village_id, period_from, period_to, size, seed, population, sample, created_by,
                               to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created_at
                          FROM spot_check WHERE id = $1""" + (lock ? " FOR SHARE" : ""), Sql.args(id), "该抽查",
                r -> new Drawn(r.getLong("id"), r.getLong("village_id"), r.getLocalDate("period_from"), r.getLocalDate("period_to"),
                        r.getInteger("size"), r.getLong("seed"), r.getArrayOfLongs("population"), r.getArrayOfLongs("sample"),
                        r.getString("created_by"), r.getString("created_at")));
    }

    private Uni<List<Sampled>> households(SqlClient db, Long[] sample) {
        return Sql.list(db, "SELECT id, number, head_name FROM household WHERE id = ANY($1)", Sql.args((Object) sample),
                        r -> new Sampled(r.getLong("id"), r.getString("number"), r.getString("head_name")))
                .map(rows -> {
                    Map<Long, Sampled> byId = rows.stream().collect(Collectors.toMap(Sampled::householdId, Function.identity()));
                    return Arrays.stream(sample).map(byId::get).toList();
                });
    }

    /**
     * Records what the inspector found at one sampled household; a mismatch opens a 整改 item for the village (or adds
     * to the one this check already opened for the household, while that is not closed).
     */
    public Uni<Result> record(StaffPrincipal actor, long spotCheckId, long householdId, boolean matches, String note) {
        return pool.withTransaction(tx -> drawn(tx, spotCheckId, true).flatMap(d -> {
            if (!Arrays.asList(d.sample()).contains(householdId)) {
                return Uni.createFrom().failure(DomainException.conflict("spot-check.not-sampled", "该农户不在本次抽查的样本中"));
            }
            Uni<Long> item = matches ? Uni.createFrom().nullItem()
                    : rectifications.openForSpotCheck(tx, actor, d.villageId(), spotCheckId, householdId, d.from(), d.to(), note);
            return item.flatMap(rectificationId -> Sql.one(tx, """
                            INSERT INTO spot_check_result (spot_check_id, household_id, matches, note, rectification_id, recorded_by)
                            VALUES ($1, $2, $3, $4, $5, $6)
                            RETURNING id, to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS recorded_at""",
                    Sql.args(spotCheckId, householdId, matches, note, rectificationId, actor.username()), "",
                    r -> new Result(r.getLong("id"), spotCheckId, householdId, matches, note, rectificationId, actor.username(),
                            r.getString("recorded_at"))))
                    .call(r -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("spotCheckId", spotCheckId);
                        after.put("householdId", householdId);
                        after.put("matches", matches);
                        after.put("note", note);
                        after.put("rectificationId", r.rectificationId());
                        return audit.record(tx, actor, d.villageId(), "record", "spot_check_result", r.id(), null, after);
                    });
        }));
    }

    /** Every result of the check, oldest first (the last one per household counts). */
    public Uni<List<Result>> results(long spotCheckId) {
        return Sql.list(pool, """
                        SELECT id, spot_check_id, household_id, matches, note, rectification_id, recorded_by,
                               to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS recorded_at
                          FROM spot_check_result WHERE spot_check_id = $1 ORDER BY id""", Sql.args(spotCheckId), SpotChecks::result);
    }

    /** The village of a result, for its photos. */
    public Uni<Long> villageOfResult(SqlClient db, long resultId) {
        return Sql.one(db, "SELECT s.village_id FROM spot_check_result r JOIN spot_check s ON s.id = r.spot_check_id WHERE r.id = $1",
                Sql.args(resultId), "该抽查结果", r -> r.getLong("village_id"));
    }

    /** The town's spot checks, newest first (one village's when {@code villageId} is given). */
    public Uni<List<Summary>> list(long townId, Long villageId) {
        return Sql.list(pool, """
                        SELECT s.id, s.village_id, v.name AS village, s.period_from, s.period_to, s.size, s.seed, s.created_by,
                               to_char(s.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created_at,
                               (SELECT count(DISTINCT r.household_id) FROM spot_check_result r WHERE r.spot_check_id = s.id)::int AS recorded,
                               (SELECT count(*) FROM (SELECT DISTINCT ON (r.household_id) r.matches FROM spot_check_result r
                                                       WHERE r.spot_check_id = s.id ORDER BY r.household_id, r.id DESC) l
                                 WHERE NOT l.matches)::int AS mismatches
                          FROM spot_check s JOIN village v ON v.id = s.village_id
                         WHERE v.town_id = $1 AND ($2::bigint IS NULL OR s.village_id = $2)
                         ORDER BY s.id DESC LIMIT 200""", Sql.args(townId, villageId),
                r -> new Summary(r.getLong("id"), r.getLong("village_id"), r.getString("village"), r.getLocalDate("period_from"),
                        r.getLocalDate("period_to"), r.getInteger("size"), r.getLong("seed"), r.getInteger("recorded"),
                        r.getInteger("mismatches"), r.getString("created_by"), r.getString("created_at")));
    }

    static Result result(Row r) {
        return new Result(r.getLong("id"), r.getLong("spot_check_id"), r.getLong("household_id"), r.getBoolean("matches"),
                r.getString("note"), r.getLong("rectification_id"), r.getString("recorded_by"), r.getString("recorded_at"));
    }

    /** The field sheets of a check: per sampled household (in draw order) its entries, postings and redemptions in the period. */
    public Uni<List<Sheet>> sheets(SpotCheck check) {
        Long[] ids = check.households().stream().map(Sampled::householdId).toArray(Long[]::new);
        var args = Sql.args(ids, check.from(), check.to());
        Uni<List<Map.Entry<Long, SheetEntry>>> entries = Sql.list(pool, """
                        SELECT household_id, occurred_on, item_title, quantity, points, status, recorded_by FROM entry
                         WHERE household_id = ANY($1) AND occurred_on BETWEEN $2 AND $3 ORDER BY occurred_on, id""", args,
                r -> Map.entry(r.getLong("household_id"), new SheetEntry(r.getLocalDate("occurred_on"), r.getString("item_title"),
                        r.getInteger("quantity"), r.getInteger("points"), r.getString("status"), r.getString("recorded_by"))));
        Uni<List<Map.Entry<Long, SheetPosting>>> postings = Sql.list(pool, """
                        SELECT id, household_id, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, type, points,
                               month, reason, reversal_of FROM posting
                         WHERE household_id = ANY($1) AND (created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2 AND $3
                         ORDER BY household_id, seq""", args,
                r -> Map.entry(r.getLong("household_id"), new SheetPosting(r.getLong("id"), r.getString("day"), r.getString("type"),
                        r.getInteger("points"), r.getString("month"), r.getString("reason"), r.getLong("reversal_of"))));
        Uni<List<Map.Entry<Long, SheetRedemption>>> redemptions = Sql.list(pool, """
                        SELECT r.id, r.household_id, to_char(r.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
                               r.total_points, r.reversed_at IS NOT NULL AS reversed,
                               string_agg(g.name || ' × ' || i.quantity || g.unit, '、' ORDER BY g.name) AS items
                          FROM redemption r JOIN redemption_item i ON i.redemption_id = r.id JOIN goods g ON g.id = i.goods_id
                         WHERE r.household_id = ANY($1) AND (r.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2 AND $3
                         GROUP BY r.id ORDER BY r.id""", args,
                r -> Map.entry(r.getLong("household_id"), new SheetRedemption(r.getLong("id"), r.getString("day"),
                        r.getInteger("total_points"), r.getString("items"), r.getBoolean("reversed"))));
        Uni<Map<Long, Sheet>> heads = Sql.list(pool, """
                        SELECT h.id, h.number, h.head_name, h.group_name, h.phone, coalesce(a.available, 0) AS available
                          FROM household h LEFT JOIN account a ON a.household_id = h.id WHERE h.id = ANY($1)""", Sql.args((Object) ids),
                r -> new Sheet(r.getLong("id"), r.getString("number"), r.getString("head_name"), r.getString("group_name"),
                        r.getString("phone"), r.getInteger("available"), List.of(), List.of(), List.of()))
                .map(rows -> rows.stream().collect(Collectors.toMap(Sheet::householdId, Function.identity())));
        return Uni.combine().all().unis(heads, entries, postings, redemptions).asTuple().map(t -> Arrays.stream(ids).map(id -> {
            Sheet h = t.getItem1().get(id);
            return new Sheet(id, h.number(), h.headName(), h.group(), h.phone(), h.availablePoints(), of(t.getItem2(), id),
                    of(t.getItem3(), id), of(t.getItem4(), id));
        }).toList());
    }

    private static <T> List<T> of(List<Map.Entry<Long, T>> rows, long householdId) {
        return rows.stream().filter(e -> e.getKey() == householdId).map(Map.Entry::getValue).toList();
    }

    /** The villages of a town, for the start form. */
    public Uni<List<VillageChoice>> villages(long townId) {
        return Sql.list(pool, "SELECT id, name FROM village WHERE town_id = $1 ORDER BY code", Sql.args(townId),
                r -> new VillageChoice(r.getLong("id"), r.getString("name")));
    }

    public Uni<String> villageName(long villageId) {
        return Sql.one(pool, "SELECT name FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）", r -> r.getString("name"));
    }
}
