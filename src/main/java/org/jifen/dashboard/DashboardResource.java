package org.jifen.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

/** The town dashboard as data (API.md, Oversight): the caller's own town, one year. */
@Path("/api/town/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    @Inject
    Access access;

    @Inject
    TownDashboard dashboard;

    @GET
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TownDashboard.Dashboard> get(@QueryParam("year") String year) {
        int y = dashboard.year(year);
        return access.staff().flatMap(me -> dashboard.of(me.townId(), y));
    }
}
