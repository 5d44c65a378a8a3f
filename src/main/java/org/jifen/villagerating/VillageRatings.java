package org.jifen.villagerating;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.ledgerbook.Completeness;
import org.jifen.ledgerbook.Gap;
import org.jifen.town.TownSettings;
import org.jifen.town.Village;
import org.jifen.town.Villages;
import org.jifen.villagerating.VillageRatingRule.Grade;
import org.jifen.villagerating.VillageRatingRule.Measure;
import org.jifen.villagerating.VillageRatingRule.Ratio;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The town's village ratings (文明信用村) of a year: computed live from the records (participation, the ledger's
 * completeness check, spot-check results, objections answered in time, shop inspections) with the town's weights, or,
 * once the town office published the year, the stored rows of {@code village_rating} (V143) exactly as published.
 */
@ApplicationScoped
public class VillageRatings {

    /** A year's ratings with what they were computed with. */
    public record YearView(int year, boolean published, OffsetDateTime publishedAt, String publishedBy,
                           Map<String, Integer> weights, int excellent, int good, int objectionDays,
                           List<VillageRating> villages) {
    }

    /** The settings a year is computed with (the town's now, or the ones stored when published). */
    record Basis(VillageRatingRule rule, int objectionDays) {
    }

    @Inject
    Pool pool;

    @Inject
    TownSettings settings;

    @Inject
    Completeness completeness;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    /** Each village's rating in the year: the published one if the year was published, else the live computation. */
    public Uni<List<VillageRating>> forTown(SqlClient db, long townId, int year) {
        return year(db, townId, year).map(YearView::villages);
    }

    /**
     * The published ratings of a year, none when the year is not published: what the dashboard shows (the live
     * computation would check every village's ledger a second time).
     */
    public Uni<List<VillageRating>> publishedForTown(SqlClient db, long townId, int year) {
        return published(db, townId, year).map(p -> p == null ? List.of() : p.villages());
    }

    public Uni<YearView> year(SqlClient db, long townId, int year) {
        return published(db, townId, year).flatMap(p -> p != null ? Uni.createFrom().item(p) : live(db, townId, year));
    }

    /**
     * Freezes the year's live ratings (TOWN_ADMIN), once the year has ended (else 409 {@code village-rating.year-open});
     * a year is published once (409 {@code village-rating.published}).
     */
    public Uni<YearView> publish(StaffPrincipal actor, int year) {
        long townId = actor.townId();
        if (year >= time.thisYear()) {
            return Uni.createFrom().failure(DomainException.conflict("village-rating.year-open", year + " 年度尚未结束，年度结束后才能发布评定"));
        }
        return live(pool, townId, year).flatMap(v -> pool.withTransaction(tx -> Sql.first(tx, """
                        INSERT INTO village_rating_year (town_id, year, w_participation, w_ledger, w_spot_checks, w_objections,
                                                         w_shop_inspections, grade_excellent, grade_good, objection_days, published_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT (town_id, year) DO NOTHING RETURNING published_at""",
                        Sql.args(townId, year, v.weights().get(Measure.PARTICIPATION.code), v.weights().get(Measure.LEDGER.code),
                                v.weights().get(Measure.SPOT_CHECKS.code), v.weights().get(Measure.OBJECTIONS.code),
                                v.weights().get(Measure.SHOP_INSPECTIONS.code), v.excellent(), v.good(), v.objectionDays(),
                                actor.username()),
                        r -> r.getOffsetDateTime("published_at"))
                .onItem().ifNull().failWith(() -> DomainException.conflict("village-rating.published", year + " 年度的文明信用村评定已发布，不能再次发布"))
                .flatMap(at -> insertRows(tx, townId, year, v.villages()))
                .flatMap(x -> audit.record(tx, actor, null, "publish", "village_rating_year", year, null, summary(v))))
                .flatMap(x -> year(pool, townId, year)));
    }

    private static Map<String, Object> summary(YearView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", v.year());
        m.put("weights", v.weights());
        m.put("excellent", v.excellent());
        m.put("good", v.good());
        m.put("objectionDays", v.objectionDays());
        m.put("villages", v.villages().stream().map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("villageId", r.villageId());
            x.put("score", r.score());
            x.put("grade", r.grade());
            return x;
        }).toList());
        return m;
    }

    private Uni<Void> insertRows(SqlClient tx, long townId, int year, List<VillageRating> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        Long[] villages = new Long[n];
        Integer[][] cols = new Integer[10][n];
        String[] scores = new String[n];
        String[] grades = new String[n];
        for (int i = 0; i < n; i++) {
            VillageRating r = rows.get(i);
            villages[i] = r.villageId();
            int c = 0;
            for (Measure m : Measure.values()) {
                VillageRating.Measure x = r.measures().get(m.code);
                cols[c++][i] = x.done();
                cols[c++][i] = x.of();
            }
            scores[i] = r.score() == null ? null : r.score().toPlainString();
            grades[i] = r.grade();
        }
        return Sql.exec(tx, """
                        INSERT INTO village_rating (town_id, year, village_id, participation_done, participation_of, ledger_done,
                                                    ledger_of, spot_checks_done, spot_checks_of, objections_done, objections_of,
                                                    shop_inspections_done, shop_inspections_of, score, grade)
                        SELECT $1, $2, u.* FROM unnest($3::bigint[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[],
                                                      $9::int[], $10::int[], $11::int[], $12::int[], $13::int[],
                                                      $14::text[]::numeric[], $15::text[]) AS u""",
                Sql.args(townId, year, villages, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8],
                        cols[9], scores, grades)).replaceWithVoid();
    }

    /** The town's name (for titles of pages and files). */
    public Uni<String> townName(SqlClient db, long townId) {
        return Sql.one(db, "SELECT name FROM town WHERE id = $1", Sql.args(townId), "该镇", r -> r.getString("name"));
    }

    // ---------------------------------------------------------------- published

    private Uni<YearView> published(SqlClient db, long townId, int year) {
        return Sql.first(db, """
                        SELECT y.*, s.display_name FROM village_rating_year y
                          LEFT JOIN staff s ON s.town_id = y.town_id AND s.username = y.published_by
                         WHERE y.town_id = $1 AND y.year = $2""", Sql.args(townId, year), r -> r)
                .flatMap(y -> {
                    if (y == null) {
                        return Uni.createFrom().nullItem();
                    }
                    Map<Measure, Integer> w = new EnumMap<>(Measure.class);
                    w.put(Measure.PARTICIPATION, y.getInteger("w_participation"));
                    w.put(Measure.LEDGER, y.getInteger("w_ledger"));
                    w.put(Measure.SPOT_CHECKS, y.getInteger("w_spot_checks"));
                    w.put(Measure.OBJECTIONS, y.getInteger("w_objections"));
                    w.put(Measure.SHOP_INSPECTIONS, y.getInteger("w_shop_inspections"));
                    VillageRatingRule rule = new VillageRatingRule(w, y.getInteger("grade_excellent"), y.getInteger("grade_good"));
                    String by = y.getString("display_name") != null ? y.getString("display_name") : y.getString("published_by");
                    OffsetDateTime at = y.getOffsetDateTime("published_at");
                    int days = y.getInteger("objection_days");
                    return Sql.list(db, """
                                    SELECT r.*, v.code, v.name FROM village_rating r JOIN village v ON v.id = r.village_id
                                     WHERE r.town_id = $1 AND r.year = $2 ORDER BY v.code""", Sql.args(townId, year),
                            r -> stored(rule, r))
                            .map(list -> view(year, true, at, by, new Basis(rule, days), list));
                });
    }

    private static VillageRating stored(VillageRatingRule rule, Row r) {
        Map<Measure, Ratio> m = new EnumMap<>(Measure.class);
        m.put(Measure.PARTICIPATION, new Ratio(r.getInteger("participation_done"), r.getInteger("participation_of")));
        m.put(Measure.LEDGER, new Ratio(r.getInteger("ledger_done"), r.getInteger("ledger_of")));
        m.put(Measure.SPOT_CHECKS, new Ratio(r.getInteger("spot_checks_done"), r.getInteger("spot_checks_of")));
        m.put(Measure.OBJECTIONS, new Ratio(r.getInteger("objections_done"), r.getInteger("objections_of")));
        m.put(Measure.SHOP_INSPECTIONS, new Ratio(r.getInteger("shop_inspections_done"), r.getInteger("shop_inspections_of")));
        Grade grade = Grade.valueOf(r.getString("grade"));
        return rating(rule, r.getLong("village_id"), r.getString("code"), r.getString("name"), m,
                new VillageRatingRule.Result(r.getBigDecimal("score"), grade), true);
    }

    // ---------------------------------------------------------------- live

    private Uni<YearView> live(SqlClient db, long townId, int year) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        return Uni.combine().all().unis(
                        settings.of(db, townId),
                        Villages.ofTown(db, townId),
                        ratios(db, PARTICIPATION, Sql.args(townId, year + "-01", year + "-12")),
                        ratios(db, SPOT_CHECKS, Sql.args(townId, from, to)),
                        ratios(db, SHOP_INSPECTIONS, Sql.args(townId, from, to)),
                        noticeQuarters(db, townId, year))
                .asTuple()
                .flatMap(t -> {
                    TownSettings.Values values = t.getItem1();
                    Basis basis = new Basis(VillageRatingSettings.rule(values), values.intValue(VillageRatingSettings.OBJECTION_DAYS));
                    return Uni.combine().all().unis(
                                    ratios(db, OBJECTIONS, Sql.args(townId, year, basis.objectionDays())),
                                    ledger(t.getItem2(), year, t.getItem6()))
                            .asTuple()
                            .map(u -> {
                                List<VillageRating> rows = new ArrayList<>();
                                for (Village v : t.getItem2()) {
                                    Map<Measure, Ratio> m = new EnumMap<>(Measure.class);
                                    m.put(Measure.PARTICIPATION, t.getItem3().getOrDefault(v.id(), Ratio.NONE));
                                    m.put(Measure.LEDGER, u.getItem2().getOrDefault(v.id(), Ratio.NONE));
                                    m.put(Measure.SPOT_CHECKS, t.getItem4().getOrDefault(v.id(), Ratio.NONE));
                                    m.put(Measure.OBJECTIONS, u.getItem1().getOrDefault(v.id(), Ratio.NONE));
                                    m.put(Measure.SHOP_INSPECTIONS, t.getItem5().getOrDefault(v.id(), Ratio.NONE));
                                    rows.add(rating(basis.rule(), v.id(), v.code(), v.name(), m, basis.rule().rate(m), false));
                                }
                                return view(year, false, null, null, basis, rows);
                            });
                });
    }

    /** Active households, and those of them with an approved entry in the year (an EARN posting not reversed). */
    static final String PARTICIPATION = """
            SELECT h.village_id, count(*)::int AS of,
                   (count(*) FILTER (WHERE EXISTS (
                        SELECT 1 FROM posting p
                         WHERE p.household_id = h.id AND p.type = 'EARN' AND p.month BETWEEN $2 AND $3
                           AND p.reversal_of IS NULL AND NOT EXISTS (SELECT 1 FROM posting x WHERE x.reversal_of = p.id))))::int AS done
              FROM household h JOIN village v ON v.id = h.village_id
             WHERE v.town_id = $1 AND h.status = 'ACTIVE'
             GROUP BY h.village_id""";

    /** Households checked by the spot checks of periods ending in the year (a household's latest result per check counts). */
    static final String SPOT_CHECKS = """
            SELECT s.village_id, count(*)::int AS of, (count(*) FILTER (WHERE r.matches))::int AS done
              FROM spot_check s JOIN village v ON v.id = s.village_id
              JOIN LATERAL (SELECT DISTINCT ON (household_id) household_id, matches FROM spot_check_result
                             WHERE spot_check_id = s.id ORDER BY household_id, id DESC) r ON true
             WHERE v.town_id = $1 AND s.period_to BETWEEN $2 AND $3
             GROUP BY s.village_id""";

    /** Points of the shop inspections made in the year (China dates). */
    static final String SHOP_INSPECTIONS = """
            SELECT i.village_id, count(*)::int AS of, (count(*) FILTER (WHERE p.passed))::int AS done
              FROM shop_inspection i JOIN village v ON v.id = i.village_id
              JOIN shop_inspection_point p ON p.inspection_id = i.id
             WHERE v.town_id = $1 AND (i.inspected_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2 AND $3
             GROUP BY i.village_id""";

    /** Objections to the year's notices, and those answered within the town's number of days (China dates). */
    static final String OBJECTIONS = """
            SELECT n.village_id, count(*)::int AS of,
                   (count(*) FILTER (WHERE o.answered_at IS NOT NULL
                        AND (o.answered_at AT TIME ZONE 'Asia/Shanghai')::date - (o.filed_at AT TIME ZONE 'Asia/Shanghai')::date <= $3))::int AS done
              FROM objection o JOIN notice n ON n.id = o.notice_id JOIN village v ON v.id = n.village_id
             WHERE v.town_id = $1 AND n.year = $2
             GROUP BY n.village_id""";

    private static Uni<Map<Long, Ratio>> ratios(SqlClient db, String sql, io.vertx.mutiny.sqlclient.Tuple args) {
        return Sql.list(db, sql, args, r -> Map.entry(r.getLong("village_id"), new Ratio(r.getInteger("done"), r.getInteger("of"))))
                .map(list -> {
                    Map<Long, Ratio> m = new HashMap<>();
                    list.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return m;
                });
    }

    /** The quarter of each notice of the year, by id (the completeness check names a published notice's gaps by its id). */
    private static Uni<Map<Long, Integer>> noticeQuarters(SqlClient db, long townId, int year) {
        return Sql.list(db, """
                        SELECT n.id, n.quarter FROM notice n JOIN village v ON v.id = n.village_id
                         WHERE v.town_id = $1 AND n.year = $2""", Sql.args(townId, year),
                        r -> Map.entry(r.getLong("id"), r.getInteger("quarter")))
                .map(list -> {
                    Map<Long, Integer> m = new HashMap<>();
                    list.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return m;
                });
    }

    /** Every village's ledger measure from the completeness check, four villages at a time. */
    private Uni<Map<Long, Ratio>> ledger(List<Village> villages, int year, Map<Long, Integer> noticeQuarters) {
        if (villages.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int months = endedMonths(year);
        return Multi.createFrom().iterable(villages)
                .onItem().transformToUni(v -> completeness.check(v.id(), year)
                        .map(report -> Map.entry(v.id(), ledgerRatio(year, months, report.gaps(), noticeQuarters))))
                .merge(4)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The months of the year that have ended (China time): all twelve of a past year, none of a future one. */
    int endedMonths(int year) {
        var now = time.thisMonth();
        return year < now.getYear() ? 12 : year > now.getYear() ? 0 : now.getMonthValue() - 1;
    }

    /**
     * The ledger's measure. Its fixed parts are the year's ended months (closed and signed) and ended quarters (notice
     * published, stamped, photographed); a part is complete when the completeness check lists no gap for it. Every
     * other gap it lists (an entry without its photo, a redemption day without photos, a purchase or fund receipt
     * without its voucher) is one more required item that is missing; unanswered objections are left to their own
     * measure. {@code done} = complete parts, {@code of} = parts + those other gaps.
     */
    static Ratio ledgerRatio(int year, int endedMonths, List<Gap> gaps, Map<Long, Integer> noticeQuarters) {
        int quarters = endedMonths / 3;
        Set<Integer> badMonths = new HashSet<>();
        Set<Integer> badQuarters = new HashSet<>();
        int other = 0;
        for (Gap g : gaps) {
            switch (g.kind()) {
                case Completeness.MONTH_NOT_CLOSED, Completeness.MONTH_NOT_CONFIRMED -> {
                    int m = g.ref().startsWith(year + "-") ? Integer.parseInt(g.ref().substring(5)) : 0;
                    if (m >= 1 && m <= endedMonths) {
                        badMonths.add(m);
                    }
                }
                case Completeness.NOTICE_MISSING, Completeness.NOTICE_STAMP_MISSING, Completeness.NOTICE_PHOTO_MISSING -> {
                    Integer q = quarterOf(year, g.ref(), noticeQuarters);
                    if (q != null && q <= quarters) {
                        badQuarters.add(q);
                    }
                }
                case Completeness.OBJECTION_UNANSWERED -> {
                }
                default -> other++;
            }
        }
        int parts = endedMonths + quarters;
        return new Ratio(parts - badMonths.size() - badQuarters.size(), parts + other);
    }

    private static Integer quarterOf(int year, String ref, Map<Long, Integer> noticeQuarters) {
        if (ref.startsWith(year + "-Q")) {
            return Integer.valueOf(ref.substring(ref.length() - 1));
        }
        if (ref.startsWith("notice-")) {
            return noticeQuarters.get(Long.valueOf(ref.substring("notice-".length())));
        }
        return null;
    }

    // ---------------------------------------------------------------- views

    private static VillageRating rating(VillageRatingRule rule, long villageId, String code, String name, Map<Measure, Ratio> m,
                                        VillageRatingRule.Result result, boolean published) {
        Map<String, VillageRating.Measure> measures = new LinkedHashMap<>();
        for (Measure x : Measure.values()) {
            Ratio r = m.getOrDefault(x, Ratio.NONE);
            measures.put(x.code, new VillageRating.Measure(x.code, x.label, rule.weights().get(x), r.done(), r.of(), r.percent(), r.missing()));
        }
        return new VillageRating(villageId, code, name, Collections.unmodifiableMap(measures), result.score(), result.grade().name(),
                result.grade().label, published);
    }

    private static YearView view(int year, boolean published, OffsetDateTime at, String by, Basis basis, List<VillageRating> rows) {
        Map<String, Integer> w = new LinkedHashMap<>();
        for (Measure x : Measure.values()) {
            w.put(x.code, basis.rule().weights().get(x));
        }
        return new YearView(year, published, at, by, Collections.unmodifiableMap(w), basis.rule().excellent(), basis.rule().good(),
                basis.objectionDays(), rows);
    }
}
