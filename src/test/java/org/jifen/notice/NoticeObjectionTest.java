package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.notice.NoticeFixture.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class NoticeObjectionTest {

    private static long noticeRunning(long v, String secretary, int quarter, LocalDate from, LocalDate to) throws Exception {
        TestMonths.closeQuarter(v, 2025, quarter);
        long id = draft(secretary, v, 2025, quarter, from, to);
        publish(secretary, id);
        return id;
    }

    private static io.restassured.response.ValidatableResponse object(long noticeId, Map<String, Object> body) {
        return given().contentType("application/json").body(body).post("/api/notices/" + noticeId + "/objections").then();
    }

    @Test
    void shouldTakeObjectionsOnlyDuringTheNoticePeriod() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "蒋一");
        LocalDate today = today();
        long before = noticeRunning(v, secretary, 1, today.plusDays(1), today.plusDays(7));
        long during = noticeRunning(v, secretary, 2, today, today);
        long after = noticeRunning(v, secretary, 3, today.minusDays(8), today.minusDays(1));
        Map<String, Object> body = Map.of("text", "我家的分数少算了", "contact", "13900001111");
        object(before, body).statusCode(409).body("code", is("notice.closed"));
        object(during, body).statusCode(201).body("id", notNullValue());
        object(after, body).statusCode(409).body("code", is("notice.closed"));
        object(during, Map.of("text", " ", "contact", "x")).statusCode(400).body("fields", hasItem("text"));
        assertTrue(given().get("/notices/" + before).then().extract().asString().contains("公示期尚未开始"));
        assertTrue(given().get("/notices/" + during).then().extract().asString().contains("name=\"contact\""));
        assertTrue(given().get("/notices/" + after).then().extract().asString().contains("公示期已结束"));
        // the page's form files the same objection
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("text", "表格里的户号不对").formParam("contact", "王大妈 13800000000")
                .post("/notices/" + during + "/objections").then().statusCode(303)
                .header("Location", containsString("/notices/" + during));
        as(secretary).get("/api/notices/" + during + "/objections").then().statusCode(200)
                .body("text", contains("我家的分数少算了", "表格里的户号不对"));
    }

    @Test
    void shouldCountParallelObjectionsFromOneAddressOneAfterAnother() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "韩二");
        long id = noticeRunning(v, secretary, 3, today().minusDays(1), today().plusDays(3));
        Map<String, Object> body = Map.of("text", "请核实", "contact", "13900003333");
        List<Integer> statuses = org.jifen.support.Parallel.run(20,
                () -> given().contentType("application/json").body(body).post("/api/notices/" + id + "/objections").statusCode());
        assertEquals(3, statuses.stream().filter(s -> s == 201).count(), "the limit, exactly: " + statuses);
        assertEquals(17, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    @Test
    void shouldSlowDownOneAddressFilingManyObjectionsToOneNotice() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "韩一");
        long id = noticeRunning(v, secretary, 1, today().minusDays(1), today().plusDays(3));
        long other = noticeRunning(v, secretary, 2, today().minusDays(1), today().plusDays(3));
        Map<String, Object> body = Map.of("text", "请核实", "contact", "13900002222");
        for (int i = 0; i < 3; i++) {   // %test.jifen.notice.max-objections-per-hour=3
            object(id, body).statusCode(201);
        }
        object(id, body).statusCode(429).body("code", is("notice.too-many-objections"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8").accept("text/html")
                .formParam("text", "再提一条").formParam("contact", "x").post("/notices/" + id + "/objections")
                .then().statusCode(429).contentType(containsString("text/html")).body(containsString("提交太频繁"));
        object(other, body).statusCode(201);
        // an objection is a villager's write: audited, its actor the sender's address as a hash, never the contact
        as(secretary).queryParam("entity", "objection").get("/api/villages/" + v + "/audit").then().statusCode(200)
                .body("items.findAll { it.action == 'file' }", hasSize(4))
                .body("items.find { it.action == 'file' }.actor", startsWith("public:"))
                .body("items.find { it.action == 'file' }.after.toString()", not(containsString("13900002222")));
        as(secretary).get("/api/notices/" + id + "/objections").then().body("$", hasSize(3));
        try (var c = org.jifen.support.TestDatabase.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(DISTINCT sender_hash), min(length(sender_hash)) FROM objection WHERE notice_id = " + id)) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals(64, rs.getInt(2));   // a hash, not the address
        }
    }

    @Test
    void shouldShowAnswersPubliclyWithoutTheContact() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "沈一");
        long id = noticeRunning(v, secretary, 1, today().minusDays(1), today().plusDays(3));
        Number o = object(id, Map.of("text", "<b>沈一</b>的奖励分漏了", "contact", "秘密电话 13712345678"))
                .statusCode(201).extract().path("id");
        as(secretary).get("/api/notices/" + id + "/objections").then()
                .body("[0].contact", is("秘密电话 13712345678")).body("[0].answer", nullValue());
        as(Api.staff("CLERK", v)).body(Map.of("answer", "x", "upheld", false)).post("/api/objections/" + o + "/answer")
                .then().statusCode(403);
        as(secretary).body(Map.of("answer", "经核实，五月奖励分已计入", "upheld", false)).post("/api/objections/" + o + "/answer")
                .then().statusCode(200).body("upheld", is(false)).body("postingId", nullValue());
        as(secretary).body(Map.of("answer", "again", "upheld", true)).post("/api/objections/" + o + "/answer")
                .then().statusCode(409).body("code", is("notice.objection-answered"));
        String html = given().get("/notices/" + id).then().statusCode(200).extract().asString();
        assertTrue(html.contains("经核实，五月奖励分已计入"));
        assertTrue(html.contains("&lt;b&gt;沈一&lt;/b&gt;的奖励分漏了"));
        assertFalse(html.contains("13712345678") || html.contains("秘密电话"));
        as(secretary).get("/api/notices/" + id).then().body("objections", is(1)).body("unansweredObjections", is(0));
    }

    @Test
    void shouldAdjustPointsInAnOpenMonthForAnUpheldObjection() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        long h = household(secretary, v, "0808", "韦一");
        long id = noticeRunning(v, secretary, 2, today().minusDays(1), today().plusDays(3));
        Number o = object(id, Map.of("text", "六月的好人好事没有登记", "contact", "13700000000", "householdNumber", "0808"))
                .statusCode(201).extract().path("id");
        as(secretary).body(Map.of("answer", "属实，补记 5 分", "upheld", false, "points", 5))
                .post("/api/objections/" + o + "/answer").then().statusCode(422).body("code", is("notice.adjust-not-upheld"));
        as(secretary).body(Map.of("answer", "属实，补记 5 分", "upheld", true, "points", 5, "month", "2025-05"))
                .post("/api/objections/" + o + "/answer").then().statusCode(409).body("code", is("points.month-closed"));
        Number posting = as(secretary).body(Map.of("answer", "属实，补记 5 分", "upheld", true, "points", 5))
                .post("/api/objections/" + o + "/answer").then().statusCode(200)
                .body("upheld", is(true)).body("postingId", notNullValue()).extract().path("postingId");
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT household_id, type, points, cause_type, cause_id, month FROM posting WHERE id = " + posting)) {
            assertTrue(rs.next());
            assertEquals(h, rs.getLong(1));
            assertEquals("ADJUST", rs.getString(2));
            assertEquals(5, rs.getInt(3));
            assertEquals("objection", rs.getString(4));
            assertEquals(o.longValue(), rs.getLong(5));
            assertEquals(java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString(), rs.getString(6));
        }
        as(secretary).get("/api/households/" + h).then().body("availablePoints", is(5));
        // the published notice itself stays as it was
        as(secretary).get("/api/notices/" + id).then().body("rows[0].availablePoints", is(0)).body("hashVerified", is(true));
    }
}
