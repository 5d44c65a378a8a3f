package org.jifen.town;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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

    @Inject
    Pool pool;

    public Uni<Village> create(StaffPrincipal actor, String code, String name, String kind) {
        String k = kind == null ? "VILLAGE" : kind;
        return pool.withTransaction(tx -> Villages.codeTaken(tx, actor.townId(), code).flatMap(taken -> {
            if (taken) {
                return Uni.createFrom().failure(new DomainException(409, "village.duplicate-code", "村（社区）编码已存在",
                        "编码 " + code + " 已被使用", List.of("code")));
            }
            return Villages.insert(tx, actor.townId(), code, name, k)
                    .call(v -> audit.record(tx, actor, v.id(), "create", "village", v.id(), null,
                            Map.of("code", code, "name", name, "kind", k)));
        }));
    }

    /** Villages the caller may see: the whole town for town roles, its own village otherwise. */
    public Uni<List<Village>> visibleTo(StaffPrincipal staff) {
        if (staff.townScoped()) {
            return Villages.ofTown(pool, staff.townId());
        }
        return Villages.get(pool, staff.villageId()).map(List::of);
    }

    /** The village, or 404. */
    public Uni<Village> get(long id) {
        return Villages.get(pool, id);
    }
}
