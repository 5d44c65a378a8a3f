package org.jifen.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One row of the append-only audit trail (the database refuses UPDATE and DELETE). {@code @Immutable}: the
 * JSON images must never be dirty-checked into an UPDATE (a Long in a map reads back as an Integer).
 *
 * @deprecated transition only: the Hibernate entity behind the deprecated {@link Audit#record(String, long, Long,
 * String, String, Object, Object, Object)}; it goes with it. The trail is written by {@link Audit} over the caller's
 * connection and read by {@link AuditResource} with SQL.
 */
@Deprecated
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "audit_log")
public class AuditLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "town_id")
    public Long townId;

    @Column(name = "village_id")
    public Long villageId;

    public String actor;

    public String action;

    public String entity;

    @Column(name = "entity_id")
    public String entityId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> before;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> after;

    @Column(insertable = false, updatable = false)
    public OffsetDateTime at;
}
