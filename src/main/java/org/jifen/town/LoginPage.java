package org.jifen.town;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.common.security.TokenAuthenticationMechanism;

import java.net.URI;

/** The staff login page; a successful login sets an HttpOnly session cookie. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance login(String error, String username, String next);
    }

    @Inject
    LoginService logins;

    @Inject
    Access access;

    /** Where each one starts: staff of one village on its home page, town roles on the village list, the county on its towns, a household on its portal. */
    @GET
    @PermitAll
    public Uni<Response> home() {
        return access.identity().map(identity -> Response.seeOther(URI.create(
                identity.isAnonymous() ? "/login"
                        : identity.getPrincipal() instanceof StaffPrincipal s && s.villageId() != null ? "/villages/" + s.villageId()
                        : identity.getPrincipal() instanceof StaffPrincipal s && s.role() == org.jifen.common.security.Role.COUNTY_ADMIN ? "/county"
                        : identity.hasRole("HOUSEHOLD") ? "/portal" : "/villages")).build());
    }

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance form(@QueryParam("next") String next) {
        return Templates.login(null, "", safeNext(next));
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> submit(@FormParam("username") String username, @FormParam("password") String password,
                                @FormParam("next") String next, RoutingContext context) {
        String user = username == null ? "" : username.trim();
        return logins.login(user, password == null ? "" : password, context.request().remoteAddress().hostAddress())
                .map(r -> Response.seeOther(URI.create(safeNext(next)))
                        .cookie(new NewCookie.Builder(TokenAuthenticationMechanism.STAFF_COOKIE).value(r.token()).path("/")
                                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge(r.expiresInHours() * 3600).build())
                        .build())
                .onFailure(DomainException.class).recoverWithItem(e -> Response.status(((DomainException) e).status())
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(Templates.login(((DomainException) e).title(), user, safeNext(next)).render()).build());
    }

    @POST
    @Path("logout")
    @Authenticated
    public Uni<Response> logout() {
        return access.identity()
                .flatMap(identity -> logins.logout(identity.getAttribute("tokenHash")))
                .map(x -> Response.seeOther(URI.create("/login"))
                        .cookie(new NewCookie.Builder(TokenAuthenticationMechanism.STAFF_COOKIE).value("").path("/").maxAge(0).build())
                        .build());
    }

    /** Only same-site paths, so the login form cannot be used to bounce users elsewhere; by default the start page ({@link #home()}). */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
