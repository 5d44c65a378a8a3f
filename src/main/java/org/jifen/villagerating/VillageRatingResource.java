package org.jifen.villagerating;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.util.List;

/**
 * The village ratings (文明信用村) over HTTP: the year's ratings (live, or as published), publishing a year, and the
 * exports (XLSX, PDF). Town-wide: the caller's town, never a village role. The class path is {@code /api} like every
 * resource's: a longer class path would hide the other resources' {@code /api/town/...} operations.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class VillageRatingResource {

    @Inject
    Access access;

    @Inject
    VillageRatings ratings;

    @Inject
    VillageRatingPdf pdf;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ChinaTime time;

    @GET
    @Path("/town/village-ratings")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<VillageRatings.YearView> year(@QueryParam("year") String year) {
        int y = year(year, time);
        return access.staff().flatMap(s -> ratings.year(pool, s.townId(), y));
    }

    @POST
    @Path("/town/village-ratings/{year}/publish")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<VillageRatings.YearView> publish(@PathParam("year") String year) {
        int y = year(year, time);
        return access.staff().flatMap(s -> ratings.publish(s, y));
    }

    @GET
    @Path("/town/village-ratings.xlsx")
    @Produces(VillageRatingFiles.XLSX)
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<Response> xlsx(@QueryParam("year") String year) {
        int y = year(year, time);
        return access.staff().flatMap(s -> Uni.combine().all().unis(ratings.townName(pool, s.townId()), ratings.year(pool, s.townId(), y))
                        .asTuple())
                .flatMap(t -> vertx.executeBlocking(Uni.createFrom().item(() -> VillageRatingFiles.xlsx(t.getItem1(), t.getItem2()))))
                .map(bytes -> Response.ok(bytes, VillageRatingFiles.XLSX)
                        .header("Content-Disposition", "attachment; filename=\"village-ratings-" + y + ".xlsx\"")
                        .header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/town/village-ratings.pdf")
    @Produces("application/pdf")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<Response> pdf(@QueryParam("year") String year) {
        int y = year(year, time);
        return access.staff().flatMap(s -> Uni.combine().all().unis(ratings.townName(pool, s.townId()), ratings.year(pool, s.townId(), y))
                        .asTuple())
                .flatMap(t -> pdf.render(t.getItem1(), t.getItem2()))
                .map(bytes -> Response.ok(bytes, "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"village-ratings-" + y + ".pdf\"")
                        .header("Cache-Control", "no-store").build());
    }

    /**
     * The year asked for: four digits from 2000 to this year (China time), else 400 with {@code fields: ["year"]}; none
     * given: the year of the last ended month (last year in January).
     */
    static int year(String raw, ChinaTime time) {
        if (raw == null || raw.isBlank()) {
            return time.thisMonth().minusMonths(1).getYear();
        }
        String v = raw.strip();
        if (v.matches("\\d{4}")) {
            int y = Integer.parseInt(v);
            if (y >= 2000 && y <= time.thisYear()) {
                return y;
            }
        }
        throw DomainException.badRequest("request.invalid", "年份应在 2000 到今年之间", List.of("year"));
    }
}
