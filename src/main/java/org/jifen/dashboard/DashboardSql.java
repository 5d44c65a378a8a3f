package org.jifen.dashboard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.util.List;

/**
 * The dashboard's own reads, each one statement for the whole town (a few rows per village, never all postings):
 * the villages with their registered households, the monthly figures (closed months from {@code village_month_points},
 * open months counted live by {@code village_month_figures}, both in {@code R__dashboard.sql}), the households with
 * earned points per quarter and the stars of the year ({@code earned_points}, kept by the posting trigger), the stock on
 * the shelves and the fund balance.
 */
final class DashboardSql {

    record VillageHead(long id, String name, String code, int households) {
    }

    /** One village's month. {@code closed}: read from the figures kept at the month close, else counted now. */
    record MonthRow(long villageId, String month, boolean closed, long issued, long deducted, long redeemed, long refunded,
                    int earners, int postings) {
    }

    record Participants(long villageId, String quarter, int households) {
    }

    record StarRow(long villageId, int three, int four, int five) {
    }

    record Stock(long villageId, long points, long costCents) {
    }

    record Fund(long villageId, long balanceCents) {
    }

    private DashboardSql() {
    }

    static Uni<List<VillageHead>> villages(SqlClient db, long townId) {
        return Sql.list(db, """
                        SELECT v.id, v.name, v.code,
                               (SELECT count(*) FROM household h WHERE h.village_id = v.id AND h.status = 'ACTIVE')::int AS households
                          FROM village v WHERE v.town_id = $1 ORDER BY v.code""", Sql.args(townId),
                r -> new VillageHead(r.getLong("id"), r.getString("name"), r.getString("code"), r.getInteger("households")));
    }

    /**
     * The twelve months of {@code year} of every village of the town: a month with kept figures is read from them, only
     * the others are counted from their postings (the CTE is materialized so that the count runs for those alone).
     */
    static Uni<List<MonthRow>> months(SqlClient db, long townId, int year) {
        return Sql.list(db, """
                        WITH vm AS MATERIALIZED (
                            SELECT v.id AS village_id, m.month, k.issued, k.deducted, k.redeemed, k.refunded, k.earners, k.postings
                              FROM village v
                             CROSS JOIN (SELECT $2 || '-' || lpad(g::text, 2, '0') AS month FROM generate_series(1, 12) g) m
                              LEFT JOIN village_month_points k ON k.village_id = v.id AND k.month = m.month
                             WHERE v.town_id = $1)
                        SELECT village_id, month, true AS closed, issued, deducted, redeemed, refunded, earners, postings
                          FROM vm WHERE issued IS NOT NULL
                        UNION ALL
                        SELECT vm.village_id, vm.month, false, f.issued, f.deducted, f.redeemed, f.refunded, f.earners, f.postings
                          FROM vm CROSS JOIN LATERAL village_month_figures(vm.village_id, vm.month) f
                         WHERE vm.issued IS NULL
                         ORDER BY village_id, month""", Sql.args(townId, String.valueOf(year)),
                r -> new MonthRow(r.getLong("village_id"), r.getString("month"), r.getBoolean("closed"), r.getLong("issued"),
                        r.getLong("deducted"), r.getLong("redeemed"), r.getLong("refunded"), r.getInteger("earners"),
                        r.getInteger("postings")));
    }

    /**
     * Registered (在册) households with earned points above zero in each quarter ({@code 2026-Q1}, ...): a count on the
     * index {@code earned_points_rank} per village and quarter, less the households no longer registered (index
     * {@code household_not_active}, V141).
     */
    static Uni<List<Participants>> participants(SqlClient db, long townId, List<String> quarters) {
        return Sql.list(db, """
                        SELECT v.id AS village_id, q.period,
                               ((SELECT count(*) FROM earned_points e WHERE e.village_id = v.id AND e.period = q.period AND e.points > 0)
                                - (SELECT count(*) FROM household h JOIN earned_points e ON e.household_id = h.id AND e.period = q.period
                                    WHERE h.village_id = v.id AND h.status <> 'ACTIVE' AND e.points > 0))::int AS n
                          FROM village v CROSS JOIN unnest($2::text[]) AS q(period)
                         WHERE v.town_id = $1""", Sql.args(townId, quarters.toArray(String[]::new)),
                r -> new Participants(r.getLong("village_id"), r.getString("period"), r.getInteger("n")));
    }

    /**
     * Households by stars for the year's earned points ({@code earned_points}, as {@code rating.RatingService} rates the
     * year so far): at or above each threshold of the town's star rule and below the next, counted on the index.
     */
    static Uni<List<StarRow>> stars(SqlClient db, long townId, int year, int three, int four, int five) {
        return Sql.list(db, """
                        SELECT v.id AS village_id,
                               (SELECT count(*) FROM earned_points e WHERE e.village_id = v.id AND e.period = $2
                                   AND e.points >= $3 AND e.points < $4)::int AS three,
                               (SELECT count(*) FROM earned_points e WHERE e.village_id = v.id AND e.period = $2
                                   AND e.points >= $4 AND e.points < $5)::int AS four,
                               (SELECT count(*) FROM earned_points e WHERE e.village_id = v.id AND e.period = $2
                                   AND e.points >= $5)::int AS five
                          FROM village v WHERE v.town_id = $1""", Sql.args(townId, String.valueOf(year), three, four, five),
                r -> new StarRow(r.getLong("village_id"), r.getInteger("three"), r.getInteger("four"), r.getInteger("five")));
    }

    /** The stock on the shelves now: what is left of every batch, at its goods' point price and at cost. */
    static Uni<List<Stock>> stock(SqlClient db, long townId) {
        return Sql.list(db, """
                        SELECT b.village_id, sum(b.remaining::bigint * g.points_price)::bigint AS points,
                               sum(b.remaining::bigint * b.unit_cost_cents)::bigint AS cost_cents
                          FROM batch b JOIN goods g ON g.id = b.goods_id
                         WHERE b.remaining > 0 AND b.village_id IN (SELECT id FROM village WHERE town_id = $1)
                         GROUP BY b.village_id""", Sql.args(townId),
                r -> new Stock(r.getLong("village_id"), r.getLong("points"), r.getLong("cost_cents")));
    }

    /**
     * The fund balance at the end of {@code year} (the funds page's 结余, {@code funds.FundAccount}): every receipt
     * (reversals are negative receipts) less every purchase at cost, up to that day.
     */
    static Uni<List<Fund>> funds(SqlClient db, long townId, int year) {
        return Sql.list(db, """
                        SELECT v.id AS village_id,
                               ((SELECT coalesce(sum(r.amount_cents), 0) FROM fund_receipt r WHERE r.village_id = v.id AND r.received_on < $2)
                                - (SELECT coalesce(sum(p.total_cents), 0) FROM purchase p WHERE p.village_id = v.id AND p.purchased_on < $2))::bigint
                                 AS balance_cents
                          FROM village v WHERE v.town_id = $1""", Sql.args(townId, LocalDate.of(year + 1, 1, 1)),
                r -> new Fund(r.getLong("village_id"), r.getLong("balance_cents")));
    }
}
