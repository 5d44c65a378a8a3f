package org.jifen.portal;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.HouseholdPrincipal;

import java.util.Optional;

/** The household of the calling portal session: every portal read is keyed by it, never by a request parameter. */
@ApplicationScoped
public class PortalAccess {

    @Inject
    Access access;

    /** The calling household; 401 when anonymous, 403 for a staff session. */
    public Uni<HouseholdPrincipal> household() {
        return access.identity().map(PortalAccess::householdOf);
    }

    /** The calling household, if the caller is one (pages redirect to the portal login otherwise). */
    public Uni<Optional<HouseholdPrincipal>> maybeHousehold() {
        return access.identity().map(i -> i != null && i.getPrincipal() instanceof HouseholdPrincipal h ? Optional.of(h) : Optional.empty());
    }

    public Uni<SecurityIdentity> identity() {
        return access.identity();
    }

    static HouseholdPrincipal householdOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new DomainException(401, "auth.unauthenticated", "请先登录");
        }
        if (identity.getPrincipal() instanceof HouseholdPrincipal h) {
            return h;
        }
        throw DomainException.forbidden();
    }
}
