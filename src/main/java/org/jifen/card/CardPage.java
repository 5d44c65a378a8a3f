package org.jifen.card;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.HouseholdPrincipal;
import org.jifen.common.security.Role;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.common.security.VillageScope;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;


/**
 * What a phone camera opens from a card ({@code /c/{token}}), and the print views of cards. A clerk (or officer)
 * of the card's village lands on the redemption screen for that household; the household itself goes on to its
 * portal; anyone else sees only the village name and a hint: no name, no balance.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class CardPage {

    static final Set<Role> REDEEMERS = Set.of(Role.CLERK, Role.OFFICER, Role.TOWN_ADMIN);

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance scanned(String village, String token, String problem);
    }

    @Inject
    CardService cards;

    @Inject
    CardSheets sheets;

    @Inject
    CardResource api;

    @Inject
    Access access;

    @GET
    @Path("c/{token}")
    @PermitAll
    public Uni<Response> scanned(@PathParam("token") String token) {
        return cards.scan(token).flatMap(card -> access.identity().map(identity -> {
                    if (identity.getPrincipal() instanceof StaffPrincipal staff && REDEEMERS.contains(staff.role())
                            && VillageScope.allows(staff, card.villageId(), card.townId())) {
                        return Response.seeOther(URI.create("/shop/redeem?card=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build();
                    }
                    if (identity.getPrincipal() instanceof HouseholdPrincipal household && household.householdId() == card.householdId()) {
                        return Response.seeOther(URI.create("/portal")).build();
                    }
                    return html(200, Templates.scanned(card.villageName(), token, null));
                }))
                .onFailure(DomainException.class).recoverWithItem(e -> {
                    DomainException d = (DomainException) e;
                    if (d.code().startsWith("card.")) {
                        return html(d.status(), Templates.scanned(null, token, d.title()));
                    }
                    throw d;
                });
    }

    /** HTML print view of every active household's card of the village. */
    @GET
    @Path("villages/{villageId}/cards")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> sheet(@PathParam("villageId") long villageId) {
        return sheets.html(villageId, null, false).map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    /** HTML print view of one household's (replacement) card. */
    @GET
    @Path("households/{householdId}/card/print")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> single(@PathParam("householdId") long householdId) {
        return api.villageOf(householdId).flatMap(v -> sheets.html(v, householdId, false))
                .map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    /** Form on the household page: a lost card is reissued (the old one stops working) and the new one printed. */
    @POST
    @Path("households/{householdId}/card/reissue")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> reissue(@PathParam("householdId") long householdId) {
        return access.staff().flatMap(actor -> cards.reissue(actor, householdId))
                .map(card -> Response.seeOther(URI.create("/households/" + householdId + "/card/print")).build());
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }
}
