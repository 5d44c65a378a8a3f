package org.jifen.portal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;

@QuarkusTest
class DeedRegistrationTest {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static void report(long householdId, String text) {
        String token = PortalApiTest.login(householdId);
        given().redirects().follow(false).cookie("jifen_portal", token)
                .multiPart(new MultiPartSpecBuilder(text).controlName("description").charset(StandardCharsets.UTF_8).build())
                .multiPart("occurredOn", "2026-03-05")
                .multiPart("photo", "deed.png", PNG, "image/png")
                .post("/portal/report").then().statusCode(303);
    }

    @Test
    void shouldTurnAReportedDeedIntoAPendingEntryThatReviewersApprove() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        long h = Api.household(officer, v);
        String code = Api.unique("D").replaceAll("[^A-Za-z0-9]", "");
        as(Api.admin()).body(Map.of("code", code, "category", "志愿服务", "title", "帮扶孤寡老人", "points", 5, "unit", "次"))
                .post("/api/catalog").then().statusCode(201);
        report(h, "帮五保户老人挑水");
        Number reportId = as(officer).get("/api/villages/" + v + "/deed-reports").then().statusCode(200)
                .body("[0].status", is("PENDING")).extract().path("[0].id");

        as(reviewer).body(Map.of("itemCode", code)).post("/api/deed-reports/" + reportId + "/register").then().statusCode(403);
        Number entryId = as(officer).body(Map.of("itemCode", code, "quantity", 2))
                .post("/api/deed-reports/" + reportId + "/register").then().statusCode(201)
                .body("status", is("PENDING")).body("points", is(10)).body("householdId", is((int) h))
                .body("month", is("2026-03")).body("note", containsString("帮五保户老人挑水")).body("photos", is(1))
                .extract().path("id");
        as(officer).body(Map.of("itemCode", code)).post("/api/deed-reports/" + reportId + "/register").then().statusCode(409)
                .body("code", is("portal.deed-report-decided"));
        as(officer).get("/api/villages/" + v + "/deed-reports").then().body("[0].status", is("ACCEPTED"));

        as(reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + entryId + "/review").then().statusCode(200)
                .body("status", is("APPROVED"));
        as(officer).get("/api/households/" + h + "/postings").then().statusCode(200)
                .body("findAll { it.type == 'EARN' }.points", contains(10));
    }

    @Test
    void shouldTurnDownAReportWithAReasonOnceAndKeepOtherVillagesOut() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        report(h, "打扫村道");
        Number reportId = as(officer).get("/api/villages/" + v + "/deed-reports").then().extract().path("[0].id");
        // the villager's report is in the audit trail, with the household as the actor
        as(officer).queryParam("entity", "deed_report").get("/api/villages/" + v + "/audit").then().statusCode(200)
                .body("items.findAll { it.action == 'report' }", hasSize(1))
                .body("items.find { it.action == 'report' }.actor", is("household:" + h))
                .body("items.find { it.action == 'report' }.entityId", is(String.valueOf(reportId)))
                .body("items.find { it.action == 'report' }.after.description", is("打扫村道"));
        String stranger = Api.staff("OFFICER", Api.village());
        as(stranger).body(Map.of("reason", "x")).post("/api/deed-reports/" + reportId + "/reject").then().statusCode(403);
        as(officer).body(Map.of("reason", "")).post("/api/deed-reports/" + reportId + "/reject").then().statusCode(400)
                .body("fields", hasItem("reason"));
        as(officer).body(Map.of("reason", "本月已登记同一事项")).post("/api/deed-reports/" + reportId + "/reject").then().statusCode(204);
        as(officer).body(Map.of("reason", "again")).post("/api/deed-reports/" + reportId + "/reject").then().statusCode(409);
        as(officer).get("/api/villages/" + v + "/deed-reports").then().body("[0].status", is("REJECTED"));
    }
}
