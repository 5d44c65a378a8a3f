package org.jifen.points;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.is;
import static org.jifen.points.Points.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One village through three months (register, review, close), checked against figures computed by hand,
 * with the balance invariant and the ledger verification after every step.
 */
@QuarkusTest
class PointsScenarioTest {

    @Test
    void shouldWalkAVillageThroughThreeMonths() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String r1 = Api.staff("REVIEWER", v);
        String r2 = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        String volunteer = item(5);      // 志愿服务 +5 / 次
        String tidy = item(3);           // 人居环境整治 +3 / 次
        String mess = item(-2);          // 乱堆乱放 -2 / 次
        long a = Api.household(officer, v);
        long b = Api.household(officer, v);
        long c = Api.household(officer, v);
        long d = Api.household(officer, v);
        String m1 = pastMonth(3);
        String m2 = pastMonth(2);
        String m3 = pastMonth(1);

        // ---- month 1: A 10+3 = 13, B 10+3 = 13 (tie), C 3-2 = 1, D -2 (and a rejected entry)
        approve(r1, entry(officer, v, a, volunteer, 2, m1));
        approve(r1, entry(officer, v, a, tidy, 1, m1));
        approve(r1, entry(officer, v, b, tidy, 1, m1));
        approve(r1, entry(officer, v, b, volunteer, 2, m1));
        approve(r1, entry(officer, v, c, tidy, 1, m1));
        approve(r1, entry(officer, v, c, mess, 1, m1));
        approve(r1, entry(officer, v, d, mess, 1, m1));
        long rejected = entry(officer, v, d, volunteer, 1, m1);
        assertBalanced(v);
        as(secretary).post("/api/villages/" + v + "/months/" + m1 + "/close").then().statusCode(409).body("code", is("points.pending-entries"));
        as(r2).body(Map.of("decision", "REJECT", "note", "无照片")).post("/api/entries/" + rejected + "/review").then().statusCode(200);
        var close1 = as(secretary).post("/api/villages/" + v + "/months/" + m1 + "/close").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 1, 3), close1.getList("ranking.rank"));
        assertEquals(List.of(10, 10, 8), close1.getList("bonuses.points"));
        assertEquals(23, available(a));
        assertEquals(23, available(b));
        assertEquals(9, available(c));
        assertEquals(-2, available(d));
        assertBalanced(v);

        // ---- month 2: the town uses bonuses 5, 3, 1; the village raises 志愿服务 to 6 after A's entry
        var before = as(Api.admin()).get("/api/town/points-settings").then().statusCode(200).extract().jsonPath();
        try {
            as(Api.admin()).body(Map.of("bonusScheme", List.of(5, 3, 1), "starThresholds", List.of(200, 250, 300)))
                    .put("/api/town/points-settings").then().statusCode(200);
            approve(r1, entry(officer, v, a, volunteer, 1, m2));                       // A 5
            as(secretary).body(Map.of("points", 6)).put("/api/villages/" + v + "/catalog/" + volunteer).then().statusCode(200);
            approve(r1, entry(officer, v, b, volunteer, 1, m2));                       // B 6
            approve(r1, entry(officer, v, c, tidy, 2, m2));                            // C 6
            approve(r1, entry(officer, v, d, volunteer, 1, m2));                       // D 6
            approve(r1, entry(officer, v, d, tidy, 1, m2));                            // D 6+3 = 9
            as(secretary).body(Map.of("points", 2, "month", m2, "reason", "补记义务植树")).post("/api/households/" + a + "/adjustments")
                    .then().statusCode(201);                                           // A 5+2 = 7
            assertBalanced(v);
            var close2 = as(r2).post("/api/villages/" + v + "/months/" + m2 + "/close").then().statusCode(200).extract().jsonPath();
            // D 9 (1st), A 7 (2nd), B 6 and C 6 (both 3rd)
            assertEquals(List.of(1, 2, 3, 3), close2.getList("ranking.rank"));
            assertEquals(List.of(5, 3, 1, 1), close2.getList("bonuses.points"));
        } finally {
            as(Api.admin()).body(Map.of("bonusScheme", before.getList("bonusScheme"), "starThresholds", before.getList("starThresholds")))
                    .put("/api/town/points-settings").then().statusCode(200);
        }
        assertEquals(23 + 7 + 3, available(a));
        assertEquals(23 + 6 + 1, available(b));
        assertEquals(9 + 6 + 1, available(c));
        assertEquals(-2 + 9 + 5, available(d));
        assertBalanced(v);

        // ---- month 3: two approvals required; A +3, C -2, D +6; D's old deduction is reversed (into this month)
        as(secretary).body(Map.of("twoApprovals", true, "registrationDay", 10)).put("/api/villages/" + v + "/points-settings").then().statusCode(200);
        long ea = entry(officer, v, a, tidy, 1, m3);
        approve(r1, ea);
        assertEquals(33, available(a));
        approve(r2, ea);
        long ec = entry(officer, v, c, mess, 1, m3);
        approve(r1, ec);
        approve(r2, ec);
        long ed = entry(officer, v, d, volunteer, 1, m3);
        approve(r2, ed);
        approve(r1, ed);
        long deduction = intOf("SELECT id FROM posting WHERE household_id = ? AND month = ? AND points = -2", d, m1);
        as(secretary).body(Map.of("reason", "经核实并无乱堆乱放")).post("/api/postings/" + deduction + "/reverse").then().statusCode(201);
        assertBalanced(v);
        var close3 = as(secretary).post("/api/villages/" + v + "/months/" + m3 + "/close").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(6, 3), close3.getList("ranking.points"));
        assertEquals(List.of(10, 9), close3.getList("bonuses.points"));
        assertBalanced(v);

        // ---- every household's postings and balance, by hand
        String m0 = pastMonth(0);
        assertEquals(List.of("EARN:10@" + m1, "EARN:3@" + m1, "BONUS:10@" + m1, "EARN:5@" + m2, "ADJUST:2@" + m2, "BONUS:3@" + m2,
                "EARN:3@" + m3, "BONUS:9@" + m3), postings(a));
        assertEquals(List.of("EARN:3@" + m1, "EARN:10@" + m1, "BONUS:10@" + m1, "EARN:6@" + m2, "BONUS:1@" + m2), postings(b));
        assertEquals(List.of("EARN:3@" + m1, "EARN:-2@" + m1, "BONUS:8@" + m1, "EARN:6@" + m2, "BONUS:1@" + m2, "EARN:-2@" + m3),
                postings(c));
        assertEquals(List.of("EARN:-2@" + m1, "EARN:6@" + m2, "EARN:3@" + m2, "BONUS:5@" + m2, "EARN:6@" + m3, "EARN:2@" + m0,
                "BONUS:10@" + m3), postings(d));
        assertEquals(45, available(a));
        assertEquals(30, available(b));
        assertEquals(14, available(c));
        assertEquals(30, available(d));
        as(secretary).get("/api/villages/" + v + "/ledger/verify").then().statusCode(200).body("ok", is(true)).body("seals", is(3));
        as(secretary).get("/api/villages/" + v + "/months").then().statusCode(200).body("size()", is(3));
    }
}
