package org.jifen.town;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An administrative village (村) or an urban community (社区). */
@Entity
@Table(name = "village")
public class Village extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "town_id")
    public Long townId;

    public String code;

    public String name;

    /** {@code VILLAGE} or {@code COMMUNITY}. */
    public String kind = "VILLAGE";

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
