package org.jifen.household;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jifen.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.hamcrest.Matchers.is;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Role × village scope on every household endpoint: who may read, who may write, where. */
@QuarkusTest
class HouseholdScopeMatrixTest {

    record Call(String name, boolean write, Function<String, Response> run) {
    }

    long villageB;
    long householdB;
    long memberB;

    @BeforeEach
    void villageWithAHousehold() {
        villageB = Api.village();
        householdB = Api.household(Api.admin(), villageB);
        Number m = as(Api.admin()).body(Map.of("name", "成员", "relation", "子")).post("/api/households/" + householdB + "/members")
                .then().statusCode(201).extract().path("id");
        memberB = m.longValue();
    }

    List<Call> calls() {
        String v = "/api/villages/" + villageB;
        String h = "/api/households/" + householdB;
        byte[] csv = "户号,户主姓名,联系电话,村民小组\nX1,某人,,一组\n".getBytes(StandardCharsets.UTF_8);
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("list", false, t -> as(t).get(v + "/households?q=张")));
        calls.add(new Call("facets", false, t -> as(t).get(v + "/household-facets")));
        calls.add(new Call("get", false, t -> as(t).get(h)));
        calls.add(new Call("members", false, t -> as(t).get(h + "/members")));
        calls.add(new Call("export csv", false, t -> as(t).get(v + "/households/export?format=csv")));
        calls.add(new Call("export xlsx", false, t -> as(t).get(v + "/households/export?format=xlsx")));
        calls.add(new Call("create", true, t -> as(t).body(Map.of("number", Api.unique("N"), "headName", "新户")).post(v + "/households")));
        calls.add(new Call("update", true, t -> as(t).body(Map.of("number", Api.unique("U"), "headName", "改名")).put(h)));
        calls.add(new Call("tags", true, t -> as(t).body(Map.of("tags", List.of("困难户"))).put(h + "/tags")));
        calls.add(new Call("add member", true, t -> as(t).body(Map.of("name", "新成员")).post(h + "/members")));
        calls.add(new Call("edit member", true, t -> as(t).body(Map.of("name", "成员二")).put(h + "/members/" + memberB)));
        calls.add(new Call("archive", true, t -> as(t).body(Map.of("status", "ACTIVE")).post(h + "/archive")));
        calls.add(new Call("import dry run", true, t -> as(t).contentType("text/csv").body(csv).post(v + "/households/import?dryRun=true")));
        return calls;
    }

    /** Destructive calls, checked last. */
    List<Call> destructive() {
        String h = "/api/households/" + householdB;
        return List.of(
                new Call("remove member", true, t -> as(t).delete(h + "/members/" + memberB)),
                new Call("delete", true, t -> as(t).delete(h)));
    }

    private void expect(String who, String token, boolean reads, boolean writes) {
        List<Call> all = new ArrayList<>(calls());
        all.addAll(destructive());
        for (Call c : all) {
            boolean allowed = c.write() ? writes : reads;
            Response r = c.run().apply(token);
            if (allowed) {
                assertTrue(r.statusCode() < 300, who + " " + c.name() + " should pass, got " + r.statusCode() + " " + r.asString());
            } else {
                assertEquals(403, r.statusCode(), who + " " + c.name() + ": " + r.asString());
                assertEquals("auth.forbidden", r.jsonPath().getString("code"), who + " " + c.name());
            }
        }
    }

    @Test
    void shouldRefuseEveryVillageRoleOfAnotherVillageOnEveryHouseholdEndpoint() {
        long villageA = Api.village();
        for (String role : List.of("OFFICER", "SECRETARY", "REVIEWER", "CLERK")) {
            expect(role + " of A", Api.staff(role, villageA), false, false);
        }
        // and with a broken body, scope still answers first
        as(Api.staff("OFFICER", villageA)).body("{oops").put("/api/households/" + householdB).then().statusCode(403);
        as(Api.staff("OFFICER", villageA)).contentType("application/json").body("{}")
                .post("/api/villages/" + villageB + "/households/import").then().statusCode(403);
    }

    @Test
    void shouldLetReviewersAndClerksOfTheVillageReadButNotWrite() {
        expect("REVIEWER of B", Api.staff("REVIEWER", villageB), true, false);
    }

    @Test
    void shouldLetClerkOfTheVillageReadButNotWrite() {
        expect("CLERK of B", Api.staff("CLERK", villageB), true, false);
    }

    @Test
    void shouldLetInspectorReadEveryVillageAndChangeNothing() {
        expect("INSPECTOR", Api.staff("INSPECTOR", null), true, false);
    }

    @Test
    void shouldLetOfficerAndSecretaryOfTheVillageDoEverything() {
        expect("OFFICER of B", Api.staff("OFFICER", villageB), true, true);
    }

    @Test
    void shouldLetSecretaryOfTheVillageDoEverything() {
        expect("SECRETARY of B", Api.staff("SECRETARY", villageB), true, true);
    }

    @Test
    void shouldLetTownAdminDoEverythingInEveryVillage() {
        expect("TOWN_ADMIN", Api.admin(), true, true);
    }

    @Test
    void shouldAnswer401WithoutToken() {
        io.restassured.RestAssured.given().get("/api/villages/" + villageB + "/households").then().statusCode(401);
        io.restassured.RestAssured.given().contentType("text/csv").body("a")
                .post("/api/villages/" + villageB + "/households/import").then().statusCode(401).body("code", is("auth.unauthenticated"));
    }
}
