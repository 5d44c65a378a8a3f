package org.jifen.wechat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.wechat.FakeWeChatResource.InjectFakeWeChat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One access token per app, not per replica: two WeChat clients (two replicas of the app) share one stand-in that
 * ends a token the moment a newer one is made, as WeChat does. With {@code stable_token} both use the same token
 * and neither ends the other's.
 */
@QuarkusTest
class ReplicaTokenTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonObject DATA = new JsonObject().put("thing1", new JsonObject().put("value", "测试"));

    @InjectFakeWeChat
    FakeWeChat fake;

    @Inject
    Vertx vertx;

    @Inject
    WeChatConfig config;

    WeChatClient a;
    WeChatClient b;

    @BeforeEach
    void twoReplicas() {
        a = replica();
        b = replica();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private WeChatClient replica() {
        WeChatClient c = new WeChatClient();
        c.vertx = vertx;
        c.config = config;
        c.init();
        return c;
    }

    @Test
    void standInEndsTheOldPlainTokenLikeWeChat() throws Exception {
        // why the client no longer uses /cgi-bin/token: each call ends the previous token, so replicas end each other's
        String first = plainToken();
        String second = plainToken();
        assertNotEquals(first, second);
        assertEquals(40001, send(first).getInteger("errcode"), "the first replica's token ended by the second's fetch");
        assertEquals(0, send(second).getInteger("errcode"));
    }

    @Test
    void twoReplicasShareOneStableTokenAndNeverEndEachOthers() {
        int fetches = fake.calls("/cgi-bin/stable_token");
        int plain = fake.calls("/cgi-bin/token");
        int invalid = fake.invalidTokenAnswers.get();
        int forced = fake.forcedRefreshes.get();
        int sent = fake.messages.size();
        for (int i = 0; i < 10; i++) {
            sendThrough(i % 2 == 0 ? a : b, WeChatClient.App.MINI, "o-replica-" + i);
            sendThrough(i % 2 == 0 ? b : a, WeChatClient.App.MP, "o-replica-mp-" + i);
        }
        assertEquals(sent + 20, fake.messages.size());
        assertEquals(invalid, fake.invalidTokenAnswers.get(), "no 40001 between the replicas");
        assertEquals(fetches + 4, fake.calls("/cgi-bin/stable_token"), "one fetch per app and replica, no refreshes");
        assertEquals(plain, fake.calls("/cgi-bin/token"));
        assertEquals(forced, fake.forcedRefreshes.get());
        List<FakeWeChat.Message> last = fake.messages.subList(sent, sent + 20);
        assertEquals(1, last.stream().filter(m -> m.path().equals(FakeWeChat.SEND)).map(FakeWeChat.Message::accessToken).distinct().count(),
                "both replicas send with the same mini-program token");
        assertEquals(a.accessToken(WeChatClient.App.MP).await().atMost(WAIT), b.accessToken(WeChatClient.App.MP).await().atMost(WAIT));
    }

    @Test
    void aForcedTokenOnOneReplicaIsPickedUpByTheOtherWithoutAnotherForce() {
        sendThrough(a, WeChatClient.App.MINI, "o-force-1");
        sendThrough(b, WeChatClient.App.MINI, "o-force-2");
        String old = b.accessToken(WeChatClient.App.MINI).await().atMost(WAIT);
        int forced = fake.forcedRefreshes.get();
        int invalid = fake.invalidTokenAnswers.get();

        // WeChat refuses the token it still hands out: A asks again, gets the same one, and forces a new one
        fake.refuseTokenKeepingItOnce.put(FakeWeChat.SEND, 40001);
        sendThrough(a, WeChatClient.App.MINI, "o-force-3");
        assertEquals(forced + 1, fake.forcedRefreshes.get());
        String fresh = a.accessToken(WeChatClient.App.MINI).await().atMost(WAIT);
        assertNotEquals(old, fresh);

        // B's token was ended by that: one 40001, then B asks without forcing and gets A's new token
        sendThrough(b, WeChatClient.App.MINI, "o-force-4");
        assertEquals(invalid + 1, fake.invalidTokenAnswers.get());
        assertEquals(fresh, b.accessToken(WeChatClient.App.MINI).await().atMost(WAIT));
        for (int i = 0; i < 6; i++) {
            sendThrough(i % 2 == 0 ? a : b, WeChatClient.App.MINI, "o-force-after-" + i);
        }
        assertEquals(invalid + 1, fake.invalidTokenAnswers.get(), "no ping-pong");
        assertEquals(forced + 1, fake.forcedRefreshes.get(), "B never forced");

        // forcing is rate-limited: a second refusal within jifen.wechat.force-refresh-every fails the call instead
        fake.refuseTokenKeepingItOnce.put(FakeWeChat.SEND, 40001);
        DomainException refused = assertThrows(DomainException.class,
                () -> a.sendSubscribe(WeChatClient.App.MINI, "o-force-5", "tpl", null, DATA).await().atMost(WAIT));
        assertTrue(refused.getMessage().contains("40001"), refused.getMessage());
        assertEquals(forced + 1, fake.forcedRefreshes.get());
    }

    @Test
    void cachedSecretForcesOnlyWhenTheRefusedValueComesBackAndAtMostOncePerInterval() {
        AtomicInteger normal = new AtomicInteger();
        AtomicInteger forced = new AtomicInteger();
        String[] shared = {"t0"};
        Instant[] now = {Instant.parse("2026-12-06T00:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        CachedSecret cache = new CachedSecret(force -> {
            (force ? forced : normal).incrementAndGet();
            if (force) {
                shared[0] = "t" + (normal.get() + forced.get());
            }
            return Uni.createFrom().item(new CachedSecret.Fetched(shared[0], now[0].plusSeconds(3600)));
        }, Duration.ofMinutes(10), clock);
        assertEquals("t0", cache.get().await().atMost(WAIT));
        shared[0] = "t1";  // another replica forced a new one: asked again, no force
        assertEquals("t1", cache.replace("t0").await().atMost(WAIT));
        assertEquals(0, forced.get());
        assertEquals("t1", cache.replace("t0").await().atMost(WAIT), "an older refusal: the newer value at hand");
        assertEquals(2, normal.get());
        String f = cache.replace("t1").await().atMost(WAIT);  // refused yet handed out again: forced
        assertNotEquals("t1", f);
        assertEquals(1, forced.get());
        assertNull(cache.replace(f).await().atMost(WAIT), "second force within 10 minutes refused");
        assertEquals(1, forced.get());
        now[0] = now[0].plus(Duration.ofMinutes(11));
        assertNotEquals(f, cache.replace(f).await().atMost(WAIT));
        assertEquals(2, forced.get());
    }

    private void sendThrough(WeChatClient client, WeChatClient.App app, String openid) {
        client.sendSubscribe(app, openid, "tpl", null, DATA).await().atMost(WAIT);
    }

    private String plainToken() throws Exception {
        JsonObject json = get("/cgi-bin/token?grant_type=client_credential&appid=" + FakeWeChat.MINI_APP + "&secret=mini-secret");
        return json.getString("access_token");
    }

    private JsonObject send(String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(config.apiBaseUrl() + FakeWeChat.SEND + "?access_token=" + token))
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("touser", "o-plain").put("template_id", "tpl")
                        .put("data", DATA).encode())).build();
        return new JsonObject(HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonObject get(String pathAndQuery) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(config.apiBaseUrl() + pathAndQuery)).GET().build();
        return new JsonObject(HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body());
    }
}
