package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.notice.NoticeFixture.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class NoticeDraftingTest {

    static final LocalDate STATS = LocalDate.of(2025, 4, 3);
    static final LocalDate FROM = LocalDate.of(2025, 4, 5);
    static final LocalDate TO = LocalDate.of(2025, 4, 12);

    @Test
    void shouldRefuseDraftWhileAMonthOfTheQuarterIsOpen() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        TestMonths.close(v, "2025-01");
        TestMonths.close(v, "2025-02");
        as(officer).body(body(2025, 1, STATS, FROM, TO, "王书记", "电话")).post("/api/villages/" + v + "/notices")
                .then().statusCode(409).contentType("application/problem+json").body("code", is("notice.months-open"))
                .body("detail", containsString("2025-03"));
    }

    @Test
    void shouldListEveryActiveHouseholdRankedWithTiesAndQuarterFigures() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long a = household(officer, v, "001", "李桂兰");
        long b = household(officer, v, "002", "王强");
        long c = household(officer, v, "003", "赵四");
        long zero = household(officer, v, "004", "钱五");
        long gone = household(officer, v, "005", "孙六");
        post(a, "ADJUST", 15, "2025-01");          // an earlier quarter: counts in the year only
        post(a, "EARN", 40, "2025-04");
        post(a, "BONUS", 10, "2025-05");
        post(a, "REDEEM", -20, "2025-06");         // spending is not earning
        post(b, "EARN", 30, "2025-05");
        post(b, "ADJUST", 20, "2025-06");
        post(c, "EARN", 20, "2025-06");
        post(c, "EARN", 99, "2025-07");            // after the quarter: not in the year figure
        post(gone, "EARN", 80, "2025-04");
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            st.execute("UPDATE household SET status = 'MOVED_OUT' WHERE id = " + gone);
        }
        TestMonths.closeQuarter(v, 2025, 2);

        var response = as(officer).body(body(2025, 2, null, null, null, "", null))
                .post("/api/villages/" + v + "/notices").then().statusCode(201)
                .body("status", is("DRAFT")).body("id", notNullValue())
                .body("rows", hasSize(4))
                .body("rows.householdId", contains((int) a, (int) b, (int) c, (int) zero))
                .body("rows.rank", contains(1, 1, 3, 4))
                .body("rows[0].number", is("001")).body("rows[0].headName", is("李桂兰"))
                .body("rows[0].quarterPoints", is(50)).body("rows[0].bonusPoints", is(10))
                .body("rows[0].yearPoints", is(65)).body("rows[0].availablePoints", is(45))
                .body("rows[1].quarterPoints", is(50)).body("rows[1].bonusPoints", is(0))
                .body("rows[2].yearPoints", is(20)).body("rows[2].availablePoints", is(119))
                .body("rows[3].quarterPoints", is(0)).body("rows[3].yearPoints", is(0)).body("rows[3].availablePoints", is(0))
                .extract();
        assertTrue(response.path("missing").toString().contains("signatory"));
    }

    @Test
    void shouldReplaceTheUnpublishedDraftAndRefuseAfterPublishing() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "周一");
        TestMonths.closeQuarter(v, 2025, 3);
        Number first = as(secretary).body(body(2025, 3, null, null, null, null, null)).post("/api/villages/" + v + "/notices")
                .then().statusCode(201).extract().path("id");
        Number second = as(secretary).body(body(2025, 3, STATS, FROM, TO, "王书记", "电话 123"))
                .post("/api/villages/" + v + "/notices").then().statusCode(201).extract().path("id");
        as(secretary).get("/api/notices/" + first).then().statusCode(404);
        as(secretary).get("/api/villages/" + v + "/notices").then().statusCode(200)
                .body("id", contains(second.intValue())).body("[0].status", is("DRAFT"));
        publish(secretary, second.longValue());
        as(secretary).body(body(2025, 3, STATS, FROM, TO, "王书记", "电话 123")).post("/api/villages/" + v + "/notices")
                .then().statusCode(409).body("code", is("notice.already-published"));
        as(secretary).post("/api/notices/" + second + "/publish").then().statusCode(409).body("code", is("notice.already-published"));
    }

    @Test
    void shouldRefusePublishingWithBlankFieldsNamingThem() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        TestMonths.closeQuarter(v, 2025, 1);
        Number id = as(secretary).body(body(2025, 1, STATS, null, TO, "  ", null)).post("/api/villages/" + v + "/notices")
                .then().statusCode(201).body("status", is("DRAFT")).extract().path("id");
        as(secretary).post("/api/notices/" + id + "/publish").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", is("notice.blank-fields"))
                .body("fields", contains("noticeFrom", "signatory", "contact"));
        as(secretary).body(Map.of("statisticsDate", STATS.toString(), "noticeFrom", FROM.toString(), "noticeTo", TO.toString(),
                "signatory", "王书记", "contact", "电话 123")).put("/api/notices/" + id).then().statusCode(200)
                .body("signatory", is("王书记")).body("missing", contains("stamp", "photo"));
        as(secretary).post("/api/notices/" + id + "/publish").then().statusCode(200)
                .body("status", is("PUBLISHED")).body("publicUrl", endsWith("/notices/" + id));
    }

    @Test
    void shouldRefuseDatesOutOfOrder() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        TestMonths.closeQuarter(v, 2025, 1);
        Number early = as(secretary).body(body(2025, 1, STATS, STATS.minusDays(1), TO, "王书记", "电话"))
                .post("/api/villages/" + v + "/notices").then().statusCode(201).extract().path("id");
        as(secretary).post("/api/notices/" + early + "/publish").then().statusCode(422)
                .body("code", is("notice.bad-dates")).body("fields", contains("noticeFrom"));
        as(secretary).body(Map.of("statisticsDate", STATS.toString(), "noticeFrom", FROM.toString(),
                "noticeTo", FROM.minusDays(1).toString(), "signatory", "王书记", "contact", "电话")).put("/api/notices/" + early)
                .then().statusCode(200);
        as(secretary).post("/api/notices/" + early + "/publish").then().statusCode(422)
                .body("code", is("notice.bad-dates")).body("fields", contains("noticeTo"));
    }

    @Test
    void shouldKeepPublishedNoticeFrozenWhenTheLedgerMovesOn() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        long a = household(secretary, v, "01", "吴一");
        long b = household(secretary, v, "02", "郑二");
        post(a, "EARN", 30, "2025-10");
        post(b, "EARN", 20, "2025-11");
        TestMonths.closeQuarter(v, 2025, 4);
        long id = draft(secretary, v, 2025, 4, FROM, TO);
        publish(secretary, id);
        var before = as(secretary).get("/api/notices/" + id).then().statusCode(200)
                .body("status", is("PUBLISHED")).body("hashVerified", is(true))
                .body("contentHash", matchesPattern("[0-9a-f]{64}"))
                .body("monthSeals", hasSize(3))
                .extract();
        List<Map<String, Object>> rowsBefore = before.path("rows");
        String hash = before.path("contentHash");
        String page = io.restassured.RestAssured.given().get("/notices/" + id).then().statusCode(200).extract().asString();

        post(b, "ADJUST", 100, "2025-02");  // an open month of the same year: changes yearPoints and ranks
        post(a, "REDEEM", -25, "2026-01");   // spending later: changes availablePoints
        long late = household(secretary, v, "03", "新户");

        var after = as(secretary).get("/api/notices/" + id).then().statusCode(200)
                .body("contentHash", is(hash)).body("hashVerified", is(true)).extract();
        assertEquals(rowsBefore, after.path("rows"));
        assertEquals(page, io.restassured.RestAssured.given().get("/notices/" + id).then().statusCode(200).extract().asString());
        assertEquals(30, ((Number) rowsBefore.get(0).get("availablePoints")).intValue());
        assertTrue(rowsBefore.stream().noneMatch(r -> ((Number) r.get("householdId")).longValue() == late));

        as(secretary).body(Map.of("signatory", "别人")).put("/api/notices/" + id).then().statusCode(409)
                .body("code", is("notice.already-published"));
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE notice_row SET quarter_points = 999 WHERE notice_id = " + id));
            assertTrue(e.getMessage().contains("notice.immutable"));
            e = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE notice SET signatory = 'x' WHERE id = " + id));
            assertTrue(e.getMessage().contains("notice.immutable"));
        }
    }

    @Test
    void shouldCheckRolesAndVillageScope() throws Exception {
        long v = Api.village();
        long other = Api.village();
        String officer = Api.staff("OFFICER", v);
        TestMonths.closeQuarter(v, 2025, 1);
        long id = draft(officer, v, 2025, 1, FROM, TO);
        as(officer).post("/api/notices/" + id + "/publish").then().statusCode(403).body("code", is("auth.forbidden"));
        as(Api.staff("CLERK", v)).body("{broken").post("/api/villages/" + v + "/notices").then().statusCode(403);
        String foreign = Api.staff("SECRETARY", other);
        as(foreign).get("/api/notices/" + id).then().statusCode(403);
        as(foreign).post("/api/notices/" + id + "/publish").then().statusCode(403);
        as(Api.staff("INSPECTOR", null)).get("/api/notices/" + id).then().statusCode(200);
        as(Api.admin()).post("/api/notices/" + id + "/publish").then().statusCode(200).body("status", is("PUBLISHED"));
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("year", 2025, "quarter", 1))
                .post("/api/villages/" + v + "/notices").then().statusCode(401);
    }
}
