package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.util.List;

/**
 * The three-in-one ledger (三合一总台账) as a PDF, its completeness check (不可留白) and the confirmations (签字) of
 * months and redemption days. The PDF is built in a temporary folder and sent from its file; the folder goes when
 * the answer has been sent.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerBookResource {

    /** {@code as}: the signature line a TOWN_ADMIN signs ({@code REVIEWER} or {@code SECRETARY}); others may omit it. */
    public record ConfirmRequest(String as) {
    }

    public record CompletenessView(long villageId, int year, boolean complete, List<Gap> gaps) {
    }

    @Inject
    LedgerBookPdf pdf;

    @Inject
    Completeness completeness;

    @Inject
    Confirmations confirmations;

    @Inject
    Access access;

    @GET
    @Path("/villages/{villageId}/years/{year}/ledger.pdf")
    @Produces("application/pdf")
    @RolesAllowed(Roles.LEDGER_READERS)
    public Uni<Response> ledger(@PathParam("villageId") long villageId, @PathParam("year") String year, @Context RoutingContext rc) {
        int y = year(year);
        return pdf.build(villageId, y).map(book -> {
            rc.addEndHandler(x -> book.close());
            return Response.ok(book.pdf().toFile(), "application/pdf")
                    .header("Content-Disposition", "inline; filename=\"ledger-" + villageId + "-" + y + ".pdf\"")
                    .header("Cache-Control", "no-store")
                    .header("X-Ledger-Pages", book.pages())
                    .build();
        });
    }

    @GET
    @Path("/villages/{villageId}/years/{year}/completeness")
    @RolesAllowed(Roles.LEDGER_READERS)
    public Uni<CompletenessView> completeness(@PathParam("villageId") long villageId, @PathParam("year") String year) {
        return completeness.check(villageId, year(year)).map(r -> new CompletenessView(r.villageId(), r.year(), r.complete(), r.gaps()));
    }

    @POST
    @Path("/villages/{villageId}/months/{month}/confirmations")
    @RolesAllowed(Roles.LEDGER_SIGNERS)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> confirmMonth(@PathParam("villageId") long villageId, @PathParam("month") String month, ConfirmRequest r) {
        return access.staff().flatMap(actor -> confirmations.confirmMonth(actor, villageId, month, r == null ? null : r.as()))
                .map(v -> Response.status(201).entity(v).build());
    }

    @POST
    @Path("/redemption-days/{redemptionDayId}/confirmations")
    @RolesAllowed(Roles.LEDGER_SIGNERS)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> confirmDay(@PathParam("redemptionDayId") long dayId, ConfirmRequest r) {
        return access.staff().flatMap(actor -> confirmations.confirmDay(actor, dayId, r == null ? null : r.as()))
                .map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @Path("/villages/{villageId}/years/{year}/confirmations")
    @RolesAllowed({Roles.LEDGER_READERS, Roles.LEDGER_SIGNERS})
    public Uni<List<Confirmations.View>> list(@PathParam("villageId") long villageId, @PathParam("year") String year) {
        return confirmations.ofYear(villageId, year(year));
    }

    static int year(String raw) {
        if (raw != null && raw.matches("\\d{4}")) {
            int y = Integer.parseInt(raw);
            if (y >= 2000 && y <= 2100) {
                return y;
            }
        }
        throw DomainException.badRequest("request.invalid", "年份应在 2000 到 2100 之间", List.of("year"));
    }
}
