package org.jifen.county;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The county: a COUNTY_ADMIN creates a town and its admin; that admin sees its own town only; the county sees counts. */
@QuarkusTest
class CountyTest {

    @Test
    void aCountyAdminCreatesATownWhoseAdminSeesOnlyItsTown() {
        String county = Api.login("county", TownScopeSweepTest.COUNTY_PASSWORD);
        given().contentType("application/json").body(Map.of("username", "county", "password", TownScopeSweepTest.COUNTY_PASSWORD))
                .post("/api/login").then().statusCode(200).body("roles", equalTo(List.of("COUNTY_ADMIN"))).body("townId", nullValue());
        String name = "白马镇" + Api.unique("");
        Number town = as(county).body(Map.of("name", name)).post("/api/towns").then().statusCode(201)
                .body("name", equalTo(name)).extract().path("id");
        as(county).body(Map.of("name", name)).post("/api/towns").then().statusCode(409).body("code", equalTo("town.duplicate-name"));
        as(county).get("/api/towns").then().statusCode(200).body("name", hasItem(name));

        String username = Api.unique("bm-admin").replaceAll("[^A-Za-z0-9_.@-]", "");
        as(county).body(Map.of("username", username, "password", "pw-" + username, "displayName", "白马镇管理员"))
                .post("/api/towns/" + town + "/staff").then().statusCode(201)
                .body("role", equalTo("TOWN_ADMIN")).body("townId", equalTo(town.intValue()));
        as(county).body(Map.of("username", username + "x", "password", "pw-" + username, "displayName", "某", "role", "CLERK"))
                .post("/api/towns/" + town + "/staff").then().statusCode(400).body("code", equalTo("staff.bad-scope"));
        as(county).body(Map.of("username", username + "y", "password", "pw-" + username, "displayName", "某"))
                .post("/api/towns/999999999/staff").then().statusCode(404);

        // the new town's admin logs in to its own town, empty at first, and works there as in a one-town install
        String admin = given().contentType("application/json").body(Map.of("username", username, "password", "pw-" + username))
                .post("/api/login").then().statusCode(200).body("townId", equalTo(town.intValue())).body("roles", equalTo(List.of("TOWN_ADMIN")))
                .extract().path("token");
        as(admin).get("/api/villages").then().statusCode(200).body("size()", equalTo(0));
        long village = Api.village(admin);
        long household = Api.household(admin, village);
        as(admin).get("/api/villages").then().statusCode(200).body("id", equalTo(List.of((int) village)));
        as(admin).get("/api/staff").then().statusCode(200).body("username", equalTo(List.of(username)));

        // ...and the first town's admin sees none of it, nor the new town's admin any of the first town
        as(Api.admin()).get("/api/villages").then().statusCode(200).body("id", not(hasItem((int) village)));
        as(Api.admin()).get("/api/households/" + household).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        as(Api.admin()).get("/api/staff").then().statusCode(200).body("username", not(hasItem(username)));
        long first = Api.village();
        as(admin).get("/api/villages/" + first + "/catalog").then().statusCode(403);
        as(admin).get("/api/households/" + Api.household(Api.admin(), first)).then().statusCode(403);

        // the county sees counts per town, and no town's data
        List<Map<String, Object>> towns = as(county).get("/api/county/towns").then().statusCode(200).extract().path("");
        Map<String, Object> row = towns.stream().filter(t -> t.get("name").equals(name)).findFirst().orElseThrow();
        assertEquals(Map.of("id", town.intValue(), "name", name, "villages", 1, "households", 1, "staff", 1), row);
        as(county).get("/api/villages").then().statusCode(403);
        as(county).get("/api/households/" + household).then().statusCode(403);
        as(county).body(Map.of("code", "X1", "name", "县里建的村")).post("/api/villages").then().statusCode(403);
    }

    @Test
    void aTownAdminNeitherActsForTheCountyNorMakesACountyAdmin() {
        as(Api.admin()).body(Map.of("name", "越权镇")).post("/api/towns").then().statusCode(403);
        as(Api.admin()).get("/api/county/towns").then().statusCode(403);
        Map<String, Object> body = new HashMap<>(Map.of("username", Api.unique("c").replaceAll("[^A-Za-z0-9]", ""),
                "password", "password-1", "displayName", "假县管", "role", "COUNTY_ADMIN"));
        body.put("villageId", null);
        as(Api.admin()).body(body).post("/api/staff").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Api.page(Api.admin()).get("/county").then().statusCode(403);
    }

    @Test
    void theCountyPageListsTownsAndCreatesOne() {
        String county = Api.login("county", TownScopeSweepTest.COUNTY_PASSWORD);
        Api.page(county).get("/").then().statusCode(303).header("Location", containsString("/county"));
        String name = "石门镇" + Api.unique("");
        Api.page(county).contentType("application/x-www-form-urlencoded").formParam("name", name).post("/county/towns")
                .then().statusCode(303).header("Location", containsString("/county?ok=town"));
        Api.page(county).get("/county").then().statusCode(200).body(containsString(name)).body(containsString("新建镇管理员"));
        Api.page(county).contentType("application/x-www-form-urlencoded").formParam("name", name).post("/county/towns")
                .then().statusCode(303).header("Location", containsString("/county?error="));
    }
}
