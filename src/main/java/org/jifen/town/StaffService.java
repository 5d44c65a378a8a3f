package org.jifen.town;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.security.Role;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;
import java.util.Map;

@ApplicationScoped
public class StaffService {

    @Inject
    Audit audit;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    public Uni<Staff> create(StaffPrincipal actor, String username, String password, String displayName, Role role, Long villageId) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password)))
                .flatMap(hash -> insert(actor, username, hash, displayName, role, villageId));
    }

    Uni<Staff> insert(StaffPrincipal actor, String username, String hash, String displayName, Role role, Long villageId) {
        return pool.withTransaction(tx -> checkScope(tx, actor, role, villageId)
                .flatMap(x -> StaffRepository.usernameTaken(tx, username))
                .flatMap(taken -> taken
                        ? Uni.createFrom().failure(new DomainException(409, "staff.duplicate-username", "用户名已存在",
                                "用户名 " + username + " 已被使用", List.of("username")))
                        : StaffRepository.insert(tx, actor.townId(), villageId, username, hash, displayName, role.name()))
                .call(s -> audit.record(tx, actor, s.villageId(), "create", "staff", s.id(), null,
                        Map.of("username", s.username(), "role", s.role(), "displayName", s.displayName()))));
    }

    private Uni<Void> checkScope(SqlClient tx, StaffPrincipal actor, Role role, Long villageId) {
        if (role.townScoped()) {
            return villageId == null ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(badScope("镇级角色不属于任何村，villageId 应为空"));
        }
        if (villageId == null) {
            return Uni.createFrom().failure(badScope("村级角色必须指定所属村（社区）"));
        }
        return Villages.find(tx, villageId).flatMap(v -> v != null && v.townId() == actor.townId()
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(badScope("所属村（社区）不存在")));
    }

    public Uni<List<Staff>> visibleTo(StaffPrincipal actor) {
        if (actor.townScoped()) {
            return StaffRepository.ofTown(pool, actor.townId());
        }
        return StaffRepository.ofVillage(pool, actor.villageId());
    }

    private static DomainException badScope(String detail) {
        return new DomainException(400, "staff.bad-scope", "角色与所属村（社区）不匹配", detail, List.of("villageId"));
    }
}
