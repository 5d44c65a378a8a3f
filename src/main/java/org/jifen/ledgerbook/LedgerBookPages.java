package org.jifen.ledgerbook;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.ChinaTime;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.net.URI;
import java.util.List;

/**
 * Staff pages of the three-in-one ledger: the completeness page (缺失清单, the signature table of months and
 * redemption days with a confirm button for the lines the viewer may sign) and the HTML print view of the whole book.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LedgerBookPages {

    public record GapRow(String kind, String label, String ref, String detail, String href) {
    }

    public record MonthRow(String month, boolean closed, List<LedgerBook.SignView> signs) {
    }

    public record DayRow(long id, String day, int photos, boolean held, List<LedgerBook.SignView> signs) {
    }

    @CheckedTemplate(basePath = "ledgerbook", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance completeness(long villageId, String village, int year, int prevYear, int nextYear,
                                                    Completeness.Report report, List<GapRow> gaps, List<MonthRow> months,
                                                    List<DayRow> days);

        static native TemplateInstance print(long villageId, String village, int year, List<LedgerBook.Chunk> chunks);
    }

    @Inject
    LedgerBook book;

    @Inject
    Confirmations confirmations;

    @Inject
    Access access;

    @Inject
    ChinaTime time;

    @GET
    @Path("villages/{villageId}/ledger")
    @RolesAllowed({Roles.LEDGER_READERS, Roles.LEDGER_SIGNERS})
    public Response thisYear(@PathParam("villageId") long villageId) {
        return Response.seeOther(URI.create("/villages/" + villageId + "/years/" + time.thisYear() + "/completeness")).build();
    }

    @GET
    @Path("villages/{villageId}/years/{year}/completeness")
    @RolesAllowed({Roles.LEDGER_READERS, Roles.LEDGER_SIGNERS})
    public Uni<TemplateInstance> completeness(@PathParam("villageId") long villageId, @PathParam("year") String rawYear) {
        int year = LedgerBookResource.year(rawYear);
        return access.staff().flatMap(viewer -> book.plan(villageId, year).map(plan -> {
            List<GapRow> gaps = plan.report().gaps().stream().map(g -> new GapRow(g.kind(), Completeness.label(g.kind()), g.ref(),
                    g.detail(), href(villageId, g))).toList();
            List<MonthRow> months = plan.months().stream().map(m -> new MonthRow(m.month(), m.closed(),
                    LedgerBook.signs(plan.confirmations(), "MONTH", m.month(), null, viewer))).toList();
            List<DayRow> days = plan.days().stream().map(d -> new DayRow(d.id(), d.day().toString(), d.photos(),
                    !d.day().isAfter(time.today()), LedgerBook.signs(plan.confirmations(), "REDEMPTION_DAY", null, d.id(), viewer))).toList();
            return Templates.completeness(villageId, plan.village().name(), year, Math.max(2000, year - 1), Math.min(2100, year + 1),
                    plan.report(), gaps, months, days);
        }));
    }

    @GET
    @Path("villages/{villageId}/years/{year}/ledger")
    @RolesAllowed({Roles.LEDGER_READERS, Roles.LEDGER_SIGNERS})
    public Uni<TemplateInstance> print(@PathParam("villageId") long villageId, @PathParam("year") String rawYear) {
        int year = LedgerBookResource.year(rawYear);
        return book.plan(villageId, year).flatMap(plan -> book.chunks(plan, Integer.MAX_VALUE / 2, LedgerBookPages::photoUrl)
                .collect().asList()
                .map(chunks -> Templates.print(villageId, plan.village().name(), year, chunks)));
    }

    @POST
    @Path("villages/{villageId}/months/{month}/confirmations")
    @RolesAllowed(Roles.LEDGER_SIGNERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> confirmMonth(@PathParam("villageId") long villageId, @PathParam("month") String month,
                                      @FormParam("as") String as) {
        return access.staff().flatMap(actor -> confirmations.confirmMonth(actor, villageId, month, as))
                .map(v -> back(villageId, v.month().substring(0, 4)));
    }

    @POST
    @Path("shop/redemption-days/{redemptionDayId}/confirmations")
    @RolesAllowed(Roles.LEDGER_SIGNERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> confirmDay(@PathParam("redemptionDayId") long dayId, @FormParam("as") String as) {
        return access.staff().flatMap(actor -> confirmations.confirmDay(actor, dayId, as)
                .flatMap(v -> confirmations.dayOf(dayId).map(d -> back(d.villageId(), d.year()))));
    }

    private static Response back(long villageId, Object year) {
        return Response.seeOther(URI.create("/villages/" + villageId + "/years/" + year + "/completeness")).build();
    }

    private static Uni<String> photoUrl(String owner, long ownerId, LedgerBookSql.PhotoHead p) {
        return Uni.createFrom().item(owner.equals("notice") ? "/api/notices/" + ownerId + "/evidence/" + p.id()
                : "/api/redemption-days/" + ownerId + "/photos/" + p.id());
    }

    /** Where the staff fix a gap. */
    static String href(long villageId, Gap g) {
        String ref = g.ref();
        return switch (g.kind()) {
            case Completeness.MONTH_NOT_CLOSED -> "/villages/" + villageId + "/months/" + ref + "/close";
            case Completeness.ENTRY_PHOTO_MISSING -> "/villages/" + villageId + "/review";
            case Completeness.NOTICE_MISSING, Completeness.OBJECTION_UNANSWERED -> "/villages/" + villageId + "/notices";
            case Completeness.NOTICE_STAMP_MISSING, Completeness.NOTICE_PHOTO_MISSING ->
                    ref.startsWith("notice-") ? "/staff/notices/" + ref.substring(7) : null;
            case Completeness.REDEMPTION_DAY_PHOTO_MISSING ->
                    ref.startsWith("redemption-day-") ? "/shop/redemption-days/" + ref.substring(15) : null;
            default -> null;
        };
    }

}
