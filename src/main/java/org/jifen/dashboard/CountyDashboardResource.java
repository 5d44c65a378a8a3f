package org.jifen.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jifen.common.security.Roles;

/** The county's roll-up of the town dashboards, one year (COUNTY_ADMIN). */
@Path("/api/county/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class CountyDashboardResource {

    @Inject
    TownDashboard dashboard;

    @Inject
    CountyDashboard county;

    @GET
    @RolesAllowed(Roles.COUNTY_ADMINS)
    public Uni<CountyDashboard.County> get(@QueryParam("year") String year) {
        return county.of(dashboard.year(year));
    }
}
