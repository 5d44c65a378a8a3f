package org.jifen.wechat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jifen.common.JifenConfig;
import org.jifen.portal.PortalCardsFixture;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.jifen.wechat.FakeWeChat.Message;
import org.jifen.wechat.FakeWeChatResource.InjectFakeWeChat;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.jifen.wechat.OutboxTest.makeDue;
import static org.jifen.wechat.OutboxTest.month;
import static org.jifen.wechat.OutboxTest.status;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Each bound WeChat user gets its messages through the app it bound with: the mini-program's through
 * {@code subscribe/send} with the mini-program's token, the 公众号's through {@code subscribe/bizsend} with the
 * 公众号's token, template and a web page of the portal. An app that cannot send is skipped, never retried.
 */
@QuarkusTest
class MessagesPerAppTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectFakeWeChat
    FakeWeChat fake;

    @Inject
    PostingScanner scanner;

    @Inject
    OutboxSender sender;

    @Inject
    Outbox outbox;

    @Inject
    WeChatClient wechat;

    @Inject
    WeChatConfig config;

    @Inject
    JifenConfig jifen;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    /** Binds a 公众号 user (web OAuth, then card + phone with the bind ticket) to the household. */
    static void bindMp(long householdId, String openid) {
        String state = given().redirects().follow(false).get("/portal/wechat").then().statusCode(303).extract().cookie("jifen_wx_state");
        String ticket = given().redirects().follow(false).cookie("jifen_wx_state", state)
                .queryParam("code", "good-" + openid).queryParam("state", state)
                .get("/portal/wechat/callback").then().statusCode(303).extract().cookie("jifen_wx_bind");
        assertNotNull(ticket, "a first 公众号 login leaves a bind ticket");
        given().contentType(ContentType.JSON)
                .body(Map.of("qrText", PortalCardsFixture.qrText(householdId, 1), "phoneLast4", "8000", "bindTicket", ticket))
                .post("/api/portal/login").then().statusCode(200);
    }

    /** A household with one mini-program user and one 公众号 user. */
    static long householdWithBothApps(String miniOpenid, String mpOpenid) {
        long h = OutboxTest.boundHousehold(miniOpenid);
        bindMp(h, mpOpenid);
        return h;
    }

    List<Message> messagesTo(String openid) {
        return fake.messages.stream().filter(m -> openid.equals(m.touser())).toList();
    }

    static String lastError(String openid) throws Exception {
        try (var c = TestDatabase.connect();
             var s = c.prepareStatement("SELECT last_error FROM wechat_outbox WHERE openid = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, openid);
            var rs = s.executeQuery();
            assertTrue(rs.next(), "a row for " + openid);
            return rs.getString(1);
        }
    }

    @Test
    void shouldSendAPostingToEachBoundUserThroughItsOwnAppWithThatAppsToken() throws Exception {
        String mini = "o-both-mini-" + System.nanoTime();
        String mp = "o-both-mp-" + System.nanoTime();
        long h = householdWithBothApps(mini, mp);
        TestLedger.give(h, 12, month());
        assertEquals(2, scanner.scan().await().atMost(WAIT), "one message per bound user");
        sender.sendDue().await().atMost(WAIT);

        List<Message> toMini = messagesTo(mini);
        assertEquals(1, toMini.size());
        assertEquals(FakeWeChat.SEND, toMini.get(0).path());
        assertTrue(toMini.get(0).accessToken().startsWith(FakeWeChat.TOKEN_PREFIX + FakeWeChat.MINI_APP + "-"), toMini.get(0).accessToken());
        assertEquals("tpl-points", toMini.get(0).body().getString("template_id"));
        assertEquals("pages/index/index", toMini.get(0).body().getString("page"));

        List<Message> toMp = messagesTo(mp);
        assertEquals(1, toMp.size());
        Message viaMp = toMp.get(0);
        assertEquals(FakeWeChat.BIZSEND, viaMp.path());
        assertTrue(viaMp.accessToken().startsWith(FakeWeChat.TOKEN_PREFIX + FakeWeChat.MP_APP + "-"), viaMp.accessToken());
        assertEquals("mp-tpl-points", viaMp.body().getString("template_id"));
        assertEquals(jifen.publicBaseUrl().replaceAll("/$", "") + "/portal", viaMp.body().getString("page"));
        assertEquals("+12", viaMp.body().getJsonObject("data").getJsonObject("character_string2").getString("value"));
        assertEquals(12, viaMp.body().getJsonObject("data").getJsonObject("number3").getInteger("value"));
        assertEquals("积分调整", viaMp.body().getJsonObject("data").getJsonObject("thing1").getString("value"));
        assertNotNull(viaMp.body().getJsonObject("data").getJsonObject("time4").getString("value"));
        assertEquals("SENT/1", status(mini));
        assertEquals("SENT/1", status(mp));
    }

    @Test
    void shouldRecordAnAnnouncementAsSkippedForAnAppWithoutItsTemplateAndNeverSendIt() throws Exception {
        String mini = "o-ann-mini-" + System.nanoTime();
        String mp = "o-ann-mp-" + System.nanoTime();
        long h = householdWithBothApps(mini, mp);
        Map<String, Object> data = Map.of("thing1", Map.of("value", "兑换日快到了"), "thing2", Map.of("value", "请带上积分卡"));
        assertEquals(2, pool.withTransaction(tx -> outbox.enqueue(tx, h, "redemption-day", MessageRoutes.Template.ANNOUNCEMENT,
                data, "ann:" + h)).await().atMost(WAIT), "both users get a row");
        assertEquals("SKIPPED/0", status(mp), "the 公众号 has no announcement template");
        assertTrue(lastError(mp).contains("jifen.wechat.mp.templates.announcement"), lastError(mp));

        sender.sendDue().await().atMost(WAIT);
        makeDue(mp);
        sender.sendDue().await().atMost(WAIT);
        assertEquals(1, messagesTo(mini).size());
        assertEquals("tpl-announce", messagesTo(mini).get(0).body().getString("template_id"));
        assertEquals(0, messagesTo(mp).size(), "never attempted");
        assertEquals("SENT/1", status(mini));
        assertEquals("SKIPPED/0", status(mp));
    }

    @Test
    void shouldSkipMessagesOfAnAppThisInstanceIsNotConfiguredForWithoutRetrying() throws Exception {
        String mini = "o-nomp-mini-" + System.nanoTime();
        String mp = "o-nomp-mp-" + System.nanoTime();
        long h = householdWithBothApps(mini, mp);
        TestLedger.give(h, 4, month());
        assertEquals(2, scanner.scan().await().atMost(WAIT));

        // a replica without the 公众号's credentials (or this one after they were removed) takes the batch
        WeChatConfig withoutMp = withoutMp(config);
        WeChatClient client = new WeChatClient();
        client.vertx = vertx;
        client.config = withoutMp;
        client.init();
        try {
            OutboxSender replica = new OutboxSender();
            replica.pool = pool;
            replica.wechat = client;
            replica.config = withoutMp;
            OutboxSender.Result result = replica.sendDue().await().atMost(WAIT);
            assertTrue(result.skipped() >= 1, result.toString());
        } finally {
            client.close();
        }
        assertEquals("SKIPPED/0", status(mp));
        assertTrue(lastError(mp).contains("not configured"), lastError(mp));
        assertEquals("SENT/1", status(mini), "the mini-program's user is served all the same");

        makeDue(mp);
        sender.sendDue().await().atMost(WAIT);
        assertEquals(0, messagesTo(mp).size(), "a skipped message is never sent later");
        assertEquals("SKIPPED/0", status(mp));
    }

    @Test
    void shouldHandleBizsendErrcodesLikeSend() throws Exception {
        // 40001 (token invalid): the 公众号's token is refreshed once and the message goes out
        String mp = "o-err-mp-" + System.nanoTime();
        long h = OutboxTest.boundHousehold("o-err-mini-" + System.nanoTime());
        bindMp(h, mp);
        String before = wechat.accessToken(WeChatClient.App.MP).await().atMost(WAIT);
        wechat.accessToken(WeChatClient.App.MINI).await().atMost(WAIT);  // the household's mini-program message needs it too
        int tokenCalls = fake.calls("/cgi-bin/stable_token");
        fake.refuseTokenOnce.put(FakeWeChat.BIZSEND, 40001);
        TestLedger.give(h, 3, month());
        scanner.scan().await().atMost(WAIT);
        sender.sendDue().await().atMost(WAIT);
        assertEquals(tokenCalls + 1, fake.calls("/cgi-bin/stable_token"), "one refresh");
        assertEquals(1, messagesTo(mp).size());
        String used = messagesTo(mp).get(0).accessToken();
        assertNotEquals(before, used, "sent with the new token");
        assertTrue(used.startsWith(FakeWeChat.TOKEN_PREFIX + FakeWeChat.MP_APP + "-"), used);
        assertEquals("SENT/1", status(mp));

        // 43101 (user refused): given up at once, no retry
        String refusing = "o-err-refuse-" + System.nanoTime();
        long h2 = OutboxTest.boundHousehold("o-err-mini2-" + System.nanoTime());
        bindMp(h2, refusing);
        fake.refusing.add(refusing);
        TestLedger.give(h2, 5, month());
        scanner.scan().await().atMost(WAIT);
        sender.sendDue().await().atMost(WAIT);
        assertEquals("FAILED/1", status(refusing));
        assertTrue(lastError(refusing).contains("43101"), lastError(refusing));
        makeDue(refusing);
        sender.sendDue().await().atMost(WAIT);
        assertEquals("FAILED/1", status(refusing), "not tried again");

        // HTTP 500: waits for its back-off, then goes out once
        String flaky = "o-err-500-" + System.nanoTime();
        long h3 = OutboxTest.boundHousehold("o-err-mini3-" + System.nanoTime());
        bindMp(h3, flaky);
        TestLedger.give(h3, 6, month());
        scanner.scan().await().atMost(WAIT);
        fake.fail500.put(FakeWeChat.BIZSEND, new AtomicInteger(1));
        sender.sendDue().await().atMost(WAIT);
        assertEquals("PENDING/1", status(flaky));
        assertEquals(0, messagesTo(flaky).size());
        makeDue(flaky);
        sender.sendDue().await().atMost(WAIT);
        assertEquals("SENT/2", status(flaky));
        assertEquals(1, messagesTo(flaky).size());
    }

    /** The same settings without the 公众号's app id (a replica that has only the mini-program). */
    static WeChatConfig withoutMp(WeChatConfig real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("appId") && method.getDeclaringClass() == WeChatConfig.class) {
                return Optional.empty();
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return method.invoke(real, args);
        };
        return (WeChatConfig) Proxy.newProxyInstance(WeChatConfig.class.getClassLoader(), new Class<?>[]{WeChatConfig.class}, handler);
    }
}
