package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.JifenConfig;
import org.jifen.common.security.Tokens;
import org.jifen.wechat.Bindings;
import org.jifen.wechat.WeChatClient;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * WeChat logins of villagers. 公众号 web pages: {@code GET /portal/wechat} sends the browser to WeChat's
 * {@code snsapi_base} authorize page, whose callback exchanges the code for the openid. Mini-program:
 * {@code POST /api/portal/wechat/mini-login {code}} (from {@code wx.login}). A bound openid logs in at once; an
 * unknown one gets a bind ticket that the next card + phone login ({@code bindTicket}, or the
 * {@value #BIND_COOKIE} cookie on the login page) binds to the household.
 */
@Path("/")
public class WeChatLoginResource {

    public static final String BIND_COOKIE = "jifen_wx_bind";
    static final String STATE_COOKIE = "jifen_wx_state";

    public record MiniLoginRequest(@NotBlank @Size(max = 128) String code) {
    }

    /** {@code bound}: a token for the household; else a {@code bindTicket} for {@code POST /api/portal/login}. */
    public record MiniLoginResponse(boolean bound, String token, Long householdId, String bindTicket) {
    }

    @Inject
    WeChatClient wechat;

    @Inject
    Bindings bindings;

    @Inject
    PortalLoginService logins;

    @Inject
    JifenConfig config;

    @GET
    @Path("portal/wechat")
    @PermitAll
    public Response authorize() {
        if (!wechat.configured(WeChatClient.App.MP)) {
            return Response.seeOther(URI.create("/portal/login")).build();
        }
        String state = Tokens.newToken().substring(0, 20);
        String callback = trimSlash(config.publicBaseUrl()) + "/portal/wechat/callback";
        return Response.seeOther(URI.create(wechat.authorizeUrl(callback, state)))
                .cookie(new NewCookie.Builder(STATE_COOKIE).value(state).path("/portal/wechat").httpOnly(true)
                        .sameSite(NewCookie.SameSite.LAX).maxAge(600).build())
                .build();
    }

    @GET
    @Path("portal/wechat/callback")
    @PermitAll
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
                                  @CookieParam(STATE_COOKIE) String expectedState, RoutingContext context) {
        if (code == null || code.isBlank() || code.length() > 128 || state == null || expectedState == null
                || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), expectedState.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().failure(new DomainException(400, "wechat.bad-callback", "微信登录已失效，请重新从微信打开"));
        }
        String address = context.request().remoteAddress().hostAddress();
        return logins.guardAddress(address)
                .flatMap(x -> wechat.oauthOpenid(code))
                .onFailure(e -> e instanceof DomainException de && de.status() == 400)
                .call(e -> logins.recordAddressFailure(address))
                .flatMap(openid -> logins.weChatLogin(Bindings.AppKind.MP, openid).flatMap(login -> login.isPresent()
                        ? Uni.createFrom().item(Response.seeOther(URI.create("/portal"))
                                .cookie(PortalResource.cookie(login.get()), clearState()).build())
                        : bindings.pending(Bindings.AppKind.MP, openid).map(ticket -> Response.seeOther(URI.create("/portal/login?bind=1"))
                                .cookie(new NewCookie.Builder(BIND_COOKIE).value(ticket).path("/portal").httpOnly(true)
                                        .sameSite(NewCookie.SameSite.LAX).maxAge(1800).build(), clearState())
                                .build())));
    }

    private static NewCookie clearState() {
        return new NewCookie.Builder(STATE_COOKIE).value("").path("/portal/wechat").maxAge(0).build();
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
