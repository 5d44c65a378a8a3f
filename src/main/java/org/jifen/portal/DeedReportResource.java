package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.VillageOf;

import java.util.List;


/** Village staff read the good deeds villagers reported from the portal (to register them as entries). */
@Path("/api")
public class DeedReportResource {

    @Inject
    DeedReports reports;

    @Inject
    DeedRegistration registration;

    @Inject
    org.jifen.common.security.Access access;

    @GET
    @Path("/villages/{villageId}/deed-reports")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<List<DeedReports.Report>> list(@PathParam("villageId") long villageId) {
        return reports.ofVillage(villageId);
    }

    @GET
    @Path("/deed-reports/{deedReportId}/photo")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<Response> photo(@PathParam("deedReportId") long deedReportId) {
        return reports.photo(deedReportId).map(p -> Response.ok(p.bytes()).type(p.type())
                .header("Cache-Control", "private, max-age=3600").build());
    }

    public record RegisterRequest(@NotBlank @Size(max = 32) String itemCode, @Min(1) @Max(1000) Integer quantity) {
    }

    public record RejectRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** Turns a reported deed into a PENDING entry (recorded by the calling officer) for the reviewers. */
    @POST
    @Path("/deed-reports/{deedReportId}/register")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<Response> register(@PathParam("deedReportId") long deedReportId, @Valid @NotNull RegisterRequest r) {
        return access.staff()
                .flatMap(actor -> registration.register(actor, deedReportId, r.itemCode().trim(), r.quantity() == null ? 1 : r.quantity()))
                .map(entry -> Response.status(201).entity(entry).build());
    }

    @POST
    @Path("/deed-reports/{deedReportId}/reject")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<Response> reject(@PathParam("deedReportId") long deedReportId, @Valid @NotNull RejectRequest r) {
        return access.staff().flatMap(actor -> registration.reject(actor, deedReportId, r.reason().trim()))
                .map(x -> Response.noContent().build());
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
