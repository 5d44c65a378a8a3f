package org.jifen.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A quarterly public notice (季公示) of one village. A DRAFT may be edited and replaced; once PUBLISHED its
 * fields and rows are frozen (the database refuses changes) and only the stamp may be recorded, once.
 */
@Entity
@Table(name = "notice")
public class Notice extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "village_id")
    public Long villageId;

    public int year;

    public int quarter;

    public String status = DRAFT;

    /** 统计时间. */
    @Column(name = "statistics_date")
    public LocalDate statisticsDate;

    /** 公示时间 from / to, China dates, inclusive. */
    @Column(name = "notice_from")
    public LocalDate noticeFrom;

    @Column(name = "notice_to")
    public LocalDate noticeTo;

    /** 签字: the responsible person. */
    public String signatory;

    /** Where to raise an objection (a phone number, an office). */
    public String contact;

    /** "yyyy-MM=seal" lines of the quarter's closed months, fixed when published. */
    @Column(name = "month_seals")
    public String monthSeals;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "stamped_by")
    public String stampedBy;

    /** The day the paper notice was stamped (盖章). */
    @Column(name = "stamped_on")
    public LocalDate stampedOn;

    @Column(name = "stamped_at")
    public OffsetDateTime stampedAt;

    public boolean published() {
        return PUBLISHED.equals(status);
    }

    public List<String> sealLines() {
        return monthSeals == null || monthSeals.isEmpty() ? List.of() : Arrays.asList(monthSeals.split("\n"));
    }
}
