package org.jifen.rating;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.ChinaTime;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;
import org.jifen.common.security.StaffPrincipal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Staff pages of the year-end rating (Chinese, phone-usable): a village's rating (the secretary confirms) and the town table. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RatingPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance village(YearEndRatings.VillageRef village, YearEndRatings.VillageYear y,
                                               List<YearEndRatings.Rated> list, List<Integer> years, boolean mayConfirm,
                                               String ok);

        static native TemplateInstance town(YearEndRatings.TownTable t, List<YearEndRatings.TownRow> rows, List<Integer> years,
                                            Long village, String stars, String sort, boolean maySubmit, String ok);
    }

    /** Sort orders of the town table, by their query value. */
    static final Map<String, Comparator<YearEndRatings.TownRow>> SORTS = Map.of(
            "points", Comparator.comparingInt(YearEndRatings.TownRow::yearPoints).reversed(),
            "stars", Comparator.comparingInt(YearEndRatings.TownRow::confirmedStars).reversed()
                    .thenComparing(Comparator.comparingInt(YearEndRatings.TownRow::yearPoints).reversed()),
            "village", Comparator.comparing(YearEndRatings.TownRow::villageName)
                    .thenComparing(Comparator.comparingInt(YearEndRatings.TownRow::yearPoints).reversed()),
            "number", Comparator.comparing(YearEndRatings.TownRow::villageName).thenComparing(YearEndRatings.TownRow::number));

    @Inject
    Access access;

    @Inject
    YearEndRatings ratings;

    @Inject
    ChinaTime time;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @GET
    @Path("villages/{villageId}/ratings")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> village(@PathParam("villageId") long villageId, @QueryParam("year") Integer year,
                                         @QueryParam("ok") String ok) {
        int y = year == null ? time.thisYear() - 1 : year;
        return access.staff().flatMap(s -> Confirmations.village(pool, villageId)
                .map(v -> new YearEndRatings.VillageRef(v.id(), v.code(), v.name())).flatMap(v -> ratings.villageYear(villageId, y)
                .map(vy -> Templates.village(v, vy, vy.confirmed() == null ? vy.current() : vy.confirmed().ratings(), years(),
                        mayConfirm(s), "confirmed".equals(ok) ? "星级名单已确认" : null))));
    }

    @POST
    @Path("villages/{villageId}/years/{year}/ratings/confirm")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> confirm(@PathParam("villageId") long villageId, @PathParam("year") int year) {
        return access.staff().flatMap(s -> ratings.confirm(s, villageId, year))
                .replaceWith(Response.seeOther(URI.create("/villages/" + villageId + "/ratings?year=" + year + "&ok=confirmed")).build());
    }

    @GET
    @Path("town/ratings")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TemplateInstance> town(@QueryParam("year") Integer year, @QueryParam("village") String village,
                                      @QueryParam("stars") String stars, @QueryParam("sort") String sort,
                                      @QueryParam("ok") String ok) {
        int y = year == null ? time.thisYear() - 1 : year;
        String order = sort != null && SORTS.containsKey(sort) ? sort : "stars";
        Long only = village == null || !village.matches("[0-9]{1,18}") ? null : Long.valueOf(village);
        return access.staff().flatMap(s -> ratings.town(s.townId(), y).map(t -> {
            List<YearEndRatings.TownRow> rows = new ArrayList<>(t.rows().stream()
                    .filter(r -> only == null || r.villageId() == only)
                    .filter(r -> stars == null || stars.isBlank() || matchesStars(r, stars))
                    .toList());
            rows.sort(SORTS.get(order));
            return Templates.town(t, rows, years(), only, stars == null ? "" : stars, order,
                    s.role() == Role.TOWN_ADMIN, "submitted".equals(ok) ? "已上报镇农办" : null);
        }));
    }

    @POST
    @Path("town/years/{year}/report")
    @RolesAllowed(Roles.TOWN_ADMINS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> submit(@PathParam("year") int year, @FormParam("note") String note) {
        return access.staff().flatMap(s -> ratings.submit(s, year, note))
                .replaceWith(Response.seeOther(URI.create("/town/ratings?year=" + year + "&ok=submitted")).build());
    }

    /** "5", "4", "3", "0" (no stars) or "changed" (stars differ from the confirmed list). */
    static boolean matchesStars(YearEndRatings.TownRow r, String stars) {
        return switch (stars) {
            case "changed" -> r.changed();
            case "starred" -> r.confirmedStars() > 0;
            default -> String.valueOf(r.confirmedStars()).equals(stars);
        };
    }

    private List<Integer> years() {
        int now = time.thisYear();
        return List.of(now - 1, now - 2, now - 3, now);
    }

    private static boolean mayConfirm(StaffPrincipal s) {
        return Roles.SETS.get(Roles.SECRETARIES).contains(s.role());
    }
}
