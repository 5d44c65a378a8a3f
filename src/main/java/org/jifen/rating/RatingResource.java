package org.jifen.rating;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.jifen.common.security.Access;
import org.jifen.ledger.LedgerService;

import java.util.List;

import static org.jifen.common.security.Role.*;

/** Star ratings (year to date) and rank reads. */
@Path("/api")
public class RatingResource {

    @Inject
    Access access;

    @Inject
    RatingService ratings;

    @POST
    @Path("/villages/{villageId}/years/{year}/ratings")
    @RolesAllowed({TOWN_ADMIN_, SECRETARY_})
    public Uni<List<RatingService.Rating>> rate(@PathParam("villageId") long villageId, @PathParam("year") int year) {
        return access.staff().flatMap(a -> ratings.rateVillage(a, villageId, year));
    }

    @GET
    @Path("/town/years/{year}/ratings")
    @RolesAllowed({TOWN_ADMIN_, INSPECTOR_})
    public Uni<List<RatingService.TownRating>> town(@PathParam("year") int year) {
        return access.staff().flatMap(a -> ratings.town(a.townId(), year));
    }

    @GET
    @Path("/households/{householdId}/ranks")
    @RolesAllowed({TOWN_ADMIN_, INSPECTOR_, SECRETARY_, OFFICER_, REVIEWER_, CLERK_})
    public Uni<RatingService.Ranks> ranks(@PathParam("householdId") long householdId, @QueryParam("month") String month) {
        if (month != null) {
            LedgerService.parseMonth(month, "month");
        }
        return ratings.ranks(householdId, month);
    }
}
