package org.jifen.notice;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;
import org.jifen.notice.NoticeRules.Figures;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of notices: the notice itself, its lines, the photos of the posted paper, the town's display setting, and
 * the ledger figures a notice is made from. {@code db} is the Pool for a read, the transaction's connection for
 * anything that must see or commit with a write.
 */
final class Notices {

    private static final String COLUMNS = """
            n.id, n.village_id, n.year, n.quarter, n.status, n.statistics_date, n.notice_from, n.notice_to, n.signatory,
            n.contact, n.month_seals, n.content_hash, n.published_by, n.published_at, n.stamped_by, n.stamped_on, n.stamped_at""";

    private Notices() {
    }

    static Notice notice(Row r) {
        return new Notice(r.getLong("id"), r.getLong("village_id"), r.getInteger("year"), r.getInteger("quarter"),
                r.getString("status"), r.getLocalDate("statistics_date"), r.getLocalDate("notice_from"),
                r.getLocalDate("notice_to"), r.getString("signatory"), r.getString("contact"), r.getString("month_seals"),
                r.getString("content_hash"), r.getString("published_by"), r.getOffsetDateTime("published_at"),
                r.getString("stamped_by"), r.getLocalDate("stamped_on"), r.getOffsetDateTime("stamped_at"));
    }

    // ---------------------------------------------------------------- the notice

    /** The notice, or {@code null}. */
    static Uni<Notice> find(SqlClient db, long noticeId) {
        return Sql.first(db, "SELECT " + COLUMNS + " FROM notice n WHERE n.id = $1", Sql.args(noticeId), Notices::notice);
    }

    static Uni<Notice> get(SqlClient db, long noticeId) {
        return Sql.one(db, "SELECT " + COLUMNS + " FROM notice n WHERE n.id = $1", Sql.args(noticeId), "该公示", Notices::notice);
    }

    /** Locks the village row: every writer of a village's notices takes it first, so they queue instead of racing. */
    static Uni<Void> lockVillage(SqlClient tx, long villageId) {
        return Sql.one(tx, "SELECT id FROM village WHERE id = $1 FOR UPDATE", Sql.args(villageId), "该村（社区）",
                r -> r.getLong("id")).replaceWithVoid();
    }

    /** The notice, read after locking its village (the order every writer takes). */
    static Uni<Notice> lock(SqlClient tx, long noticeId) {
        return Sql.one(tx, "SELECT village_id FROM notice WHERE id = $1", Sql.args(noticeId), "该公示", r -> r.getLong("village_id"))
                .flatMap(villageId -> lockVillage(tx, villageId))
                .flatMap(x -> get(tx, noticeId));
    }

    /** The id of the quarter's notice in {@code status}, or {@code null}. */
    static Uni<Long> idOf(SqlClient db, long villageId, int year, int quarter, String status) {
        return Sql.first(db, "SELECT id FROM notice WHERE village_id = $1 AND year = $2 AND quarter = $3 AND status = $4",
                Sql.args(villageId, year, quarter, status), r -> r.getLong("id"));
    }

    /** Deletes a draft; its rows go with it (ON DELETE CASCADE). */
    static Uni<Void> deleteDraft(SqlClient tx, long noticeId) {
        return Sql.exec(tx, "DELETE FROM notice WHERE id = $1", Sql.args(noticeId)).replaceWithVoid();
    }

    static Uni<Notice> insertDraft(SqlClient tx, long villageId, int year, int quarter, NoticeService.Fields f, String createdBy) {
        return Sql.first(tx, """
                        INSERT INTO notice AS n (village_id, year, quarter, statistics_date, notice_from, notice_to, signatory,
                                                 contact, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING %s""".formatted(COLUMNS),
                Sql.args(villageId, year, quarter, f.statisticsDate(), f.noticeFrom(), f.noticeTo(), f.signatory(), f.contact(),
                        createdBy), Notices::notice);
    }

    static Uni<Notice> updateFields(SqlClient tx, long noticeId, NoticeService.Fields f) {
        return Sql.first(tx, """
                        UPDATE notice n SET statistics_date = $2, notice_from = $3, notice_to = $4, signatory = $5, contact = $6,
                                            updated_at = now()
                         WHERE n.id = $1 RETURNING %s""".formatted(COLUMNS),
                Sql.args(noticeId, f.statisticsDate(), f.noticeFrom(), f.noticeTo(), f.signatory(), f.contact()), Notices::notice);
    }

    /** Freezes the notice: from here on the database refuses any change but the stamp. */
    static Uni<Notice> publish(SqlClient tx, long noticeId, List<String> seals, String contentHash, String publishedBy) {
        return Sql.first(tx, """
                        UPDATE notice n SET status = 'PUBLISHED', month_seals = $2, content_hash = $3, published_by = $4,
                                            published_at = now(), updated_at = now()
                         WHERE n.id = $1 RETURNING %s""".formatted(COLUMNS),
                Sql.args(noticeId, String.join("\n", seals), contentHash, publishedBy), Notices::notice);
    }

    static Uni<Notice> stamp(SqlClient tx, long noticeId, LocalDate stampedOn, String stampedBy) {
        return Sql.first(tx, """
                        UPDATE notice n SET stamped_on = $2, stamped_by = $3, stamped_at = now()
                         WHERE n.id = $1 RETURNING %s""".formatted(COLUMNS),
                Sql.args(noticeId, stampedOn, stampedBy), Notices::notice);
    }

    /** A village's notices, newest quarter first, with their photo and objection counts. */
    static Uni<List<NoticeService.Summary>> summaries(SqlClient db, long villageId) {
        return Sql.list(db, """
                        SELECT %s,
                               (SELECT count(*) FROM notice_evidence e WHERE e.notice_id = n.id) AS photos,
                               (SELECT count(*) FROM objection o WHERE o.notice_id = n.id) AS objections,
                               (SELECT count(*) FROM objection o WHERE o.notice_id = n.id AND o.answered_at IS NULL) AS unanswered
                          FROM notice n WHERE n.village_id = $1
                         ORDER BY n.year DESC, n.quarter DESC, n.id DESC""".formatted(COLUMNS), Sql.args(villageId),
                r -> new NoticeService.Summary(notice(r), r.getInteger("photos"), r.getLong("objections"), r.getLong("unanswered")));
    }

    /** A village's published notices, newest quarter first. */
    static Uni<List<Notice>> published(SqlClient db, long villageId) {
        return Sql.list(db, """
                        SELECT %s FROM notice n WHERE n.village_id = $1 AND n.status = 'PUBLISHED'
                         ORDER BY n.year DESC, n.quarter DESC, n.published_at DESC""".formatted(COLUMNS),
                Sql.args(villageId), Notices::notice);
    }

    /** What a staff view shows beside the notice: the village's name and the objection counts. */
    record Facts(String villageName, long objections, long unanswered) {
    }

    static Uni<Facts> facts(SqlClient db, Notice n) {
        return Sql.one(db, """
                        SELECT v.name,
                               (SELECT count(*) FROM objection o WHERE o.notice_id = $1) AS objections,
                               (SELECT count(*) FROM objection o WHERE o.notice_id = $1 AND o.answered_at IS NULL) AS unanswered
                          FROM village v WHERE v.id = $2""", Sql.args(n.id(), n.villageId()), "该村（社区）",
                r -> new Facts(r.getString("name"), r.getLong("objections"), r.getLong("unanswered")));
    }

    /**
     * A notice with what its public page needs, whatever its status; {@code null} for an unknown id. The town's masking
     * choice falls back to {@code maskByDefault}; the answers' version is the last answer's time in milliseconds.
     */
    static Uni<NoticeService.PublicMeta> publicMeta(SqlClient db, long noticeId, boolean maskByDefault) {
        return Sql.first(db, """
                        SELECT %s, v.name AS village_name, t.name AS town_name, coalesce(s.mask_names, $2) AS mask_names,
                               (SELECT count(*) FROM objection o WHERE o.notice_id = n.id AND o.answered_at IS NOT NULL) AS answered,
                               (SELECT coalesce(floor(extract(epoch FROM max(o.answered_at)) * 1000), 0)::bigint
                                  FROM objection o WHERE o.notice_id = n.id) AS answers_version
                          FROM notice n JOIN village v ON v.id = n.village_id JOIN town t ON t.id = v.town_id
                          LEFT JOIN notice_setting s ON s.town_id = t.id
                         WHERE n.id = $1""".formatted(COLUMNS), Sql.args(noticeId, maskByDefault),
                r -> new NoticeService.PublicMeta(notice(r), r.getString("village_name"), r.getString("town_name"),
                        r.getBoolean("mask_names"), r.getLong("answered"), r.getLong("answers_version")));
    }

    static Uni<String> villageName(SqlClient db, long villageId) {
        return Sql.one(db, "SELECT name FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）", r -> r.getString("name"));
    }

    // ---------------------------------------------------------------- lines

    /** The frozen (or draft) lines of a notice, in order. */
    static Uni<List<NoticeRules.Row>> rows(SqlClient db, long noticeId) {
        return Sql.list(db, """
                        SELECT rank, household_id, number, head_name, quarter_points, bonus_points, year_points, available_points
                          FROM notice_row WHERE notice_id = $1 ORDER BY position""", Sql.args(noticeId),
                r -> new NoticeRules.Row(r.getInteger("rank"), r.getLong("household_id"), r.getString("number"),
                        r.getString("head_name"), r.getInteger("quarter_points"), r.getInteger("bonus_points"),
                        r.getInteger("year_points"), r.getInteger("available_points")));
    }

    /** Replaces a draft's lines with {@code rows}, in their order (one statement, however many households). */
    static Uni<Void> replaceRows(SqlClient tx, long noticeId, List<NoticeRules.Row> rows) {
        int n = rows.size();
        Integer[] rank = new Integer[n], quarter = new Integer[n], bonus = new Integer[n], year = new Integer[n], available = new Integer[n];
        Long[] household = new Long[n];
        String[] number = new String[n], head = new String[n];
        for (int i = 0; i < n; i++) {
            NoticeRules.Row r = rows.get(i);
            rank[i] = r.rank();
            household[i] = r.householdId();
            number[i] = r.number();
            head[i] = r.headName();
            quarter[i] = r.quarterPoints();
            bonus[i] = r.bonusPoints();
            year[i] = r.yearPoints();
            available[i] = r.availablePoints();
        }
        return Sql.exec(tx, "DELETE FROM notice_row WHERE notice_id = $1", Sql.args(noticeId))
                .flatMap(x -> n == 0 ? Uni.createFrom().item(0) : Sql.exec(tx, """
                        INSERT INTO notice_row (notice_id, position, rank, household_id, number, head_name, quarter_points,
                                                bonus_points, year_points, available_points)
                        SELECT $1, x.position, x.rank, x.household_id, x.number, x.head_name, x.quarter_points, x.bonus_points,
                               x.year_points, x.available_points
                          FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[])
                               WITH ORDINALITY AS x(rank, household_id, number, head_name, quarter_points, bonus_points,
                                                    year_points, available_points, position)""",
                        Sql.args(noticeId, rank, household, number, head, quarter, bonus, year, available)))
                .replaceWithVoid();
    }

    // ---------------------------------------------------------------- from the ledger

    /** The seals of the quarter's closed months, by month ('2025-04'); an open month is missing. */
    static Uni<Map<String, String>> monthSeals(SqlClient db, long villageId, List<YearMonth> months) {
        String[] names = months.stream().map(YearMonth::toString).toArray(String[]::new);
        return Sql.list(db, "SELECT month, seal FROM month_close WHERE village_id = $1 AND month = ANY ($2::text[])",
                        Sql.args(villageId, names), r -> Map.entry(r.getString("month"), r.getString("seal")))
                .map(list -> {
                    Map<String, String> seals = new HashMap<>();
                    list.forEach(e -> seals.put(e.getKey(), e.getValue()));
                    return seals;
                });
    }

    /** Every active household of the village with its figures for the quarter, unranked. */
    static Uni<List<Figures>> figures(SqlClient db, long villageId, int year, int quarter) {
        String[] months = NoticeRules.months(year, quarter).stream().map(YearMonth::toString).toArray(String[]::new);
        String[] quartersSoFar = NoticeRules.quartersUpTo(year, quarter).toArray(String[]::new);
        return Sql.list(db, """
                        SELECT h.id, h.number, h.head_name, coalesce(q.points, 0) AS quarter_points,
                               coalesce(b.points, 0) AS bonus_points, coalesce(y.points, 0) AS year_points,
                               coalesce(a.available, 0) AS available_points
                          FROM household h
                          LEFT JOIN earned_points q ON q.household_id = h.id AND q.period = $2
                          LEFT JOIN (SELECT household_id, sum(points)::int AS points FROM posting
                                      WHERE village_id = $1 AND type = 'BONUS' AND month = ANY ($3::text[])
                                      GROUP BY household_id) b ON b.household_id = h.id
                          LEFT JOIN (SELECT household_id, sum(points)::int AS points FROM earned_points
                                      WHERE village_id = $1 AND period = ANY ($4::text[])
                                      GROUP BY household_id) y ON y.household_id = h.id
                          LEFT JOIN account a ON a.household_id = h.id
                         WHERE h.village_id = $1 AND h.status = 'ACTIVE'""",
                Sql.args(villageId, year + "-Q" + quarter, months, quartersSoFar),
                r -> new Figures(r.getLong("id"), r.getString("number"), r.getString("head_name"), r.getInteger("quarter_points"),
                        r.getInteger("bonus_points"), r.getInteger("year_points"), r.getInteger("available_points")));
    }

    // ---------------------------------------------------------------- photos of the posted paper

    static Uni<NoticeEvidence> insertPhoto(SqlClient tx, long noticeId, String contentType, byte[] bytes, String sha256,
                                           String note, String recordedBy) {
        return Sql.first(tx, """
                        INSERT INTO notice_evidence (notice_id, content_type, bytes, size, sha256, note, recorded_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        RETURNING id, content_type, size, sha256, note, recorded_by, recorded_at""",
                Sql.args(noticeId, contentType, io.vertx.core.buffer.Buffer.buffer(bytes), bytes.length, sha256, note, recordedBy),
                Notices::photo);
    }

    static Uni<List<NoticeEvidence>> photos(SqlClient db, long noticeId) {
        return Sql.list(db, """
                        SELECT id, content_type, size, sha256, note, recorded_by, recorded_at
                          FROM notice_evidence WHERE notice_id = $1 ORDER BY id""", Sql.args(noticeId), Notices::photo);
    }

    static Uni<NoticeEvidence.Image> image(SqlClient db, long noticeId, long evidenceId) {
        return Sql.one(db, "SELECT content_type, bytes, sha256 FROM notice_evidence WHERE id = $1 AND notice_id = $2",
                Sql.args(evidenceId, noticeId), "该照片",
                r -> new NoticeEvidence.Image(r.getString("content_type"), r.getBuffer("bytes").getBytes(), r.getString("sha256")));
    }

    private static NoticeEvidence photo(Row r) {
        return new NoticeEvidence(r.getLong("id"), r.getString("content_type"), r.getInteger("size"), r.getString("sha256"),
                r.getString("note"), r.getString("recorded_by"), r.getOffsetDateTime("recorded_at"));
    }

    // ---------------------------------------------------------------- the town's setting

    /** Whether the town masks names on public pages, or {@code null} when it never chose. */
    static Uni<Boolean> maskNames(SqlClient db, long townId) {
        return Sql.first(db, "SELECT mask_names FROM notice_setting WHERE town_id = $1", Sql.args(townId),
                r -> r.getBoolean("mask_names"));
    }

    static Uni<Void> setMaskNames(SqlClient tx, long townId, boolean mask, String updatedBy) {
        return Sql.exec(tx, """
                INSERT INTO notice_setting (town_id, mask_names, updated_by) VALUES ($1, $2, $3)
                ON CONFLICT (town_id) DO UPDATE SET mask_names = EXCLUDED.mask_names, updated_by = EXCLUDED.updated_by,
                                                    updated_at = now()""", Sql.args(townId, mask, updatedBy)).replaceWithVoid();
    }
}
