package org.jifen.common;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Refuses what no page or API call can mean before the REST layer parses it, with one log line and no stack trace:
 * a NUL byte in the address (PostgreSQL text cannot hold one) is a 400, a form body over {@link #FORM_LIMIT} a 413.
 * Form bodies are read whole here (up to the limit), so an oversized one is refused once instead of once per chunk.
 */
@Singleton
public class RequestGuard {

    /** The largest {@code application/x-www-form-urlencoded} body: the longest text a page sends is far below it. */
    static final int FORM_LIMIT = 256 * 1024;

    void install(@Observes Router router) {
        router.route().order(-200).handler(this::checkAddress);
        router.route().order(-199).consumes("application/x-www-form-urlencoded")
                .handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT).setHandleFileUploads(false))
                .handler(this::checkForm)
                .failureHandler(this::refused);
    }

    private void checkAddress(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri.contains("%00") || uri.indexOf('\0') >= 0) {
            Log.infof("400 request.malformed on %s: NUL byte in the address", ctx.request().path());
            problem(ctx, 400, "request.malformed", "请求格式有误", "地址中含有无效字符");
            return;
        }
        ctx.next();
    }

    /** A {@code %} not followed by two hex digits cannot be decoded: refuse it here, in one line. */
    private void checkForm(RoutingContext ctx) {
        var body = ctx.body().buffer();
        int n = body == null ? 0 : body.length();
        for (int i = 0; i < n; i++) {
            if (body.getByte(i) == '%' && (i + 2 >= n || !hex(body.getByte(i + 1)) || !hex(body.getByte(i + 2)))) {
                Log.infof("400 request.malformed on %s: bad percent-encoding in the form", ctx.request().path());
                problem(ctx, 400, "request.malformed", "请求格式有误", "表单内容编码有误");
                return;
            }
        }
        if (ctx.request().formAttributes().isEmpty()) {
            // The REST layer takes a parsed form only when it holds a field; with none it would wait for the body
            // read here already, and the request would hang: give it a field no form has.
            ctx.request().formAttributes().add(EMPTY_FORM, "");
        }
        ctx.next();
    }

    /** The name of the one field of a form sent without any. */
    static final String EMPTY_FORM = "_empty";

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private void refused(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return; // a chunked body over the limit fails once per chunk still in flight: answer and log once
        }
        int status = ctx.statusCode() == 413 || tooLarge(ctx.failure()) ? 413 : 400;
        Log.infof("%d form refused on %s", status, ctx.request().path());
        if (status == 413) {
            problem(ctx, 413, "request.too-large", "请求体过大", "提交的内容过多");
        } else {
            problem(ctx, 400, "request.malformed", "请求格式有误", "请求体有误");
        }
    }

    private static boolean tooLarge(Throwable failure) {
        return failure instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse().getStatus() == 413
                || failure instanceof java.io.IOException io && String.valueOf(io.getMessage()).contains("Size exceed");
    }

    private static void problem(RoutingContext ctx, int status, String code, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String json = new io.vertx.core.json.JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("code", code).encode();
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(json);
    }
}
