package org.jifen.wechat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.jifen.portal.PortalLogins;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.jifen.wechat.FakeWeChatResource.InjectFakeWeChat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Postings become subscribe messages through the outbox; failures retry later; nothing is sent twice. */
@QuarkusTest
class OutboxTest {

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
    io.vertx.mutiny.sqlclient.Pool pool;

    /** A household with a mini-program user bound to it. */
    static long boundHousehold(String openid) {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        PortalLogins.bindMini(h, openid);
        return h;
    }

    static String month() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    long sentTo(String openid) {
        return fake.sent.stream().filter(m -> openid.equals(m.getString("touser"))).count();
    }

    static void makeDue(String openid) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.prepareStatement("UPDATE wechat_outbox SET next_attempt_at = now() WHERE openid = ? AND status = 'PENDING'")) {
            s.setString(1, openid);
            s.executeUpdate();
        }
    }

    static String status(String openid) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.prepareStatement("SELECT string_agg(status || '/' || attempts, ',' ORDER BY id) FROM wechat_outbox WHERE openid = ?")) {
            s.setString(1, openid);
            var rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void shouldMessageBoundUsersAboutNewPostingsAndRetryAfterFailureWithoutDoubleSend() throws Exception {
        String openid = "o-out-" + System.nanoTime();
        long h = boundHousehold(openid);
        TestLedger.give(h, 15, month());
        assertEquals(1, scanner.scan().await().atMost(WAIT));
        assertEquals(0, scanner.scan().await().atMost(WAIT), "a posting is queued once");

        fake.fail500.put("/cgi-bin/message/subscribe/send", new AtomicInteger(1));
        sender.sendDue().await().atMost(WAIT);
        assertEquals(0, sentTo(openid));
        assertEquals("PENDING/1", status(openid), "failed once, waits for its back-off");
        sender.sendDue().await().atMost(WAIT);
        assertEquals(0, sentTo(openid), "not due yet");

        makeDue(openid);
        sender.sendDue().await().atMost(WAIT);
        assertEquals(1, sentTo(openid));
        assertEquals("SENT/2", status(openid));
        makeDue(openid);
        sender.sendDue().await().atMost(WAIT);
        assertEquals(1, sentTo(openid), "sent exactly once");

        JsonObject message = fake.sent.stream().filter(m -> openid.equals(m.getString("touser"))).findFirst().orElseThrow();
        assertEquals("tpl-points", message.getString("template_id"));
        assertEquals("+15", message.getJsonObject("data").getJsonObject("character_string2").getString("value"));
        assertEquals(15, message.getJsonObject("data").getJsonObject("number3").getInteger("value"));
        assertEquals("积分调整", message.getJsonObject("data").getJsonObject("thing1").getString("value"));
    }

    @Test
    void shouldSendEachMessageOnceWithTwoSendersRacing() throws Exception {
        String openid = "o-race-" + System.nanoTime();
        long h = boundHousehold(openid);
        for (int i = 1; i <= 6; i++) {
            TestLedger.give(h, i, month());
        }
        assertEquals(6, scanner.scan().await().atMost(WAIT));
        fake.slow.put("/cgi-bin/message/subscribe/send", new AtomicInteger(0));
        List<OutboxSender.Result> results = Uni.join().all(List.of(sender.sendDue(), sender.sendDue(), sender.sendDue()))
                .andFailFast().await().atMost(WAIT);
        assertNotNull(results);
        sender.sendDue().await().atMost(WAIT);
        assertEquals(6, sentTo(openid), "each of the 6 messages exactly once");
        assertEquals("SENT/1,SENT/1,SENT/1,SENT/1,SENT/1,SENT/1", status(openid));
    }

    @Test
    void shouldGiveUpOnUserWhoRefusedMessagesWithoutRetrying() throws Exception {
        String openid = "o-refuse-" + System.nanoTime();
        long h = boundHousehold(openid);
        fake.refusing.add(openid);
        TestLedger.give(h, 5, month());
        scanner.scan().await().atMost(WAIT);
        sender.sendDue().await().atMost(WAIT);
        assertEquals("FAILED/1", status(openid));
    }

    @Test
    void shouldKeepPostingWorkGoingWhileWeChatIsDown() throws Exception {
        String openid = "o-down-" + System.nanoTime();
        long h = boundHousehold(openid);
        fake.slow.put("/cgi-bin/message/subscribe/send", new AtomicInteger(100));
        try {
            TestLedger.give(h, 7, month());
            scanner.scan().await().atMost(WAIT);
            TestLedger.give(h, 8, month());
            assertEquals(2, scanner.scan().await().atMost(WAIT) + 1, "the second posting queued too");
            sender.sendDue().await().atMost(WAIT);
            assertTrue(status(openid).startsWith("PENDING/1"), status(openid));
        } finally {
            fake.slow.get("/cgi-bin/message/subscribe/send").set(0);
        }
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT available FROM account WHERE household_id = " + h);
            rs.next();
            assertEquals(15, rs.getInt(1), "points were posted regardless of WeChat");
        }
    }

    @Test
    void shouldQueueThroughPublicOutboxApiOncePerKeyAndRollBackWithTheCaller() throws Exception {
        String openid = "o-api-" + System.nanoTime();
        long h = boundHousehold(openid);
        Map<String, Object> data = Map.of("thing1", Map.of("value", "兑换日快到了"));
        assertEquals(1, pool.withTransaction(tx -> outbox.enqueue(tx, h, "redemption-day", MessageRoutes.Template.ANNOUNCEMENT, data, "day:" + h))
                .await().atMost(WAIT));
        assertEquals(0, pool.withTransaction(tx -> outbox.enqueue(tx, h, "redemption-day", MessageRoutes.Template.ANNOUNCEMENT, data, "day:" + h))
                .await().atMost(WAIT), "same key again: nothing more");
        assertThrows(RuntimeException.class, () -> pool.withTransaction(tx -> outbox.enqueue(tx, h, "x", MessageRoutes.Template.ANNOUNCEMENT, data, "rolled:" + h)
                .flatMap(n -> Uni.createFrom().failure(new IllegalStateException("caller failed")))).await().atMost(WAIT));
        assertEquals("PENDING/0", status(openid), "the rolled back message is gone with its transaction");
        sender.sendDue().await().atMost(WAIT);
        assertEquals(1, sentTo(openid));
        assertEquals("兑换日快到了", fake.sent.stream().filter(m -> openid.equals(m.getString("touser"))).findFirst().orElseThrow()
                .getJsonObject("data").getJsonObject("thing1").getString("value"));
    }
}
