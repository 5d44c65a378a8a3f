package org.jifen.survey;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.HouseholdPrincipal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The villager's 心愿 page on the portal: one tap on a goods of the village shop or a common suggestion, or a short text;
 * the household's own open wishes with 撤回. Like every portal page it shows the calling household only and sends the
 * browser to {@code /portal/login} without a portal session; 长辈版 is the portal's cookie.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WishPages {

    /** The portal's 长辈版 cookie ({@code PortalPages.ELDER_COOKIE}). */
    static final String ELDER_COOKIE = "jifen_elder";

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance wishes(List<SurveyWishes.Wish> wishes, List<SurveyWishes.Suggestion> suggestions, int max,
                                              String message, String error, boolean elder);
    }

    @Inject
    Access access;

    @Inject
    SurveyWishes wishes;

    @GET
    @Path("portal/wishes")
    @PermitAll
    public Uni<Response> page(@QueryParam("done") String done, @CookieParam(ELDER_COOKIE) String elder) {
        String message = "added".equals(done) ? "已记下您的心愿，村里会看到。" : "withdrawn".equals(done) ? "已撤回。" : null;
        return household().flatMap(h -> h.isEmpty() ? Uni.createFrom().item(toLogin())
                : render(h.get(), message, null, 200, "1".equals(elder)));
    }

    /** One tap (a {@code goodsId} or a suggested {@code text}) or the typed text. */
    @POST
    @Path("portal/wishes")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> add(@RestForm String goodsId, @RestForm String text, @CookieParam(ELDER_COOKIE) String elder) {
        return household().flatMap(h -> {
            if (h.isEmpty()) {
                return Uni.createFrom().item(toLogin());
            }
            return Uni.createFrom().item(() -> {
                        Long goods = SurveyInput.optionalId(goodsId, "goodsId");
                        String t = text == null || text.isBlank() || goods != null ? null : text.strip();
                        return new Object[]{goods, t};
                    })
                    .flatMap(a -> wishes.add(h.get().householdId(), h.get().villageId(), (Long) a[0], (String) a[1]))
                    .map(w -> Response.seeOther(URI.create("/portal/wishes?done=added")).build())
                    .onFailure(DomainException.class).recoverWithUni(e -> render(h.get(), null, ((DomainException) e).title(),
                            ((DomainException) e).status(), "1".equals(elder)));
        });
    }

    @POST
    @Path("portal/wishes/{wishId}/withdraw")
    @PermitAll
    public Uni<Response> withdraw(@PathParam("wishId") long wishId) {
        return household().flatMap(h -> h.isEmpty() ? Uni.createFrom().item(toLogin())
                : wishes.withdraw(h.get().householdId(), wishId).map(x -> Response.seeOther(URI.create("/portal/wishes?done=withdrawn")).build()));
    }

    private Uni<Response> render(HouseholdPrincipal h, String message, String error, int status, boolean elder) {
        return Uni.combine().all().unis(wishes.open(h.householdId()), wishes.suggestions(h.villageId())).asTuple()
                .flatMap(t -> Templates.wishes(t.getItem1(), t.getItem2(), wishes.maxOpen(), message, error, elder).createUni())
                .map(html -> Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Cache-Control", "private, no-store").build());
    }

    private Uni<Optional<HouseholdPrincipal>> household() {
        return access.identity().map(i -> i != null && i.getPrincipal() instanceof HouseholdPrincipal h ? Optional.of(h) : Optional.empty());
    }

    private static Response toLogin() {
        return Response.seeOther(URI.create("/portal/login")).build();
    }
}
