package org.jifen.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An objection (异议) to a published notice, and its recorded answer (given once). */
@Entity
@Table(name = "objection")
public class Objection extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "notice_id")
    public Long noticeId;

    public String text;

    /** How to reach the objector; shown to staff only. */
    public String contact;

    @Column(name = "household_number")
    public String householdNumber;

    /**
     * SHA-256 of the address the objection came from: counted to slow down floods, never shown. Unkeyed, it keeps
     * the address out of sight, not out of reach (all IPv4 addresses can be tried); a keyed hash would.
     */
    @Column(name = "sender_hash")
    public String senderHash;

    @Column(name = "filed_at", insertable = false, updatable = false)
    public OffsetDateTime filedAt;

    public String answer;

    public Boolean upheld;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    /** The ADJUST posting an upheld objection led to, if any. */
    @Column(name = "posting_id")
    public Long postingId;
}
