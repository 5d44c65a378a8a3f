package org.jifen.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The county's roll-up: each town's own dashboard row, for the county admin only. */
@QuarkusTest
class CountyDashboardTest {

    @Test
    void shouldRollUpEachTownsDashboardForTheCounty() {
        String county = Api.login("county", "county-test-pw");
        String name = "回龙镇" + Api.unique("");
        Number town = as(county).body(Map.of("name", name)).post("/api/towns").then().statusCode(201).extract().path("id");
        String username = Api.unique("hl-admin").replaceAll("[^A-Za-z0-9_.@-]", "");
        as(county).body(Map.of("username", username, "password", "pw-" + username, "displayName", "回龙镇管理员"))
                .post("/api/towns/" + town + "/staff").then().statusCode(201);
        String admin = Api.login(username, "pw-" + username);
        long village = Api.village(admin);
        long first = Api.household(admin, village);
        Api.household(admin, village);
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        as(admin).body(Map.of("points", 12, "month", month, "reason", "县级汇总测试")).post("/api/households/" + first + "/adjustments")
                .then().statusCode(201);

        int year = YearMonth.now(ZoneId.of("Asia/Shanghai")).getYear();
        List<Map<String, Object>> towns = as(county).get("/api/county/dashboard?year=" + year).then().statusCode(200)
                .body("year", equalTo(year)).extract().path("towns");
        Map<String, Object> row = towns.stream().filter(t -> name.equals(t.get("townName"))).findFirst().orElseThrow();
        assertEquals(town.intValue(), row.get("townId"));
        assertEquals(1, row.get("villages"));
        assertEquals(2, row.get("households"));
        assertEquals(12, row.get("pointsIssued"));
        assertEquals(0, row.get("pointsRedeemed"));
        Map<String, Object> own = as(admin).get("/api/town/dashboard?year=" + year).then().statusCode(200).extract().path("town");
        assertEquals(own.get("participants"), row.get("participants"), "the same figure as the town's own dashboard");

        Api.page(county).get("/county/dashboard?year=" + year).then().statusCode(200).body(containsString(name));
        as(county).get("/api/county/dashboard?year=20x6").then().statusCode(400);
        as(admin).get("/api/county/dashboard").then().statusCode(403);
        given().get("/api/county/dashboard").then().statusCode(401);
    }
}
