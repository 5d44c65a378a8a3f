package org.jifen.town;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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

    public Uni<Staff> create(StaffPrincipal actor, String username, String password, String displayName, Role role, Long villageId) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password)))
                .flatMap(hash -> insert(actor, username, hash, displayName, role, villageId));
    }

    @WithTransaction
    Uni<Staff> insert(StaffPrincipal actor, String username, String hash, String displayName, Role role, Long villageId) {
        Uni<Void> scopeOk;
        if (role.townScoped()) {
            scopeOk = villageId == null ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(badScope("镇级角色不属于任何村，villageId 应为空"));
        } else if (villageId == null) {
            scopeOk = Uni.createFrom().failure(badScope("村级角色必须指定所属村（社区）"));
        } else {
            scopeOk = Village.<Village>findById(villageId).flatMap(v -> v != null && v.townId.equals(actor.townId())
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(badScope("所属村（社区）不存在")));
        }
        return scopeOk
                .flatMap(x -> Staff.count("lower(username) = lower(?1)", username))
                .flatMap(n -> {
                    if (n > 0) {
                        return Uni.createFrom().failure(new DomainException(409, "staff.duplicate-username", "用户名已存在",
                                "用户名 " + username + " 已被使用", List.of("username")));
                    }
                    Staff s = new Staff();
                    s.townId = actor.townId();
                    s.villageId = villageId;
                    s.username = username;
                    s.passwordHash = hash;
                    s.displayName = displayName;
                    s.role = role.name();
                    return s.<Staff>persist();
                })
                .call(s -> audit.record(actor.username(), actor.townId(), s.villageId, "create", "staff", s.id, null,
                        Map.of("username", s.username, "role", s.role, "displayName", s.displayName)));
    }

    @WithSession
    public Uni<List<Staff>> visibleTo(StaffPrincipal actor) {
        if (actor.townScoped()) {
            return Staff.list("townId = ?1 order by id", actor.townId());
        }
        return Staff.list("villageId = ?1 order by id", actor.villageId());
    }

    private static DomainException badScope(String detail) {
        return new DomainException(400, "staff.bad-scope", "角色与所属村（社区）不匹配", detail, List.of("villageId"));
    }
}
