package org.jifen.wechat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.wechat.FakeWeChatResource.InjectFakeWeChat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The real WeChat client against the local stand-in: caching, errcodes, retries, timeouts. */
@QuarkusTest
class WeChatClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectFakeWeChat
    FakeWeChat fake;

    @Inject
    WeChatClient client;

    @Inject
    JsSdk jsSdk;

    @Test
    void shouldFetchAccessTokenOnceForManyConcurrentUses() {
        client.accessToken(WeChatClient.App.MINI).await().atMost(WAIT);
        int before = fake.calls("/cgi-bin/stable_token");
        List<Uni<String>> uses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            uses.add(client.accessToken(WeChatClient.App.MINI));
        }
        List<String> tokens = Uni.join().all(uses).andFailFast().await().atMost(WAIT);
        assertEquals(1, Set.copyOf(tokens).size());
        assertTrue(tokens.get(0).startsWith(FakeWeChat.TOKEN_PREFIX + "wx-mini-app"));
        assertEquals(before, fake.calls("/cgi-bin/stable_token"), "cached token reused, no new stable_token call");
        // the 公众号 has its own token
        assertTrue(client.accessToken(WeChatClient.App.MP).await().atMost(WAIT).startsWith(FakeWeChat.TOKEN_PREFIX + "wx-mp-app"));
    }

    @Test
    void shouldShareOneRefreshBetweenConcurrentFirstCallers() {
        CachedSecret.Fetched value = new CachedSecret.Fetched("v", java.time.Instant.now().plusSeconds(60));
        AtomicInteger fetches = new AtomicInteger();
        CachedSecret cache = new CachedSecret(() -> Uni.createFrom().item(value).onItem().delayIt().by(Duration.ofMillis(200))
                .invoke(fetches::incrementAndGet), java.time.Clock.systemUTC());
        List<Uni<String>> callers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            callers.add(cache.get());
        }
        assertEquals(20, Uni.join().all(callers).andFailFast().await().atMost(WAIT).size());
        assertEquals(1, fetches.get());
        assertNull(cache.replace("v").await().atMost(WAIT), "asked again, the same value: none to try instead");
        assertEquals(2, fetches.get());
    }

    @Test
    void shouldSignJsSdkConfigWithCachedTicket() {
        String url = "http://localhost:8080/shop/redeem?x=1#scan";
        JsSdk.Config config = jsSdk.configFor(url).await().atMost(WAIT).orElseThrow();
        int tickets = fake.calls("/cgi-bin/ticket/getticket");
        JsSdk.Config again = jsSdk.configFor(url).await().atMost(WAIT).orElseThrow();
        assertEquals(tickets, fake.calls("/cgi-bin/ticket/getticket"), "ticket cached");
        assertEquals("wx-mp-app", config.appId());
        assertEquals(JsSdkSignature.sign(FakeWeChat.TICKET, config.nonceStr(), config.timestamp(), url), config.signature());
        assertEquals(JsSdkSignature.sign(FakeWeChat.TICKET, again.nonceStr(), again.timestamp(), "http://localhost:8080/shop/redeem?x=1"), again.signature());
    }

    @Test
    void shouldExchangeOAuthAndMiniProgramCodesForOpenids() {
        assertEquals("o-web-1", client.oauthOpenid("good-o-web-1").await().atMost(WAIT));
        assertEquals("o-mini-1", client.miniOpenid("good-o-mini-1").await().atMost(WAIT));
    }

    @Test
    void shouldTurnErrcodeAnswersIntoClearProblems() {
        DomainException invalid = assertThrows(DomainException.class, () -> client.miniOpenid("nonsense").await().atMost(WAIT));
        assertEquals(400, invalid.status());
        assertEquals("wechat.invalid-code", invalid.code());
        int before = fake.calls("/sns/oauth2/access_token");
        DomainException other = assertThrows(DomainException.class, () -> client.oauthOpenid("err-40013").await().atMost(WAIT));
        assertEquals(502, other.status());
        assertEquals("wechat.error", other.code());
        assertTrue(other.getMessage().contains("40013"), other.getMessage());
        assertEquals(before + 1, fake.calls("/sns/oauth2/access_token"), "an errcode answer is not retried");
    }

    @Test
    void shouldRetryHttp5xxAndBusyThenSucceed() {
        int before = fake.calls("/sns/jscode2session");
        fake.fail500.put("/sns/jscode2session", new AtomicInteger(2));
        assertEquals("o-retry", client.miniOpenid("good-o-retry").await().atMost(WAIT));
        assertEquals(before + 3, fake.calls("/sns/jscode2session"));
        before = fake.calls("/sns/jscode2session");
        assertEquals("o-busy", client.miniOpenid("err--1").onFailure().recoverWithItem("x").replaceWith(
                client.miniOpenid("good-o-busy")).await().atMost(WAIT));
        assertEquals(before + 3 + 1, fake.calls("/sns/jscode2session"), "errcode -1 (busy) retried twice, then the next call");
    }

    @Test
    void shouldTimeOutSlowAnswersRetryAndGiveUpWithUnavailable() {
        int before = fake.calls("/sns/oauth2/access_token");
        fake.slow.put("/sns/oauth2/access_token", new AtomicInteger(1));
        assertEquals("o-slow", client.oauthOpenid("good-o-slow").await().atMost(WAIT), "one slow answer, the retry succeeds");
        assertEquals(before + 2, fake.calls("/sns/oauth2/access_token"));
        before = fake.calls("/sns/oauth2/access_token");
        fake.slow.put("/sns/oauth2/access_token", new AtomicInteger(3));
        DomainException down = assertThrows(DomainException.class, () -> client.oauthOpenid("good-o-slow").await().atMost(WAIT));
        assertEquals(503, down.status());
        assertEquals("wechat.unavailable", down.code());
        assertEquals(before + 3, fake.calls("/sns/oauth2/access_token"), "1 attempt + 2 retries, bounded");
    }

    @Test
    void shouldRefreshExpiredTokenOnceAndRepeatTheCall() {
        client.accessToken(WeChatClient.App.MINI).await().atMost(WAIT);
        int tokens = fake.calls("/cgi-bin/stable_token");
        int sent = fake.sent.size();
        fake.expireTokenOnNextUse = true;
        client.sendSubscribe(WeChatClient.App.MINI, "o-expired", "tpl", "pages/index/index",
                new JsonObject().put("thing1", new JsonObject().put("value", "测试"))).await().atMost(WAIT);
        assertEquals(tokens + 1, fake.calls("/cgi-bin/stable_token"), "one refresh");
        assertEquals(sent + 1, fake.sent.size());
        assertEquals("o-expired", fake.sent.get(fake.sent.size() - 1).getString("touser"));
    }
}
