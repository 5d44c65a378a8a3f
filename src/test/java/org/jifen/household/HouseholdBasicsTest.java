package org.jifen.household;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;

@QuarkusTest
class HouseholdBasicsTest {

    @Test
    void shouldCreateHouseholdAndRefuseDuplicateNumber() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        Map<String, Object> body = Map.of("number", "0101", "headName", "李桂兰", "phone", "13912345678", "group", "二组",
                "members", List.of(Map.of("name", "王强", "relation", "子")));
        as(officer).body(body).post("/api/villages/" + v + "/households").then().statusCode(201)
                .body("id", notNullValue()).body("number", is("0101")).body("headName", is("李桂兰"))
                .body("availablePoints", is(0)).body("cardVersion", is(1));
        as(officer).body(body).post("/api/villages/" + v + "/households").then().statusCode(409)
                .body("code", is("household.duplicate-number"));
    }

    @Test
    void shouldShowPointFiguresOfHousehold() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        TestLedger.give(h, 30, "2026-01");
        as(officer).get("/api/households/" + h).then().statusCode(200)
                .body("villageId", is((int) v)).body("availablePoints", is(30)).body("earnedThisYear", is(30));
    }

    @Test
    void shouldCheckScopeBeforeReadingBody() {
        long a = Api.village();
        long b = Api.village();
        String officerA = Api.staff("OFFICER", a);
        as(officerA).body("{broken").post("/api/villages/" + b + "/households").then().statusCode(403)
                .body("code", is("auth.forbidden"));
        long hb = Api.household(Api.staff("OFFICER", b), b);
        as(officerA).get("/api/households/" + hb).then().statusCode(403);
        String clerkA = Api.staff("CLERK", a);
        as(clerkA).body(Map.of("number", "1", "headName", "x")).post("/api/villages/" + a + "/households").then().statusCode(403);
    }
}
