package org.jifen.household;

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

/** A household (农户) of a village: it earns and spends points, and carries a QR card. */
@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "village_id")
    public Long villageId;

    /** 户号, unique within the village. */
    public String number;

    @Column(name = "head_name")
    public String headName;

    public String phone;

    /** 村民小组. */
    @Column(name = "group_name")
    public String group;

    /** ACTIVE, MOVED_OUT or ARCHIVED. */
    public String status = "ACTIVE";

    @Column(name = "card_version")
    public int cardVersion = 1;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
