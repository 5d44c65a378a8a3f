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
                        ? Uni.createFrom().failure(duplicate(username))
                        : StaffRepository.insert(tx, actor.townId(), villageId, username, hash, displayName, role.name()))
                .call(s -> audit.record(tx, actor, s.villageId(), "create", "staff", s.id(), null,
                        Map.of("username", s.username(), "role", s.role(), "displayName", s.displayName()))));
    }

    /**
     * A town's staff member of a town role ({@code TOWN_ADMIN} or {@code INSPECTOR}) created by a COUNTY_ADMIN, e.g. a
     * new town's first TOWN_ADMIN; the audit row goes to that town's trail.
     */
    public Uni<Staff> createInTown(StaffPrincipal actor, long townId, String username, String password, String displayName, Role role) {
        if (!role.townScoped()) {
            return Uni.createFrom().failure(new DomainException(400, "staff.bad-scope", "角色与所属村（社区）不匹配",
                    "县级管理员在此只创建镇级角色（镇管理员、镇督查员）；村级账号由镇管理员创建", List.of("role")));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password)))
                .flatMap(hash -> pool.withTransaction(tx -> Towns.byId(tx, townId)
                        .onItem().ifNull().failWith(() -> DomainException.notFound("该镇"))
                        .flatMap(town -> StaffRepository.usernameTaken(tx, username))
                        .flatMap(taken -> taken ? Uni.createFrom().failure(duplicate(username))
                                : StaffRepository.insert(tx, townId, null, username, hash, displayName, role.name()))
                        .call(s -> audit.record(tx, actor.username(), townId, null, "create", "staff", s.id(), null,
                                Map.of("username", s.username(), "role", s.role(), "displayName", s.displayName())))));
    }

    private static DomainException duplicate(String username) {
        return new DomainException(409, "staff.duplicate-username", "用户名已存在", "用户名 " + username + " 已被使用", List.of("username"));
    }

    private Uni<Void> checkScope(SqlClient tx, StaffPrincipal actor, Role role, Long villageId) {
        if (role == Role.COUNTY_ADMIN) {
            // a town's admin never makes a county admin: that would reach every town
            return Uni.createFrom().failure(DomainException.forbidden());
        }
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
