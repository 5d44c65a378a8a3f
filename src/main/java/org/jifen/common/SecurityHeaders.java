package org.jifen.common;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/**
 * Security headers on every answer, and {@code Secure} on every cookie when the request came over HTTPS (directly, or
 * through the ingress: {@code X-Forwarded-Proto}, trusted only with {@code quarkus.http.proxy.*} set, see k8s/).
 * Scripts run only from the app itself (and WeChat's JS-SDK on the clerk's screen inside WeChat); no inline script.
 */
@Singleton
public class SecurityHeaders {

    static final String CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self' https://res.wx.qq.com",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    void install(@Observes Router router) {
        router.route().order(-300).handler(this::headers);
    }

    private void headers(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            MultiMap h = ctx.response().headers();
            if (!h.contains("Content-Security-Policy") && !ctx.request().path().startsWith("/q/")) {
                h.set("Content-Security-Policy", CSP);
            }
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "same-origin");
            if (secure(ctx.request())) {
                List<String> cookies = h.getAll("Set-Cookie");
                if (!cookies.isEmpty()) {
                    h.remove("Set-Cookie");
                    for (String c : cookies) {
                        h.add("Set-Cookie", c.toLowerCase(Locale.ROOT).contains("; secure") ? c : c + "; Secure");
                    }
                }
                h.set("Strict-Transport-Security", "max-age=31536000");
            }
        });
        ctx.next();
    }

    private static boolean secure(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
