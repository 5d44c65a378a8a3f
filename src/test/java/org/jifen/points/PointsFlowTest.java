package org.jifen.points;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.points.Points.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class PointsFlowTest {

    @Test
    void shouldKeepRegisteredPointsWhenTheCatalogChanges() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        String reviewer = Api.staff("REVIEWER", v);
        long h = Api.household(officer, v);
        String code = item(5);
        String month = pastMonth(1);
        Number id = as(officer).body(Map.of("householdId", h, "itemCode", code, "quantity", 3, "occurredOn", month + "-02", "note", "打扫"))
                .post("/api/villages/" + v + "/entries").then().statusCode(201)
                .body("points", is(15)).body("status", is("PENDING")).body("month", is(month)).extract().path("id");
        // the village changes the item's points, then the town changes them too: the entry keeps 15
        as(secretary).body(Map.of("enabled", true, "points", 8)).put("/api/villages/" + v + "/catalog/" + code)
                .then().statusCode(200).body("points", is(8));
        as(Api.admin()).body(Map.of("category", "测试类", "title", "改过的", "points", 1, "unit", "次")).put("/api/catalog/" + code)
                .then().statusCode(200);
        approve(reviewer, id.longValue());
        assertEquals(List.of("EARN:15@" + month), postings(h));
        // a new entry uses the village's figure (8), which still overrides the town's
        as(officer).body(Map.of("householdId", h, "itemCode", code, "quantity", 1, "occurredOn", month + "-03"))
                .post("/api/villages/" + v + "/entries").then().statusCode(201).body("points", is(8));
        assertBalanced(v);
    }

    @Test
    void shouldShowVillageCatalogWithOverridesAndOwnItems() {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        String officer = Api.staff("OFFICER", v);
        String off = item(3);
        String kept = item(-5);
        as(secretary).body(Map.of("enabled", false)).put("/api/villages/" + v + "/catalog/" + off).then().statusCode(200);
        String own = Api.unique("V").replaceAll("[^A-Za-z0-9]", "");
        as(secretary).body(Map.of("code", own, "category", "村规民约", "title", "本村自有项目", "points", 4, "unit", "次"))
                .post("/api/villages/" + v + "/catalog").then().statusCode(201);
        as(officer).get("/api/villages/" + v + "/catalog").then().statusCode(200)
                .body("code", hasItems(kept, own)).body("code", not(hasItem(off)))
                .body("find { it.code == '" + kept + "' }.points", is(-5));
        long h = Api.household(officer, v);
        as(officer).body(Map.of("householdId", h, "itemCode", off, "quantity", 1, "occurredOn", pastMonth(1) + "-01"))
                .post("/api/villages/" + v + "/entries").then().statusCode(400).body("code", is("points.unknown-item"));
        // another village does not see this village's own item
        long other = Api.village();
        as(Api.admin()).get("/api/villages/" + other + "/catalog").then().statusCode(200).body("code", not(hasItem(own)));
        // a clerk may read but the catalog API writes are for the secretary
        as(officer).body(Map.of("enabled", false)).put("/api/villages/" + v + "/catalog/" + kept).then().statusCode(403);
    }

    @Test
    void shouldRefuseSelfReview() {
        long v = Api.village();
        String admin = Api.admin();
        long h = Api.household(admin, v);
        long e = entry(admin, v, h, item(2), 1, pastMonth(1));
        as(admin).body(Map.of("decision", "APPROVE")).post("/api/entries/" + e + "/review").then().statusCode(403)
                .body("code", is("points.self-review"));
        String reviewer = Api.staff("REVIEWER", v);
        approve(reviewer, e);
    }

    @Test
    void shouldRequireTwoApprovalsWhenTheVillageSaysSo() throws Exception {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        as(secretary).body(Map.of("registrationDay", 5, "twoApprovals", true)).put("/api/villages/" + v + "/points-settings")
                .then().statusCode(200).body("twoApprovals", is(true)).body("registrationDay", is(5))
                .body("nextRegistrationDate", notNullValue());
        String officer = Api.staff("OFFICER", v);
        String r1 = Api.staff("REVIEWER", v);
        String r2 = Api.staff("REVIEWER", v);
        long h = Api.household(officer, v);
        long e = entry(officer, v, h, item(6), 1, pastMonth(1));
        as(r1).body(Map.of("decision", "APPROVE")).post("/api/entries/" + e + "/review").then().statusCode(200)
                .body("status", is("PENDING"));
        as(r1).body(Map.of("decision", "APPROVE")).post("/api/entries/" + e + "/review").then().statusCode(409)
                .body("code", is("points.already-reviewed"));
        assertEquals(0, available(h));
        as(r2).body(Map.of("decision", "APPROVE", "note", "属实")).post("/api/entries/" + e + "/review").then().statusCode(200)
                .body("status", is("APPROVED"));
        assertEquals(6, available(h));
        assertBalanced(v);
    }

    @Test
    void shouldPostNothingForARejectedEntry() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        long h = Api.household(officer, v);
        long e = entry(officer, v, h, item(6), 1, pastMonth(1));
        as(reviewer).body(Map.of("decision", "REJECT", "note", "无佐证")).post("/api/entries/" + e + "/review").then().statusCode(200)
                .body("status", is("REJECTED"));
        assertEquals(List.of(), postings(h));
        as(reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + e + "/review").then().statusCode(409);
        assertBalanced(v);
    }

    @Test
    void shouldRefuseCloseWhilePendingAndOfAMonthNotEnded() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        long h = Api.household(officer, v);
        String month = pastMonth(1);
        long e = entry(officer, v, h, item(2), 1, month);
        as(reviewer).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(409)
                .body("code", is("points.pending-entries"));
        approve(reviewer, e);
        as(reviewer).post("/api/villages/" + v + "/months/" + pastMonth(0) + "/close").then().statusCode(409)
                .body("code", is("points.month-open"));
        as(reviewer).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200)
                .body("month", is(month)).body("ranking[0].householdId", is((int) h)).body("bonuses[0].points", is(10));
        as(reviewer).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(409)
                .body("code", is("points.month-closed"));
        as(officer).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(403);
    }

    @Test
    void shouldRankTiesAndCutBonusesAtRankTenExcludingZeroPointHouseholds() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String one = item(1);
        String minus = item(-1);
        String month = pastMonth(2);
        int[] figures = {50, 40, 40, 30, 20, 20, 20, 15, 10, 10, 10, 5};
        long[] hs = new long[figures.length];
        for (int i = 0; i < figures.length; i++) {
            hs[i] = Api.household(officer, v);
            earn(officer, reviewer, v, hs[i], one, figures[i], month);
        }
        long zero = Api.household(officer, v);
        earn(officer, reviewer, v, zero, one, 3, month);
        approve(reviewer, entry(officer, v, zero, minus, 3, month));
        long negative = Api.household(officer, v);
        approve(reviewer, entry(officer, v, negative, minus, 2, month));
        Api.household(officer, v); // nothing at all

        var close = as(reviewer).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> ranking = close.getList("ranking");
        assertEquals(12, ranking.size(), "only households above 0 are ranked");
        int[] ranks = {1, 2, 2, 4, 5, 5, 5, 8, 9, 9, 9, 12};
        int[] bonus = {10, 9, 9, 7, 6, 6, 6, 3, 2, 2, 2, 0};
        for (int i = 0; i < figures.length; i++) {
            long h = hs[i];
            Map<String, Object> place = ranking.stream().filter(p -> ((Number) p.get("householdId")).longValue() == h).findFirst().orElseThrow();
            assertEquals(ranks[i], place.get("rank"), "rank of household " + i);
            assertEquals(figures[i], place.get("points"));
            assertEquals(figures[i] + bonus[i], available(h), "points of household " + i);
        }
        List<Map<String, Object>> bonuses = close.getList("bonuses");
        assertEquals(11, bonuses.size());
        assertEquals(bonus[0] + 2 * bonus[1] + bonus[3] + 3 * bonus[4] + bonus[7] + 3 * bonus[8],
                bonuses.stream().mapToInt(b -> (Integer) b.get("points")).sum());
        assertEquals(0, available(zero));
        assertEquals(-2, available(negative));
        assertEquals(List.of("EARN:3@" + month, "EARN:-3@" + month), postings(zero));
        assertBalanced(v);
    }

    @Test
    void shouldRefuseEntriesReviewsAndAdjustmentsIntoAClosedMonthAlsoBySql() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        long h = Api.household(officer, v);
        String code = item(4);
        String month = pastMonth(3);
        earn(officer, reviewer, v, h, code, 1, month);
        as(secretary).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200);

        as(officer).body(Map.of("householdId", h, "itemCode", code, "quantity", 1, "occurredOn", month + "-20"))
                .post("/api/villages/" + v + "/entries").then().statusCode(409).body("code", is("points.month-closed"));
        as(secretary).body(Map.of("points", 5, "month", month, "reason", "补登")).post("/api/households/" + h + "/adjustments")
                .then().statusCode(409).body("code", is("points.month-closed"));
        // an adjustment into an open month is fine
        as(secretary).body(Map.of("points", 5, "month", pastMonth(1), "reason", "补登上月")).post("/api/households/" + h + "/adjustments")
                .then().statusCode(201).body("type", is("ADJUST")).body("points", is(5));

        // and the database refuses direct writes too
        SQLException posting = assertThrows(SQLException.class, () -> sql("""
                INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
                VALUES (%d, %d, 'ADJUST', 100, '%s', 'sql', 'sql', 0, '', '')""".formatted(h, v, month)));
        assertTrue(posting.getMessage().contains("points.month-closed"), posting.getMessage());
        long itemId = intOf("SELECT id FROM catalog_item WHERE code = ?", code);
        SQLException entry = assertThrows(SQLException.class, () -> sql("""
                INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity, points,
                                   occurred_on, month, recorded_by, recorded_by_id)
                VALUES (%d, %d, %d, '%s', 'x', 4, 1, 4, '%s-20', '%s', 'sql', 1)""".formatted(v, h, itemId, code, month, month)));
        assertTrue(entry.getMessage().contains("points.month-closed"), entry.getMessage());
        long entryId = intOf("SELECT id FROM entry WHERE household_id = ? AND month = ?", h, month);
        SQLException review = assertThrows(SQLException.class, () -> sql(
                "INSERT INTO entry_review (entry_id, reviewer, reviewer_id, decision) VALUES (" + entryId + ", 'sql', 999999, 'REJECT')"));
        assertTrue(review.getMessage().contains("points.month-closed"), review.getMessage());
        SQLException update = assertThrows(SQLException.class, () -> sql("UPDATE entry SET status = 'REJECTED' WHERE id = " + entryId));
        assertTrue(update.getMessage().contains("points.month-closed"), update.getMessage());
        assertEquals(4 + 10 + 5, available(h));
        assertBalanced(v);
    }

    @Test
    void shouldRefuseUpdateAndDeleteOfPostingsInTheDatabase() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        long h = Api.household(officer, v);
        earn(officer, reviewer, v, h, item(1), 7, pastMonth(1));
        long id = intOf("SELECT id FROM posting WHERE household_id = ?", h);
        SQLException update = assertThrows(SQLException.class, () -> sql("UPDATE posting SET points = 70 WHERE id = " + id));
        assertTrue(update.getMessage().contains("ledger.immutable"), update.getMessage());
        SQLException delete = assertThrows(SQLException.class, () -> sql("DELETE FROM posting WHERE id = " + id));
        assertTrue(delete.getMessage().contains("ledger.immutable"), delete.getMessage());
        SQLException truncate = assertThrows(SQLException.class, () -> sql("TRUNCATE posting CASCADE"));
        assertTrue(truncate.getMessage().contains("ledger.immutable"), truncate.getMessage());
        assertEquals(7, available(h));
    }

    @Test
    void shouldDetectTamperingWithTheChain() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        long a = Api.household(officer, v);
        long b = Api.household(officer, v);
        long c = Api.household(officer, v);
        String one = item(1);
        String month = pastMonth(2);
        earn(officer, reviewer, v, c, one, 3, month);
        earn(officer, reviewer, v, a, one, 5, month);
        earn(officer, reviewer, v, a, one, 6, month);
        earn(officer, reviewer, v, b, one, 4, month);
        as(secretary).body(Map.of("points", 2, "month", month, "reason", "更正")).post("/api/households/" + b + "/adjustments").then().statusCode(201);
        as(secretary).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200);
        as(secretary).body(Map.of("points", 1, "month", pastMonth(1), "reason", "更正")).post("/api/households/" + b + "/adjustments").then().statusCode(201);
        assertBalanced(v);

        long edited = intOf("SELECT id FROM posting WHERE household_id = ? AND seq = 1", a);
        long deleted = intOf("SELECT id FROM posting WHERE household_id = ? AND seq = 2", b);
        long sealedHead = intOf("SELECT id FROM posting WHERE household_id = ? AND type = 'BONUS'", c);
        try {
            sql("ALTER TABLE posting DISABLE TRIGGER posting_append_only");
            sql("UPDATE posting SET points = 50 WHERE id = " + edited);
            sql("DELETE FROM posting WHERE id = " + deleted);
            sql("DELETE FROM posting WHERE id = " + sealedHead);
        } finally {
            sql("ALTER TABLE posting ENABLE TRIGGER posting_append_only");
        }
        var report = as(secretary).get("/api/villages/" + v + "/ledger/verify").then().statusCode(200)
                .body("ok", is(false))
                .body("firstBrokenLink.postingId", is((int) edited))
                .body("firstBrokenLink.kind", is("chain.hash"))
                .extract().jsonPath();
        List<Map<String, Object>> problems = report.getList("problems");
        assertTrue(problems.stream().anyMatch(p -> "chain.missing".equals(p.get("kind")) && ((Number) p.get("householdId")).longValue() == b),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> "balance".equals(p.get("kind"))), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> "earned".equals(p.get("kind"))), problems.toString());
        // the last posting of c was deleted: its account head and the month's seal no longer match the chain
        assertTrue(problems.stream().anyMatch(p -> "chain.head".equals(p.get("kind")) && ((Number) p.get("householdId")).longValue() == c),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> "seal.head".equals(p.get("kind")) && ((Number) p.get("householdId")).longValue() == c),
                problems.toString());
    }

    @Test
    void shouldReverseAPostingNamingItIntoTheCurrentMonth() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        long h = Api.household(officer, v);
        String month = pastMonth(2);
        earn(officer, reviewer, v, h, item(1), 9, month);
        as(secretary).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200);
        long id = intOf("SELECT id FROM posting WHERE household_id = ? AND type = 'EARN'", h);
        as(officer).body(Map.of("reason", "x")).post("/api/postings/" + id + "/reverse").then().statusCode(403);
        as(secretary).body(Map.of("reason", "重复登记")).post("/api/postings/" + id + "/reverse").then().statusCode(201)
                .body("reversalOf", is((int) id)).body("points", is(-9)).body("month", is(pastMonth(0)));
        as(secretary).body(Map.of("reason", "再来")).post("/api/postings/" + id + "/reverse").then().statusCode(409)
                .body("code", is("points.already-reversed"));
        assertEquals(10, available(h)); // 9 + 10 bonus - 9
        as(officer).get("/api/households/" + h + "/postings?year=" + month.substring(0, 4)).then().statusCode(200)
                .body("find { it.reversalOf != null }.reversalOf", is((int) id));
        assertBalanced(v);
    }

    @Test
    void shouldRateStarsAndListThemForTheTown() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        long five = Api.household(officer, v);
        long three = Api.household(officer, v);
        long none = Api.household(officer, v);
        String month = pastMonth(1);
        String year = month.substring(0, 4);
        as(secretary).body(Map.of("points", 300, "month", month, "reason", "年度")).post("/api/households/" + five + "/adjustments").then().statusCode(201);
        as(secretary).body(Map.of("points", 210, "month", month, "reason", "年度")).post("/api/households/" + three + "/adjustments").then().statusCode(201);
        as(secretary).post("/api/villages/" + v + "/years/" + year + "/ratings").then().statusCode(200)
                .body("find { it.householdId == " + five + " }.stars", is(5))
                .body("find { it.householdId == " + three + " }.stars", is(3))
                .body("find { it.householdId == " + none + " }.stars", is(0))
                .body("find { it.householdId == " + five + " }.yearPoints", is(300));
        as(Api.admin()).get("/api/town/years/" + year + "/ratings").then().statusCode(200)
                .body("find { it.householdId == " + three + " }.villageId", is((int) v))
                .body("find { it.householdId == " + three + " }.stars", is(3))
                .body("find { it.householdId == " + three + " }.headName", notNullValue());
        as(secretary).get("/api/town/years/" + year + "/ratings").then().statusCode(403);
        as(officer).get("/api/households/" + three + "/ranks?month=" + month).then().statusCode(200)
                .body("month.rank", is(2)).body("year.rank", is(2)).body("year.points", is(210));
    }

    @Test
    void shouldStorePhotoWithItsHashAndRequireItWhereTheItemSaysSo() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        long h = Api.household(officer, v);
        String code = item(3, Map.of("photoRequired", true, "monthlyCap", 2));
        long e = entry(officer, v, h, code, 2, pastMonth(1));
        as(officer).body(Map.of("householdId", h, "itemCode", code, "quantity", 1, "occurredOn", pastMonth(1) + "-16"))
                .post("/api/villages/" + v + "/entries").then().statusCode(409).body("code", is("points.monthly-cap"));
        as(reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + e + "/review").then().statusCode(409)
                .body("code", is("points.photo-required"));
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(png));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + officer).contentType("image/png").body(png)
                .post("/api/entries/" + e + "/photos").then().statusCode(201).body("sha256", is(sha));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + officer).contentType("image/png")
                .body("not an image".getBytes()).post("/api/entries/" + e + "/photos").then().statusCode(415);
        approve(reviewer, e);
        assertEquals(6, available(h));
    }
}
