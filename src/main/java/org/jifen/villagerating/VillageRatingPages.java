package org.jifen.villagerating;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The town's village ratings page (文明信用村评定), phone first: the year's table, the exports, and publishing (TOWN_ADMIN). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class VillageRatingPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance town(String townName, VillageRatings.YearView y, VillageRatingRule.Measure[] measures,
                                            List<Integer> years, boolean running, boolean mayPublish, String ok);
    }

    @Inject
    Access access;

    @Inject
    VillageRatings ratings;

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    @GET
    @Path("town/village-ratings")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TemplateInstance> town(@QueryParam("year") String year, @QueryParam("ok") String ok) {
        int y = VillageRatingResource.year(year, time);
        return access.staff().flatMap(s -> Uni.combine().all().unis(ratings.townName(pool, s.townId()), ratings.year(pool, s.townId(), y))
                .asTuple()
                .map(t -> Templates.town(t.getItem1(), t.getItem2(), VillageRatingRule.Measure.values(), years(y),
                        y >= time.thisYear(), s.role() == Role.TOWN_ADMIN, "published".equals(ok) ? y + " 年度评定已发布" : null)));
    }

    @POST
    @Path("town/village-ratings/{year}/publish")
    @RolesAllowed(Roles.TOWN_ADMINS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> publish(@PathParam("year") String year) {
        int y = VillageRatingResource.year(year, time);
        return access.staff().flatMap(s -> ratings.publish(s, y))
                .replaceWith(Response.seeOther(URI.create("/town/village-ratings?year=" + y + "&ok=published")).build());
    }

    private List<Integer> years(int shown) {
        int now = time.thisYear();
        List<Integer> out = new ArrayList<>();
        for (int y = now; y >= now - 4; y--) {
            out.add(y);
        }
        if (!out.contains(shown)) {
            out.add(shown);
        }
        return out;
    }
}
