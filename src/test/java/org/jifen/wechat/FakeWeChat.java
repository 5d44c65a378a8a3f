package org.jifen.wechat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the WeChat API (a Vert.x HTTP server on a free port). Plays good answers and, on
 * demand, {@code errcode} answers, HTTP 500s and slowness. Codes {@code good-<openid>} log in as that openid.
 * Access tokens behave as WeChat's: {@code GET /cgi-bin/token} makes a new token on every call and ends the app's
 * previous one from that call; {@code POST /cgi-bin/stable_token} hands every caller the app's current stable token
 * while it is valid, and a new one (ending the old) with {@code force_refresh: true}; the two are independent. A call
 * with a token that was ended (or never issued) is answered errcode 40001.
 * Subscribe messages: the mini-program's {@code send} takes only the mini-program's access token, the 公众号's
 * {@code bizsend} only the 公众号's (else errcode 48001, as WeChat answers an app without the right).
 */
public class FakeWeChat {

    public static final String TOKEN_PREFIX = "fake-token-";
    public static final String MP_APP = "wx-mp-app";
    public static final String MINI_APP = "wx-mini-app";
    public static final String SEND = "/cgi-bin/message/subscribe/send";
    public static final String BIZSEND = "/cgi-bin/message/subscribe/bizsend";
    public static final String TICKET = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

    /** One accepted subscribe message: the endpoint, the access token it came with, the body. */
    public record Message(String path, String accessToken, JsonObject body) {
        public String touser() {
            return body.getString("touser");
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger tokenSeq = new AtomicInteger();
    /** appid → its latest {@code /cgi-bin/token} token; appid → its current stable token (ended ones are gone). */
    private final Map<String, String> plainTokens = new ConcurrentHashMap<>();
    private final Map<String, String> stableTokens = new ConcurrentHashMap<>();
    /** Answers 40001 to a call with an ended or unknown token; {@code stable_token} calls with {@code force_refresh}. */
    public final AtomicInteger invalidTokenAnswers = new AtomicInteger();
    public final AtomicInteger forcedRefreshes = new AtomicInteger();
    /** Subscribe messages accepted through either endpoint (the bodies). */
    public final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    /** Subscribe messages accepted, with endpoint and token. */
    public final List<Message> messages = new CopyOnWriteArrayList<>();
    /** path → remaining answers that are HTTP 500. */
    public final Map<String, AtomicInteger> fail500 = new ConcurrentHashMap<>();
    /** path → remaining answers that come too late (after {@link #slowMillis}). */
    public final Map<String, AtomicInteger> slow = new ConcurrentHashMap<>();
    public volatile long slowMillis = 3000;
    /** The next use of an access token is answered "42001 access_token expired" and the token ends. */
    public volatile boolean expireTokenOnNextUse;
    /** path → errcode: the next subscribe message to that endpoint is refused with it (e.g. 40001) and its token ends. */
    public final Map<String, Integer> refuseTokenOnce = new ConcurrentHashMap<>();
    /** path → errcode: as {@link #refuseTokenOnce}, but WeChat goes on handing the refused token out (a forced refresh cures it). */
    public final Map<String, Integer> refuseTokenKeepingItOnce = new ConcurrentHashMap<>();
    /** openids whose subscribe messages are refused with errcode 43101 (user refused). */
    public final List<String> refusing = new CopyOnWriteArrayList<>();

    public int start() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    public void stop() {
        vertx.close();
    }

    public int calls(String path) {
        return calls.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        req.body().onSuccess(body -> {
            AtomicInteger slowLeft = slow.get(path);
            if (slowLeft != null && slowLeft.getAndDecrement() > 0) {
                vertx.setTimer(slowMillis, t -> answer(req, path, body.toString()));
            } else {
                answer(req, path, body.toString());
            }
        });
    }

    private void answer(HttpServerRequest req, String path, String body) {
        if (req.response().closed()) {
            return;
        }
        AtomicInteger failLeft = fail500.get(path);
        if (failLeft != null && failLeft.getAndDecrement() > 0) {
            req.response().setStatusCode(500).end("busy");
            return;
        }
        JsonObject answer = switch (path) {
            case "/cgi-bin/token" -> "client_credential".equals(req.getParam("grant_type"))
                    ? token(req.getParam("appid"), req.getParam("secret"), plainTokens, true)
                    : error(40002, "invalid grant_type");
            case "/cgi-bin/stable_token" -> stableToken(body);
            case "/cgi-bin/ticket/getticket" -> tokenCheck(req) != null ? tokenCheck(req)
                    : new JsonObject().put("errcode", 0).put("errmsg", "ok").put("ticket", TICKET).put("expires_in", 7200);
            case "/sns/oauth2/access_token" -> "authorization_code".equals(req.getParam("grant_type")) ? login(req.getParam("code")) : error(40002, "invalid grant_type");
            case "/sns/jscode2session" -> "authorization_code".equals(req.getParam("grant_type")) ? login(req.getParam("js_code")) : error(40002, "invalid grant_type");
            case SEND -> subscribe(req, path, MINI_APP, new JsonObject(body));
            case BIZSEND -> subscribe(req, path, MP_APP, new JsonObject(body));
            default -> error(40066, "invalid url");
        };
        req.response().putHeader("Content-Type", "text/plain").end(answer.encode());
    }

    private JsonObject stableToken(String body) {
        JsonObject r;
        try {
            r = new JsonObject(body);
        } catch (RuntimeException e) {
            return error(47001, "data format error");
        }
        if (!"client_credential".equals(r.getString("grant_type"))) {
            return error(40002, "invalid grant_type");
        }
        boolean force = r.getBoolean("force_refresh", false);
        if (force) {
            forcedRefreshes.incrementAndGet();
        }
        return token(r.getString("appid"), r.getString("secret"), stableTokens, force);
    }

    /** The app's token from {@code tokens}: a new one (ending the old) when {@code renew} or none is valid. */
    private synchronized JsonObject token(String appid, String secret, Map<String, String> tokens, boolean renew) {
        if (!(MP_APP.equals(appid) && "app-secret".equals(secret)) && !(MINI_APP.equals(appid) && "mini-secret".equals(secret))) {
            return error(40125, "invalid appsecret");
        }
        String token = renew ? null : tokens.get(appid);
        if (token == null) {
            token = TOKEN_PREFIX + appid + "-" + tokenSeq.incrementAndGet();
            tokens.put(appid, token);
        }
        return new JsonObject().put("access_token", token).put("expires_in", 7200);
    }

    /** Ends {@code token} wherever it was issued, as WeChat does when it answers that a token is invalid. */
    private synchronized void end(String token) {
        plainTokens.values().remove(token);
        stableTokens.values().remove(token);
    }

    private synchronized boolean valid(String token) {
        return token != null && (plainTokens.containsValue(token) || stableTokens.containsValue(token));
    }

    private JsonObject tokenCheck(HttpServerRequest req) {
        String token = req.getParam("access_token");
        if (!valid(token)) {
            invalidTokenAnswers.incrementAndGet();
            return error(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (expireTokenOnNextUse) {
            expireTokenOnNextUse = false;
            end(token);
            return error(42001, "access_token expired");
        }
        return null;
    }

    private JsonObject subscribe(HttpServerRequest req, String path, String app, JsonObject body) {
        JsonObject bad = tokenCheck(req);
        if (bad != null) {
            return bad;
        }
        String token = req.getParam("access_token");
        Integer refused = refuseTokenOnce.remove(path);
        if (refused != null) {
            if (refused == 40001 || refused == 42001) {
                end(token);
            }
            return error(refused, "invalid credential, access_token is invalid or not latest");
        }
        refused = refuseTokenKeepingItOnce.remove(path);
        if (refused != null) {
            return error(refused, "invalid credential, access_token is invalid or not latest");
        }
        if (!token.startsWith(TOKEN_PREFIX + app + "-")) {
            return error(48001, "api unauthorized");
        }
        if (refusing.contains(body.getString("touser"))) {
            return error(43101, "user refuse to accept the msg");
        }
        sent.add(body);
        messages.add(new Message(path, token, body));
        return new JsonObject().put("errcode", 0).put("errmsg", "ok");
    }

    private static JsonObject login(String code) {
        if (code != null && code.startsWith("good-")) {
            return new JsonObject().put("openid", code.substring(5)).put("session_key", "sk").put("access_token", "user-token").put("expires_in", 7200);
        }
        if (code != null && code.startsWith("err-")) {
            return error(Integer.parseInt(code.substring(4)), "as asked");
        }
        return error(40029, "invalid code");
    }

    private static JsonObject error(int errcode, String errmsg) {
        return new JsonObject().put("errcode", errcode).put("errmsg", errmsg);
    }
}
