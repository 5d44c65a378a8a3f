package org.jifen.portal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;

@QuarkusTest
class PortalApiTest {

    static String thisMonth() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    static String login(long householdId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("qrText", PortalCardsFixture.qrText(householdId, 1), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(200).extract().path("token");
    }

    @Test
    void shouldLoginWithCardAndPhoneLast4AndSetLongLivedCookie() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        var response = given().contentType(ContentType.JSON)
                .body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(200)
                .body("token", not(emptyOrNullString()))
                .body("householdId", is((int) h))
                .extract();
        var cookie = response.detailedCookie("jifen_portal");
        org.junit.jupiter.api.Assertions.assertEquals(response.path("token"), cookie.getValue());
        org.junit.jupiter.api.Assertions.assertTrue(cookie.isHttpOnly());
        org.junit.jupiter.api.Assertions.assertTrue(cookie.getMaxAge() >= 30L * 86400);
        // the cookie alone is enough
        given().cookie("jifen_portal", cookie.getValue()).get("/api/portal/me").then().statusCode(200)
                .body("householdId", is((int) h));
        // so is the bare token instead of the card link
        given().contentType(ContentType.JSON)
                .body(Map.of("qrText", PortalCardsFixture.CARDS.sign(h, 1), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(200);
    }

    @Test
    void shouldRefuseWrongPhoneAndForgedCard() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        given().contentType(ContentType.JSON).body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", "8001"))
                .post("/api/portal/login").then().statusCode(401)
                .contentType("application/problem+json").body("code", is("auth.invalid-credentials"));
        String forged = PortalCardsFixture.qrText(h, 1);
        forged = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BB" : "AA");
        given().contentType(ContentType.JSON).body(Map.of("qrText", forged, "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(401).body("code", is("auth.invalid-credentials"));
        var other = new org.jifen.card.CardToken("another-key-of-another-town-0000".getBytes());
        given().contentType(ContentType.JSON).body(Map.of("qrText", other.sign(h, 1), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(401).body("code", is("auth.invalid-credentials"));
        given().contentType(ContentType.JSON).body(Map.of("qrText", "", "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(400);
    }

    @Test
    void shouldRefuseOldCardAfterReissue() throws Exception {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE household SET card_version = 2 WHERE id = " + h);
        }
        given().contentType(ContentType.JSON).body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(403).body("code", is("card.revoked"));
        given().contentType(ContentType.JSON).body(Map.of("qrText", PortalCardsFixture.qrText(h, 2), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(200);
    }

    @Test
    void shouldRateLimitGuessingPerCard() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        for (String guess : new String[]{"0000", "1111", "2222", "3333", "4444"}) {
            given().contentType(ContentType.JSON).body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", guess))
                    .post("/api/portal/login").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(429).body("code", is("auth.rate-limited"));
        // another household's card is not affected
        long other = Api.household(Api.staff("OFFICER", v), v);
        login(other);
    }

    @Test
    void shouldShowBalanceRankStarsAndNewestPostings() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long top = Api.household(officer, v);
        long tie1 = Api.household(officer, v);
        long tie2 = Api.household(officer, v);
        long low = Api.household(officer, v);
        String month = thisMonth();
        TestLedger.give(top, 320, month);
        TestLedger.give(tie1, 120, month);
        TestLedger.give(tie1, 130, month);
        TestLedger.give(tie2, 250, month);
        TestLedger.give(low, 10, month);
        // another village's household with more points does not count
        long elsewhere = Api.village();
        TestLedger.give(Api.household(Api.staff("OFFICER", elsewhere), elsewhere), 999, month);

        as(login(tie1)).get("/api/portal/me").then().statusCode(200)
                .body("householdId", is((int) tie1))
                .body("number", not(emptyOrNullString()))
                .body("headName", startsWith("张三"))
                .body("villageName", startsWith("测试村"))
                .body("availablePoints", is(250))
                .body("earnedThisYear", is(250))
                .body("rankThisYear", is(2))
                .body("stars", is(4))
                .body("postings", hasSize(2))
                .body("postings[0].points", is(130))
                .body("postings[0].type", is("ADJUST"))
                .body("postings[0].month", is(month))
                .body("postings[0].reason", is("test fixture"))
                .body("postings[0].id", greaterThan(0))
                .body("postings[1].points", is(120));
        as(login(tie2)).get("/api/portal/me").then().body("rankThisYear", is(2)).body("stars", is(4));
        as(login(top)).get("/api/portal/me").then().body("rankThisYear", is(1)).body("stars", is(5));
        as(login(low)).get("/api/portal/me").then().body("rankThisYear", is(4)).body("stars", is(0));
        long none = Api.household(officer, v);
        as(login(none)).get("/api/portal/me").then().body("rankThisYear", is(5)).body("availablePoints", is(0))
                .body("postings", hasSize(0));
    }


    @Test
    void shouldListOnlyTheNewestPostingsUpToMePostings() throws Exception {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        for (int i = 1; i <= 32; i++) {   // jifen.portal.me-postings is 30
            TestLedger.give(h, i, thisMonth());
        }
        String token = login(h);
        as(token).get("/api/portal/me").then().statusCode(200)
                .body("availablePoints", is(32 * 33 / 2))
                .body("postings", hasSize(30))
                .body("postings[0].points", is(32))
                .body("postings[29].points", is(3));
        // the history lists them all; the home page reads the same figures without the postings
        as(token).get("/api/portal/history").then().statusCode(200).body("postings.flatten()", hasSize(32));
        given().cookie("jifen_portal", token).get("/portal").then().statusCode(200).body(containsString("528"));
    }

    @Test
    void shouldRankTopTenOfVillageWithTies() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String month = thisMonth();
        long me = 0;
        for (int i = 0; i < 12; i++) {
            long h = Api.household(officer, v);
            TestLedger.give(h, i == 3 ? 100 : 10 + i, month);
            if (i == 0) {
                me = h;
            }
        }
        as(login(me)).get("/api/portal/ranking?period=month").then().statusCode(200)
                .body("top", hasSize(10))
                .body("top[0].points", is(100))
                .body("top[0].rank", is(1))
                .body("myRank", is(12))
                .body("myPoints", is(10))
                .body("period", is(month));
        as(login(me)).get("/api/portal/ranking?period=quarter").then().statusCode(200).body("top", hasSize(10));
        as(login(me)).get("/api/portal/ranking").then().statusCode(200).body("scope", is("year"));
        as(login(me)).get("/api/portal/ranking?period=decade").then().statusCode(400);
    }

    @Test
    void shouldNeverShowAnotherHouseholdsData() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long a = Api.household(officer, v);
        long b = Api.household(officer, v);
        TestLedger.give(a, 11, thisMonth());
        TestLedger.give(b, 22, thisMonth());
        String tokenA = login(a);
        as(tokenA).get("/api/portal/me").then().body("householdId", is((int) a)).body("availablePoints", is(11))
                .body("postings.points", everyItem(is(11)));
        as(tokenA).get("/api/portal/history").then().statusCode(200).body("postings.flatten().points", everyItem(is(11)));
        // the staff API of the other household (and of its own) is closed to a portal session
        as(tokenA).get("/api/households/" + b).then().statusCode(403).body("code", is("auth.forbidden"));
        as(tokenA).get("/api/households/" + a).then().statusCode(403);
        as(tokenA).get("/api/villages").then().statusCode(403);
        // another household's WeChat binding cannot be removed
        long bindingOfB;
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("INSERT INTO wechat_binding (household_id, app_kind, openid) VALUES (" + b + ", 'MP', 'o-b-" + b + "') RETURNING id");
            rs.next();
            bindingOfB = rs.getLong(1);
        }
        as(tokenA).delete("/api/portal/wechat/bindings/" + bindingOfB).then().statusCode(404);
        as(tokenA).get("/api/portal/wechat/bindings").then().statusCode(200).body("$", hasSize(0));
        as(login(b)).get("/api/portal/wechat/bindings").then().statusCode(200).body("$", hasSize(1));
        // staff are not households
        as(officer).get("/api/portal/me").then().statusCode(403);
        given().get("/api/portal/me").then().statusCode(401);
    }

    @Test
    void shouldLogOut() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        String token = login(h);
        as(token).post("/api/portal/logout").then().statusCode(204);
        as(token).get("/api/portal/me").then().statusCode(401);
    }

    @Test
    void shouldKeepReportedDeedWithPhotoForOwnVillageStaffOnly() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String token = login(h);
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        given().redirects().follow(false).cookie("jifen_portal", token)
                .multiPart(new io.restassured.builder.MultiPartSpecBuilder("帮五保户老人挑水").controlName("description")
                        .charset(java.nio.charset.StandardCharsets.UTF_8).build())
                .multiPart("occurredOn", "2026-03-05")
                .multiPart("photo", "deed.png", png, "image/png")
                .post("/portal/report").then().statusCode(303);
        given().redirects().follow(false).cookie("jifen_portal", token)
                .multiPart("description", "不是照片").multiPart("photo", "x.png", "hello".getBytes(), "image/png")
                .post("/portal/report").then().statusCode(400);
        given().cookie("jifen_portal", token).get("/portal/report").then().statusCode(200)
                .body(containsString("帮五保户老人挑水")).body(containsString("待核实"));
        Number id = as(officer).get("/api/villages/" + v + "/deed-reports").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].status", is("PENDING")).body("[0].householdId", is((int) h))
                .body("[0].photoSha256", is(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(png))))
                .extract().path("[0].id");
        byte[] back = as(officer).get("/api/deed-reports/" + id + "/photo").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(png, back);
        long other = Api.village();
        as(Api.staff("OFFICER", other)).get("/api/deed-reports/" + id + "/photo").then().statusCode(403);
        as(token).get("/api/villages/" + v + "/deed-reports").then().statusCode(403);
    }
}
