package org.jifen.rating;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.points.PointsSettingsService;
import org.jifen.points.Ranking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The year-end star rating (年终星级评定): the village secretary confirms the village's list once December is closed;
 * later changes to the year's points show as differences until confirmed again; the town office sees every village's
 * confirmed list and submits them as its report to 镇农办. The year-to-date ratings stay in {@link RatingService}.
 */
@ApplicationScoped
public class YearEndRatings {

    public record Rated(long householdId, String number, String headName, int yearPoints, int stars) {
    }

    public record Difference(long householdId, String number, String headName, int confirmedStars, int stars,
                             int confirmedPoints, int yearPoints) {
    }

    /** A confirmed list as the API returns it; {@code differences} is empty right after confirming. */
    public record ConfirmedList(long villageId, int year, long confirmationId, String confirmedAt, String confirmedBy,
                                String confirmedByName, List<Integer> thresholds, String digest, List<Rated> ratings,
                                List<Difference> differences) {
    }

    /** What the village's rating page shows. */
    public record VillageYear(long villageId, int year, boolean yearEnded, List<String> openMonths, List<Integer> thresholds,
                              List<Rated> current, ConfirmedList confirmed, StarCounts counts) {
        public boolean mayConfirm() {
            return yearEnded && openMonths.isEmpty();
        }
    }

    public record StarCounts(int none, int three, int four, int five) {
        static StarCounts of(List<Integer> stars) {
            return new StarCounts((int) stars.stream().filter(s -> s == 0).count(), (int) stars.stream().filter(s -> s == 3).count(),
                    (int) stars.stream().filter(s -> s == 4).count(), (int) stars.stream().filter(s -> s == 5).count());
        }

        public int starred() {
            return three + four + five;
        }
    }

    public record VillageSummary(long villageId, String code, String name, Long confirmationId, String confirmedAt,
                                 String confirmedByName, StarCounts counts, int differences) {
        public boolean confirmed() {
            return confirmationId != null;
        }
    }

    /** One household of the town table: its confirmed figures, and its stars now ({@code stars}) for the differences. */
    public record TownRow(long villageId, String villageName, long householdId, String number, String headName,
                          int yearPoints, int confirmedStars, int stars) {
        public boolean changed() {
            return confirmedStars != stars;
        }
    }

    public record TownTable(long townId, String townName, int year, List<VillageSummary> villages, List<TownRow> rows,
                            StarCounts counts, Report report) {
    }

    public record VillageRef(long villageId, String code, String name) {
    }

    /** A submission of the town's report (统一上报至镇农办). */
    public record Report(long id, int year, String submittedAt, String submittedBy, String submittedByName, String note,
                         List<VillageSummary> villages, List<VillageRef> missing) {
    }

    /** A household among its village's best of the year (评优评先). */
    public record Top(long villageId, String villageName, int rank, long householdId, String number, String headName,
                      String group, int yearPoints, int stars) {
    }

    @Inject
    Pool pool;

    @Inject
    PointsSettingsService settings;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    // ---- the village --------------------------------------------------------------------------------

    public Uni<ConfirmedList> confirm(StaffPrincipal actor, long villageId, int year) {
        checkYear(year);
        return pool.withTransaction(tx -> Confirmations.lockVillage(tx, villageId)
                .flatMap(x -> Confirmations.closedMonths(tx, villageId, year))
                .invoke(closed -> requireEnded(year, openMonths(year, closed)))
                .flatMap(x -> settings.townSettingsOfVillage(tx, villageId))
                .flatMap(ts -> Confirmations.yearPoints(tx, List.of(villageId), year, yearEnd(year)).flatMap(points -> {
                    StarRule rule = rule(ts.starThresholds());
                    List<Integer> stars = points.stream().map(p -> rule.stars(p.points())).toList();
                    String digest = digest(villageId, year, ts.starThresholds(), points, stars);
                    return Confirmations.staffName(tx, actor.staffId())
                            .flatMap(name -> Confirmations.insert(tx, villageId, year, ts.starThresholds(), actor.username(),
                                    name == null ? actor.username() : name, points, stars, digest))
                            .flatMap(head -> {
                                List<Rated> rated = new ArrayList<>();
                                for (int i = 0; i < points.size(); i++) {
                                    Confirmations.Points p = points.get(i);
                                    rated.add(new Rated(p.householdId(), p.number(), p.headName(), p.points(), stars.get(i)));
                                }
                                StarCounts counts = StarCounts.of(stars);
                                Map<String, Object> after = new LinkedHashMap<>();
                                after.put("year", year);
                                after.put("households", points.size());
                                after.put("stars3", counts.three());
                                after.put("stars4", counts.four());
                                after.put("stars5", counts.five());
                                after.put("thresholds", ts.starThresholds());
                                after.put("digest", digest);
                                return audit.record(tx, actor, villageId, "confirm", "star-rating", head.id(), null, after)
                                        .replaceWith(list(head, rated, List.of()));
                            });
                })));
    }

    /** The list in force with its differences to the points now; 404 {@code rating.not-confirmed} when there is none. */
    public Uni<ConfirmedList> confirmed(long villageId, int year) {
        checkYear(year);
        return confirmedOrNull(pool, villageId, year).onItem().ifNull()
                .failWith(() -> new DomainException(404, "rating.not-confirmed", "该年度的星级名单尚未确认"));
    }

    public Uni<VillageYear> villageYear(long villageId, int year) {
        checkYear(year);
        return Confirmations.closedMonths(pool, villageId, year).flatMap(closed -> settings.townSettingsOfVillage(pool, villageId)
                .flatMap(ts -> Confirmations.yearPoints(pool, List.of(villageId), year, yearEnd(year)).flatMap(points -> {
                    StarRule rule = rule(ts.starThresholds());
                    List<Rated> current = points.stream()
                            .map(p -> new Rated(p.householdId(), p.number(), p.headName(), p.points(), rule.stars(p.points()))).toList();
                    return confirmedOrNull(pool, villageId, year).map(c -> new VillageYear(villageId, year, year < time.thisYear(),
                            openMonths(year, closed), ts.starThresholds(), current, c,
                            StarCounts.of((c == null ? current : c.ratings()).stream().map(Rated::stars).toList())));
                })));
    }

    private Uni<ConfirmedList> confirmedOrNull(SqlClient db, long villageId, int year) {
        return Confirmations.latest(db, List.of(villageId), year).flatMap(heads -> {
            if (heads.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            Confirmations.Head head = heads.get(0);
            return Confirmations.lines(db, List.of(head.id())).flatMap(lines -> settings.townSettingsOfVillage(db, villageId)
                    .flatMap(ts -> Confirmations.yearPoints(db, List.of(villageId), year, yearEnd(year)).map(points -> {
                        List<Rated> rated = lines.stream()
                                .map(l -> new Rated(l.householdId(), l.number(), l.headName(), l.yearPoints(), l.stars())).toList();
                        return list(head, rated, differences(rated, points, rule(ts.starThresholds())));
                    })));
        });
    }

    /** Households whose stars now differ from the confirmed list (a household new to the list counts as 0 confirmed stars). */
    static List<Difference> differences(List<Rated> confirmed, List<Confirmations.Points> now, StarRule rule) {
        Map<Long, Rated> was = confirmed.stream().collect(Collectors.toMap(Rated::householdId, Function.identity()));
        Map<Long, Confirmations.Points> is = now.stream().collect(Collectors.toMap(Confirmations.Points::householdId, Function.identity()));
        Set<Long> ids = new LinkedHashSet<>(was.keySet());
        ids.addAll(is.keySet());
        List<Difference> out = new ArrayList<>();
        for (long id : ids) {
            Rated c = was.get(id);
            Confirmations.Points p = is.get(id);
            int cStars = c == null ? 0 : c.stars();
            int nPoints = p == null ? 0 : p.points();
            int nStars = rule.stars(nPoints);
            if (cStars != nStars) {
                out.add(new Difference(id, c != null ? c.number() : p.number(), c != null ? c.headName() : p.headName(),
                        cStars, nStars, c == null ? 0 : c.yearPoints(), nPoints));
            }
        }
        return out;
    }

    // ---- the town -----------------------------------------------------------------------------------

    public Uni<TownTable> town(long townId, int year) {
        checkYear(year);
        return Confirmations.townName(pool, townId).flatMap(townName -> Confirmations.villages(pool, townId).flatMap(villages -> {
            List<Long> ids = villages.stream().map(Confirmations.TownVillage::id).toList();
            return Confirmations.latest(pool, ids, year).flatMap(heads -> Confirmations.lines(pool,
                            heads.stream().map(Confirmations.Head::id).toList())
                    .flatMap(lines -> settings.town(townId).flatMap(ts -> Confirmations.yearPoints(pool,
                            heads.stream().map(Confirmations.Head::villageId).toList(), year, yearEnd(year)).flatMap(points -> {
                        StarRule rule = rule(ts.starThresholds());
                        Map<Long, Integer> starsNow = points.stream().collect(Collectors.toMap(Confirmations.Points::householdId,
                                p -> rule.stars(p.points())));
                        Map<Long, String> names = villages.stream().collect(Collectors.toMap(Confirmations.TownVillage::id,
                                Confirmations.TownVillage::name));
                        List<TownRow> rows = lines.stream().map(l -> new TownRow(l.villageId(), names.get(l.villageId()),
                                l.householdId(), l.number(), l.headName(), l.yearPoints(), l.stars(),
                                starsNow.getOrDefault(l.householdId(), 0))).toList();
                        List<VillageSummary> summaries = summaries(villages, heads, rows, points, rule);
                        StarCounts all = StarCounts.of(rows.stream().map(TownRow::confirmedStars).toList());
                        return Confirmations.latestReport(pool, townId, year).map(r -> new TownTable(townId, townName, year,
                                summaries, rows, all, r == null ? null : report(r, villages, summaries)));
                    }))));
        }));
    }

    private static List<VillageSummary> summaries(List<Confirmations.TownVillage> villages, List<Confirmations.Head> heads,
                                                  List<TownRow> rows, List<Confirmations.Points> points, StarRule rule) {
        Map<Long, Confirmations.Head> byVillage = heads.stream().collect(Collectors.toMap(Confirmations.Head::villageId, Function.identity()));
        List<VillageSummary> out = new ArrayList<>();
        for (Confirmations.TownVillage v : villages) {
            Confirmations.Head h = byVillage.get(v.id());
            List<TownRow> mine = rows.stream().filter(r -> r.villageId() == v.id()).toList();
            int differences = 0;
            if (h != null) {
                List<Rated> confirmed = mine.stream()
                        .map(r -> new Rated(r.householdId(), r.number(), r.headName(), r.yearPoints(), r.confirmedStars())).toList();
                differences = differences(confirmed, points.stream().filter(p -> p.villageId() == v.id()).toList(), rule).size();
            }
            out.add(new VillageSummary(v.id(), v.code(), v.name(), h == null ? null : h.id(), h == null ? null : h.confirmedAt(),
                    h == null ? null : h.confirmedByName(), StarCounts.of(mine.stream().map(TownRow::confirmedStars).toList()),
                    differences));
        }
        return out;
    }

    /** Stores the town's submission of the year's confirmed lists; villages without one are named in it. */
    public Uni<Report> submit(StaffPrincipal actor, int year, String note) {
        checkYear(year);
        if (year >= time.thisYear()) {
            throw new DomainException(409, "rating.year-open", "该年度尚未结束，不能上报");
        }
        if (note != null && note.length() > 500) {
            throw DomainException.badRequest("request.invalid", "备注不能超过 500 字", List.of("note"));
        }
        long townId = actor.townId();
        return pool.withTransaction(tx -> Confirmations.villages(tx, townId).flatMap(villages -> Confirmations.latest(tx,
                villages.stream().map(Confirmations.TownVillage::id).toList(), year).flatMap(heads -> {
            if (heads.isEmpty()) {
                return Uni.createFrom().failure(new DomainException(409, "rating.not-confirmed", "还没有村（社区）确认该年度的星级名单"));
            }
            Set<Long> confirmed = heads.stream().map(Confirmations.Head::villageId).collect(Collectors.toSet());
            List<Long> missing = villages.stream().map(Confirmations.TownVillage::id).filter(id -> !confirmed.contains(id)).toList();
            return Confirmations.staffName(tx, actor.staffId()).flatMap(name -> Confirmations.insertReport(tx, townId, year,
                            heads.stream().map(Confirmations.Head::id).toList(), missing, actor.username(),
                            name == null ? actor.username() : name, note == null || note.isBlank() ? null : note.trim()))
                    .call(r -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("year", year);
                        after.put("confirmations", r.confirmations());
                        after.put("missingVillages", missing);
                        return audit.record(tx, actor, null, "submit", "star-rating-report", r.id(), null, after);
                    });
        }))).flatMap(r -> town(townId, year).map(t -> report(r, null, t.villages())));
    }

    public Uni<Report> lastReport(long townId, int year) {
        checkYear(year);
        return town(townId, year).map(t -> {
            if (t.report() == null) {
                throw new DomainException(404, "rating.not-submitted", "该年度的星级名单尚未上报");
            }
            return t.report();
        });
    }

    /** The report as submitted: the villages whose confirmation it included (their figures as confirmed then), the missing ones. */
    private static Report report(Confirmations.Report r, List<Confirmations.TownVillage> villages, List<VillageSummary> summaries) {
        Set<Long> missing = Set.copyOf(r.missingVillages());
        List<VillageSummary> included = summaries.stream().filter(s -> !missing.contains(s.villageId()) && s.confirmed()).toList();
        List<VillageRef> absent = summaries.stream().filter(s -> missing.contains(s.villageId()))
                .map(s -> new VillageRef(s.villageId(), s.code(), s.name())).toList();
        return new Report(r.id(), r.year(), r.submittedAt(), r.submittedBy(), r.submittedByName(), r.note(), included, absent);
    }

    // ---- the best households of the year (评优评先) -----------------------------------------------

    /** Each village's households ranked by the year's points (ties share a rank), down to rank {@code top}; points > 0 only. */
    public Uni<List<Top>> top(List<Long> villageIds, Map<Long, String> villageNames, long townId, int year, int top) {
        checkYear(year);
        if (top < 1 || top > 1000) {
            throw DomainException.badRequest("request.invalid", "名次数须在 1 到 1000 之间", List.of("top"));
        }
        return settings.town(townId).flatMap(ts -> Confirmations.yearPoints(pool, villageIds, year, yearEnd(year)).map(points -> {
            StarRule rule = rule(ts.starThresholds());
            List<Top> out = new ArrayList<>();
            for (long v : villageIds) {
                List<Confirmations.Points> mine = points.stream().filter(p -> p.villageId() == v).toList();
                Map<Long, Integer> byHousehold = new LinkedHashMap<>();
                mine.forEach(p -> byHousehold.put(p.householdId(), p.points()));
                Map<Long, Confirmations.Points> info = mine.stream().collect(Collectors.toMap(Confirmations.Points::householdId, Function.identity()));
                for (Ranking.Place place : Ranking.rank(byHousehold)) {
                    if (place.rank() > top || place.points() <= 0) {
                        continue;
                    }
                    Confirmations.Points p = info.get(place.householdId());
                    out.add(new Top(v, villageNames.get(v), place.rank(), p.householdId(), p.number(), p.headName(), p.group(),
                            p.points(), rule.stars(p.points())));
                }
            }
            return out;
        }));
    }

    public Uni<List<Top>> villageTop(long villageId, int year, int top) {
        return Confirmations.village(pool, villageId)
                .flatMap(v -> top(List.of(villageId), Map.of(villageId, v.name()), v.townId(), year, top));
    }

    public Uni<List<Top>> townTop(long townId, int year, int top) {
        return Confirmations.villages(pool, townId).flatMap(vs -> top(vs.stream().map(Confirmations.TownVillage::id).toList(),
                vs.stream().collect(Collectors.toMap(Confirmations.TownVillage::id, Confirmations.TownVillage::name)), townId, year, top));
    }

    // ---- rules ---------------------------------------------------------------------------------------

    /** The months of the year not closed yet, in order. */
    static List<String> openMonths(int year, List<String> closed) {
        List<String> open = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            String month = String.format("%d-%02d", year, m);
            if (!closed.contains(month)) {
                open.add(month);
            }
        }
        return open;
    }

    private void requireEnded(int year, List<String> open) {
        if (year >= time.thisYear()) {
            throw new DomainException(409, "rating.year-open", "该年度尚未结束，不能确认星级名单", "年终评定须在 12 月结账之后进行。");
        }
        if (!open.isEmpty()) {
            throw new DomainException(409, "rating.year-open", "该年度还有月份未结账，不能确认星级名单",
                    "未结账的月份：" + String.join("、", open));
        }
    }

    /** The first moment of the next year, China time: households registered after it are not part of the year. */
    static OffsetDateTime yearEnd(int year) {
        return LocalDate.of(year + 1, 1, 1).atStartOfDay(ChinaTime.ZONE).toOffsetDateTime();
    }

    static StarRule rule(List<Integer> t) {
        return new StarRule(t.get(0), t.get(1), t.get(2));
    }

    /** SHA-256 over what was confirmed, stored with it and printed on the report: a later edit of the rows would not match. */
    static String digest(long villageId, int year, List<Integer> thresholds, List<Confirmations.Points> points, List<Integer> stars) {
        StringBuilder text = new StringBuilder().append(villageId).append('|').append(year).append('|')
                .append(thresholds.stream().map(String::valueOf).collect(Collectors.joining(","))).append('\n');
        for (int i = 0; i < points.size(); i++) {
            text.append(points.get(i).householdId()).append('|').append(points.get(i).points()).append('|').append(stars.get(i)).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw DomainException.badRequest("request.invalid", "年份有误", List.of("year"));
        }
    }

    private static ConfirmedList list(Confirmations.Head h, List<Rated> rated, List<Difference> differences) {
        return new ConfirmedList(h.villageId(), h.year(), h.id(), h.confirmedAt(), h.confirmedBy(), h.confirmedByName(),
                h.thresholds(), h.digest(), rated, differences);
    }
}
