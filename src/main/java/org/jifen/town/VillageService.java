package org.jifen.town;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;
import java.util.Map;

@ApplicationScoped
public class VillageService {

    @Inject
    Audit audit;

    @WithTransaction
    public Uni<Village> create(StaffPrincipal actor, String code, String name, String kind) {
        return Village.count("townId = ?1 and code = ?2", actor.townId(), code).flatMap(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(new DomainException(409, "village.duplicate-code", "村（社区）编码已存在",
                        "编码 " + code + " 已被使用", List.of("code")));
            }
            Village v = new Village();
            v.townId = actor.townId();
            v.code = code;
            v.name = name;
            v.kind = kind == null ? "VILLAGE" : kind;
            return v.<Village>persist()
                    .call(saved -> audit.record(actor.username(), actor.townId(), saved.id, "create", "village", saved.id,
                            null, Map.of("code", code, "name", name, "kind", saved.kind)));
        });
    }

    /** Villages the caller may see: the whole town for town roles, its own village otherwise. */
    @WithSession
    public Uni<List<Village>> visibleTo(StaffPrincipal staff) {
        if (staff.townScoped()) {
            return Village.list("townId = ?1 order by code", staff.townId());
        }
        return Village.list("id = ?1", staff.villageId());
    }

    @WithSession
    public Uni<Village> get(long id) {
        return Village.<Village>findById(id)
                .onItem().ifNull().failWith(() -> DomainException.notFound("该村（社区）"));
    }
}
