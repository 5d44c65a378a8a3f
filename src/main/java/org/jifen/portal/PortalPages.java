package org.jifen.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.DomainException;
import org.jifen.common.QrDecoder;
import org.jifen.common.security.HouseholdPrincipal;
import org.jifen.common.security.TokenAuthenticationMechanism;
import org.jifen.wechat.Bindings;
import org.jifen.wechat.WeChatClient;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The villager portal's pages: Chinese, phone first (360 px), small (one stylesheet, one tiny script, no
 * framework). Every page shows the calling household only; without a portal session it sends the browser
 * to {@code /portal/login}. The 长辈版 (elder mode: large text, high contrast) is a cookie the server reads
 * and the script flips.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PortalPages {

    public static final String ELDER_COOKIE = "jifen_elder";

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance login(String error, String qrText, boolean bind, boolean wechat, boolean elder);

        static native TemplateInstance home(PortalService.Me me, int toNextStar, org.jifen.shop.ShopService.NextRedemption next, boolean elder);

        static native TemplateInstance history(PortalService.Me me, List<PortalService.MonthGroup> months, boolean elder);

        static native TemplateInstance ranking(PortalService.Me me, PortalService.Ranking ranking, boolean elder);

        static native TemplateInstance goods(PortalService.Me me, List<org.jifen.shop.ShopService.GoodsView> goods, boolean elder);

        static native TemplateInstance notices(PortalService.Me me, List<org.jifen.notice.Notice> notices, boolean elder);

        static native TemplateInstance report(PortalService.Me me, List<DeedReports.Report> reports, String message, String error, boolean elder);

        static native TemplateInstance bindings(PortalService.Me me, List<Bindings.Binding> bindings, boolean wechat, boolean elder);
    }

    @Inject
    org.jifen.shop.ShopService shop;

    @Inject
    org.jifen.notice.NoticeService noticeBoard;

    @Inject
    PortalAccess access;

    @Inject
    PortalService portal;

    @Inject
    PortalLoginService logins;

    @Inject
    Bindings bindings;

    @Inject
    DeedReports reports;

    @Inject
    WeChatClient wechat;


    @Inject
    Vertx vertx;

    // ---- login -----------------------------------------------------------------------------------------

    @GET
    @Path("portal/login")
    @PermitAll
    public TemplateInstance loginForm(@QueryParam("card") String card, @QueryParam("bind") String bind,
                                      @CookieParam(ELDER_COOKIE) String elder) {
        String qrText = card == null || card.length() > 512 ? "" : card;
        return Templates.login(null, qrText, bind != null, wechat.configured(WeChatClient.App.MP), isElder(elder));
    }

    @POST
    @Path("portal/login")
    @PermitAll
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    public Uni<Response> login(@RestForm String qrText, @RestForm String phoneLast4, @RestForm FileUpload photo,
                               @CookieParam(org.jifen.portal.WeChatLoginResource.BIND_COOKIE) String bindTicket,
                               @CookieParam(ELDER_COOKIE) String elder, RoutingContext context) {
        String address = context.request().remoteAddress().hostAddress();
        boolean bind = bindTicket != null && !bindTicket.isBlank();
        Uni<String> card = qrText != null && !qrText.isBlank() ? Uni.createFrom().item(qrText.trim()) : decodePhoto(photo);
        return card.flatMap(text -> logins.login(text, phoneLast4 == null ? "" : phoneLast4, address, bind ? bindTicket : null)
                        .map(login -> {
                            Response.ResponseBuilder rb = Response.seeOther(URI.create("/portal")).cookie(PortalResource.cookie(login));
                            if (bind) {
                                rb.cookie(new NewCookie.Builder(org.jifen.portal.WeChatLoginResource.BIND_COOKIE).value("").path("/portal").maxAge(0).build());
                            }
                            return rb.build();
                        })
                        .onFailure(DomainException.class).recoverWithItem(e -> Response.status(((DomainException) e).status())
                                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                                .entity(Templates.login(((DomainException) e).title(), text, bind, wechat.configured(WeChatClient.App.MP),
                                        isElder(elder)).render()).build()));
    }

    /** The card's QR text from a photo of the card (ZXing, off the event loop); "" when none is found. */
    private Uni<String> decodePhoto(FileUpload photo) {
        if (photo == null || photo.size() == 0 || photo.size() > 10_000_000) {
            return Uni.createFrom().item("");
        }
        return vertx.fileSystem().readFile(photo.uploadedFile().toString())
                .flatMap(buffer -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        var image = ImageIO.read(new ByteArrayInputStream(buffer.getBytes()));
                        return image == null ? "" : QrDecoder.decode(image).orElse("");
                    } catch (Exception e) {
                        return "";
                    }
                })));
    }

    @POST
    @Path("portal/logout")
    @PermitAll
    public Uni<Response> logout() {
        return access.identity()
                .flatMap(i -> i.getPrincipal() instanceof HouseholdPrincipal ? logins.logout(i.getAttribute("tokenHash")) : Uni.createFrom().voidItem())
                .map(x -> Response.seeOther(URI.create("/portal/login")).cookie(TokenAuthenticationMechanism.clearPortalCookie()).build());
    }

    /** Flips 长辈版 without JavaScript; the script does the same in place. */
    @GET
    @Path("portal/elder")
    @PermitAll
    public Response elder(@CookieParam(ELDER_COOKIE) String elder, @HeaderParam("Referer") String referer) {
        String back = referer != null && referer.contains("/portal") ? referer.substring(referer.indexOf("/portal")) : "/portal";
        if (back.startsWith("/portal/elder")) {
            back = "/portal";
        }
        return Response.seeOther(URI.create(back))
                .cookie(new NewCookie.Builder(ELDER_COOKIE).value(isElder(elder) ? "0" : "1").path("/").maxAge(365 * 86400)
                        .sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    // ---- pages of the household ----------------------------------------------------------------------------

    @GET
    @Path("portal")
    @PermitAll
    public Uni<Response> home(@CookieParam(ELDER_COOKIE) String elder) {
        return page(h -> portal.me(h.householdId(), 0).flatMap(me -> portal.nextRedemption(h.villageId())
                .map(next -> Templates.home(me, me.pointsToNextStar(), next, isElder(elder)))));
    }

    @GET
    @Path("portal/history")
    @PermitAll
    public Uni<Response> history(@CookieParam(ELDER_COOKIE) String elder) {
        return page(h -> portal.me(h.householdId(), 0).flatMap(me -> portal.history(h.householdId(), 500)
                .map(months -> Templates.history(me, months, isElder(elder)))));
    }

    @GET
    @Path("portal/ranking")
    @PermitAll
    public Uni<Response> ranking(@QueryParam("period") String period, @CookieParam(ELDER_COOKIE) String elder) {
        String scope = period == null || !List.of("month", "quarter", "year").contains(period) ? "year" : period;
        return page(h -> portal.me(h.householdId(), 0).flatMap(me -> portal.ranking(h.householdId(), h.villageId(), scope)
                .map(r -> Templates.ranking(me, r, isElder(elder)))));
    }

    @GET
    @Path("portal/goods")
    @PermitAll
    public Uni<Response> goods(@CookieParam(ELDER_COOKIE) String elder) {
        return page(h -> portal.me(h.householdId(), 0).flatMap(me -> shop.goods(h.villageId())
                .map(goods -> Templates.goods(me, goods, isElder(elder)))));
    }

    @GET
    @Path("portal/notices")
    @PermitAll
    public Uni<Response> notices(@CookieParam(ELDER_COOKIE) String elder) {
        return page(h -> portal.me(h.householdId(), 0).flatMap(me -> noticeBoard.board(h.villageId())
                .map(board -> Templates.notices(me, board.getValue(), isElder(elder)))));
    }

    @GET
    @Path("portal/report")
    @PermitAll
    public Uni<Response> reportForm(@QueryParam("sent") String sent, @CookieParam(ELDER_COOKIE) String elder) {
        return page(h -> portal.me(h.householdId(), 0).flatMap(me -> reports.ofHousehold(h.householdId())
                .map(list -> Templates.report(me, list, sent != null ? "已提交，村里核实后会登记积分。" : null, null, isElder(elder)))));
    }

    @POST
    @Path("portal/report")
    @PermitAll
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> report(@RestForm String description, @RestForm String occurredOn, @RestForm FileUpload photo,
                                @CookieParam(ELDER_COOKIE) String elder) {
        return access.maybeHousehold().flatMap(h -> {
            if (h.isEmpty()) {
                return Uni.createFrom().item(toLogin());
            }
            long householdId = h.get().householdId();
            Uni<byte[]> bytes = photo == null || photo.size() == 0 ? Uni.createFrom().nullItem()
                    : vertx.fileSystem().readFile(photo.uploadedFile().toString()).map(b -> b.getBytes());
            return bytes.flatMap(b -> reports.create(householdId, h.get().villageId(), description, parseDate(occurredOn), b))
                    .map(id -> Response.seeOther(URI.create("/portal/report?sent=" + id)).build())
                    .onFailure(DomainException.class).recoverWithUni(e -> portal.me(householdId, 0)
                            .flatMap(me -> reports.ofHousehold(householdId).map(list -> Response.status(((DomainException) e).status())
                                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                                    .entity(Templates.report(me, list, null, ((DomainException) e).title(), isElder(elder)).render())
                                    .build())));
        });
    }

    @GET
    @Path("portal/bindings")
    @PermitAll
    public Uni<Response> bindingsPage(@CookieParam(ELDER_COOKIE) String elder) {
        return page(h -> portal.me(h.householdId(), 0).flatMap(me -> bindings.list(h.householdId())
                .map(list -> Templates.bindings(me, list, wechat.configured(WeChatClient.App.MP), isElder(elder)))));
    }

    @POST
    @Path("portal/bindings/{bindingId}/unbind")
    @PermitAll
    public Uni<Response> unbind(@PathParam("bindingId") long bindingId) {
        return access.maybeHousehold().flatMap(h -> h.isEmpty() ? Uni.createFrom().item(toLogin())
                : bindings.unbind(h.get().householdId(), bindingId).map(x -> Response.seeOther(URI.create("/portal/bindings")).build()));
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Uni<Response> page(Function<HouseholdPrincipal, Uni<TemplateInstance>> render) {
        return access.maybeHousehold().flatMap(h -> h.isEmpty()
                ? Uni.createFrom().item(toLogin())
                : render.apply(h.get()).flatMap(t -> t.createUni())
                        .map(html -> Response.ok(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                                .header("Cache-Control", "private, no-store").build()));
    }

    private static Response toLogin() {
        return Response.seeOther(URI.create("/portal/login")).build();
    }

    static boolean isElder(String cookie) {
        return "1".equals(cookie);
    }

    private static LocalDate parseDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (RuntimeException e) {
            throw DomainException.badRequest("request.invalid", "日期格式应为 2026-03-05", List.of("occurredOn"));
        }
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
