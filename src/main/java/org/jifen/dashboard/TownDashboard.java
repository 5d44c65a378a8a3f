package org.jifen.dashboard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.flags.AnomalyFlags;
import org.jifen.flags.Flag;
import org.jifen.ledgerbook.Completeness;
import org.jifen.ledgerbook.Gap;
import org.jifen.oversight.Rectifications;
import org.jifen.points.PointsSettingsService;
import org.jifen.rating.StarRule;

import org.jifen.villagerating.VillageRating;
import org.jifen.villagerating.VillageRatings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The town dashboard (镇级看板): per village of the town, for one year, the figures the town office watches, each from
 * the feature that owns it. Points per month come from the figures kept at each month close (open months counted
 * live), participation and stars from {@code earned_points}; ledger completeness from the ledger book's own check, 整改 items
 * from oversight, flags from {@code flags.AnomalyFlags}. No request reads all postings.
 */
@ApplicationScoped
public class TownDashboard {

    /** One month of a village (or of the town): earned points issued, points spent (redeemed less refunded). */
    public record Month(String month, long issued, long deducted, long redeemed, int earners, boolean closed) {
    }

    /** Registered households with earned points in a quarter, of all registered households. */
    public record Quarter(String quarter, int participants, int households, double participation) {
        /** For people: {@code 45.7%}. */
        public String percent() {
            return TownDashboard.percent(participation);
        }
    }

    /** Households by their stars for the year's earned points so far (the year-end rating once the year is closed). */
    public record Stars(int three, int four, int five) {
        public int starred() {
            return three + four + five;
        }
    }

    /** The ledger's completeness check (不可留白) of the year: complete, and what is missing by kind. */
    public record Ledger(boolean complete, int gaps, Map<String, Integer> byKind, String evidence) {
    }

    /** An anomaly flag with the page that shows its evidence. */
    public record FlagView(String kind, String label, String detail, String evidence, long villageId, String villageName) {
    }

    public record Village(long villageId, String villageName, String villageCode, int households, int participants,
                          double participation, String quarter, List<Quarter> quarters, long pointsIssued, long pointsDeducted,
                          long pointsRedeemed, List<Month> perMonth, long stockValue, long stockCostCents, long fundBalanceCents,
                          Stars starCounts, Ledger ledgerCompleteness, int openRectifications, int answeredRectifications,
                          List<FlagView> flags, Rating rating) {
        /** For people: {@code 45.7%}. */
        public String percent() {
            return TownDashboard.percent(participation);
        }
    }

    /** The village's published rating (文明信用村) of the year; null while the year is not published. */
    public record Rating(java.math.BigDecimal score, String grade, String gradeLabel) {
    }

    /** The whole town: {@code quarter} is the quarter participation is shown for (this one, or Q4 of a past year). */
    public record Dashboard(int year, String quarter, List<Village> villages, Village town, List<Month> perMonth) {
        /** For people: {@code 2026年第4季度}. */
        public String quarterName() {
            return quarter.substring(0, 4) + "年第" + quarter.substring(6) + "季度";
        }
    }

    /** The flag kinds in Chinese (API.md's codes); an unknown kind shows its code. */
    public static final Map<String, String> FLAG_LABELS = Map.of(
            "no-registration", "未按月登记",
            "concentrated-approvals", "审核过于集中",
            "spike-before-notice", "公示前积分突增",
            "redeemed-outside-days", "兑换日以外兑换",
            "large-adjustment", "大额调整",
            "points-without-entries", "积分无登记依据",
            "chain-broken", "流水链校验失败");

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    @Inject
    Completeness completeness;

    @Inject
    Rectifications rectifications;

    @Inject
    PointsSettingsService pointsSettings;

    @Inject
    AnomalyFlags anomalyFlags;

    @Inject
    VillageRatings villageRatings;

    /** The year a request names: a whole number from 2000 to 2100, or this year when absent; else 400. */
    public int year(String year) {
        if (year == null || year.isBlank()) {
            return time.thisYear();
        }
        if (!year.trim().matches("[0-9]{4}")) {
            throw DomainException.badRequest("request.invalid", "年份有误", List.of("year"));
        }
        int y = Integer.parseInt(year.trim());
        if (y < 2000 || y > 2100) {
            throw DomainException.badRequest("request.invalid", "年份有误", List.of("year"));
        }
        return y;
    }

    /** The quarter whose participation is shown: this quarter in this year, the last one of a past year, Q1 of a later one. */
    String quarterOf(int year) {
        int thisYear = time.thisYear();
        int q = year == thisYear ? (time.thisMonth().getMonthValue() + 2) / 3 : year < thisYear ? 4 : 1;
        return year + "-Q" + q;
    }

    public Uni<Dashboard> of(long townId, int year) {
        List<String> quarters = List.of(year + "-Q1", year + "-Q2", year + "-Q3", year + "-Q4");
        String quarter = quarterOf(year);
        return DashboardSql.villages(pool, townId).flatMap(villages -> {
            List<Long> ids = villages.stream().map(DashboardSql.VillageHead::id).toList();
            Uni<Map<Long, Completeness.Report>> ledgers = ids.isEmpty() ? Uni.createFrom().item(Map.of())
                    : Uni.join().all(ids.stream().map(id -> completeness.check(id, year)).toList()).andFailFast()
                    .map(list -> list.stream().collect(Collectors.toMap(Completeness.Report::villageId, Function.identity())));
            return Uni.combine().all().unis(
                    DashboardSql.months(pool, townId, year),
                    DashboardSql.participants(pool, townId, quarters),
                    DashboardSql.stock(pool, townId),
                    DashboardSql.funds(pool, townId, year),
                    pointsSettings.town(townId).flatMap(ts -> {
                        List<Integer> t = ts.starThresholds();
                        StarRule rule = new StarRule(t.get(0), t.get(1), t.get(2));
                        return DashboardSql.stars(pool, townId, year, rule.three(), rule.four(), rule.five());
                    }),
                    ledgers,
                    rectifications.openCounts(townId),
                    anomalyFlags.forTown(pool, townId, year),
                    villageRatings.publishedForTown(pool, townId, year)).with(parts -> assemble(year, quarter, quarters, villages, parts));
        });
    }

    @SuppressWarnings("unchecked")
    private static Dashboard assemble(int year, String quarter, List<String> quarters, List<DashboardSql.VillageHead> villages,
                                      List<?> parts) {
        var months = ((List<DashboardSql.MonthRow>) parts.get(0)).stream()
                .collect(Collectors.groupingBy(DashboardSql.MonthRow::villageId));
        Map<String, Integer> participants = new LinkedHashMap<>();
        ((List<DashboardSql.Participants>) parts.get(1)).forEach(p -> participants.put(p.villageId() + "/" + p.quarter(), p.households()));
        var stock = ((List<DashboardSql.Stock>) parts.get(2)).stream()
                .collect(Collectors.toMap(DashboardSql.Stock::villageId, Function.identity()));
        var funds = ((List<DashboardSql.Fund>) parts.get(3)).stream()
                .collect(Collectors.toMap(DashboardSql.Fund::villageId, DashboardSql.Fund::balanceCents));
        var stars = ((List<DashboardSql.StarRow>) parts.get(4)).stream()
                .collect(Collectors.toMap(DashboardSql.StarRow::villageId, r -> new Stars(r.three(), r.four(), r.five())));
        var ledgers = (Map<Long, Completeness.Report>) parts.get(5);
        var open = ((List<Rectifications.OpenCount>) parts.get(6)).stream()
                .collect(Collectors.toMap(Rectifications.OpenCount::villageId, Function.identity()));
        var flags = (Map<Long, List<Flag>>) parts.get(7);
        var ratings = ((List<VillageRating>) parts.get(8)).stream().collect(Collectors.toMap(VillageRating::villageId,
                r -> new Rating(r.score(), r.grade(), r.gradeLabel())));

        List<Village> out = new ArrayList<>();
        for (DashboardSql.VillageHead v : villages) {
            List<Month> perMonth = months.getOrDefault(v.id(), List.of()).stream()
                    .map(m -> new Month(m.month(), m.issued(), m.deducted(), m.redeemed() - m.refunded(), m.earners(), m.closed()))
                    .toList();
            List<Quarter> qs = quarters.stream().map(q -> quarter(q, participants.getOrDefault(v.id() + "/" + q, 0), v.households()))
                    .toList();
            Quarter shown = qs.stream().filter(q -> q.quarter().equals(quarter)).findFirst().orElseThrow();
            DashboardSql.Stock s = stock.get(v.id());
            Completeness.Report report = ledgers.get(v.id());
            Map<String, Integer> byKind = new LinkedHashMap<>();
            if (report != null) {
                for (Gap g : report.gaps()) {
                    byKind.merge(g.kind(), 1, Integer::sum);
                }
            }
            Rectifications.OpenCount oc = open.get(v.id());
            List<FlagView> fl = flags.getOrDefault(v.id(), List.of()).stream()
                    .map(f -> new FlagView(f.kind(), FLAG_LABELS.getOrDefault(f.kind(), f.kind()), f.detail(), f.evidence(),
                            v.id(), v.name())).toList();
            out.add(new Village(v.id(), v.name(), v.code(), v.households(), shown.participants(), shown.participation(), quarter, qs,
                    perMonth.stream().mapToLong(Month::issued).sum(), perMonth.stream().mapToLong(Month::deducted).sum(),
                    perMonth.stream().mapToLong(Month::redeemed).sum(), perMonth,
                    s == null ? 0 : s.points(), s == null ? 0 : s.costCents(), funds.getOrDefault(v.id(), 0L),
                    stars.getOrDefault(v.id(), new Stars(0, 0, 0)),
                    new Ledger(report == null || report.complete(), report == null ? 0 : report.gaps().size(), byKind,
                            "/villages/" + v.id() + "/years/" + year + "/completeness"),
                    oc == null ? 0 : oc.open(), oc == null ? 0 : oc.answered(), fl, ratings.get(v.id())));
        }
        return new Dashboard(year, quarter, out, total(quarter, quarters, out), townMonths(out));
    }

    static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }

    static Quarter quarter(String quarter, int participants, int households) {
        return new Quarter(quarter, participants, households, share(participants, households));
    }

    /** A share rounded to four places (0.4567 = 45.67 %); 0 when there is nothing to share. */
    static double share(long part, long whole) {
        return whole <= 0 ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    /** The town's own row: the sums of its villages (participation of all its households together). */
    private static Village total(String quarter, List<String> quarters, List<Village> villages) {
        List<Quarter> qs = new ArrayList<>();
        for (int i = 0; i < quarters.size(); i++) {
            int idx = i;
            qs.add(quarter(quarters.get(i), villages.stream().mapToInt(v -> v.quarters().get(idx).participants()).sum(),
                    villages.stream().mapToInt(Village::households).sum()));
        }
        Quarter shown = qs.stream().filter(q -> q.quarter().equals(quarter)).findFirst().orElseThrow();
        Map<String, Integer> byKind = new TreeMap<>();
        villages.forEach(v -> v.ledgerCompleteness().byKind().forEach((k, n) -> byKind.merge(k, n, Integer::sum)));
        return new Village(0, "全镇", "", shown.households(), shown.participants(), shown.participation(), quarter, qs,
                villages.stream().mapToLong(Village::pointsIssued).sum(), villages.stream().mapToLong(Village::pointsDeducted).sum(),
                villages.stream().mapToLong(Village::pointsRedeemed).sum(), townMonths(villages),
                villages.stream().mapToLong(Village::stockValue).sum(), villages.stream().mapToLong(Village::stockCostCents).sum(),
                villages.stream().mapToLong(Village::fundBalanceCents).sum(),
                new Stars(villages.stream().mapToInt(v -> v.starCounts().three()).sum(),
                        villages.stream().mapToInt(v -> v.starCounts().four()).sum(),
                        villages.stream().mapToInt(v -> v.starCounts().five()).sum()),
                new Ledger(villages.stream().allMatch(v -> v.ledgerCompleteness().complete()),
                        villages.stream().mapToInt(v -> v.ledgerCompleteness().gaps()).sum(), byKind, null),
                villages.stream().mapToInt(Village::openRectifications).sum(),
                villages.stream().mapToInt(Village::answeredRectifications).sum(),
                villages.stream().flatMap(v -> v.flags().stream()).toList(), null);
    }

    /** The town's months: the sums of its villages' months (closed when every village has closed it). */
    private static List<Month> townMonths(List<Village> villages) {
        Map<String, Month> sum = new TreeMap<>();
        for (Village v : villages) {
            for (Month m : v.perMonth()) {
                sum.merge(m.month(), m, (a, b) -> new Month(a.month(), a.issued() + b.issued(), a.deducted() + b.deducted(),
                        a.redeemed() + b.redeemed(), a.earners() + b.earners(), a.closed() && b.closed()));
            }
        }
        return List.copyOf(sum.values());
    }
}
