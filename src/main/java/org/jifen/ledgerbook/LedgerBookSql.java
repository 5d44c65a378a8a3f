package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The SQL of the three-in-one ledger: read-only views of the year's months and entries (points), notices (notice),
 * redemption days and redemptions (shop), and the ledger's own confirmations. Times are shown in China time.
 */
final class LedgerBookSql {

    private LedgerBookSql() {
    }

    static final String CN = "Asia/Shanghai";

    record VillageHead(long id, String name, String town) {
    }

    record MonthHead(String month, OffsetDateTime closedAt, String closedBy, String seal, int entries, long points) {
        public boolean closed() {
            return closedAt != null;
        }
    }

    record EntryLine(long id, String number, String headName, String item, int quantity, int points, LocalDate occurredOn,
                     String recordedBy, String reviewers, boolean photoRequired, int photos) {
    }

    record ConfirmationLine(long id, String subject, String month, Long redemptionDayId, String capacity, String username,
                            String displayName, String role, OffsetDateTime confirmedAt) {
    }

    record NoticeHead(long id, int quarter, String status, LocalDate statisticsDate, LocalDate noticeFrom, LocalDate noticeTo,
                      String signatory, String contact, String monthSeals, String contentHash, String publishedBy,
                      OffsetDateTime publishedAt, String stampedBy, LocalDate stampedOn, int photos, int households,
                      int objections, int unanswered) {
        public boolean published() {
            return "PUBLISHED".equals(status);
        }
    }

    record NoticeLine(int rank, String number, String headName, int quarterPoints, int bonusPoints, int yearPoints,
                      int availablePoints) {
    }

    record ObjectionLine(long id, String text, OffsetDateTime filedAt, String answer, Boolean upheld, String answeredBy,
                         OffsetDateTime answeredAt) {
    }

    /** A photo (notice evidence or redemption day photo) without its bytes. */
    record PhotoHead(long id, String contentType, String caption, String sha256, String by, OffsetDateTime at) {
    }

    /** {@code redemptions}, {@code households}, {@code points}: not reversed; {@code listed}: every redemption of the day. */
    record DayHead(long id, LocalDate day, String title, String note, int photos, int redemptions, int households, long points,
                   int listed) {
        public String month() {
            return day.toString().substring(0, 7);
        }
    }

    record RedemptionLine(long id, String at, String number, String headName, String goods, int points, String actor,
                          boolean reversed) {
    }

    static Uni<VillageHead> village(SqlClient db, long villageId) {
        return Sql.one(db, "SELECT v.id, v.name, t.name AS town FROM village v JOIN town t ON t.id = v.town_id WHERE v.id = $1",
                Sql.args(villageId), "该村（社区）", r -> new VillageHead(r.getLong("id"), r.getString("name"), r.getString("town")));
    }

    // ---------------------------------------------------------------- part 1: months and entries

    static Uni<List<MonthHead>> months(SqlClient db, long villageId, int year) {
        return Sql.list(db, """
                SELECT m.month, c.closed_at, c.closed_by, c.seal, coalesce(e.entries, 0) AS entries, coalesce(e.points, 0) AS points
                  FROM (SELECT to_char(make_date($2, g, 1), 'YYYY-MM') AS month FROM generate_series(1, 12) g) m
                  LEFT JOIN month_close c ON c.village_id = $1 AND c.month = m.month
                  LEFT JOIN (SELECT month, count(*) AS entries, sum(points) AS points FROM entry
                              WHERE village_id = $1 AND month BETWEEN $3 AND $4 AND status = 'APPROVED' GROUP BY month) e
                         ON e.month = m.month
                 ORDER BY m.month""", Sql.args(villageId, year, year + "-01", year + "-12"),
                r -> new MonthHead(r.getString("month"), r.getOffsetDateTime("closed_at"), r.getString("closed_by"),
                        r.getString("seal"), r.getInteger("entries"), r.getLong("points")));
    }

    /** The closed months of the year (what the completeness check needs of {@link #months}, without counting entries). */
    static Uni<java.util.Set<String>> closedMonths(SqlClient db, long villageId, int year) {
        return Sql.list(db, "SELECT month FROM month_close WHERE village_id = $1 AND month BETWEEN $2 AND $3",
                Sql.args(villageId, year + "-01", year + "-12"), r -> r.getString("month")).map(java.util.Set::copyOf);
    }

    private static final String ENTRY_COLUMNS = """
            SELECT e.id, h.number, h.head_name, e.item_title, e.quantity, e.points, e.occurred_on,
                   coalesce(s.display_name, e.recorded_by) AS recorded_by, e.photo_required,
                   (SELECT string_agg(coalesce(rs.display_name, r.reviewer), '、' ORDER BY r.at) FROM entry_review r
                      LEFT JOIN staff rs ON rs.id = r.reviewer_id
                     WHERE r.entry_id = e.id AND r.decision = 'APPROVE') AS reviewers,
                   (SELECT count(*) FROM entry_photo p WHERE p.entry_id = e.id)::int AS photos
              FROM entry e JOIN household h ON h.id = e.household_id LEFT JOIN staff s ON s.id = e.recorded_by_id
            """;

    static EntryLine entry(Row r) {
        return new EntryLine(r.getLong("id"), r.getString("number"), r.getString("head_name"), r.getString("item_title"),
                r.getInteger("quantity"), r.getInteger("points"), r.getLocalDate("occurred_on"), r.getString("recorded_by"),
                r.getString("reviewers"), r.getBoolean("photo_required"), r.getInteger("photos"));
    }

    /** One page of the month's approved entries, by date, household number, id. */
    static Uni<List<EntryLine>> entries(SqlClient db, long villageId, String month, int limit, int offset) {
        return Sql.list(db, ENTRY_COLUMNS + """
                 WHERE e.village_id = $1 AND e.month = $2 AND e.status = 'APPROVED'
                 ORDER BY e.occurred_on, h.number, e.id LIMIT $3 OFFSET $4""", Sql.args(villageId, month, limit, offset),
                LedgerBookSql::entry);
    }

    /** Entries of the year (not rejected) whose item requires a photo and that have none. */
    static Uni<List<EntryLine>> entriesWithoutPhoto(SqlClient db, long villageId, int year) {
        return Sql.list(db, ENTRY_COLUMNS + """
                 WHERE e.village_id = $1 AND e.month BETWEEN $2 AND $3 AND e.status <> 'REJECTED' AND e.photo_required
                   AND NOT EXISTS (SELECT 1 FROM entry_photo p WHERE p.entry_id = e.id)
                 ORDER BY e.occurred_on, e.id""", Sql.args(villageId, year + "-01", year + "-12"), LedgerBookSql::entry);
    }

    // ---------------------------------------------------------------- confirmations

    static ConfirmationLine confirmation(Row r) {
        return new ConfirmationLine(r.getLong("id"), r.getString("subject"), r.getString("month"), r.getLong("redemption_day_id"),
                r.getString("capacity"), r.getString("username"), r.getString("display_name"), r.getString("role"),
                r.getOffsetDateTime("confirmed_at"));
    }

    static final String CONFIRMATION_COLUMNS =
            "id, subject, month, redemption_day_id, capacity, username, display_name, role, confirmed_at";

    static Uni<List<ConfirmationLine>> confirmations(SqlClient db, long villageId, int year) {
        return Sql.list(db, "SELECT " + CONFIRMATION_COLUMNS + " " + """
                 FROM ledger_confirmation c
                 WHERE c.village_id = $1 AND (c.month BETWEEN $2 AND $3 OR c.redemption_day_id IN (
                       SELECT id FROM redemption_day WHERE village_id = $1 AND day >= make_date($4, 1, 1) AND day < make_date($4 + 1, 1, 1)))
                 ORDER BY c.id""", Sql.args(villageId, year + "-01", year + "-12", year), LedgerBookSql::confirmation);
    }

    // ---------------------------------------------------------------- part 2: notices

    /** Each quarter's notice of the year: the published one, else the draft. */
    static Uni<List<NoticeHead>> notices(SqlClient db, long villageId, int year) {
        return Sql.list(db, """
                SELECT DISTINCT ON (n.quarter) n.id, n.quarter, n.status, n.statistics_date, n.notice_from, n.notice_to,
                       n.signatory, n.contact, n.month_seals, n.content_hash, n.published_by, n.published_at, n.stamped_by,
                       n.stamped_on,
                       (SELECT count(*) FROM notice_evidence ev WHERE ev.notice_id = n.id)::int AS photos,
                       (SELECT count(*) FROM notice_row nr WHERE nr.notice_id = n.id)::int AS households,
                       (SELECT count(*) FROM objection o WHERE o.notice_id = n.id)::int AS objections,
                       (SELECT count(*) FROM objection o WHERE o.notice_id = n.id AND o.answered_at IS NULL)::int AS unanswered
                  FROM notice n WHERE n.village_id = $1 AND n.year = $2
                 ORDER BY n.quarter, (n.status = 'PUBLISHED') DESC, n.id DESC""", Sql.args(villageId, year),
                r -> new NoticeHead(r.getLong("id"), r.getInteger("quarter"), r.getString("status"),
                        r.getLocalDate("statistics_date"), r.getLocalDate("notice_from"), r.getLocalDate("notice_to"),
                        r.getString("signatory"), r.getString("contact"), r.getString("month_seals"), r.getString("content_hash"),
                        r.getString("published_by"), r.getOffsetDateTime("published_at"), r.getString("stamped_by"),
                        r.getLocalDate("stamped_on"), r.getInteger("photos"), r.getInteger("households"),
                        r.getInteger("objections"), r.getInteger("unanswered")));
    }

    static Uni<List<NoticeLine>> noticeRows(SqlClient db, long noticeId, int limit, int offset) {
        return Sql.list(db, """
                SELECT rank, number, head_name, quarter_points, bonus_points, year_points, available_points
                  FROM notice_row WHERE notice_id = $1 ORDER BY position LIMIT $2 OFFSET $3""", Sql.args(noticeId, limit, offset),
                r -> new NoticeLine(r.getInteger("rank"), r.getString("number"), r.getString("head_name"),
                        r.getInteger("quarter_points"), r.getInteger("bonus_points"), r.getInteger("year_points"),
                        r.getInteger("available_points")));
    }

    static Uni<List<ObjectionLine>> objections(SqlClient db, long noticeId) {
        return Sql.list(db, """
                SELECT id, text, filed_at, answer, upheld, answered_by, answered_at FROM objection
                 WHERE notice_id = $1 ORDER BY id""", Sql.args(noticeId),
                r -> new ObjectionLine(r.getLong("id"), r.getString("text"), r.getOffsetDateTime("filed_at"), r.getString("answer"),
                        r.getBoolean("upheld"), r.getString("answered_by"), r.getOffsetDateTime("answered_at")));
    }

    /** Unanswered objections to any notice of the year. */
    static Uni<List<ObjectionLine>> unansweredObjections(SqlClient db, long villageId, int year) {
        return Sql.list(db, """
                SELECT o.id, o.text, o.filed_at, o.answer, o.upheld, o.answered_by, o.answered_at, n.quarter
                  FROM objection o JOIN notice n ON n.id = o.notice_id
                 WHERE n.village_id = $1 AND n.year = $2 AND o.answered_at IS NULL ORDER BY o.id""", Sql.args(villageId, year),
                r -> new ObjectionLine(r.getLong("id"), "Q" + r.getInteger("quarter") + "：" + r.getString("text"),
                        r.getOffsetDateTime("filed_at"), null, null, null, null));
    }

    static Uni<List<PhotoHead>> noticePhotos(SqlClient db, long noticeId) {
        return Sql.list(db, """
                SELECT id, content_type, note AS caption, sha256, recorded_by AS by, recorded_at AS at
                  FROM notice_evidence WHERE notice_id = $1 ORDER BY id""", Sql.args(noticeId), LedgerBookSql::photo);
    }

    static Uni<byte[]> noticePhotoBytes(SqlClient db, long photoId) {
        return Sql.one(db, "SELECT bytes AS data FROM notice_evidence WHERE id = $1", Sql.args(photoId), "该照片",
                r -> r.getBuffer("data").getBytes());
    }

    // ---------------------------------------------------------------- part 3: redemption days

    private static final String DAY_START = "(d.day::timestamp AT TIME ZONE '" + CN + "')";
    private static final String DAY_END = "((d.day + 1)::timestamp AT TIME ZONE '" + CN + "')";

    static Uni<List<DayHead>> days(SqlClient db, long villageId, int year) {
        return Sql.list(db, """
                SELECT d.id, d.day, d.title, d.note,
                       (SELECT count(*) FROM redemption_day_photo p WHERE p.redemption_day_id = d.id)::int AS photos,
                       s.redemptions, s.households, s.points, s.listed
                  FROM redemption_day d
                  CROSS JOIN LATERAL (
                       SELECT count(*) FILTER (WHERE r.reversed_at IS NULL)::int AS redemptions,
                              count(DISTINCT r.household_id) FILTER (WHERE r.reversed_at IS NULL)::int AS households,
                              coalesce(sum(r.total_points) FILTER (WHERE r.reversed_at IS NULL), 0) AS points,
                              count(*)::int AS listed
                         FROM redemption r
                        WHERE r.village_id = d.village_id AND r.created_at >= %s AND r.created_at < %s) s
                 WHERE d.village_id = $1 AND d.day >= make_date($2, 1, 1) AND d.day < make_date($2 + 1, 1, 1)
                 ORDER BY d.day""".formatted(DAY_START, DAY_END), Sql.args(villageId, year),
                r -> new DayHead(r.getLong("id"), r.getLocalDate("day"), r.getString("title"), r.getString("note"),
                        r.getInteger("photos"), r.getInteger("redemptions"), r.getInteger("households"), r.getLong("points"),
                        r.getInteger("listed")));
    }

    /** Every redemption of the day (reversed ones too, marked), in time order; one page of them. */
    static Uni<List<RedemptionLine>> redemptions(SqlClient db, long dayId, int limit, int offset) {
        return Sql.list(db, """
                SELECT r.id, to_char(r.created_at AT TIME ZONE '%s', 'HH24:MI') AS at, h.number, h.head_name, r.total_points,
                       r.actor, r.reversed_at IS NOT NULL AS reversed,
                       (SELECT string_agg(g.name || '×' || i.quantity || g.unit, '、' ORDER BY g.name)
                          FROM redemption_item i JOIN goods g ON g.id = i.goods_id WHERE i.redemption_id = r.id) AS goods
                  FROM redemption_day d
                  JOIN redemption r ON r.village_id = d.village_id AND r.created_at >= %s AND r.created_at < %s
                  JOIN household h ON h.id = r.household_id
                 WHERE d.id = $1 ORDER BY r.created_at, r.id LIMIT $2 OFFSET $3""".formatted(CN, DAY_START, DAY_END),
                Sql.args(dayId, limit, offset),
                r -> new RedemptionLine(r.getLong("id"), r.getString("at"), r.getString("number"), r.getString("head_name"),
                        r.getString("goods"), r.getInteger("total_points"), r.getString("actor"), r.getBoolean("reversed")));
    }

    static Uni<List<PhotoHead>> dayPhotos(SqlClient db, long dayId) {
        return Sql.list(db, """
                SELECT id, content_type, caption, sha256, created_by AS by, created_at AS at
                  FROM redemption_day_photo WHERE redemption_day_id = $1 ORDER BY id""", Sql.args(dayId), LedgerBookSql::photo);
    }

    static Uni<byte[]> dayPhotoBytes(SqlClient db, long photoId) {
        return Sql.one(db, "SELECT data FROM redemption_day_photo WHERE id = $1", Sql.args(photoId), "该照片",
                r -> r.getBuffer("data").getBytes());
    }

    private static PhotoHead photo(Row r) {
        return new PhotoHead(r.getLong("id"), r.getString("content_type"), r.getString("caption"), r.getString("sha256"),
                r.getString("by"), r.getOffsetDateTime("at"));
    }
}
