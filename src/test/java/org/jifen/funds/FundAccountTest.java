package org.jifen.funds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fund receipts, reversals and the yearly fund account, in fen, over HTTP. */
@QuarkusTest
class FundAccountTest {

    static long receive(String token, long v, String source, long cents, String on) {
        Number id = as(token).body(Map.of("source", source, "amountCents", cents, "receivedOn", on, "note", "测试"))
                .post("/api/villages/" + v + "/funds").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    static long goods(String officer, long v) {
        Number id = as(officer).body(Map.of("name", "大米", "unit", "袋", "pointsPrice", 10, "category", "粮油"))
                .post("/api/villages/" + v + "/goods").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    static long purchase(String officer, long v, long goodsId, int quantity, int unitCostCents, String on) {
        Number id = as(officer).body(Map.of("supplier", "供销社", "purchasedOn", on,
                        "items", List.of(Map.of("goodsId", goodsId, "quantity", quantity, "unitCostCents", unitCostCents))))
                .post("/api/villages/" + v + "/purchases").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    static Map<String, Object> account(String token, long v, int year) {
        return as(token).get("/api/villages/" + v + "/years/" + year + "/fund-account").then().statusCode(200).extract().path("");
    }

    static long n(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void shouldCarryTheBalanceOverTwoYearsAndCountAReversingReceipt() {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        String officer = Api.staff("OFFICER", v);
        long rice = goods(officer, v);

        receive(secretary, v, "上级拨款", 1_000_000, "2024-03-02");      // 10,000.00 yuan
        purchase(officer, v, rice, 100, 4_550, "2024-05-10");             // 4,550.00
        long wrong = receive(officer, v, "社会捐赠", 200_001, "2025-01-15");
        receive(secretary, v, "村集体", 300_000, "2025-06-01");
        purchase(officer, v, rice, 20, 3_333, "2025-07-01");              // 666.60
        purchase(officer, v, rice, 1, 1, "2025-12-31");                   // 0.01

        Map<String, Object> y2024 = account(secretary, v, 2024);
        assertEquals(0, n(y2024, "carriedOverCents"));
        assertEquals(1_000_000, n(y2024, "receivedCents"));
        assertEquals(455_000, n(y2024, "spentCents"));
        assertEquals(545_000, n(y2024, "balanceCents"));
        assertEquals(0, n(y2024, "pointsOutstanding"));

        // the 2025 donation was recorded one fen too high: reversed (today) and received anew (dated 2025)
        Number reversal = as(secretary).body(Map.of("reason", "金额登记错误，应为 2000.00 元"))
                .post("/api/fund-receipts/" + wrong + "/reverse").then().statusCode(201).extract().path("id");
        receive(secretary, v, "社会捐赠", 200_000, "2025-01-15");
        as(secretary).body(Map.of("reason", "再冲一次")).post("/api/fund-receipts/" + wrong + "/reverse")
                .then().statusCode(409).body("code", is("funds.already-reversed"));
        as(secretary).body(Map.of("reason", "冲销的冲销")).post("/api/fund-receipts/" + reversal + "/reverse")
                .then().statusCode(409).body("code", is("funds.is-reversal"));

        int thisYear = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        Map<String, Object> y2025 = account(secretary, v, 2025);
        assertEquals(545_000, n(y2025, "carriedOverCents"));
        long received2025 = 200_001 + 300_000 + 200_000 + (thisYear == 2025 ? -200_001 : 0);
        assertEquals(received2025, n(y2025, "receivedCents"));
        assertEquals(66_660 + 1, n(y2025, "spentCents"));
        assertEquals(545_000 + received2025 - 66_661, n(y2025, "balanceCents"));
        // all 121 bags still on hand at cost: 100 × 45.50 + 20 × 33.33 + 1 × 0.01
        assertEquals(455_000 + 66_660 + 1, n(y2025, "stockValueCents"));

        // this year: the reversal falls here (dated the day it was made), so the account balances over all years
        Map<String, Object> now = account(secretary, v, thisYear);
        long allReceived = 1_000_000 + 200_001 + 300_000 + 200_000 - 200_001;
        long allSpent = 455_000 + 66_661;
        assertEquals(allReceived - allSpent, n(now, "balanceCents"));
        if (thisYear > 2025) {
            assertEquals(-200_001, n(now, "receivedCents"));
            assertEquals(545_000 + 700_001 - 66_661, n(now, "carriedOverCents"));
        }

        List<Map<String, Object>> list = as(officer).get("/api/villages/" + v + "/funds?year=2025").then().statusCode(200).extract().path("");
        Map<String, Object> first = list.get(0);
        assertEquals(wrong, ((Number) first.get("id")).longValue());
        assertEquals(reversal.longValue(), ((Number) first.get("reversedBy")).longValue());
    }

    @Test
    void shouldCountPointsOutstandingAsTheShopsLiability() throws Exception {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        long h1 = Api.household(secretary, v);
        long h2 = Api.household(secretary, v);
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        org.jifen.support.TestLedger.give(h1, 120, month);
        org.jifen.support.TestLedger.give(h2, 30, month);
        int year = Integer.parseInt(month.substring(0, 4));
        assertEquals(150, n(account(secretary, v, year), "pointsOutstanding"));
        assertEquals(0, n(account(secretary, v, year - 1), "pointsOutstanding"));
    }

    @Test
    void shouldRefuseAZeroOrNegativeAmountWithItsField() {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        for (Object amount : List.of(0, -5)) {
            as(secretary).body(Map.of("source", "上级拨款", "amountCents", amount, "receivedOn", "2025-01-01"))
                    .post("/api/villages/" + v + "/funds").then().statusCode(400)
                    .contentType(containsString("problem+json")).body("fields", hasItem("amountCents"));
        }
        var body = new HashMap<String, Object>(Map.of("source", "", "amountCents", 10));
        as(secretary).body(body).post("/api/villages/" + v + "/funds").then().statusCode(400).body("fields", hasItem("source"));
        as(secretary).body("{\"source\":\"x\",\"amountCents\":\"abc\"}").post("/api/villages/" + v + "/funds").then().statusCode(400);
        as(secretary).body("{}").post("/api/villages/" + v + "/funds").then().statusCode(400);
        as(secretary).get("/api/villages/" + v + "/years/99999/fund-account").then().statusCode(400);
        as(secretary).get("/api/villages/abc/years/2025/fund-account").then().statusCode(404);
    }

    @Test
    void shouldKeepOtherVillagesAndOtherRolesOut() {
        long v = Api.village();
        long other = Api.village();
        String otherOfficer = Api.staff("OFFICER", other);
        String clerk = Api.staff("CLERK", v);
        String inspector = Api.staff("INSPECTOR", null);
        long id = receive(Api.staff("SECRETARY", v), v, "上级拨款", 100, "2025-02-02");
        // scope and role before the body: a bad body still gets 403
        as(otherOfficer).body(Map.of("amountCents", -1)).post("/api/villages/" + v + "/funds").then().statusCode(403);
        as(otherOfficer).get("/api/villages/" + v + "/years/2025/fund-account").then().statusCode(403);
        as(otherOfficer).body(Map.of("reason", "x")).post("/api/fund-receipts/" + id + "/reverse").then().statusCode(403);
        as(clerk).body(Map.of("source", "x", "amountCents", 1)).post("/api/villages/" + v + "/funds").then().statusCode(403);
        as(clerk).get("/api/villages/" + v + "/years/2025/fund-account").then().statusCode(200);
        as(inspector).body(Map.of("source", "x", "amountCents", 1)).post("/api/villages/" + v + "/funds").then().statusCode(403);
        as(inspector).get("/api/villages/" + v + "/years/2025/fund-account").then().statusCode(200).body("receivedCents", is(100));
        io.restassured.RestAssured.given().contentType(ContentType.JSON).get("/api/villages/" + v + "/years/2025/fund-account")
                .then().statusCode(401);
    }
}
