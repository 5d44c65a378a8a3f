package org.jifen.points;

import org.jifen.support.Api;
import org.jifen.support.TestDatabase;

import java.sql.ResultSet;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.is;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers for the points feature: catalog items, entries, reviews, closes, and ledger checks by SQL. */
final class Points {

    private Points() {
    }

    /** A month that ended {@code back} months ago, China time. */
    static String pastMonth(int back) {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(back).toString();
    }

    /** A town-wide item worth {@code points}; returns its code. */
    static String item(int points) {
        return item(points, Map.of());
    }

    static String item(int points, Map<String, Object> more) {
        String code = Api.unique("T").replaceAll("[^A-Za-z0-9_.-]", "");
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "category", "测试类", "title", "测试项目" + code,
                "points", points, "unit", "次"));
        body.putAll(more);
        as(Api.admin()).body(body).post("/api/catalog").then().statusCode(201);
        return code;
    }

    static long entry(String officer, long village, long household, String code, int quantity, String month) {
        Number id = as(officer).body(Map.of("householdId", household, "itemCode", code, "quantity", quantity,
                        "occurredOn", month + "-15", "note", "测试"))
                .post("/api/villages/" + village + "/entries").then().statusCode(201)
                .body("status", is("PENDING")).body("month", is(month)).extract().path("id");
        return id.longValue();
    }

    static void approve(String reviewer, long entry) {
        as(reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + entry + "/review").then().statusCode(200);
    }

    /** Registers and approves: the household earns {@code points} (an item of 1 point x quantity) in {@code month}. */
    static void earn(String officer, String reviewer, long village, long household, String onePointCode, int points, String month) {
        approve(reviewer, entry(officer, village, household, onePointCode, points, month));
    }

    static int available(long household) throws Exception {
        return intOf("SELECT coalesce((SELECT available FROM account WHERE household_id = ?), 0)", household);
    }

    static int intOf(String sql, Object... params) throws Exception {
        try (var c = TestDatabase.connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void sql(String sql) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The invariant: for every household of the village, the sum of its postings equals its available points; and verify says ok. */
    static void assertBalanced(long village) throws Exception {
        int off = intOf("""
                SELECT count(*) FROM account a WHERE a.village_id = ?
                AND a.available <> (SELECT coalesce(sum(points), 0) FROM posting p WHERE p.household_id = a.household_id)""", village);
        assertEquals(0, off, "households whose available points differ from the sum of their postings");
        Boolean ok = as(Api.admin()).get("/api/villages/" + village + "/ledger/verify").then().statusCode(200).extract().path("ok");
        assertTrue(ok, "ledger verification of village " + village);
    }

    /** type:points of the household's postings in order, e.g. ["EARN:5", "BONUS:10"]. */
    static List<String> postings(long household) {
        List<Map<String, Object>> list = as(Api.admin()).get("/api/households/" + household + "/postings").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return list.stream().map(p -> p.get("type") + ":" + p.get("points") + "@" + p.get("month")).toList();
    }
}
