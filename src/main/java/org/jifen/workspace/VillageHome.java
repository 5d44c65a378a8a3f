package org.jifen.workspace;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.points.PointsSettingsService;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * A village's work at a glance, for its home page and the village list: entries waiting for review, ended months with
 * entries that are not closed, the next registration and redemption day, stock warnings (as the shop page counts them),
 * the notice in its notice period and the objections still unanswered. One query for any number of villages.
 */
@ApplicationScoped
public class VillageHome {

    /**
     * @param monthsOpen        ended months (oldest first) with entries and no month close
     * @param nextRegistration  the next registration day from today on; null when the village set no day
     * @param nextDayId         the next redemption day from today on (its id, date and title), or null
     * @param expired           batches in stock past their expiry date
     * @param expiring          batches in stock expiring within the shop's warning days
     * @param lowStock          goods whose usable stock is at or below the shop's threshold
     * @param noticeId          the published notice whose notice period runs today (its year, quarter and end), or null
     * @param objectionsWaiting objections to any notice of the village without an answer
     * @param objectionNoticeId the notice of the oldest of them, or null
     */
    public record Figures(long villageId, String villageName, long households, long entriesWaiting, List<String> monthsOpen,
                          LocalDate nextRegistration, Long nextDayId, LocalDate nextDay, String nextDayTitle, boolean redemptionDaysOnly,
                          long expired, long expiring, long lowStock, Long noticeId, Integer noticeYear, Integer noticeQuarter,
                          LocalDate noticeTo, long objectionsWaiting, Long objectionNoticeId) {

        public long stockWarnings() {
            return expired + expiring + lowStock;
        }

        /** The oldest month to close, or null. */
        public String firstMonthOpen() {
            return monthsOpen.isEmpty() ? null : monthsOpen.get(0);
        }
    }

    private static final String FIGURES = """
            SELECT v.id AS village_id, v.name AS village_name,
                   (SELECT count(*) FROM household h WHERE h.village_id = v.id AND h.status = 'ACTIVE') AS households,
                   (SELECT count(*) FROM entry e WHERE e.village_id = v.id AND e.status = 'PENDING') AS entries_waiting,
                   array(SELECT DISTINCT e.month FROM entry e
                          WHERE e.village_id = v.id AND e.month < $2
                            AND NOT EXISTS (SELECT 1 FROM month_close c WHERE c.village_id = v.id AND c.month = e.month)
                          ORDER BY e.month) AS months_open,
                   ps.registration_day,
                   d.id AS day_id, d.day, d.title AS day_title,
                   coalesce(ss.redemption_days_only, false) AS days_only,
                   (SELECT count(*) FROM batch b
                     WHERE b.village_id = v.id AND b.remaining > 0 AND b.expires_on < $3) AS expired,
                   (SELECT count(*) FROM batch b
                     WHERE b.village_id = v.id AND b.remaining > 0
                       AND b.expires_on BETWEEN $3 AND $3 + coalesce(ss.expiry_warning_days, 14)) AS expiring,
                   (SELECT count(*) FROM goods g
                     WHERE g.village_id = v.id AND g.active
                       AND (SELECT coalesce(sum(b.remaining), 0) FROM batch b
                             WHERE b.goods_id = g.id AND b.remaining > 0 AND (b.expires_on IS NULL OR b.expires_on >= $3))
                           <= coalesce(ss.low_stock_threshold, 5)) AS low_stock,
                   n.id AS notice_id, n.year AS notice_year, n.quarter AS notice_quarter, n.notice_to,
                   (SELECT count(*) FROM objection o JOIN notice x ON x.id = o.notice_id
                     WHERE x.village_id = v.id AND o.answered_at IS NULL) AS objections_waiting,
                   (SELECT o.notice_id FROM objection o JOIN notice x ON x.id = o.notice_id
                     WHERE x.village_id = v.id AND o.answered_at IS NULL ORDER BY o.id LIMIT 1) AS objection_notice_id
              FROM village v
              LEFT JOIN points_village_settings ps ON ps.village_id = v.id
              LEFT JOIN shop_setting ss ON ss.village_id = v.id
              LEFT JOIN LATERAL (SELECT r.id, r.day, r.title FROM redemption_day r
                                  WHERE r.village_id = v.id AND r.day >= $3 ORDER BY r.day LIMIT 1) d ON true
              LEFT JOIN LATERAL (SELECT x.id, x.year, x.quarter, x.notice_to FROM notice x
                                  WHERE x.village_id = v.id AND x.status = 'PUBLISHED' AND x.notice_from <= $3 AND x.notice_to >= $3
                                  ORDER BY x.year DESC, x.quarter DESC LIMIT 1) n ON true
             WHERE v.id = ANY ($1)
             ORDER BY v.code""";

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    /** The figures of these villages, in the order of their codes. */
    public Uni<List<Figures>> of(Collection<Long> villageIds) {
        LocalDate today = time.today();
        return Sql.list(pool, FIGURES, Sql.args(villageIds.toArray(Long[]::new), time.thisMonth().toString(), today),
                r -> figures(r, today));
    }

    /** The figures of one village; 404 when there is no such village. */
    public Uni<Figures> of(long villageId) {
        return of(List.of(villageId)).map(list -> list.stream().findFirst().orElse(null))
                .onItem().ifNull().failWith(() -> DomainException.notFound("该村（社区）"));
    }

    private static Figures figures(Row r, LocalDate today) {
        return new Figures(r.getLong("village_id"), r.getString("village_name"), r.getLong("households"), r.getLong("entries_waiting"),
                List.of(r.getArrayOfStrings("months_open")),
                PointsSettingsService.nextRegistration(r.getInteger("registration_day"), today),
                r.getLong("day_id"), r.getLocalDate("day"), r.getString("day_title"), r.getBoolean("days_only"),
                r.getLong("expired"), r.getLong("expiring"), r.getLong("low_stock"),
                r.getLong("notice_id"), r.getInteger("notice_year"), r.getInteger("notice_quarter"), r.getLocalDate("notice_to"),
                r.getLong("objections_waiting"), r.getLong("objection_notice_id"));
    }
}
