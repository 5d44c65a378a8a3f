package org.jifen.common.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Reads a staff or portal token from {@code Authorization: Bearer ...} or, for browser pages, from the
 * {@link #STAFF_COOKIE} / {@link #PORTAL_COOKIE} cookies. No token means anonymous; the endpoint's
 * {@code @RolesAllowed} then answers 401.
 */
@ApplicationScoped
public class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String STAFF_COOKIE = "jifen_staff";
    public static final String PORTAL_COOKIE = "jifen_portal";

    /** Ends the villager's portal cookie in the browser. */
    public static jakarta.ws.rs.core.NewCookie clearPortalCookie() {
        return new jakarta.ws.rs.core.NewCookie.Builder(PORTAL_COOKIE).value("").path("/").maxAge(0).build();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = token(context);
        if (token == null || token.isBlank() || token.length() > 128) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
    }

    static String token(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        String path = context.normalizedPath();
        Cookie cookie = context.request().getCookie(path.startsWith("/portal") || path.startsWith("/api/portal") ? PORTAL_COOKIE : STAFF_COOKIE);
        if (cookie == null && path.startsWith("/c/")) {
            cookie = context.request().getCookie(PORTAL_COOKIE);
        }
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
