package org.jifen.county;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.common.security.Roles;
import org.jifen.support.Api;
import org.jifen.support.FuzzRequests;
import org.jifen.support.FuzzWorld;
import org.jifen.support.Junk;
import org.jifen.support.OpenApiOperations;
import org.jifen.support.OpenApiOperations.Operation;
import org.jifen.support.Sweep;
import org.jifen.support.TestDatabase;
import org.jifen.support.TownSettingsSnapshot;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several towns in one install: the TOWN_ADMIN and the INSPECTOR of town A (the test town) call EVERY secured operation
 * of the OpenAPI document with town B's data (a second town made by the county admin, with a village like the fuzz
 * sweeps' plus spot checks, results, a 整改 item, a shop inspection, photos, fund receipts and vouchers). Generated from
 * the document, so an endpoint added later is covered without being listed:
 * <ul>
 * <li>an operation with a path id of town B ({@code villageId}, {@code householdId}, {@code spotCheckId}, {@code townId}...)
 * answers 403 or 404, with a plausible body and with an empty one (scope before body);</li>
 * <li>an operation without such an id (the town's own pages and lists, {@code /api/town/...}, the catalog, a redemption
 * naming B's card in its body) may succeed for town A, but its answer never names town B's town, villages, households or
 * staff, and nothing of town B changes;</li>
 * <li>an operation only villagers may call (the portal) answers 403 to staff;</li>
 * <li>never a 5xx; and an operation whose only ids are of a kind the sweep has no town-B value for fails the test: give
 * the world such an id when you add one.</li>
 * </ul>
 */
@QuarkusTest
class TownScopeSweepTest {

    static final String COUNTY_PASSWORD = "county-test-pw";

    @Test
    void theStaffOfOneTownGet403Or404OnEveryOperationWithAnotherTownsIds() throws Exception {
        OpenApiOperations api = OpenApiOperations.load();
        String county = Api.login("county", COUNTY_PASSWORD);
        String townName = "测试镇" + Api.unique("t");
        Number townB = as(county).body(Map.of("name", townName)).post("/api/towns").then().statusCode(201).extract().path("id");
        String bAdminName = Api.unique("badmin").replaceAll("[^A-Za-z0-9_.@-]", "");
        as(county).body(Map.of("username", bAdminName, "password", "pw-" + bAdminName, "displayName", "乙镇管理员"))
                .post("/api/towns/" + townB + "/staff").then().statusCode(201);
        String bAdmin = Api.login(bAdminName, "pw-" + bAdminName);

        FuzzWorld world = FuzzWorld.acrossTowns(bAdmin);
        FuzzWorld.Village b = world.b;
        moreIdsOfTownB(b, bAdmin, townB.longValue());
        FuzzRequests requests = new FuzzRequests(world, new Junk(20261207L, world));
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("TOWN_ADMIN", Api.admin());
        String inspector = Api.unique("inspector").replaceAll("[^A-Za-z0-9_.@-]", "");
        as(Api.admin()).body(Map.of("username", inspector, "password", "pw-" + inspector, "displayName", "甲镇督查员", "role", "INSPECTOR"))
                .post("/api/staff").then().statusCode(201);
        callers.put("INSPECTOR", Api.login(inspector, "pw-" + inspector));
        Map<String, String> usernames = Map.of("TOWN_ADMIN", "admin", "INSPECTOR", inspector);
        Pattern markers = markersOf(townB.longValue(), townName);

        long start = System.currentTimeMillis();
        List<String> wrong = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        Set<String> exercised = new LinkedHashSet<>();
        int scoped = 0;
        int townLevel = 0;
        Map<String, String> townASettings = TownSettingsSnapshot.take(api.all());  // town A's own calls write them
        try (Sweep sweep = Sweep.ofTown(townB.longValue())) {
            Map<String, String> before = sweep.state();
            Map<String, String> townBefore = townState(townB.longValue());
            for (Operation op : api.all()) {
                if (!op.secured()) {
                    continue; // public pages (a published notice, the login) are everyone's by design
                }
                boolean withBIds = op.pathParams().stream().anyMatch(p -> b.ids.containsKey(p.name()));
                List<String> unknownIds = op.pathParams().stream().map(OpenApiOperations.Param::name)
                        .filter(n -> n.endsWith("Id") && !b.ids.containsKey(n)).toList();
                boolean villagersOnly = op.permissionSets().equals(List.of(Roles.HOUSEHOLD));
                if (!withBIds && !unknownIds.isEmpty() && !villagersOnly) {
                    uncovered.add(op + ": no town-B value for " + unknownIds);
                    continue;
                }
                if (withBIds) {
                    scoped++;
                } else {
                    townLevel++;
                }
                var path = requests.pathValues(op, b);
                String query = requests.plausibleQuery(op, b);
                List<FuzzRequests.Body> bodies = new ArrayList<>(List.of(requests.body(op, "plausible", b)));
                if (withBIds && op.hasBody()) {
                    bodies.add(requests.body(op, "empty", b));
                }
                for (var caller : callers.entrySet()) {
                    for (FuzzRequests.Body body : bodies) {
                        Sweep.Call call = withToken(requests.call(op, "TOWN_ADMIN", "town B's data", path, query, body), caller.getKey(),
                                op.path().endsWith("/logout") ? freshSession(usernames.get(caller.getKey())) : caller.getValue());
                        Sweep.Answer answer = sweep.send(call);
                        exercised.add(caller.getKey() + " " + op);
                        String text = answer.text() == null ? "" : answer.text();
                        if ((withBIds || villagersOnly) && answer.status() != 403 && answer.status() != 404) {
                            wrong.add(answer.status() + ": " + call + " → " + text.substring(0, Math.min(200, text.length())));
                        }
                        var leak = markers.matcher(text);
                        if (leak.find()) {
                            wrong.add("names town B's " + leak.group() + " (" + answer.status() + "): " + call);
                        }
                    }
                }
            }
            // a town PDF on a machine without a CJK font answers its documented 503 pdf.no-font: not a scope question
            sweep.failures.removeIf(f -> f.startsWith("503: ") && f.contains("\"code\":\"pdf.no-font\""));
            String summary = sweep.summary("town scope sweep", System.currentTimeMillis() - start) + ", " + scoped
                    + " operations with an id of town B, " + townLevel + " without (town-level)";
            System.out.println(summary);
            assertTrue(wrong.isEmpty() && sweep.failures.isEmpty() && uncovered.isEmpty(), summary + "\nwrong:\n" + String.join("\n", wrong)
                    + "\nfailures:\n" + String.join("\n", sweep.failures) + "\nnot exercised with town B's ids:\n" + String.join("\n", uncovered));
            assertEquals(before, sweep.state(), "nothing of town B's villages changed");
            assertEquals(townBefore, townState(townB.longValue()), "nothing of town B itself changed");
            long secured = api.all().stream().filter(Operation::secured).count();
            assertEquals(secured * callers.size(), exercised.size(), "every secured operation, by each caller");
            assertTrue(scoped >= 100, "operations under a town's data: " + scoped);
        } finally {
            TownSettingsSnapshot.putBack(townASettings);
        }
    }

    /** The ids of town B's oversight and funds records, by the path parameter names that lead to them. */
    private static void moreIdsOfTownB(FuzzWorld.Village b, String bAdmin, long townB) throws Exception {
        b.ids.put("townId", String.valueOf(townB));
        String today = FuzzWorld.today().toString();
        Number receipt = as(b.token("SECRETARY")).body(Map.of("source", "镇财政", "amountCents", 100000, "receivedOn", today, "note", "测试"))
                .post("/api/villages/" + b.id + "/funds").then().statusCode(201).extract().path("id");
        b.ids.put("fundReceiptId", receipt.toString());
        long purchase = sql("SELECT purchase_id FROM batch WHERE id = ?", Long.valueOf(b.ids.get("batchId")));
        b.ids.put("purchaseId", String.valueOf(purchase));
        b.ids.put("voucherId", String.valueOf(sql("""
                INSERT INTO voucher (village_id, purchase_id, kind, content_type, size, sha256, data, uploaded_by)
                VALUES (?, ?, 'INVOICE', 'image/png', 3, repeat('a', 64), '\\x010203'::bytea, 'test') RETURNING id""", b.id, purchase)));
        Map<String, Object> draw = new HashMap<>(Map.of("from", FuzzWorld.today().minusDays(60).toString(), "to", today, "size", 1));
        var drawn = as(bAdmin).body(draw).post("/api/villages/" + b.id + "/spot-checks").then().statusCode(201).extract();
        Number spotCheck = drawn.path("id");
        Number sampled = drawn.path("households[0].householdId");
        b.ids.put("spotCheckId", spotCheck.toString());
        as(bAdmin).body(Map.of("householdId", sampled, "matches", false, "note", "记录与实际不符"))
                .post("/api/spot-checks/" + spotCheck + "/results").then().statusCode(201);
        long result = sql("SELECT id FROM spot_check_result WHERE spot_check_id = ? ORDER BY id LIMIT 1", spotCheck.longValue());
        b.ids.put("spotCheckResultId", String.valueOf(result));
        b.ids.put("rectificationId", String.valueOf(sql("SELECT id FROM rectification WHERE village_id = ? ORDER BY id LIMIT 1", b.id)));
        b.ids.put("shopInspectionId", String.valueOf(sql(
                "INSERT INTO shop_inspection (village_id, inspected_by, note) VALUES (?, 'test', '测试') RETURNING id", b.id)));
        b.ids.put("oversightPhotoId", String.valueOf(sql("""
                INSERT INTO oversight_photo (village_id, subject, subject_id, content_type, data, sha256, created_by)
                VALUES (?, 'spot-check-result', ?, 'image/png', '\\x010203'::bytea, repeat('b', 64), 'test') RETURNING id""", b.id, result)));
        Number visit = as(bAdmin).body(Map.of("householdId", Long.valueOf(b.ids.get("householdId")), "visitedOn", today,
                        "metWhom", "户主本人", "needsHeard", "冬天缺棉被"))
                .post("/api/villages/" + b.id + "/survey-visits").then().statusCode(201).extract().path("id");
        b.ids.put("surveyVisitId", visit.toString());
        b.ids.put("surveyPhotoId", String.valueOf(sql("""
                INSERT INTO survey_photo (village_id, visit_id, content_type, data, sha256, created_by)
                VALUES (?, ?, 'image/png', '\\x010203'::bytea, repeat('c', 64), 'test') RETURNING id""", b.id, visit.longValue())));
    }

    /** The names and numbers only town B's data has: its name, villages, households and staff. */
    private static Pattern markersOf(long townB, String townName) throws Exception {
        List<String> words = new ArrayList<>(List.of(townName));
        try (var c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT v.code AS w FROM village v WHERE v.town_id = ?1
                UNION SELECT v.name FROM village v WHERE v.town_id = ?1
                UNION SELECT h.number FROM household h JOIN village v ON v.id = h.village_id WHERE v.town_id = ?1
                UNION SELECT s.username FROM staff s WHERE s.town_id = ?1""".replace("?1", String.valueOf(townB)))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    words.add(rs.getString("w"));
                }
            }
        }
        assertTrue(words.size() >= 6, "markers of town B: " + words);
        return Pattern.compile("(?<![\\w-])(" + String.join("|", words.stream().map(Pattern::quote).toList()) + ")(?![\\w-])");
    }

    /** What a refused call must not change of town B beyond its villages' data: villages, staff, catalog, settings, trail. */
    private static Map<String, String> townState(long townB) throws Exception {
        String sql = "SELECT (SELECT count(*) FROM village WHERE town_id = ?1) AS villages, "
                + "(SELECT count(*) || '/' || count(*) FILTER (WHERE active) FROM staff WHERE town_id = ?1) AS staff, "
                + "(SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM catalog_item c WHERE town_id = ?1) AS catalog, "
                + "(SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s::text), '')) FROM town_setting s WHERE town_id = ?1) AS settings, "
                + "(SELECT count(*) FROM audit_log WHERE town_id = ?1) AS audit";
        try (var c = TestDatabase.connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql.replace("?1", String.valueOf(townB)))) {
            rs.next();
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
            }
            return m;
        }
    }

    private static Sweep.Call withToken(Sweep.Call call, String caller, String token) {
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        headers.put("Authorization", "Bearer " + token);
        return new Sweep.Call(call.operation(), caller, call.kind(), call.method(), call.uri(), call.contentType(), call.body(), headers);
    }

    /** A second session of the caller, for a call that ends the session it is sent with. */
    private static String freshSession(String username) {
        return Api.login(username, username.equals("admin") ? Api.ADMIN_PASSWORD : "pw-" + username);
    }

    private static long sql(String sql, Object... params) throws Exception {
        try (var c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getLong(1);
            }
        }
    }
}
