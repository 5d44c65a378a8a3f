package org.jifen.common.security;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jifen.common.DomainException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs after authentication and the {@code @RolesAllowed} check and before the body is read, on every
 * role-protected endpoint: each path id with a registered {@link VillageOf} must lie in the caller's
 * scope; an INSPECTOR may only read, except on the oversight endpoints ({@link Roles#OVERSIGHT}); a household session
 * never passes a staff-scoped path id.
 */
public class ScopeFilter {

    @Inject
    Access access;

    @Inject
    Instance<VillageOf> resolvers;

    private volatile Map<String, VillageOf> byParam;

    @ServerRequestFilter
    public Uni<Void> checkScope(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || !rolesProtected(resource)) {
            return null;
        }
        var params = request.getUriInfo().getPathParameters();
        List<Map.Entry<VillageOf, String>> ids = params.keySet().stream()
                .filter(k -> resolvers().containsKey(k))
                .map(k -> Map.entry(resolvers().get(k), params.getFirst(k)))
                .toList();
        boolean write = !List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());
        return access.identity().flatMap(identity -> {
            if (identity.isAnonymous()) {
                return Uni.createFrom().voidItem();
            }
            if (!(identity.getPrincipal() instanceof StaffPrincipal staff)) {
                return ids.isEmpty() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(DomainException.forbidden());
            }
            if (write && !VillageScope.mayWrite(staff) && !oversight(resource)) {
                return Uni.createFrom().failure(DomainException.forbidden());
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var id : ids) {
                long value = parseId(id.getValue());
                chain = chain.flatMap(x -> access.checkOwned(staff, id.getKey(), value));
            }
            return chain;
        });
    }

    private static boolean rolesProtected(ResourceInfo resource) {
        return resource.getResourceMethod().isAnnotationPresent(RolesAllowed.class)
                || resource.getResourceClass().isAnnotationPresent(RolesAllowed.class);
    }

    /** The endpoint is one of the town's oversight writes, where an INSPECTOR writes too. */
    private static boolean oversight(ResourceInfo resource) {
        RolesAllowed r = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (r == null) {
            r = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return r != null && List.of(r.value()).contains(Roles.OVERSIGHT);
    }

    private Map<String, VillageOf> resolvers() {
        if (byParam == null) {
            byParam = resolvers.stream().collect(Collectors.toMap(VillageOf::pathParam, r -> r));
        }
        return byParam;
    }

    private static long parseId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw DomainException.notFound("");
        }
    }
}
