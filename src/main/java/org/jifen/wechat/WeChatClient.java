package org.jifen.wechat;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one client of the WeChat API (Vert.x Web Client, Mutiny), against {@code jifen.wechat.api-base-url}.
 * Every call has a timeout; timeouts, connection failures, HTTP 5xx and {@code errcode -1} (busy) are retried a
 * bounded number of times with doubling back-off; any other {@code errcode} becomes a {@link WeChatException}.
 * Access tokens (per app) and the {@code jsapi_ticket} are cached until shortly before they expire and shared by
 * concurrent callers. Tokens come from {@code /cgi-bin/stable_token}, which hands every replica the same token while
 * it is valid ({@code /cgi-bin/token} would hand each a new one and end the others'); an answer saying the token is
 * invalid or expired gets the shared token again, or forces a new one when WeChat still hands out the refused one
 * ({@link CachedSecret#replace}), and repeats the call once. Subscribe messages
 * go through the app the user is bound to: the mini-program ({@code send}) or the 公众号 ({@code bizsend}).
 */
@ApplicationScoped
public class WeChatClient {

    /** The 公众号 (web pages inside WeChat) or the mini-program. */
    public enum App { MP, MINI }

    @Inject
    Vertx vertx;

    @Inject
    WeChatConfig config;

    private WebClient client;
    private final Clock clock = Clock.systemUTC();
    private CachedSecret mpToken;
    private CachedSecret miniToken;
    private CachedSecret jsapiTicket;

    @PostConstruct
    void init() {
        int timeout = (int) config.timeout().toMillis();
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(timeout)
                .setUserAgent("jifen")
                .setKeepAlive(true)
                .setMaxPoolSize(8));
        mpToken = new CachedSecret(force -> fetchToken(App.MP, force), config.forceRefreshEvery(), clock);
        miniToken = new CachedSecret(force -> fetchToken(App.MINI, force), config.forceRefreshEvery(), clock);
        jsapiTicket = new CachedSecret(this::fetchTicket, clock);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    public boolean configured(App app) {
        return app == App.MP ? config.mpConfigured() : config.miniConfigured();
    }

    // ---- tokens and tickets -------------------------------------------------------------------------

    /** The app's access token ({@code /cgi-bin/stable_token}), cached until shortly before expiry. */
    public Uni<String> accessToken(App app) {
        requireConfigured(app);
        return (app == App.MP ? mpToken : miniToken).get();
    }

    /** The 公众号's JS-SDK {@code jsapi_ticket} ({@code /cgi-bin/ticket/getticket?type=jsapi}), cached likewise. */
    public Uni<String> jsapiTicket() {
        requireConfigured(App.MP);
        return jsapiTicket.get();
    }

    /** {@code force}: a new token, ending the one every replica shares (WeChat allows few of these a day). */
    private Uni<CachedSecret.Fetched> fetchToken(App app, boolean force) {
        String[] cred = credentials(app);
        JsonObject body = new JsonObject().put("grant_type", "client_credential").put("appid", cred[0])
                .put("secret", cred[1]).put("force_refresh", force);
        if (force) {
            Log.warnf("wechat: forcing a new %s access token (WeChat refused the one it still hands out)", app);
        }
        return call("/cgi-bin/stable_token", () -> client.postAbs(url("/cgi-bin/stable_token")), body, force ? 0 : config.retries())
                .map(json -> fetched(json, "access_token"));
    }

    private Uni<CachedSecret.Fetched> fetchTicket() {
        return withToken(App.MP, "/cgi-bin/ticket/getticket", token -> call("/cgi-bin/ticket/getticket",
                () -> client.getAbs(url("/cgi-bin/ticket/getticket"))
                        .addQueryParam("access_token", token)
                        .addQueryParam("type", "jsapi"), null))
                .map(json -> fetched(json, "ticket"));
    }

    private CachedSecret.Fetched fetched(JsonObject json, String field) {
        String value = json.getString(field);
        if (value == null || value.isBlank()) {
            throw new WeChatException(502, "wechat.error", "微信接口返回错误", 0, "no " + field + " in answer", field);
        }
        long expiresIn = json.getLong("expires_in", 7200L);
        long keep = Math.max(expiresIn - config.refreshMarginSeconds(), expiresIn / 2);
        return new CachedSecret.Fetched(value, Instant.now(clock).plusSeconds(keep));
    }

    // ---- logins -------------------------------------------------------------------------------------

    /** Where to send the browser for 公众号 web OAuth ({@code snsapi_base}: silent, gives the openid only). */
    public String authorizeUrl(String redirectUri, String state) {
        requireConfigured(App.MP);
        return config.oauthAuthorizeUrl() + "?appid=" + enc(credentials(App.MP)[0]) + "&redirect_uri=" + enc(redirectUri)
                + "&response_type=code&scope=snsapi_base&state=" + enc(state) + "#wechat_redirect";
    }

    /** The openid behind an OAuth {@code code} ({@code /sns/oauth2/access_token}). */
    public Uni<String> oauthOpenid(String code) {
        String[] cred = credentials(App.MP);
        return call("/sns/oauth2/access_token", () -> client.getAbs(url("/sns/oauth2/access_token"))
                .addQueryParam("appid", cred[0])
                .addQueryParam("secret", cred[1])
                .addQueryParam("code", code)
                .addQueryParam("grant_type", "authorization_code"), null)
                .map(json -> openid(json, "/sns/oauth2/access_token"));
    }

    /** The openid behind a mini-program {@code wx.login} code ({@code /sns/jscode2session}). */
    public Uni<String> miniOpenid(String code) {
        String[] cred = credentials(App.MINI);
        return call("/sns/jscode2session", () -> client.getAbs(url("/sns/jscode2session"))
                .addQueryParam("appid", cred[0])
                .addQueryParam("secret", cred[1])
                .addQueryParam("js_code", code)
                .addQueryParam("grant_type", "authorization_code"), null)
                .map(json -> openid(json, "/sns/jscode2session"));
    }

    private static String openid(JsonObject json, String call) {
        String openid = json.getString("openid");
        if (openid == null || openid.isBlank()) {
            throw new WeChatException(502, "wechat.error", "微信接口返回错误", 0, "no openid in answer", call);
        }
        return openid;
    }

    // ---- messages -----------------------------------------------------------------------------------

    /**
     * Sends one subscribe message through {@code app} with that app's own access token: the mini-program's
     * {@code /cgi-bin/message/subscribe/send} ({@code page} a mini-program page) or the 公众号's
     * {@code /cgi-bin/message/subscribe/bizsend} ({@code page} a web page).
     */
    public Uni<Void> sendSubscribe(App app, String openid, String templateId, String page, JsonObject data) {
        return sendSubscribe(app, openid, templateId, page, data, config.retries());
    }

    /** As {@link #sendSubscribe(App, String, String, String, JsonObject)} with a single attempt (the outbox retries later). */
    public Uni<Void> sendSubscribeOnce(App app, String openid, String templateId, String page, JsonObject data) {
        return sendSubscribe(app, openid, templateId, page, data, 0);
    }

    private Uni<Void> sendSubscribe(App app, String openid, String templateId, String page, JsonObject data, int retries) {
        if (!configured(app)) {
            return Uni.createFrom().failure(WeChatException.notConfigured());
        }
        JsonObject body = new JsonObject().put("touser", openid).put("template_id", templateId).put("data", data);
        if (page != null && !page.isBlank()) {
            body.put("page", page);
        }
        String path;
        if (app == App.MINI) {
            path = "/cgi-bin/message/subscribe/send";
            body.put("lang", "zh_CN");
        } else {
            path = "/cgi-bin/message/subscribe/bizsend";
        }
        return withToken(app, path, token -> call(path,
                () -> client.postAbs(url(path)).addQueryParam("access_token", token), body, retries))
                .replaceWithVoid();
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    /** Runs {@code action} with the app's token; if WeChat refuses the token, replaces it once and repeats. */
    private <T> Uni<T> withToken(App app, String what, Function<String, Uni<T>> action) {
        CachedSecret cache = app == App.MP ? mpToken : miniToken;
        return accessToken(app).flatMap(token -> action.apply(token)
                .onFailure(e -> e instanceof WeChatException we && we.tokenExpired())
                .recoverWithUni(e -> {
                    Log.infof("wechat: %s refused the access token; getting the current one", what);
                    return cache.replace(token).flatMap(t -> t == null ? Uni.createFrom().failure(e) : action.apply(t));
                }));
    }

    private Uni<JsonObject> call(String what, Supplier<HttpRequest<Buffer>> request, JsonObject body) {
        return call(what, request, body, config.retries());
    }

    private Uni<JsonObject> call(String what, Supplier<HttpRequest<Buffer>> request, JsonObject body, int retries) {
        Duration timeout = config.timeout();
        Duration backoff = config.retryBackoff();
        Uni<JsonObject> attempt = Uni.createFrom().deferred(() -> {
                    HttpRequest<Buffer> r = request.get().timeout(timeout.toMillis());
                    Uni<HttpResponse<Buffer>> sent = body == null ? r.send() : r.sendJsonObject(body);
                    return sent.ifNoItem().after(timeout.plusMillis(500)).failWith(() -> new Retryable("no answer within " + timeout));
                })
                .map(response -> answer(what, response));
        if (retries > 0) {
            attempt = attempt.onFailure(WeChatClient::retryable).retry()
                    .withBackOff(backoff, backoff.multipliedBy(16)).atMost(retries);
        }
        return attempt.onFailure(WeChatClient::retryable).transform(e -> {
                    Log.warnf("wechat: %s failed after %d attempts: %s", what, retries + 1, e.toString());
                    return WeChatException.unavailable(what, e);
                });
    }

    private static JsonObject answer(String what, HttpResponse<Buffer> response) {
        if (response.statusCode() >= 500) {
            throw new Retryable("HTTP " + response.statusCode());
        }
        JsonObject json;
        try {
            json = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            throw new Retryable("not JSON (HTTP " + response.statusCode() + ")");
        }
        if (json == null) {
            throw new Retryable("empty answer (HTTP " + response.statusCode() + ")");
        }
        int errcode = json.getInteger("errcode", 0);
        if (errcode == -1) {
            throw new Retryable("errcode -1 (system busy)");
        }
        if (errcode != 0) {
            throw WeChatException.of(errcode, json.getString("errmsg"), what);
        }
        return json;
    }

    /** Everything but a WeChat or domain answer is worth another try: timeouts, resets, 5xx, busy. */
    private static boolean retryable(Throwable e) {
        return !(e instanceof DomainException);
    }

    /** A failure that another attempt may cure. */
    static final class Retryable extends RuntimeException {
        Retryable(String message) {
            super(message, null, false, false);
        }
    }

    private String[] credentials(App app) {
        requireConfigured(app);
        return app == App.MP
                ? new String[]{config.appId().orElseThrow(), config.appSecret().orElseThrow()}
                : new String[]{config.mini().appId().orElseThrow(), config.mini().appSecret().orElseThrow()};
    }

    private void requireConfigured(App app) {
        if (!configured(app)) {
            throw WeChatException.notConfigured();
        }
    }

    public String appId(App app) {
        return credentials(app)[0];
    }

    private String url(String path) {
        String base = config.apiBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, Object> value(Object v) {
        return Map.of("value", v);
    }
}
