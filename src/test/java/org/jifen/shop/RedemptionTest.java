package org.jifen.shop;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class RedemptionTest {

    record Setup(long village, String officer, String clerk, long household, String qrText, long goods) {
    }

    Setup setup(int points, int price, int stock) throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String clerk = Api.staff("CLERK", v);
        long h = Api.household(officer, v);
        if (points > 0) {
            TestLedger.give(h, points, Shop.thisMonth());
        }
        long g = Shop.goods(officer, v, "食用油", price);
        if (stock > 0) {
            Shop.purchase(officer, v, g, stock, Shop.today().plusDays(60));
        }
        return new Setup(v, officer, clerk, h, Shop.qrText(officer, h), g);
    }

    @Test
    void shouldRedeemGoodsAgainstPointsAndStock() throws Exception {
        Setup s = setup(100, 30, 5);
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 2)).post("/api/redemptions").then().statusCode(201)
                .body("id", notNullValue()).body("householdId", is((int) s.household))
                .body("totalPoints", is(60)).body("availableAfter", is(40));
        assertEquals(40, Shop.available(s.officer, s.household));
        assertEquals(3, Shop.stock(s.officer, s.village, s.goods));
        as(s.officer).get("/api/households/" + s.household + "/postings").then().statusCode(anyOf(is(200), is(404)));
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, points, month FROM posting WHERE household_id = " + s.household + " ORDER BY seq")) {
            assertTrue(rs.next());
            assertTrue(rs.next());
            assertEquals("REDEEM", rs.getString(1));
            assertEquals(-60, rs.getInt(2));
            assertEquals(Shop.thisMonth(), rs.getString(3));
        }
    }

    @Test
    void shouldRefuseRedemptionBeyondAvailablePoints() throws Exception {
        Setup s = setup(50, 30, 5);
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 2)).post("/api/redemptions").then().statusCode(409)
                .body("code", is("shop.insufficient-points"));
        assertEquals(50, Shop.available(s.officer, s.household));
        assertEquals(5, Shop.stock(s.officer, s.village, s.goods));
    }

    @Test
    void shouldRefuseRedemptionBeyondStock() throws Exception {
        Setup s = setup(500, 10, 3);
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 4)).post("/api/redemptions").then().statusCode(409)
                .body("code", is("shop.insufficient-stock"));
        long expired = Shop.goods(s.officer, s.village, "过期面包", 5);
        Shop.purchase(s.officer, s.village, expired, 10, Shop.today().minusDays(1));
        as(s.clerk).body(Shop.redemption(s.qrText, expired, 1)).post("/api/redemptions").then().statusCode(409)
                .body("code", is("shop.insufficient-stock"));
        assertEquals(500, Shop.available(s.officer, s.household));
    }

    @Test
    void shouldAnswerSameIdempotencyKeyOnceWithoutSecondDebit() throws Exception {
        Setup s = setup(100, 10, 10);
        Map<String, Object> body = Shop.redemption(s.qrText, s.goods, 1);
        int id = as(s.clerk).body(body).post("/api/redemptions").then().statusCode(201).extract().path("id");
        as(s.clerk).body(body).post("/api/redemptions").then().statusCode(200)
                .body("id", is(id)).body("totalPoints", is(10)).body("availableAfter", is(90));
        assertEquals(90, Shop.available(s.officer, s.household));
        assertEquals(9, Shop.stock(s.officer, s.village, s.goods));
    }

    @Test
    void shouldAnswerConcurrentDuplicatesWithTheFirstAnswer() throws Exception {
        Setup s = setup(100, 10, 10);
        String body = json(Shop.redemption(s.qrText, s.goods, 1));
        List<HttpResponse<String>> answers = fire(s.clerk, List.of(body, body, body, body, body, body, body, body));
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 201), () -> statuses(answers));
        assertEquals(1, answers.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(1, answers.stream().map(HttpResponse::body).map(b -> b.replaceAll(".*\"id\":(\\d+).*", "$1")).distinct().count());
        assertEquals(90, Shop.available(s.officer, s.household));
    }

    @Test
    void shouldListBadFieldsOfRedemptionRequest() throws Exception {
        Setup s = setup(100, 10, 10);
        as(s.clerk).body(Map.of("qrText", s.qrText, "items", List.of(Map.of("goodsId", s.goods, "quantity", 0))))
                .post("/api/redemptions").then().statusCode(400).body("code", is("request.invalid"))
                .body("fields", hasItems("items[0].quantity", "idempotencyKey"));
        as(Api.staff("REVIEWER", s.village)).body("{broken").post("/api/redemptions").then().statusCode(403);
        assertEquals(100, Shop.available(s.officer, s.household));
    }

    @Test
    void shouldRefuseCardOfAnotherVillage() throws Exception {
        Setup s = setup(100, 10, 10);
        Setup other = setup(100, 10, 10);
        as(s.clerk).body(Shop.redemption(other.qrText, s.goods, 1)).post("/api/redemptions").then().statusCode(403)
                .body("code", is("auth.forbidden"));
        as(s.clerk).get("/api/cards/scan?qrText=" + other.qrText).then().statusCode(403);
        assertEquals(100, Shop.available(other.officer, other.household));
    }

    @Test
    void shouldRefuseForgedAndRevokedCards() throws Exception {
        Setup s = setup(100, 10, 10);
        String forged = s.qrText.substring(0, s.qrText.length() - 2) + (s.qrText.endsWith("AA") ? "BB" : "AA");
        as(s.clerk).body(Shop.redemption(forged, s.goods, 1)).post("/api/redemptions").then().statusCode(400)
                .body("code", is("card.invalid"));
        as(s.clerk).body(Shop.redemption("https://evil.example/c/" + s.household + ".1.xxxxxxxxxxxxxxxx", s.goods, 1))
                .post("/api/redemptions").then().statusCode(400).body("code", is("card.invalid"));
        as(s.clerk).get("/api/cards/scan?qrText=" + s.qrText).then().statusCode(200)
                .body("householdId", is((int) s.household)).body("availablePoints", is(100));
        as(s.clerk).post("/api/households/" + s.household + "/card/reissue").then().statusCode(403);
        String fresh = as(s.officer).post("/api/households/" + s.household + "/card/reissue").then().statusCode(200)
                .body("cardVersion", is(2)).extract().path("qrText");
        assertNotEquals(s.qrText, fresh);
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 1)).post("/api/redemptions").then().statusCode(403)
                .body("code", is("card.revoked"));
        as(s.clerk).body(Shop.redemption(fresh, s.goods, 1)).post("/api/redemptions").then().statusCode(201);
    }

    @Test
    void shouldTakeStockFromEarliestExpiringBatchFirst() throws Exception {
        Setup s = setup(1000, 1, 0);
        long noExpiry = Shop.purchase(s.officer, s.village, s.goods, 5, null);
        long late = Shop.purchase(s.officer, s.village, s.goods, 5, Shop.today().plusDays(90));
        long soon = Shop.purchase(s.officer, s.village, s.goods, 2, Shop.today().plusDays(5));
        long soonToo = Shop.purchase(s.officer, s.village, s.goods, 2, Shop.today().plusDays(5));
        long expired = expiredBatch(s.village, s.goods, 4);
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 3)).post("/api/redemptions").then().statusCode(201);
        assertEquals(Map.of(noExpiry, 5, late, 5, soon, 0, soonToo, 1, expired, 4), remaining(noExpiry, late, soon, soonToo, expired));
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 6)).post("/api/redemptions").then().statusCode(201);
        assertEquals(Map.of(noExpiry, 5, late, 0, soon, 0, soonToo, 0, expired, 4), remaining(noExpiry, late, soon, soonToo, expired));
        as(s.officer).get("/api/villages/" + s.village + "/goods").then().statusCode(200)
                .body("find { it.id == " + s.goods + " }.stock", is(5));
        // the expired batch is never sold, even when the sellable stock runs short
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 6)).post("/api/redemptions").then().statusCode(409)
                .body("code", is("shop.insufficient-stock"));
        assertEquals(Map.of(noExpiry, 5, expired, 4), remaining(noExpiry, expired));
    }

    /** A batch received a month ago that expired yesterday, written straight into the database. */
    static long expiredBatch(long village, long goods, int quantity) throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("INSERT INTO batch (goods_id, village_id, quantity, remaining, expires_on, received_on) VALUES ("
                     + goods + ", " + village + ", " + quantity + ", " + quantity + ", '" + Shop.today().minusDays(1) + "', '"
                     + Shop.today().minusDays(30) + "') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldReverseRedemptionWithRefundAndStockBack() throws Exception {
        Setup s = setup(100, 15, 0);
        long soon = Shop.purchase(s.officer, s.village, s.goods, 1, Shop.today().plusDays(5));
        long later = Shop.purchase(s.officer, s.village, s.goods, 5, Shop.today().plusDays(50));
        int id = as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 2)).post("/api/redemptions").then().statusCode(201)
                .extract().path("id");
        as(s.clerk).body(Map.of("reason", "x")).post("/api/redemptions/" + id + "/reverse").then().statusCode(403);
        as(s.officer).body(Map.of("reason", " ")).post("/api/redemptions/" + id + "/reverse").then().statusCode(400);
        as(s.officer).body(Map.of("reason", "商品有质量问题")).post("/api/redemptions/" + id + "/reverse").then().statusCode(200)
                .body("refundedPoints", is(30)).body("availableAfter", is(100));
        as(s.officer).body(Map.of("reason", "again")).post("/api/redemptions/" + id + "/reverse").then().statusCode(409)
                .body("code", is("shop.already-reversed"));
        assertEquals(100, Shop.available(s.officer, s.household));
        assertEquals(Map.of(soon, 1, later, 5), remaining(soon, later));
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT p.type, p.points, p.month, r.type FROM posting p JOIN posting r ON r.id = p.reversal_of "
                     + "WHERE p.household_id = " + s.household)) {
            assertTrue(rs.next());
            assertEquals("REFUND", rs.getString(1));
            assertEquals(30, rs.getInt(2));
            assertEquals(Shop.thisMonth(), rs.getString(3));
            assertEquals("REDEEM", rs.getString(4));
        }
        Setup other = setup(10, 1, 1);
        as(other.officer).body(Map.of("reason", "not mine")).post("/api/redemptions/" + id + "/reverse").then().statusCode(403);
    }

    @Test
    void shouldRedeemOnlyOnRedemptionDaysWhenVillageSaysSo() throws Exception {
        Setup s = setup(100, 10, 10);
        as(s.officer).body(Map.of("redemptionDaysOnly", true)).put("/api/villages/" + s.village + "/shop-settings")
                .then().statusCode(200).body("redemptionDaysOnly", is(true));
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 1)).post("/api/redemptions").then().statusCode(409)
                .body("code", is("shop.not-redemption-day"));
        as(s.officer).body(Map.of("day", Shop.today().plusDays(1).toString())).post("/api/villages/" + s.village + "/redemption-days")
                .then().statusCode(201);
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 1)).post("/api/redemptions").then().statusCode(409)
                .body("code", is("shop.not-redemption-day"));
        int day = as(s.officer).body(Map.of("day", Shop.today().toString(), "title", "第四季度兑换日"))
                .post("/api/villages/" + s.village + "/redemption-days").then().statusCode(201).extract().path("id");
        as(s.clerk).body(Shop.redemption(s.qrText, s.goods, 2)).post("/api/redemptions").then().statusCode(201);
        RestAssured.given().header("Authorization", "Bearer " + s.officer).contentType("image/png").body("not a picture".getBytes())
                .post("/api/redemption-days/" + day + "/photos").then().statusCode(415).body("code", is("shop.photo-type"));
        byte[] png = RestAssured.given().header("Authorization", "Bearer " + s.officer).get("/api/households/" + s.household + "/card.png")
                .then().statusCode(200).extract().asByteArray();
        RestAssured.given().header("Authorization", "Bearer " + s.officer).contentType("image/jpeg").body(png)
                .post("/api/redemption-days/" + day + "/photos").then().statusCode(201);
        int photo = as(s.officer).get("/api/redemption-days/" + day).then().statusCode(200)
                .body("households", is(1)).body("points", is(20)).body("goods[0].quantity", is(2)).body("photoIds", hasSize(1))
                .extract().path("photoIds[0]");
        // stored as what its bytes are, whatever the upload claimed
        RestAssured.given().header("Authorization", "Bearer " + s.officer).get("/api/redemption-days/" + day + "/photos/" + photo)
                .then().statusCode(200).contentType("image/png");
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            var refused = assertThrows(java.sql.SQLException.class, () -> st.executeUpdate("DELETE FROM redemption_day_photo WHERE id = " + photo));
            assertTrue(refused.getMessage().contains("jifen:shop.evidence-immutable"), refused.getMessage());
        }
    }

    @Test
    void shouldRedeemExactlyAsOftenAsPointsAllowUnderConcurrency() throws Exception {
        Setup s = setup(100, 10, 1000);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bodies.add(json(Shop.redemption(s.qrText, s.goods, 1)));
        }
        List<HttpResponse<String>> answers = fire(s.clerk, bodies);
        assertEquals(10, answers.stream().filter(r -> r.statusCode() == 201).count(), () -> statuses(answers));
        assertEquals(40, answers.stream().filter(r -> r.statusCode() == 409 && r.body().contains("shop.insufficient-points")).count(),
                () -> statuses(answers));
        assertEquals(0, Shop.available(s.officer, s.household));
        assertEquals(990, Shop.stock(s.officer, s.village, s.goods));
    }

    @Test
    void shouldSellLastItemsOnceUnderConcurrency() throws Exception {
        Setup s = setup(0, 1, 7);
        List<String> bodies = new ArrayList<>();
        String officer = s.officer;
        for (int i = 0; i < 20; i++) {
            long h = Api.household(officer, s.village);
            TestLedger.give(h, 5, Shop.thisMonth());
            bodies.add(json(Shop.redemption(Shop.qrText(officer, h), s.goods, 1)));
        }
        List<HttpResponse<String>> answers = fire(s.clerk, bodies);
        assertEquals(7, answers.stream().filter(r -> r.statusCode() == 201).count(), () -> statuses(answers));
        assertEquals(13, answers.stream().filter(r -> r.statusCode() == 409 && r.body().contains("shop.insufficient-stock")).count());
        assertEquals(0, Shop.stock(officer, s.village, s.goods));
    }

    static Map<Long, Integer> remaining(long... batchIds) throws Exception {
        Map<Long, Integer> out = new HashMap<>();
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            for (long id : batchIds) {
                try (ResultSet rs = st.executeQuery("SELECT remaining FROM batch WHERE id = " + id)) {
                    rs.next();
                    out.put(id, rs.getInt(1));
                }
            }
        }
        return out;
    }

    static String json(Object o) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
    }

    static String statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString();
    }

    /** Sends all bodies at once to POST /api/redemptions and waits for every answer. */
    static List<HttpResponse<String>> fire(String token, List<String> bodies) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/redemptions");
        List<CompletableFuture<HttpResponse<String>>> calls = bodies.stream().map(b -> client.sendAsync(
                HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("X-Request-Id", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(b)).build(), HttpResponse.BodyHandlers.ofString())).toList();
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
