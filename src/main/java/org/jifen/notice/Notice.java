package org.jifen.notice;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A quarterly public notice (季公示) of one village. A DRAFT may be edited and replaced; once PUBLISHED its
 * fields and rows are frozen (the database refuses changes) and only the stamp may be recorded, once.
 *
 * @param statisticsDate 统计时间
 * @param noticeFrom     公示时间 from, a China date, inclusive
 * @param noticeTo       公示时间 to, a China date, inclusive
 * @param signatory      签字: the responsible person
 * @param contact        where to raise an objection (a phone number, an office)
 * @param monthSeals     "yyyy-MM=seal" lines of the quarter's closed months, fixed when published
 * @param stampedOn      the day the paper notice was stamped (盖章)
 */
public record Notice(long id, long villageId, int year, int quarter, String status, LocalDate statisticsDate,
                     LocalDate noticeFrom, LocalDate noticeTo, String signatory, String contact, String monthSeals,
                     String contentHash, String publishedBy, OffsetDateTime publishedAt, String stampedBy,
                     LocalDate stampedOn, OffsetDateTime stampedAt) {

    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";

    public boolean published() {
        return PUBLISHED.equals(status);
    }

    public boolean stamped() {
        return stampedAt != null;
    }

    public List<String> sealLines() {
        return monthSeals == null || monthSeals.isEmpty() ? List.of() : Arrays.asList(monthSeals.split("\n"));
    }
}
