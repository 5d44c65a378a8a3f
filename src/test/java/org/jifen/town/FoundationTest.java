package org.jifen.town;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FoundationTest {

    @Test
    void shouldLoginAdminWithTownScope() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/login").then().statusCode(200)
                .body("token", not(emptyOrNullString()))
                .body("username", is("admin"))
                .body("roles", contains("TOWN_ADMIN"))
                .body("townId", notNullValue())
                .body("villageId", nullValue());
    }

    @Test
    void shouldRefuseBadPasswordAsProblem() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "wrong"))
                .post("/api/login").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", is("auth.invalid-credentials"))
                .body("status", is(401))
                .body("title", not(emptyOrNullString()));
    }

    @Test
    void shouldRateLimitRepeatedFailures() {
        long villageId = Api.village();
        String token = Api.staff("OFFICER", villageId);
        String username = as(Api.admin()).get("/api/staff").then().extract()
                .path("find { it.villageId == " + villageId + " }.username");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "nope"))
                    .post("/api/login").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "pw-" + username))
                .post("/api/login").then().statusCode(429).body("code", is("auth.rate-limited"));
        as(token).get("/api/villages").then().statusCode(200);
    }

    @Test
    void shouldAnswer401WithoutTokenAndForUnknownToken() {
        given().get("/api/villages").then().statusCode(401).contentType("application/problem+json");
        as("not-a-real-token").get("/api/villages").then().statusCode(401);
    }

    @Test
    void shouldRevokeTokenOnLogout() {
        String token = Api.login("admin", Api.ADMIN_PASSWORD);
        as(token).get("/api/villages").then().statusCode(200);
        as(token).post("/api/logout").then().statusCode(204);
        as(token).get("/api/villages").then().statusCode(401);
    }

    @Test
    void shouldCreateVillageAndRefuseDuplicateCode() {
        String code = Api.unique("dup").replaceAll("[^A-Za-z0-9]", "");
        as(Api.admin()).body(Map.of("code", code, "name", "青石村")).post("/api/villages")
                .then().statusCode(201).body("id", notNullValue()).body("code", is(code)).body("name", is("青石村"));
        as(Api.admin()).body(Map.of("code", code, "name", "另一个村")).post("/api/villages")
                .then().statusCode(409).body("code", is("village.duplicate-code"));
    }

    @Test
    void shouldShowVillageScopedStaffOnlyItsVillage() {
        long a = Api.village();
        Api.village();
        String officer = Api.staff("OFFICER", a);
        as(officer).get("/api/villages").then().statusCode(200).body("size()", is(1)).body("[0].id", is((int) a));
        as(Api.admin()).get("/api/villages").then().statusCode(200).body("size()", greaterThanOrEqualTo(2));
    }

    @Test
    void shouldForbidOfficerOfAnotherVillage() {
        long a = Api.village();
        long b = Api.village();
        String officerA = Api.staff("OFFICER", a);
        as(officerA).get("/api/villages/" + b).then().statusCode(403).body("code", is("auth.forbidden"));
        as(officerA).get("/api/villages/" + a).then().statusCode(200);
    }

    @Test
    void shouldForbidNonAdminsFromCreatingVillagesEvenWithBadBody() {
        long a = Api.village();
        String secretary = Api.staff("SECRETARY", a);
        as(secretary).body("{not json").post("/api/villages").then().statusCode(403).body("code", is("auth.forbidden"));
        String inspector = Api.staff("INSPECTOR", null);
        as(inspector).body(Map.of("code", "x1", "name", "x")).post("/api/villages").then().statusCode(403);
        as(inspector).get("/api/villages/" + a).then().statusCode(200);
    }

    @Test
    void shouldValidateStaffScope() {
        Map<String, Object> body = new HashMap<>(Map.of("username", Api.unique("u").replace("-", ""), "password", "long-enough-pw",
                "displayName", "某人", "role", "OFFICER"));
        as(Api.admin()).body(body).post("/api/staff").then().statusCode(400)
                .body("code", is("staff.bad-scope")).body("fields", contains("villageId"));
        body.put("role", "NOT_A_ROLE");
        as(Api.admin()).body(body).post("/api/staff").then().statusCode(400).body("code", is("request.malformed"));
    }

    @Test
    void shouldAnswerMalformedInputWith4xxProblems() {
        as(Api.admin()).body("{\"code\": ").post("/api/villages").then().statusCode(400)
                .contentType("application/problem+json").body("code", is("request.malformed"));
        as(Api.admin()).body(Map.of("code", "", "name", "x")).post("/api/villages").then().statusCode(400)
                .body("code", is("request.invalid")).body("fields", hasItem("code"));
        as(Api.admin()).body(Map.of("code", 12, "name", List.of(1))).post("/api/villages").then().statusCode(400);
        as(Api.admin()).get("/api/villages/abc").then().statusCode(404);
        as(Api.admin()).get("/api/villages/987654321").then().statusCode(404).body("code", is("not-found"));
        as(Api.admin()).contentType("text/plain").body("hello").post("/api/villages").then().statusCode(415);
    }

    @Test
    void shouldWriteAuditRowsThatCannotBeDeleted() throws Exception {
        long id = Api.village();
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT actor, action, entity, after->>'name' FROM audit_log WHERE entity = 'village' AND entity_id = '" + id + "'");
            assertTrue(rs.next());
            assertEquals("admin", rs.getString(1));
            assertEquals("create", rs.getString(2));
            assertTrue(rs.getString(4).startsWith("测试村"));
            SQLException ex = assertThrows(SQLException.class,
                    () -> s.executeUpdate("DELETE FROM audit_log WHERE entity_id = '" + id + "'"));
            assertTrue(ex.getMessage().contains("audit.immutable"));
        }
    }

    @Test
    void shouldBeReadyWhenMigrated() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
