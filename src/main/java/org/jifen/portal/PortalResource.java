package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Role;
import org.jifen.common.security.TokenAuthenticationMechanism;
import org.jifen.wechat.Bindings;

import java.util.List;

/** The villager portal's JSON API (API.md "Villagers"); everything is about the calling household only. */
@Path("/api")
public class PortalResource {

    public record PortalLoginRequest(@NotBlank @Size(max = 512) String qrText,
                                     @NotBlank @Size(max = 8) String phoneLast4,
                                     @Size(max = 128) String bindTicket) {
    }

    public record PortalLoginResponse(String token, long householdId) {
    }

    @Inject
    PortalLoginService logins;

    @Inject
    PortalService portal;

    @Inject
    PortalAccess access;

    @Inject
    Bindings bindings;

    @POST
    @Path("/portal/login")
    @PermitAll
    public Uni<Response> login(@Valid @NotNull PortalLoginRequest request, RoutingContext context) {
        return logins.login(request.qrText(), request.phoneLast4(), context.request().remoteAddress().hostAddress(), request.bindTicket())
                .map(r -> Response.ok(new PortalLoginResponse(r.token(), r.householdId())).cookie(cookie(r)).build());
    }

    static NewCookie cookie(PortalLoginService.PortalLogin login) {
        return new NewCookie.Builder(TokenAuthenticationMechanism.PORTAL_COOKIE).value(login.token()).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge(login.maxAgeSeconds()).build();
    }

    @POST
    @Path("/portal/logout")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<Response> logout() {
        return access.identity().flatMap(i -> logins.logout(i.getAttribute("tokenHash")))
                .map(x -> Response.noContent().cookie(TokenAuthenticationMechanism.clearPortalCookie()).build());
    }

    @GET
    @Path("/portal/me")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<PortalService.Me> me() {
        return access.household().flatMap(h -> portal.me(h.householdId()));
    }

    @GET
    @Path("/portal/history")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<List<PortalService.MonthGroup>> history() {
        return access.household().flatMap(h -> portal.history(h.householdId(), 500));
    }

    /** {@code period}: month, quarter or year (default). */
    @GET
    @Path("/portal/ranking")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<PortalService.Ranking> ranking(@QueryParam("period") String period) {
        return access.household().flatMap(h -> portal.ranking(h.householdId(), h.villageId(), period));
    }

    @GET
    @Path("/portal/wechat/bindings")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<List<Bindings.Binding>> bindings() {
        return access.household().flatMap(h -> bindings.list(h.householdId()));
    }

    @DELETE
    @Path("/portal/wechat/bindings/{bindingId}")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<Response> unbind(@PathParam("bindingId") long bindingId) {
        return access.household().flatMap(h -> bindings.unbind(h.householdId(), bindingId))
                .map(x -> Response.noContent().build());
    }
}
