package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jifen.common.DomainException;
import org.jifen.wechat.Bindings;
import org.jifen.wechat.WeChatClient;

import static org.jifen.portal.WeChatLoginResource.MiniLoginRequest;
import static org.jifen.portal.WeChatLoginResource.MiniLoginResponse;

/** Mini-program login: {@code POST /api/portal/wechat/mini-login {code}} with the code of {@code wx.login}. */
@Path("/api")
public class WeChatMiniResource {

    @Inject
    WeChatClient wechat;

    @Inject
    Bindings bindings;

    @Inject
    PortalLoginService logins;

    @POST
    @Path("/portal/wechat/mini-login")
    @PermitAll
    public Uni<MiniLoginResponse> miniLogin(@Valid @NotNull MiniLoginRequest request, RoutingContext context) {
        String address = context.request().remoteAddress().hostAddress();
        return logins.guardAddress(address)
                .flatMap(x -> wechat.miniOpenid(request.code()))
                .onFailure(e -> e instanceof DomainException de && de.status() == 400)
                .call(e -> logins.recordAddressFailure(address))
                .flatMap(openid -> logins.weChatLogin(Bindings.AppKind.MINI, openid).flatMap(login -> login.isPresent()
                        ? Uni.createFrom().item(new MiniLoginResponse(true, login.get().token(), login.get().householdId(), null))
                        : bindings.pending(Bindings.AppKind.MINI, openid).map(t -> new MiniLoginResponse(false, null, null, t))));
    }

}
