package org.jifen.rating;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

/**
 * The year-end star rating over HTTP: the village's confirmation and its differences, the town's report (XLSX, PDF,
 * submission) and the best households of the year (评优评先). Village ids in paths are scope-checked by ScopeFilter.
 */
@Path("/api")
public class YearEndResource {

    /** The body of a town report submission; all optional. */
    public record Submission(String note) {
    }

    @Inject
    Access access;

    @Inject
    YearEndRatings ratings;

    @Inject
    TownReportPdf pdf;

    @POST
    @Path("/villages/{villageId}/years/{year}/ratings/confirm")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<YearEndRatings.ConfirmedList> confirm(@PathParam("villageId") long villageId, @PathParam("year") int year) {
        return access.staff().flatMap(s -> ratings.confirm(s, villageId, year));
    }

    @GET
    @Path("/villages/{villageId}/years/{year}/ratings/confirmed")
    @RolesAllowed(Roles.STAFF)
    public Uni<YearEndRatings.ConfirmedList> confirmed(@PathParam("villageId") long villageId, @PathParam("year") int year) {
        return ratings.confirmed(villageId, year);
    }

    @GET
    @Path("/villages/{villageId}/years/{year}/top-households.xlsx")
    @Produces(RatingFiles.XLSX)
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<Response> villageTop(@PathParam("villageId") long villageId, @PathParam("year") int year,
                                    @QueryParam("top") Integer top) {
        return ratings.villageTop(villageId, year, top == null ? 10 : top)
                .map(list -> file(RatingFiles.top(year, list), "top-" + villageId + "-" + year + ".xlsx"));
    }

    @GET
    @Path("/town/years/{year}/top-households.xlsx")
    @Produces(RatingFiles.XLSX)
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<Response> townTop(@PathParam("year") int year, @QueryParam("top") Integer top) {
        return access.staff().flatMap(s -> ratings.townTop(s.townId(), year, top == null ? 10 : top))
                .map(list -> file(RatingFiles.top(year, list), "top-" + year + ".xlsx"));
    }

    @GET
    @Path("/town/years/{year}/ratings/confirmed")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<YearEndRatings.TownTable> townTable(@PathParam("year") int year) {
        return access.staff().flatMap(s -> ratings.town(s.townId(), year));
    }

    @GET
    @Path("/town/years/{year}/ratings.xlsx")
    @Produces(RatingFiles.XLSX)
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<Response> townXlsx(@PathParam("year") int year) {
        return access.staff().flatMap(s -> ratings.town(s.townId(), year))
                .map(t -> file(RatingFiles.townReport(t), "ratings-" + year + ".xlsx"));
    }

    @GET
    @Path("/town/years/{year}/ratings.pdf")
    @Produces("application/pdf")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<Response> townPdf(@PathParam("year") int year) {
        return access.staff().flatMap(s -> ratings.town(s.townId(), year)).flatMap(pdf::render)
                .map(bytes -> Response.ok(bytes, "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"ratings-" + year + ".pdf\"")
                        .header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/town/years/{year}/report")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<Response> submit(@PathParam("year") int year, Submission body) {
        return access.staff().flatMap(s -> ratings.submit(s, year, body == null ? null : body.note()))
                .map(r -> Response.status(201).entity(r).build());
    }

    @GET
    @Path("/town/years/{year}/report")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<YearEndRatings.Report> report(@PathParam("year") int year) {
        return access.staff().flatMap(s -> ratings.lastReport(s.townId(), year));
    }

    private static Response file(byte[] bytes, String name) {
        return Response.ok(bytes, RatingFiles.XLSX).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
