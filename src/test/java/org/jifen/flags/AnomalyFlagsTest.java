package org.jifen.flags;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.jifen.ledger.LedgerChecks;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each anomaly flag on data built to trigger it (over the API; by SQL only the tampering no API allows) fires for
 * that village with its evidence, and the same rule stays quiet on an ordinary village built alongside.
 */
@QuarkusTest
class AnomalyFlagsTest {

    @Inject
    LedgerChecks ledgerChecks;


    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    record Staff(String username, String token) {
    }

    /** A village with an officer, a reviewer and a secretary. */
    record Village(long id, Staff officer, Staff reviewer, Staff secretary) {

        static Village create() {
            long id = Api.village();
            return new Village(id, staff("OFFICER", id), staff("REVIEWER", id), staff("SECRETARY", id));
        }

        long household() {
            return Api.household(officer.token(), id);
        }

        long entry(long household, String item, LocalDate on) {
            Number entry = as(officer.token()).body(Map.of("householdId", household, "itemCode", item, "quantity", 1,
                            "occurredOn", on.toString(), "note", "测试"))
                    .post("/api/villages/" + id + "/entries").then().statusCode(201).extract().path("id");
            return entry.longValue();
        }

        void approved(long household, String item, LocalDate on) {
            long entry = entry(household, item, on);
            as(reviewer.token()).body(Map.of("decision", "APPROVE")).post("/api/entries/" + entry + "/review").then().statusCode(200);
        }

        void adjust(long household, int points) {
            as(secretary.token()).body(Map.of("points", points, "month", YearMonth.now(CHINA).toString(), "reason", "测试调整"))
                    .post("/api/households/" + household + "/adjustments").then().statusCode(201);
        }
    }

    static Staff staff(String role, long villageId) {
        String username = Api.unique(role.toLowerCase()).replaceAll("[^A-Za-z0-9_.@-]", "");
        as(Api.admin()).body(Map.of("username", username, "password", "pw-" + username, "displayName", "测试" + role,
                "role", role, "villageId", villageId)).post("/api/staff").then().statusCode(201);
        return new Staff(username, Api.login(username, "pw-" + username));
    }

    static String item(int points) {
        String code = Api.unique("F").replaceAll("[^A-Za-z0-9_.-]", "");
        as(Api.admin()).body(Map.of("code", code, "category", "测试", "title", "测试项目" + code, "points", points, "unit", "次"))
                .post("/api/catalog").then().statusCode(201);
        return code;
    }

    static List<Map<String, Object>> flags(int year) {
        return as(Api.admin()).get("/api/town/flags?year=" + year).then().statusCode(200).extract().jsonPath().getList("$");
    }

    static List<Map<String, Object>> flags(int year, String kind, long villageId) {
        return flags(year).stream().filter(f -> kind.equals(f.get("kind")) && ((Number) f.get("villageId")).longValue() == villageId).toList();
    }

    static int thisYear() {
        return LocalDate.now(CHINA).getYear();
    }

    @Test
    void shouldFlagAMonthThatEndedWithoutRegistration() {
        YearMonth last = YearMonth.now(CHINA).minusMonths(1);
        YearMonth before = last.minusMonths(1);
        String item = item(5);
        Village idle = Village.create();
        idle.entry(idle.household(), item, before.atDay(1));
        Village busy = Village.create();
        long h = busy.household();
        busy.entry(h, item, before.atDay(1));
        busy.entry(h, item, last.atDay(1));

        List<Map<String, Object>> fired = flags(last.getYear(), "no-registration", idle.id());
        assertEquals(List.of("/villages/" + idle.id() + "/months/" + last + "/close"), fired.stream().map(f -> f.get("evidence")).toList(),
                fired.toString());
        assertTrue(fired.get(0).get("detail").toString().contains(last.toString()), fired.toString());
        assertEquals(List.of(), flags(last.getYear(), "no-registration", busy.id()));
        Api.page(Api.admin()).get(fired.get(0).get("evidence").toString()).then().statusCode(200);
    }

    @Test
    void shouldFlagOneReviewersApprovalsConcentratedOnAFewHouseholds() {
        String item = item(5);
        LocalDate today = LocalDate.now(CHINA);
        Village favour = Village.create();
        long[] hs = new long[6];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = favour.household();
        }
        for (int i = 0; i < 20; i++) {
            favour.approved(i < 16 ? hs[i % 2] : hs[2 + i - 16], item, today);
        }
        Village fair = Village.create();
        long[] others = new long[10];
        for (int i = 0; i < others.length; i++) {
            others[i] = fair.household();
        }
        for (int i = 0; i < 20; i++) {
            fair.approved(others[i % 10], item, today);
        }

        List<Map<String, Object>> fired = flags(thisYear(), "concentrated-approvals", favour.id());
        assertEquals(1, fired.size(), fired.toString());
        String evidence = fired.get(0).get("evidence").toString();
        assertEquals("/villages/" + favour.id() + "/audit?actor=" + favour.reviewer().username(), evidence);
        assertTrue(fired.get(0).get("detail").toString().contains("85%"), fired.toString());
        // the evidence: the village's trail of that reviewer's reviews
        Api.page(Api.admin()).get(evidence).then().statusCode(200).body(containsString(favour.reviewer().username()))
                .body(containsString("review"));
        assertEquals(List.of(), flags(thisYear(), "concentrated-approvals", fair.id()));
    }

    @Test
    void shouldFlagAPointsSpikeJustBeforeANotice() throws Exception {
        YearMonth now = YearMonth.now(CHINA);
        YearMonth last = now.minusMonths((now.getMonthValue() - 1) % 3 + 1);  // last month of the last full quarter
        YearMonth first = last.minusMonths(2);
        YearMonth second = last.minusMonths(1);
        int year = last.getYear();
        int quarter = (last.getMonthValue() + 2) / 3;
        String small = item(5);
        String big = item(30);
        Village noticed = Village.create();
        long spiking = noticed.household();
        long steady = noticed.household();
        noticed.approved(spiking, small, first.atDay(2));
        noticed.approved(steady, small, first.atDay(2));
        noticed.approved(steady, small, second.atDay(2));
        noticed.approved(spiking, big, last.atDay(2));
        noticed.approved(spiking, big, last.atDay(3));
        noticed.approved(steady, small, last.atDay(2));
        for (YearMonth m : List.of(first, second, last)) {
            as(noticed.secretary().token()).post("/api/villages/" + noticed.id() + "/months/" + m + "/close").then().statusCode(200);
        }
        Map<String, Object> notice = new HashMap<>(Map.of("year", year, "quarter", quarter));
        as(noticed.secretary().token()).body(notice).post("/api/villages/" + noticed.id() + "/notices").then().statusCode(201);
        // the same spike without a notice is not "before a notice"
        Village unnoticed = Village.create();
        long alone = unnoticed.household();
        unnoticed.approved(alone, big, last.atDay(2));
        unnoticed.approved(alone, big, last.atDay(3));

        List<Map<String, Object>> fired = flags(year, "spike-before-notice", noticed.id());
        assertEquals(List.of("/households/" + spiking + "/ledger"), fired.stream().map(f -> f.get("evidence")).toList(), fired.toString());
        assertTrue(fired.get(0).get("detail").toString().contains("60 分"), fired.toString());
        assertEquals(List.of(), flags(year, "spike-before-notice", unnoticed.id()));
    }

    @Test
    void shouldFlagRedemptionsOutsideTheRedemptionDays() {
        LocalDate today = LocalDate.now(CHINA);
        Village loose = Village.create();
        Village strict = Village.create();
        as(strict.secretary().token()).body(Map.of("day", today.toString(), "title", "兑换日"))
                .post("/api/villages/" + strict.id() + "/redemption-days").then().statusCode(201);
        for (Village v : List.of(loose, strict)) {
            long h = v.household();
            v.adjust(h, 40);
            Number goods = as(v.officer().token()).body(Map.of("name", "香皂", "unit", "块", "pointsPrice", 6, "category", "日用品"))
                    .post("/api/villages/" + v.id() + "/goods").then().statusCode(201).extract().path("id");
            as(v.officer().token()).body(Map.of("supplier", "供销社", "purchasedOn", today.toString(),
                            "items", List.of(Map.of("goodsId", goods, "quantity", 10, "unitCostCents", 300))))
                    .post("/api/villages/" + v.id() + "/purchases").then().statusCode(201);
            String qr = as(v.officer().token()).get("/api/households/" + h + "/card").then().statusCode(200).extract().path("qrText");
            as(v.officer().token()).body(Map.of("qrText", qr, "items", List.of(Map.of("goodsId", goods, "quantity", 2)),
                    "idempotencyKey", Api.unique("flags-redeem"))).post("/api/redemptions").then().statusCode(201);
        }

        List<Map<String, Object>> fired = flags(today.getYear(), "redeemed-outside-days", loose.id());
        String evidence = "/villages/" + loose.id() + "/redemptions?from=" + today + "&to=" + today;
        assertEquals(List.of(evidence), fired.stream().map(f -> f.get("evidence")).toList(), fired.toString());
        assertTrue(fired.get(0).get("detail").toString().contains("1 笔兑换（共 12 分）"), fired.toString());
        Api.page(Api.admin()).get(evidence).then().statusCode(200);
        assertEquals(List.of(), flags(today.getYear(), "redeemed-outside-days", strict.id()));
    }

    @Test
    void shouldFlagALargeAdjustmentAndFollowTheTownsThreshold() {
        Village large = Village.create();
        long big = large.household();
        large.adjust(big, 80);
        Village small = Village.create();
        long little = small.household();
        small.adjust(little, 10);

        List<Map<String, Object>> fired = flags(thisYear(), "large-adjustment", large.id());
        assertEquals(List.of("/households/" + big + "/ledger"), fired.stream().map(f -> f.get("evidence")).toList(), fired.toString());
        assertTrue(fired.get(0).get("detail").toString().contains("+80"), fired.toString());
        assertEquals(List.of(), flags(thisYear(), "large-adjustment", small.id()));

        // the town lowers its threshold: the small one is flagged too; back to the default, it is not
        try {
            as(Api.admin()).body(Map.of("flags.large-adjustment.points", 10)).put("/api/town/settings").then().statusCode(200);
            assertEquals(List.of("/households/" + little + "/ledger"),
                    flags(thisYear(), "large-adjustment", small.id()).stream().map(f -> f.get("evidence")).toList());
        } finally {
            as(Api.admin()).body(Map.of("flags.large-adjustment.points", 50)).put("/api/town/settings").then().statusCode(200);
        }
        assertEquals(List.of(), flags(thisYear(), "large-adjustment", small.id()));
    }

    @Test
    void shouldFlagAHouseholdWithPointsButNoEntries() {
        String item = item(5);
        Village v = Village.create();
        long bare = v.household();
        v.adjust(bare, 20);
        long registered = v.household();
        v.approved(registered, item, LocalDate.now(CHINA));
        v.adjust(registered, 20);

        List<Map<String, Object>> fired = flags(thisYear(), "points-without-entries", v.id());
        assertEquals(List.of("/households/" + bare + "/ledger"), fired.stream().map(f -> f.get("evidence")).toList(), fired.toString());
        assertTrue(fired.get(0).get("detail").toString().contains("20 分"), fired.toString());
    }

    @Test
    void shouldFlagABrokenHashChain() throws Throwable {
        Village tampered = Village.create();
        Village intact = Village.create();
        for (Village v : List.of(tampered, intact)) {
            long h = v.household();
            v.adjust(h, 5);
            v.adjust(h, 6);
        }
        try (var c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");  // no trigger of this session: what no API can do
            s.execute("UPDATE posting SET points = 50 WHERE id = (SELECT min(id) FROM posting WHERE village_id = " + tampered.id() + ")");
        }
        assertEquals(List.of(), flags(thisYear(), "chain-broken", tampered.id()), "no flag before the background check has run");
        for (Village v : List.of(tampered, intact)) {  // what the scheduled LedgerChecks does for every village
            VertxContextSupport.subscribeAndAwait(() -> ledgerChecks.check(v.id()));
        }

        List<Map<String, Object>> fired = flags(thisYear(), "chain-broken", tampered.id());
        String evidence = "/api/villages/" + tampered.id() + "/ledger/verify";
        assertEquals(List.of(evidence), fired.stream().map(f -> f.get("evidence")).toList(), fired.toString());
        assertTrue(fired.get(0).get("detail").toString().contains("处问题"), fired.toString());
        as(Api.admin()).get(evidence).then().statusCode(200).body("ok", is(false)).body("firstBrokenLink.kind", is("chain.hash"));
        assertEquals(List.of(), flags(thisYear(), "chain-broken", intact.id()));
    }

    @Test
    void shouldAnswerTheTownRolesOnly() {
        String officer = Api.staff("OFFICER", Api.village());
        as(officer).get("/api/town/flags").then().statusCode(403);
        as(Api.staff("INSPECTOR", null)).get("/api/town/flags").then().statusCode(200);
        as(Api.admin()).get("/api/town/flags?year=abc").then().statusCode(400).body("code", is("request.invalid"));
        given().get("/api/town/flags").then().statusCode(401);
    }
}
