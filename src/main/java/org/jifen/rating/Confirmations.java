package org.jifen.rating;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL of the year-end rating: a village's year points as the rating counts them, confirmed lists
 * ({@code rating_confirmation}, {@code rating_confirmed}) and the town's reports ({@code rating_report}).
 * {@code db} is the pool for a read, the transaction's connection for a write.
 */
final class Confirmations {

    /** A household's points for the rating of a year. */
    record Points(long householdId, long villageId, String number, String headName, String group, int points) {
    }

    /** The head of a confirmed list. */
    record Head(long id, long villageId, int year, List<Integer> thresholds, String confirmedBy, String confirmedByName,
                String confirmedAt, int households, String digest) {
    }

    /** One confirmed line, with the household's names as they are now. */
    record Line(long confirmationId, long villageId, long householdId, String number, String headName, int yearPoints, int stars) {
    }

    /** A household's stars in a confirmed list. */
    record Confirmed(int year, int yearPoints, int stars) {
    }

    record Report(long id, int year, List<Long> confirmations, List<Long> missingVillages, String submittedBy,
                  String submittedByName, String submittedAt, String note) {
    }

    /**
     * A year's earned points (EARN, BONUS, ADJUST) per household of the villages, counted in the year they belong to:
     * a reversal, posted in the month it was made, counts in the year of the posting it reverses, and an upheld
     * objection's adjustment in its notice's year. So a correction made in January to last year's points changes last
     * year's rating (and shows as a difference against its confirmed list), which {@code earned_points} (by the month
     * posted) cannot tell. Households that were active before the year ended, or have points in it, are listed.
     */
    private static final String YEAR_POINTS = """
            WITH pts AS (
                SELECT p.household_id, sum(p.points)::int AS points
                FROM posting p
                LEFT JOIN posting o ON o.id = p.reversal_of
                LEFT JOIN objection ob ON ob.id = (CASE WHEN o.id IS NULL THEN p.cause_id ELSE o.cause_id END)
                      AND (CASE WHEN o.id IS NULL THEN p.cause_type ELSE o.cause_type END) = 'objection'
                LEFT JOIN notice n ON n.id = ob.notice_id
                WHERE p.village_id = ANY($1) AND p.month >= $2 || '-01' AND p.type IN ('EARN', 'BONUS', 'ADJUST')
                  AND coalesce(n.year::text, left(coalesce(o.month, p.month), 4)) = $2
                GROUP BY p.household_id)
            SELECT h.id, h.village_id, h.number, h.head_name, h.group_name, coalesce(pts.points, 0) AS points
            FROM household h LEFT JOIN pts ON pts.household_id = h.id
            WHERE h.village_id = ANY($1) AND (pts.points IS NOT NULL OR (h.status = 'ACTIVE' AND h.created_at < $3))
            ORDER BY h.village_id, coalesce(pts.points, 0) DESC, h.number""";

    private static final String HEAD = """
            SELECT id, village_id, year, thresholds, confirmed_by, confirmed_by_name,
                   to_char(confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS confirmed_at, households, digest
            FROM rating_confirmation""";

    private Confirmations() {
    }

    static Uni<List<Points>> yearPoints(SqlClient db, List<Long> villageIds, int year, OffsetDateTime yearEnd) {
        return Sql.list(db, YEAR_POINTS, Sql.args(villageIds.toArray(Long[]::new), String.valueOf(year), yearEnd),
                r -> new Points(r.getLong("id"), r.getLong("village_id"), r.getString("number"), r.getString("head_name"),
                        r.getString("group_name"), r.getInteger("points")));
    }

    /** The months of the year the village has closed, in order. */
    static Uni<List<String>> closedMonths(SqlClient db, long villageId, int year) {
        return Sql.list(db, "SELECT month FROM month_close WHERE village_id = $1 AND month LIKE $2 ORDER BY month",
                Sql.args(villageId, year + "-%"), r -> r.getString("month"));
    }

    /** Serialises confirmations of one village (the village row stays locked till the transaction ends). */
    static Uni<Void> lockVillage(SqlClient tx, long villageId) {
        return Sql.one(tx, "SELECT id FROM village WHERE id = $1 FOR UPDATE", Sql.args(villageId), "该村（社区）", r -> r)
                .replaceWithVoid();
    }

    static Uni<String> staffName(SqlClient db, long staffId) {
        return Sql.first(db, "SELECT display_name FROM staff WHERE id = $1", Sql.args(staffId), r -> r.getString("display_name"));
    }

    static Uni<Head> insert(SqlClient tx, long villageId, int year, List<Integer> thresholds, String by, String byName,
                            List<Points> lines, List<Integer> stars, String digest) {
        return Sql.first(tx, """
                        INSERT INTO rating_confirmation (village_id, year, thresholds, confirmed_by, confirmed_by_name, households, digest)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        RETURNING id, village_id, year, thresholds, confirmed_by, confirmed_by_name,
                                  to_char(confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS confirmed_at, households, digest""",
                        Sql.args(villageId, year, thresholds.toArray(Integer[]::new), by, byName, lines.size(), digest),
                        Confirmations::head)
                .call(h -> Sql.exec(tx, """
                                INSERT INTO rating_confirmed (confirmation_id, household_id, year_points, stars)
                                SELECT $1, h, p, s FROM unnest($2::bigint[], $3::int[], $4::int[]) AS l (h, p, s)""",
                        Sql.args(h.id(), lines.stream().map(Points::householdId).toArray(Long[]::new),
                                lines.stream().map(Points::points).toArray(Integer[]::new), stars.toArray(Integer[]::new))));
    }

    /** The confirmation in force (the latest) of each of the villages for the year. */
    static Uni<List<Head>> latest(SqlClient db, List<Long> villageIds, int year) {
        return Sql.list(db, """
                SELECT DISTINCT ON (village_id) id, village_id, year, thresholds, confirmed_by, confirmed_by_name,
                       to_char(confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS confirmed_at, households, digest
                FROM rating_confirmation WHERE village_id = ANY($1) AND year = $2
                ORDER BY village_id, id DESC""", Sql.args(villageIds.toArray(Long[]::new), year), Confirmations::head);
    }

    static Uni<Head> head(SqlClient db, long confirmationId) {
        return Sql.first(db, HEAD + " WHERE id = $1", Sql.args(confirmationId), Confirmations::head);
    }

    /** The lines of the confirmations, by village, stars and points (highest first). */
    static Uni<List<Line>> lines(SqlClient db, List<Long> confirmationIds) {
        return Sql.list(db, """
                SELECT c.confirmation_id, h.village_id, c.household_id, h.number, h.head_name, c.year_points, c.stars
                FROM rating_confirmed c JOIN household h ON h.id = c.household_id
                WHERE c.confirmation_id = ANY($1)
                ORDER BY h.village_id, c.year_points DESC, h.number""", Sql.args((Object) confirmationIds.toArray(Long[]::new)),
                r -> new Line(r.getLong("confirmation_id"), r.getLong("village_id"), r.getLong("household_id"),
                        r.getString("number"), r.getString("head_name"), r.getInteger("year_points"), r.getInteger("stars")));
    }

    /** The village ids, codes and names of the town, by code. */
    static Uni<List<TownVillage>> villages(SqlClient db, long townId) {
        return Sql.list(db, "SELECT id, code, name FROM village WHERE town_id = $1 ORDER BY code", Sql.args(townId),
                r -> new TownVillage(r.getLong("id"), r.getString("code"), r.getString("name")));
    }

    record TownVillage(long id, String code, String name) {
    }

    record VillageOfTown(long id, long townId, String code, String name) {
    }

    static Uni<VillageOfTown> village(SqlClient db, long villageId) {
        return Sql.one(db, "SELECT id, town_id, code, name FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）",
                r -> new VillageOfTown(r.getLong("id"), r.getLong("town_id"), r.getString("code"), r.getString("name")));
    }

    static Uni<String> townName(SqlClient db, long townId) {
        return Sql.one(db, "SELECT name FROM town WHERE id = $1", Sql.args(townId), "该镇", r -> r.getString("name"));
    }

    static Uni<Report> insertReport(SqlClient tx, long townId, int year, List<Long> confirmations, List<Long> missing,
                                    String by, String byName, String note) {
        return Sql.first(tx, """
                        INSERT INTO rating_report (town_id, year, confirmations, missing_villages, submitted_by, submitted_by_name, note)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        RETURNING id, year, confirmations, missing_villages, submitted_by, submitted_by_name,
                                  to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS submitted_at, note""",
                Sql.args(townId, year, confirmations.toArray(Long[]::new), missing.toArray(Long[]::new), by, byName, note),
                Confirmations::report);
    }

    static Uni<Report> latestReport(SqlClient db, long townId, int year) {
        return Sql.first(db, """
                SELECT id, year, confirmations, missing_villages, submitted_by, submitted_by_name,
                       to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS submitted_at, note
                FROM rating_report WHERE town_id = $1 AND year = $2 ORDER BY id DESC LIMIT 1""",
                Sql.args(townId, year), Confirmations::report);
    }

    /** The household's latest confirmed year (the list in force for it), or null. */
    static Uni<Confirmed> lastConfirmed(SqlClient db, long householdId) {
        return Sql.first(db, """
                SELECT k.year, c.year_points, c.stars
                FROM rating_confirmed c JOIN rating_confirmation k ON k.id = c.confirmation_id
                WHERE c.household_id = $1
                  AND k.id = (SELECT max(l.id) FROM rating_confirmation l WHERE l.village_id = k.village_id AND l.year = k.year)
                ORDER BY k.year DESC LIMIT 1""", Sql.args(householdId),
                r -> new Confirmed(r.getInteger("year"), r.getInteger("year_points"), r.getInteger("stars")));
    }

    private static Head head(Row r) {
        return new Head(r.getLong("id"), r.getLong("village_id"), r.getInteger("year"),
                Arrays.asList(r.getArrayOfIntegers("thresholds")), r.getString("confirmed_by"), r.getString("confirmed_by_name"),
                r.getString("confirmed_at"), r.getInteger("households"), r.getString("digest"));
    }

    private static Report report(Row r) {
        return new Report(r.getLong("id"), r.getInteger("year"), Arrays.asList(r.getArrayOfLongs("confirmations")),
                Arrays.asList(r.getArrayOfLongs("missing_villages")), r.getString("submitted_by"), r.getString("submitted_by_name"),
                r.getString("submitted_at"), r.getString("note"));
    }
}
