package org.jifen.common.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;

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
        return pool.preparedQuery("SELECT town_id FROM village WHERE id = $1").execute(Tuple.of(villageId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw DomainException.notFound("该村（社区）");
                    }
                    if (!VillageScope.allows(staff, villageId, rows.iterator().next().getLong("town_id"))) {
                        throw DomainException.forbidden();
                    }
                    return null;
                });
    }

    /** Resolves {@code id} through {@code resolver} and checks the caller's scope on the owning village. */
    Uni<Void> checkOwned(StaffPrincipal staff, VillageOf resolver, long id) {
        String sql = "SELECT v.id, v.town_id FROM village v WHERE v.id = (" + resolver.villageIdSql() + ")";
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
            Row row = first(rows);
            if (row == null) {
                throw DomainException.notFound("");
            }
            if (!VillageScope.allows(staff, row.getLong("id"), row.getLong("town_id"))) {
                throw DomainException.forbidden();
            }
            return null;
        });
    }

    private static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
