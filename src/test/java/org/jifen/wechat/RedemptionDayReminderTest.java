package org.jifen.wechat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.jifen.wechat.FakeWeChatResource.InjectFakeWeChat;
import org.jifen.shop.RedemptionDayReminder;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A coming redemption day becomes one WeChat message per bound household of that village, once. */
@QuarkusTest
class RedemptionDayReminderTest {

    @Inject
    RedemptionDayReminder reminder;

    @Inject
    OutboxSender sender;

    @InjectFakeWeChat
    FakeWeChat fake;

    static long villageOf(long householdId) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.prepareStatement("SELECT village_id FROM household WHERE id = ?")) {
            s.setLong(1, householdId);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static long queued(long householdId) throws Exception {
        try (var c = TestDatabase.connect();
             var s = c.prepareStatement("SELECT count(*) FROM wechat_outbox WHERE household_id = ? AND kind = 'redemption-day'")) {
            s.setLong(1, householdId);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldRemindBoundHouseholdsOfAComingRedemptionDayOnce() throws Throwable {
        long soon = OutboxTest.boundHousehold("remind-soon");
        long later = OutboxTest.boundHousehold("remind-later");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        as(Api.admin()).body(Map.of("day", today.plusDays(1).toString(), "title", "第四季度兑换日"))
                .post("/api/villages/" + villageOf(soon) + "/redemption-days").then().statusCode(201);
        as(Api.admin()).body(Map.of("day", today.plusDays(10).toString(), "title", "下月兑换日"))
                .post("/api/villages/" + villageOf(later) + "/redemption-days").then().statusCode(201);

        VertxContextSupport.subscribeAndAwait(() -> reminder.remind(today));
        VertxContextSupport.subscribeAndAwait(() -> reminder.remind(today));

        assertEquals(1, queued(soon), "one reminder for the household whose village redeems tomorrow");
        assertEquals(0, queued(later), "no reminder ten days ahead");

        // and it goes out with its template data (it was once queued as one JSON string the sender could not read)
        VertxContextSupport.subscribeAndAwait(() -> sender.sendDue());
        var sent = fake.messages.stream().filter(m -> "remind-soon".equals(m.touser())).toList();
        assertEquals(1, sent.size());
        assertEquals("第四季度兑换日", sent.get(0).body().getJsonObject("data").getJsonObject("thing1").getString("value"));
    }
}
