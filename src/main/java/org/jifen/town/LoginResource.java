package org.jifen.town;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;

import java.util.List;

@Path("/api")
public class LoginResource {

    public record LoginRequest(@NotBlank @Size(max = 64) String username, @NotNull @Size(max = 128) String password) {
    }

    public record LoginResponse(String token, String username, List<String> roles, Long townId, Long villageId,
                                String displayName) {
    }

    @Inject
    LoginService logins;

    @Inject
    Access access;

    @POST
    @Path("/login")
    @PermitAll
    public Uni<LoginResponse> login(@Valid @NotNull LoginRequest request, RoutingContext context) {
        return logins.login(request.username(), request.password(), context.request().remoteAddress().hostAddress())
                .map(r -> new LoginResponse(r.token(), r.username(), r.roles(), r.townId(), r.villageId(), r.displayName()));
    }

    /** Revokes the token used for this call. */
    @POST
    @Path("/logout")
    @Authenticated
    public Uni<Response> logout() {
        return access.identity()
                .flatMap(identity -> logins.logout(identity.getAttribute("tokenHash")))
                .map(x -> Response.noContent().build());
    }
}
