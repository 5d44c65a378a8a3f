package org.jifen.ledger;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;

import java.util.List;


/** Postings, adjustments, reversals and the ledger verification. */
@Path("/api")
public class LedgerResource {

    public record AdjustmentRequest(@NotNull @Min(-10000) @Max(10000) Integer points, @NotBlank String month,
                                    @NotBlank @Size(max = 500) String reason) {
    }

    public record ReverseRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Inject
    Access access;

    @Inject
    LedgerService ledger;

    @Inject
    LedgerVerifier verifier;

    @GET
    @Path("/households/{householdId}/postings")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<Postings.PostingView>> postings(@PathParam("householdId") long householdId, @QueryParam("year") Integer year) {
        return ledger.postings(householdId, year);
    }

    @POST
    @Path("/households/{householdId}/adjustments")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<Response> adjust(@PathParam("householdId") long householdId, @Valid @NotNull AdjustmentRequest r) {
        if (r.points() == 0) {
            throw DomainException.badRequest("request.invalid", "调整分值不能为 0", List.of("points"));
        }
        LedgerService.parseMonth(r.month(), "month");
        return access.staff().flatMap(a -> ledger.adjust(a, householdId, r.points(), r.month(), r.reason().trim()))
                .map(p -> Response.status(201).entity(p).build());
    }

    @POST
    @Path("/postings/{postingId}/reverse")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<Response> reverse(@PathParam("postingId") long postingId, @Valid @NotNull ReverseRequest r) {
        return access.staff().flatMap(a -> ledger.reverse(a, postingId, r.reason().trim()))
                .map(p -> Response.status(201).entity(p).build());
    }

    @GET
    @Path("/villages/{villageId}/ledger/verify")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<LedgerVerifier.Report> verify(@PathParam("villageId") long villageId) {
        return verifier.verify(villageId);
    }
}
