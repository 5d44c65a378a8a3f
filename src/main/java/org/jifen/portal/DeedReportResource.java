package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.VillageOf;

import java.util.List;

import static org.jifen.common.security.Role.*;

/** Village staff read the good deeds villagers reported from the portal (to register them as entries). */
@Path("/api")
public class DeedReportResource {

    @Inject
    DeedReports reports;

    @GET
    @Path("/villages/{villageId}/deed-reports")
    @RolesAllowed({TOWN_ADMIN_, INSPECTOR_, SECRETARY_, OFFICER_, REVIEWER_})
    public Uni<List<DeedReports.Report>> list(@PathParam("villageId") long villageId) {
        return reports.ofVillage(villageId);
    }

    @GET
    @Path("/deed-reports/{deedReportId}/photo")
    @RolesAllowed({TOWN_ADMIN_, INSPECTOR_, SECRETARY_, OFFICER_, REVIEWER_})
    public Uni<Response> photo(@PathParam("deedReportId") long deedReportId) {
        return reports.photo(deedReportId).map(p -> Response.ok(p.bytes()).type(p.type())
                .header("Cache-Control", "private, max-age=3600").build());
    }

    /** {@code {deedReportId}} in a path belongs to the reporting household's village. */
    @ApplicationScoped
    public static class Scope implements VillageOf {
        @Override
        public String pathParam() {
            return "deedReportId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT village_id FROM deed_report WHERE id = $1";
        }
    }
}
