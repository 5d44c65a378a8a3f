package org.jifen.common.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;

/**
 * The one place that decides whether the caller may act on a village. Path ids are checked by
 * {@link ScopeFilter}; services call {@link #requireVillage(long)} for villages found in a body.
 */
@ApplicationScoped
public class Access {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    Pool pool;

    public Uni<SecurityIdentity> identity() {
        return identities.getDeferredIdentity();
    }

    /** The calling staff member; 401 when anonymous, 403 for a household session. */
    public Uni<StaffPrincipal> staff() {
        return identity().map(Access::staffOf);
    }

    public static StaffPrincipal staffOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new DomainException(401, "auth.unauthenticated", "请先登录");
        }
        if (identity.getPrincipal() instanceof StaffPrincipal staff) {
            return staff;
        }
        throw DomainException.forbidden();
    }

    /** The calling staff member, once allowed on {@code villageId} (403 otherwise, 404 if no such village). */
    public Uni<StaffPrincipal> requireVillage(long villageId) {
        return staff().flatMap(staff -> checkVillage(staff, villageId).replaceWith(staff));
    }

    Uni<Void> checkVillage(StaffPrincipal staff, long villageId) {
        if (!staff.townScoped()) {
            return staff.villageId() != null && staff.villageId() == villageId
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(DomainException.forbidden());
        }
        return Sql.one(pool, "SELECT town_id FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）", r -> r.getLong("town_id"))
                .invoke(townId -> {
                    if (!VillageScope.allows(staff, villageId, townId)) {
                        throw DomainException.forbidden();
                    }
                })
                .replaceWithVoid();
    }

    /** Resolves {@code id} through {@code resolver} and checks the caller's scope on the owning village. */
    Uni<Void> checkOwned(StaffPrincipal staff, VillageOf resolver, long id) {
        String sql = "SELECT v.id, v.town_id FROM village v WHERE v.id = (" + resolver.villageIdSql() + ")";
        return Sql.one(pool, sql, Sql.args(id), "", r -> VillageScope.allows(staff, r.getLong("id"), r.getLong("town_id")))
                .invoke(allowed -> {
                    if (!allowed) {
                        throw DomainException.forbidden();
                    }
                })
                .replaceWithVoid();
    }
}
