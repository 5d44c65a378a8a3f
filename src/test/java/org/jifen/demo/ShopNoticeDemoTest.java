package org.jifen.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the points, shop and notice demo steps on a village of its own, in order and in one transaction like DemoData. */
@QuarkusTest
class ShopNoticeDemoTest {

    @Inject
    PointsDemo points;

    @Inject
    ShopDemo shop;

    @Inject
    NoticeDemo notice;

    @Inject
    Pool pool;

    @Test
    void shouldRedeemThroughTheRealPathAndPublishANoticeWithAnAnsweredObjection() throws Throwable {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        Api.staff("SECRETARY", v);
        for (int i = 0; i < 20; i++) {
            Api.household(officer, v);
        }
        long townId = longOf("SELECT town_id FROM village WHERE id = " + v);
        DemoContext context = new DemoContext(townId);
        context.villageIds.add(v);
        List<DemoStep> steps = List.of(notice, points, shop).stream().sorted(java.util.Comparator.comparingInt(DemoStep::order)).toList();
        VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(tx -> {
            var chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (DemoStep step : steps) {
                chain = chain.call(() -> step.load(tx, context));
            }
            return chain;
        }));

        // redemptions: about ten, over a few households, with the demo keys
        assertTrue(longOf("SELECT count(*) FROM redemption WHERE village_id = " + v) >= 8, "redemptions");
        assertTrue(longOf("SELECT count(DISTINCT household_id) FROM redemption WHERE village_id = " + v) >= 3, "households");
        assertEquals(0, longOf("SELECT count(*) FROM redemption WHERE village_id = " + v + " AND idempotency_key NOT LIKE 'demo-%'"));
        assertEquals(0, longOf("SELECT count(*) FROM redemption r JOIN month_close c ON c.village_id = r.village_id AND c.month = r.month"
                + " WHERE r.village_id = " + v), "no redemption in a closed month");
        assertEquals(0, longOf("SELECT count(*) FROM account a WHERE a.household_id IN (SELECT household_id FROM redemption WHERE village_id = "
                + v + ") AND a.available < 0"), "balances of redeeming households stay >= 0");
        // stock: what left the batches is what the standing redemptions took
        assertEquals(longOf("SELECT coalesce(sum(i.quantity), 0) FROM redemption_item i JOIN redemption r ON r.id = i.redemption_id"
                        + " WHERE r.village_id = " + v + " AND r.reversed_at IS NULL"),
                longOf("SELECT sum(quantity - remaining) FROM batch WHERE village_id = " + v));
        long day = longOf("SELECT id FROM redemption_day WHERE village_id = " + v + " AND title LIKE '%月积分兑换日'");
        as(Api.admin()).get("/api/redemption-days/" + day).then().statusCode(200)
                .body("households", is((int) longOf("SELECT count(DISTINCT household_id) FROM redemption WHERE village_id = " + v)));
        String redeemer = stringOf("SELECT h.head_name FROM redemption r JOIN household h ON h.id = r.household_id WHERE r.village_id = " + v
                + " ORDER BY r.id LIMIT 1");
        given().header("Authorization", "Bearer " + Api.admin()).accept("text/html").get("/villages/" + v + "/redemptions")
                .then().statusCode(200).body(containsString(redeemer));
        Boolean ok = as(Api.admin()).get("/api/villages/" + v + "/ledger/verify").then().statusCode(200).extract().path("ok");
        assertTrue(ok, "ledger verifies");
        assertEquals(0, longOf("""
                SELECT count(*) FROM account a WHERE a.village_id = %d
                AND a.available <> (SELECT coalesce(sum(points), 0) FROM posting p WHERE p.household_id = a.household_id)""".formatted(v)));

        // notice: published for the last full quarter, period running today, one answered objection
        long noticeId = longOf("SELECT id FROM notice WHERE village_id = " + v + " AND status = 'PUBLISHED'"
                + " AND notice_from <= DATE '" + Shop.today() + "' AND notice_to >= DATE '" + Shop.today() + "'");  // China's today
        assertEquals(1, longOf("SELECT count(*) FROM objection WHERE notice_id = " + noticeId + " AND answered_at IS NOT NULL"));
        String head = stringOf("SELECT head_name FROM notice_row WHERE notice_id = " + noticeId + " ORDER BY position LIMIT 1");
        assertNotNull(head);
        given().accept("text/html").get("/notices/" + noticeId).then().statusCode(200).body(containsString(head))
                .body(containsString("经核对登记记录"));
    }

    private static long longOf(String sql) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "a row for " + sql);
            return rs.getLong(1);
        }
    }

    private static String stringOf(String sql) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "a row for " + sql);
            return rs.getString(1);
        }
    }
}
