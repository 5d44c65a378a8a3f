package org.jifen.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;

import java.util.List;


/**
 * Staff look at and remove a household's WeChat bindings (openids masked), e.g. one a stranger made with a lost
 * card. The household id is checked against the caller's village by the ScopeFilter; a binding of another
 * household is 404. Removing one ends the portal sessions that came from it.
 */
@Path("/api")
public class BindingResource {

    @Inject
    Bindings bindings;

    @Inject
    Access access;

    @GET
    @Path("/households/{householdId}/wechat-bindings")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<List<Bindings.Binding>> list(@PathParam("householdId") long householdId) {
        return bindings.list(householdId);
    }

    @DELETE
    @Path("/households/{householdId}/wechat-bindings/{bindingId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> unbind(@PathParam("householdId") long householdId, @PathParam("bindingId") long bindingId) {
        return access.staff().flatMap(actor -> bindings.unbind(actor, householdId, bindingId))
                .map(x -> Response.noContent().build());
    }
}
