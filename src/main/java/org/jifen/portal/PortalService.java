package org.jifen.portal;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.LocalWrites;
import org.jifen.common.ShortCache;
import org.jifen.common.db.Sql;
import org.jifen.rating.StarRule;
import org.jifen.shop.ShopService;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reads of the villager portal. {@link #me(long)} is the hottest read of the product: one SQL round trip
 * reading the maintained {@code account} and {@code earned_points} rows; the rank is 1 + the number of
 * households of the village with more earned points this year, counted on the {@code earned_points_rank}
 * index (ties share a rank), never a full ranking.
 */
@ApplicationScoped
public class PortalService {

    public record PostingView(long id, String type, int points, String month, String createdAt, Long reversalOf,
                              String reason) {
    }

    public record Me(long householdId, long villageId, String number, String headName, String villageName,
                     int availablePoints, int earnedThisYear, int rankThisYear, int stars, int pointsToNextStar,
                     List<PostingView> postings) {
    }

    public record RankRow(int rank, long householdId, String number, String headName, int points, boolean me) {
    }

    public record Ranking(String period, String scope, List<RankRow> top, int myRank, int myPoints) {
    }

    public record MonthGroup(String month, int total, List<PostingView> postings) {
    }

    /**
     * The read behind {@link #me(long, int)}, with the number of latest postings written into the text (0: none read).
     * Not a {@code LIMIT $n}: PostgreSQL costs a generic plan's parameter limit as a tenth of the rows, so with many
     * postings per household it judged the generic plan dearer and planned the statement afresh on every call
     * (0.4 ms of planning for 0.2 ms of reading, in the county of {@code bench/county-gen.sh}).
     */
    static String meSql(int postings) {
        String latest = postings <= 0 ? "NULL::json" : """
                (SELECT json_agg(json_build_object('id', p.id, 'type', p.type, 'points', p.points, 'month', p.month,
                                 'createdAt', to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'),
                                 'reversalOf', p.reversal_of, 'reason', p.reason) ORDER BY p.seq DESC)
                   FROM (SELECT * FROM posting WHERE household_id = h.id ORDER BY seq DESC LIMIT %d) p)""".formatted(postings);
        return """
                SELECT h.id, h.village_id, h.number, h.head_name, v.name AS village_name,
                       coalesce(a.available, 0) AS available, coalesce(e.points, 0) AS earned,
                       coalesce(s.star_thresholds, '{200,250,300}') AS star_thresholds,
                       1 + (SELECT count(*) FROM earned_points o
                             WHERE o.village_id = h.village_id AND o.period = $2 AND o.points > coalesce(e.points, 0)) AS rank,
                       %s AS postings
                  FROM household h
                  JOIN village v ON v.id = h.village_id
                  LEFT JOIN points_town_settings s ON s.town_id = v.town_id
                  LEFT JOIN account a ON a.household_id = h.id
                  LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = $2
                 WHERE h.id = $1""".formatted(latest);
    }

    /** {@link #meSql(int)} by number of postings (two in use: none for the pages, {@code me-postings} for the API). */
    private final Map<Integer, String> meSqlByPostings = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    @Inject
    PortalConfig config;

    @Inject
    ShopService shop;

    @Inject
    LocalWrites writes;

    /**
     * What a household sees on every portal page, kept at most {@code jifen.portal.cache-seconds} (2 s by default):
     * portal pages are opened far more often than points change. Any write through this replica (a redemption, an
     * approval, an adjustment...) makes everything kept here stale at once ({@link LocalWrites}); a write on another
     * replica shows within those seconds.
     */
    private volatile ShortCache<MeKey, Me> kept;
    private volatile ShortCache<Long, ShopService.NextRedemption> nextDays;

    record MeKey(long householdId, int postings) {
    }

    @PostConstruct
    void createCaches() {
        keepFor(Duration.ofSeconds(config.cacheSeconds()), Ticker.systemTicker());
    }

    /** Package-private for the test of the cache, which runs it on its own clock. */
    void keepFor(Duration keep, Ticker ticker) {
        kept = new ShortCache<>(keep, ticker, 20_000, writes::stamp);
        nextDays = new ShortCache<>(keep, ticker, 10_000, writes::stamp);
    }

    public Uni<Me> me(long householdId) {
        return me(householdId, config.mePostings());
    }

    public Uni<Me> me(long householdId, int postings) {
        return kept.get(new MeKey(householdId, postings), k -> load(k.householdId(), k.postings()));
    }

    /** The village's next redemption day, for the home page. */
    public Uni<ShopService.NextRedemption> nextRedemption(long villageId) {
        return nextDays.get(villageId, shop::nextRedemption);
    }

    private Uni<Me> load(long householdId, int postings) {
        return Sql.one(pool, meSqlByPostings.computeIfAbsent(postings, PortalService::meSql), Sql.args(householdId, String.valueOf(time.thisYear())), "该农户", r -> {
            int earned = r.getInteger("earned");
            Integer[] t = r.getArrayOfIntegers("star_thresholds");
            StarRule stars = new StarRule(t[0], t[1], t[2]);
            return new Me(r.getLong("id"), r.getLong("village_id"), r.getString("number"), r.getString("head_name"),
                    r.getString("village_name"), r.getInteger("available"), earned, r.getLong("rank").intValue(),
                    stars.stars(earned), stars.pointsToNext(earned), postings(r.getValue("postings")));
        });
    }

    /** This year's postings (and older ones up to {@code limit}), newest first, grouped by month. */
    public Uni<List<MonthGroup>> history(long householdId, int limit) {
        return Sql.list(pool, """
                        SELECT id, type, points, month, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS created_at, reversal_of, reason
                          FROM posting WHERE household_id = $1 ORDER BY seq DESC LIMIT $2""",
                        Sql.args(householdId, limit), r -> new PostingView(r.getLong("id"), r.getString("type"), r.getInteger("points"),
                                r.getString("month"), r.getString("created_at"), r.getLong("reversal_of"), r.getString("reason")))
                .map(list -> {
                    Map<String, List<PostingView>> byMonth = new LinkedHashMap<>();
                    for (PostingView p : list) {
                        byMonth.computeIfAbsent(p.month(), m -> new ArrayList<>()).add(p);
                    }
                    List<String> months = new ArrayList<>(byMonth.keySet());
                    months.sort(java.util.Comparator.reverseOrder());
                    return months.stream().map(m -> new MonthGroup(m,
                            byMonth.get(m).stream().mapToInt(PostingView::points).sum(), byMonth.get(m))).toList();
                });
    }

    /** The period key of {@code scope} ("month", "quarter" or "year") now, China time. */
    public String periodOf(String scope) {
        YearMonth m = time.thisMonth();
        return switch (scope == null ? "year" : scope) {
            case "month" -> m.toString();
            case "quarter" -> m.getYear() + "-Q" + ((m.getMonthValue() + 2) / 3);
            case "year" -> String.valueOf(m.getYear());
            default -> throw DomainException.badRequest("request.invalid", "排名周期只能是 month、quarter 或 year", List.of("period"));
        };
    }

    /** Top 10 (ties share a rank, so a few more rows may show) of the village in a period, and the caller's place. */
    public Uni<Ranking> ranking(long householdId, long villageId, String scope) {
        String period = periodOf(scope);
        return Sql.list(pool, """
                        WITH mine AS (SELECT coalesce((SELECT points FROM earned_points WHERE household_id = $1 AND period = $3), 0) AS points),
                             top AS (SELECT e.household_id, e.points FROM earned_points e
                                      WHERE e.village_id = $2 AND e.period = $3 AND e.points > 0
                                      ORDER BY e.points DESC LIMIT 10)
                        SELECT t.household_id, h.number, h.head_name, t.points,
                               1 + (SELECT count(*) FROM earned_points o WHERE o.village_id = $2 AND o.period = $3 AND o.points > t.points) AS rank,
                               (SELECT points FROM mine) AS my_points,
                               1 + (SELECT count(*) FROM earned_points o WHERE o.village_id = $2 AND o.period = $3
                                     AND o.points > (SELECT points FROM mine)) AS my_rank
                          FROM (SELECT 1) one
                          LEFT JOIN top t ON true
                          LEFT JOIN household h ON h.id = t.household_id
                         ORDER BY t.points DESC NULLS LAST, h.number""",
                        Sql.args(householdId, villageId, period),
                        r -> new RankLine(r.getLong("household_id") == null ? null : new RankRow(r.getLong("rank").intValue(),
                                r.getLong("household_id"), r.getString("number"), r.getString("head_name"), r.getInteger("points"),
                                r.getLong("household_id") == householdId), r.getLong("my_rank").intValue(), r.getInteger("my_points")))
                .map(lines -> {
                    // every line carries the caller's place; there is always one line (an empty top gives one of nulls)
                    RankLine last = lines.get(lines.size() - 1);
                    List<RankRow> top = lines.stream().map(RankLine::row).filter(Objects::nonNull).toList();
                    return new Ranking(period, scope == null ? "year" : scope, top, last.myRank(), last.myPoints());
                });
    }

    /** A line of the ranking query: a place of the top (null when the top is empty) and the caller's place. */
    private record RankLine(RankRow row, int myRank, int myPoints) {
    }

    static List<PostingView> postings(Object json) {
        if (!(json instanceof JsonArray array)) {
            return List.of();
        }
        List<PostingView> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject p = array.getJsonObject(i);
            out.add(new PostingView(p.getLong("id"), p.getString("type"), p.getInteger("points"), p.getString("month"),
                    p.getString("createdAt"), p.getLong("reversalOf"), p.getString("reason")));
        }
        return out;
    }
}
