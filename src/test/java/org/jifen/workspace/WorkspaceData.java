package org.jifen.workspace;

import org.jifen.support.Api;
import org.jifen.support.TestLedger;
import org.jifen.support.TestMonths;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.jifen.support.Api.as;

/** Builds what the workspace tests look at, through the HTTP API (closed months and points straight by SQL). */
final class WorkspaceData {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private WorkspaceData() {
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    static String month(int back) {
        return YearMonth.now(CHINA).minusMonths(back).toString();
    }

    /**
     * A published notice of the village for the fourth quarter two years ago (its months closed by SQL), in its notice
     * period from yesterday to in five days.
     */
    static long publishedNotice(long village, long household, String secretary) throws Exception {
        int year = today().getYear() - 2;
        TestLedger.give(household, 12, year + "-11");
        TestMonths.closeQuarter(village, year, 4);
        Map<String, Object> body = new HashMap<>();
        body.put("year", year);
        body.put("quarter", 4);
        body.put("statisticsDate", today().minusDays(2).toString());
        body.put("noticeFrom", today().minusDays(1).toString());
        body.put("noticeTo", today().plusDays(5).toString());
        body.put("signatory", "王书记");
        body.put("contact", "村委会 0571-88886666");
        long id = ((Number) as(secretary).body(body).post("/api/villages/" + village + "/notices").then().statusCode(201)
                .extract().path("id")).longValue();
        as(secretary).post("/api/notices/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** An objection filed by a villager; its id. */
    static long objection(long notice, String text) {
        return ((Number) io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("text", text, "contact", "13900001111"))
                .post("/api/notices/" + notice + "/objections").then().statusCode(201).extract().path("id")).longValue();
    }

    /** A town-wide catalog item of one point; its code. */
    static String onePointItem() {
        String code = Api.unique("W").replaceAll("[^A-Za-z0-9_.-]", "");
        as(Api.admin()).body(Map.of("code", code, "category", "测试类", "title", "工作台测试" + code, "points", 1, "unit", "次"))
                .post("/api/catalog").then().statusCode(201);
        return code;
    }

    /** A registered (pending) entry of the household on that day; its id. */
    static long entry(String officer, long village, long household, String code, LocalDate on) {
        return ((Number) as(officer).body(Map.of("householdId", household, "itemCode", code, "quantity", 2,
                        "occurredOn", on.toString()))
                .post("/api/villages/" + village + "/entries").then().statusCode(201).extract().path("id")).longValue();
    }

    static void approve(String reviewer, long entry) {
        as(reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + entry + "/review").then().statusCode(200);
    }
}
