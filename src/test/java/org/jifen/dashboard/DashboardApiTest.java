package org.jifen.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.jifen.support.TestLedger.post;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The town dashboard over HTTP: each village's figures are what the test put in (postings in closed and open months,
 * redemptions and refunds, stock, funds, stars, 整改), and a closed month's kept figures equal a recount of its postings.
 */
@QuarkusTest
class DashboardApiTest {

    /** A whole past year, so every quarter and month has begun and the shown participation is Q4's. */
    static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;

    static String m(int month) {
        return String.format("%d-%02d", YEAR, month);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> villageOf(Map<String, Object> dashboard, long villageId) {
        return ((List<Map<String, Object>>) dashboard.get("villages")).stream()
                .filter(v -> ((Number) v.get("villageId")).longValue() == villageId).findFirst()
                .orElseThrow(() -> new AssertionError("village " + villageId + " not on the dashboard"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> monthOf(Map<String, Object> village, String month) {
        return ((List<Map<String, Object>>) village.get("perMonth")).stream().filter(x -> month.equals(x.get("month")))
                .findFirst().orElseThrow();
    }

    static long n(Object o) {
        return ((Number) o).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowEachVillagesFiguresAsTheyWerePutIn() throws Exception {
        long a = Api.village(), b = Api.village();
        String officerA = Api.staff("OFFICER", a), officerB = Api.staff("OFFICER", b);
        long a1 = Api.household(officerA, a), a2 = Api.household(officerA, a), a3 = Api.household(officerA, a);
        long b1 = Api.household(officerB, b);
        Api.household(officerB, b); // a second household that earns nothing

        // village A: January closed (an award, a deduction, a redemption partly refunded), February open, November closed
        post(a1, "ADJUST", 10, m(1));
        post(a2, "ADJUST", -2, m(1));
        post(a1, "REDEEM", -4, m(1));
        post(a1, "REFUND", 1, m(1));
        TestMonths.close(a, m(1));
        post(a3, "EARN", 7, m(2));
        post(a1, "REDEEM", -2, m(2));
        post(a1, "ADJUST", 3, m(11));
        post(a2, "BONUS", 4, m(11));
        TestMonths.close(a, m(11));
        // village B: one household reaches four stars in March (closed), the other earns nothing
        post(b1, "ADJUST", 260, m(3));
        TestMonths.close(b, m(3));

        // stock (6 × 7 points, 2.50 yuan each, bought today), a fund receipt in the year, a 整改 item for A
        long goods = Shop.goods(officerA, a, "香皂", 7);
        Shop.purchase(officerA, a, goods, 6, null);
        as(officerA).body(Map.of("source", "镇财政拨款", "amountCents", 123456, "receivedOn", YEAR + "-06-01"))
                .post("/api/villages/" + a + "/funds").then().statusCode(201);
        String inspector = Api.staff("INSPECTOR", null);
        long check = n(as(inspector).body(Map.of("from", YEAR + "-01-01", "to", YEAR + "-12-31", "size", 1))
                .post("/api/villages/" + a + "/spot-checks").then().statusCode(201).extract().path("id"));
        long sampled = n(as(inspector).get("/api/spot-checks/" + check).then().statusCode(200)
                .extract().path("spotCheck.households[0].householdId"));
        as(inspector).body(Map.of("householdId", sampled, "matches", false, "note", "不符"))
                .post("/api/spot-checks/" + check + "/results").then().statusCode(201);

        Map<String, Object> d = as(inspector).get("/api/town/dashboard?year=" + YEAR).then().statusCode(200).extract().path("");
        assertEquals(YEAR, n(d.get("year")));
        assertEquals(YEAR + "-Q4", d.get("quarter"));

        Map<String, Object> va = villageOf(d, a);
        assertEquals(3, n(va.get("households")));
        assertEquals(2, n(va.get("participants")), "a1 and a2 earned in Q4");
        assertEquals(0.6667, ((Number) va.get("participation")).doubleValue(), 1e-6);
        assertEquals(10 - 2 + 7 + 3 + 4, n(va.get("pointsIssued")));
        assertEquals(2, n(va.get("pointsDeducted")));
        assertEquals(4 - 1 + 2, n(va.get("pointsRedeemed")));
        assertEquals(12, ((List<?>) va.get("perMonth")).size());
        Map<String, Object> jan = monthOf(va, m(1));
        assertEquals(List.of(8L, 2L, 3L, 1L, true), List.of(n(jan.get("issued")), n(jan.get("deducted")), n(jan.get("redeemed")),
                n(jan.get("earners")), jan.get("closed")));
        Map<String, Object> feb = monthOf(va, m(2));
        assertEquals(List.of(7L, 2L, false), List.of(n(feb.get("issued")), n(feb.get("redeemed")), feb.get("closed")),
                "an open month is counted live");
        assertEquals(List.of(7L, 2L, true), List.of(n(monthOf(va, m(11)).get("issued")), n(monthOf(va, m(11)).get("earners")),
                monthOf(va, m(11)).get("closed")));
        assertEquals(0, n(monthOf(va, m(5)).get("issued")));
        assertEquals(42, n(va.get("stockValue")));
        assertEquals(1500, n(va.get("stockCostCents")));
        assertEquals(123456, n(va.get("fundBalanceCents")));
        long accountBalance = n(as(inspector).get("/api/villages/" + a + "/years/" + YEAR + "/fund-account").then().statusCode(200)
                .extract().path("balanceCents"));
        assertEquals(accountBalance, n(va.get("fundBalanceCents")), "the funds page's balance at the end of the year");
        assertEquals(1, n(va.get("openRectifications")));
        List<Map<String, Object>> gaps = as(inspector).get("/api/villages/" + a + "/years/" + YEAR + "/completeness").then()
                .statusCode(200).extract().path("gaps");
        Map<String, Object> ledger = (Map<String, Object>) va.get("ledgerCompleteness");
        assertEquals(gaps.size(), n(ledger.get("gaps")), "the ledger book's own check");
        assertTrue(gaps.size() >= 10, "ten months of the year are not closed");
        assertEquals(10, n(((Map<String, Object>) ledger.get("byKind")).get("month-not-closed")));
        assertEquals(false, ledger.get("complete"));
        assertEquals("/villages/" + a + "/years/" + YEAR + "/completeness", ledger.get("evidence"));
        for (Map<String, Object> f : (List<Map<String, Object>>) va.get("flags")) {
            assertNotNull(f.get("kind"));
            assertNotNull(f.get("detail"));
        }

        Map<String, Object> vb = villageOf(d, b);
        assertEquals(List.of(2L, 0L, 0.0), List.of(n(vb.get("households")), n(vb.get("participants")),
                ((Number) vb.get("participation")).doubleValue()));
        assertEquals(260, n(vb.get("pointsIssued")));
        assertEquals(0, n(vb.get("pointsRedeemed")));
        int stars = as(inspector).get("/api/town/years/" + YEAR + "/ratings").then().statusCode(200).extract()
                .path("find { it.householdId == " + b1 + " }.stars");
        assertTrue(stars > 0, "260 points earn stars under the town's thresholds");
        Map<String, Object> starCounts = (Map<String, Object>) vb.get("starCounts");
        assertEquals(List.of(stars == 3 ? 1L : 0L, stars == 4 ? 1L : 0L, stars == 5 ? 1L : 0L),
                List.of(n(starCounts.get("three")), n(starCounts.get("four")), n(starCounts.get("five"))));
        assertEquals(List.of(1L, 0L), List.of(n(((List<Map<String, Object>>) vb.get("quarters")).get(0).get("participants")),
                n(((List<Map<String, Object>>) vb.get("quarters")).get(3).get("participants"))), "b1 took part in Q1 only");
        assertEquals(0, n(vb.get("openRectifications")));
        assertEquals(0, n(vb.get("stockValue")));

        // the town's own row sums its villages
        Map<String, Object> town = (Map<String, Object>) d.get("town");
        long issued = ((List<Map<String, Object>>) d.get("villages")).stream().mapToLong(v -> n(v.get("pointsIssued"))).sum();
        assertEquals(issued, n(town.get("pointsIssued")));

        // this year: the purchase made today is spent from the funds
        Map<String, Object> now = as(Api.admin()).get("/api/town/dashboard").then().statusCode(200).extract().path("");
        assertEquals(YEAR + 1, n(now.get("year")));
        assertEquals(123456 - 1500, n(villageOf(now, a).get("fundBalanceCents")));
        assertEquals(0, n(villageOf(now, a).get("pointsIssued")));
    }

    @Test
    void shouldKeepAClosedMonthsFiguresEqualToARecountOfItsPostings() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        long h1 = Api.household(officer, v), h2 = Api.household(officer, v), h3 = Api.household(officer, v);
        String month = m(12);
        post(h1, "ADJUST", 30, month);
        post(h2, "EARN", 12, month);
        post(h3, "ADJUST", -5, month);
        post(h1, "REDEEM", -9, month);
        post(h1, "REFUND", 4, month);
        assertNull(DashboardFixture.kept(v, month), "nothing is kept for an open month");

        // the real month close: bonuses posted, then the month counted in the same transaction
        List<Number> bonuses = as(secretary).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200)
                .extract().path("bonuses.points");
        long[] kept = DashboardFixture.kept(v, month);
        assertNotNull(kept, "the close kept the month's figures");
        assertArrayEquals(DashboardFixture.recount(v, month), kept);
        assertEquals(30 + 12 - 5 + bonuses.stream().mapToLong(Number::longValue).sum(), kept[0], "the month's bonuses are counted");
        assertEquals(5, kept[1]);
        assertEquals(9, kept[2]);
        assertEquals(4, kept[3]);

        Map<String, Object> d = as(Api.admin()).get("/api/town/dashboard?year=" + YEAR).then().statusCode(200).extract().path("");
        Map<String, Object> dec = monthOf(villageOf(d, v), month);
        assertEquals(List.of(kept[0], kept[1], kept[2] - kept[3], true),
                List.of(n(dec.get("issued")), n(dec.get("deducted")), n(dec.get("redeemed")), dec.get("closed")));

        // kept figures are never changed, and the closed month takes no posting
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            var e = assertThrows(java.sql.SQLException.class, () -> s.executeUpdate(
                    "UPDATE village_month_points SET issued = 0 WHERE village_id = " + v));
            assertTrue(e.getMessage().contains("points.month-closed"), e.getMessage());
        }
        assertThrows(java.sql.SQLException.class, () -> post(h2, "ADJUST", 1, month));
        assertArrayEquals(kept, DashboardFixture.kept(v, month));
    }

    @Test
    void shouldAdmitOnlyTheTownRoles() {
        long v = Api.village();
        as(Api.staff("OFFICER", v)).get("/api/town/dashboard").then().statusCode(403);
        as(Api.staff("SECRETARY", v)).get("/api/town/dashboard").then().statusCode(403);
        as(Api.staff("INSPECTOR", null)).get("/api/town/dashboard").then().statusCode(200);
        io.restassured.RestAssured.given().get("/api/town/dashboard").then().statusCode(401);
    }

    @Test
    void shouldRefuseABadYear() {
        for (String year : List.of("abc", "1999", "2101", "20250", "-1", "2025.5")) {
            as(Api.admin()).get("/api/town/dashboard?year=" + year).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        Api.page(Api.admin()).get("/town/dashboard?year=abc").then().statusCode(400);
        assertEquals(YearMonth.now(ZoneId.of("Asia/Shanghai")).getYear(),
                (int) as(Api.admin()).get("/api/town/dashboard?year=").then().statusCode(200).extract().path("year"));
    }
}
