package org.jifen.oversight;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** Spot checks, 整改 items and shop inspections over HTTP, as an inspector, a secretary and others use them. */
@QuarkusTest
class OversightApiTest {

    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    record Village(long id, String inspector, String secretary, String officer, List<Long> households) {
    }

    static Village village(int households) {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < households; i++) {
            ids.add(Api.household(officer, v));
        }
        return new Village(v, Api.staff("INSPECTOR", null), Api.staff("SECRETARY", v), officer, ids);
    }

    static Map<String, Object> draw(String token, long villageId, Object seed) {
        Map<String, Object> body = new HashMap<>(Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 4));
        body.put("seed", seed);
        return as(token).body(body).post("/api/villages/" + villageId + "/spot-checks").then().statusCode(201).extract().path("");
    }

    @SuppressWarnings("unchecked")
    static List<Long> sample(Map<String, Object> check) {
        return ((List<Map<String, Object>>) check.get("households")).stream()
                .map(h -> ((Number) h.get("householdId")).longValue()).toList();
    }

    @Test
    void shouldDrawTheSameSampleForTheSameSeedAndAnotherForAnotherSeed() {
        Village v = village(12);
        Map<String, Object> first = draw(v.inspector, v.id, 20260415L);
        Map<String, Object> again = draw(Api.admin(), v.id, 20260415L);
        Map<String, Object> other = draw(v.inspector, v.id, 20260416L);

        assertEquals(20260415L, ((Number) first.get("seed")).longValue());
        assertEquals(4, sample(first).size());
        assertEquals(sample(first), sample(again), "same village, period, size and seed: same households, same order");
        assertNotEquals(sample(first), sample(other));
        assertNotEquals(first.get("id"), again.get("id"));
        // anyone can recompute it: the documented algorithm over the village's household ids
        assertEquals(SampleDraw.draw(v.households, 4, v.id, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"), 20260415L),
                sample(first));
        @SuppressWarnings("unchecked")
        Map<String, Object> h0 = ((List<Map<String, Object>>) first.get("households")).get(0);
        String number = as(v.officer).get("/api/households/" + h0.get("householdId")).then().statusCode(200).extract().path("number");
        assertEquals(number, h0.get("number"));
    }

    @Test
    void shouldDrawAndReturnASeedWhenNoneIsGivenThatRedrawsTheSameSample() {
        Village v = village(10);
        Map<String, Object> drawn = draw(v.inspector, v.id, null);
        long seed = ((Number) drawn.get("seed")).longValue();
        assertTrue(seed >= 0 && seed < (1L << 53), "a seed JavaScript holds exactly: " + seed);
        assertEquals(sample(drawn), sample(draw(v.inspector, v.id, seed)));
    }

    @Test
    void shouldOpenARectificationOnAMismatchThatClosesOnlyAfterACorrection() {
        Village v = village(6);
        Map<String, Object> check = draw(v.inspector, v.id, 7L);
        long checkId = ((Number) check.get("id")).longValue();
        long sampled = sample(check).get(0);
        long notSampled = v.households.stream().filter(h -> !sample(check).contains(h)).findFirst().orElseThrow();
        long wrong = adjust(v.secretary, sampled, 20, "义务劳动（误登）"); // what the inspector will find untrue

        as(v.inspector).body(Map.of("householdId", notSampled, "matches", true)).post("/api/spot-checks/" + checkId + "/results")
                .then().statusCode(409).body("code", equalTo("spot-check.not-sampled"));
        as(v.inspector).body(Map.of("householdId", sample(check).get(1), "matches", true, "note", "与台账一致"))
                .post("/api/spot-checks/" + checkId + "/results").then().statusCode(201).body("rectificationId", nullValue());
        as(v.secretary).get("/api/villages/" + v.id + "/rectifications").then().statusCode(200).body("", hasSize(0));

        Number itemId = as(v.inspector).body(Map.of("householdId", sampled, "matches", false, "note", "台账记 20 分的义务劳动，农户说没有参加"))
                .post("/api/spot-checks/" + checkId + "/results").then().statusCode(201)
                .body("matches", equalTo(false)).extract().path("rectificationId");
        assertNotNull(itemId);
        long id = itemId.longValue();
        as(v.officer).get("/api/villages/" + v.id + "/rectifications").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(itemId.intValue())).body("[0].source", equalTo("SPOT_CHECK"))
                .body("[0].status", equalTo("OPEN")).body("[0].detail", containsString("台账记 20 分的义务劳动"))
                .body("[0].householdId", equalTo((int) sampled));
        assertEquals(1, openItems(v.inspector, v.id, "open"));

        // the inspector cannot close before a correction; nobody else may close; the inspector may not answer
        as(v.inspector).body(Map.of("note", "")).post("/api/rectifications/" + id + "/close")
                .then().statusCode(409).body("code", equalTo("rectification.not-answered"));
        as(v.secretary).body(Map.of()).post("/api/rectifications/" + id + "/close").then().statusCode(403);
        as(v.inspector).body(Map.of("answer", "x")).post("/api/rectifications/" + id + "/answer").then().statusCode(403);
        String otherSecretary = Api.staff("SECRETARY", Api.village());
        as(otherSecretary).body(Map.of("answer", "x")).post("/api/rectifications/" + id + "/answer").then().statusCode(403);
        as(otherSecretary).get("/api/villages/" + v.id + "/rectifications").then().statusCode(403);

        // the correction: a posting made before the item opened is no correction; the reversal made for it is
        as(v.secretary).body(Map.of("answer", "已冲正", "postingIds", List.of(wrong))).post("/api/rectifications/" + id + "/answer")
                .then().statusCode(400).body("code", equalTo("rectification.bad-postings"));
        long reversal = ((Number) as(v.secretary).body(Map.of("reason", "督查抽查不符，冲正误登的 20 分"))
                .post("/api/postings/" + wrong + "/reverse").then().statusCode(201).extract().path("id")).longValue();
        as(v.secretary).body(Map.of("answer", "核实后冲正误登的 20 分", "postingIds", List.of(reversal)))
                .post("/api/rectifications/" + id + "/answer").then().statusCode(200)
                .body("status", equalTo("ANSWERED")).body("answerPostings", contains((int) reversal));
        as(v.secretary).body(Map.of("answer", "again")).post("/api/rectifications/" + id + "/answer")
                .then().statusCode(409).body("code", equalTo("rectification.not-open"));
        assertEquals(0, openItems(v.inspector, v.id, "open"));
        assertEquals(1, openItems(v.inspector, v.id, "answered"));

        as(v.inspector).body(Map.of("note", "复核无误")).post("/api/rectifications/" + id + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedBy", notNullValue());
        as(v.inspector).body(Map.of()).post("/api/rectifications/" + id + "/close")
                .then().statusCode(409).body("code", equalTo("rectification.closed"));
        as(v.officer).get("/api/villages/" + v.id + "/rectifications").then().body("[0].status", equalTo("CLOSED"));
        assertEquals(0, openItems(v.inspector, v.id, "answered"));
    }

    @Test
    void shouldOpenTheItemAgainWhenTheInspectorSendsTheAnswerBack() {
        Village v = village(3);
        Map<String, Object> check = draw(v.inspector, v.id, 1L);
        long id = ((Number) as(v.inspector).body(Map.of("householdId", sample(check).get(0), "matches", false))
                .post("/api/spot-checks/" + check.get("id") + "/results").then().statusCode(201).extract().path("rectificationId")).longValue();
        as(v.secretary).body(Map.of("answer", "已整改")).post("/api/rectifications/" + id + "/answer").then().statusCode(200);
        as(v.inspector).body(Map.of()).post("/api/rectifications/" + id + "/send-back").then().statusCode(400);
        as(v.inspector).body(Map.of("note", "未见冲正记录")).post("/api/rectifications/" + id + "/send-back").then().statusCode(200)
                .body("status", equalTo("OPEN"));
        as(v.inspector).body(Map.of()).post("/api/rectifications/" + id + "/close").then().statusCode(409);
    }

    @Test
    void shouldLetTheInspectorWriteOnlyHisOversight() {
        Village v = village(2);
        as(v.inspector).body(Map.of("number", "X1", "headName", "李四")).post("/api/villages/" + v.id + "/households")
                .then().statusCode(403);
        as(v.officer).body(Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 2))
                .post("/api/villages/" + v.id + "/spot-checks").then().statusCode(403);
        as(v.secretary).body(Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 2))
                .post("/api/villages/" + v.id + "/spot-checks").then().statusCode(403);
    }

    @Test
    void shouldRefuseJunkWithA4xx() {
        Village v = village(2);
        String url = "/api/villages/" + v.id + "/spot-checks";
        for (Object body : List.of(Map.of(), Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 0),
                Map.of("from", "2026-04-01", "to", "2026-03-31", "size", 2), Map.of("from", "2026-13-01", "to", "2026-03-31", "size", 2),
                Map.of("from", "2020-01-01", "to", "2026-03-31", "size", 2), Map.of("from", "2026-01-01", "to", "2026-03-31", "size", "many"),
                Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 2, "seed", "abc"),
                Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 2, "seed", 1e30))) {
            as(v.inspector).body(body).post(url).then().statusCode(400);
        }
        as(v.inspector).body("not json").post(url).then().statusCode(400);
        as(v.inspector).body(Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 2)).post("/api/villages/99999999/spot-checks")
                .then().statusCode(anyOf(is(403), is(404)));
        long empty = Api.village();
        as(v.inspector).body(Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 2)).post("/api/villages/" + empty + "/spot-checks")
                .then().statusCode(409).body("code", equalTo("spot-check.no-households"));
        long checkId = ((Number) draw(v.inspector, v.id, 3L).get("id")).longValue();
        as(v.inspector).body(Map.of("householdId", v.households.get(0), "matches", false, "note", "a\u0000b"))
                .post("/api/spot-checks/" + checkId + "/results").then().statusCode(400);
        as(v.inspector).body(Map.of("householdId", "x", "matches", false)).post("/api/spot-checks/" + checkId + "/results")
                .then().statusCode(400);
        as(v.inspector).body(Map.of("householdId", v.households.get(0))).post("/api/spot-checks/" + checkId + "/results")
                .then().statusCode(400);
        as(v.inspector).body(Map.of("householdId", 1, "matches", true)).post("/api/spot-checks/99999999/results").then().statusCode(404);
        as(v.inspector).get("/api/spot-checks/abc").then().statusCode(404);
        as(v.inspector).body(Map.of("points", List.of())).post("/api/villages/" + v.id + "/shop-inspections").then().statusCode(400);
        as(v.inspector).body(Map.of("points", List.of(Map.of("code", "clean", "passed", true))))
                .post("/api/villages/" + v.id + "/shop-inspections").then().statusCode(400).body("code", equalTo("shop-inspection.points"));
    }

    @Test
    void shouldKeepPhotosOfAResultWithTheirHashAndRefuseOtherFiles() {
        Village v = village(2);
        Map<String, Object> check = draw(v.inspector, v.id, 5L);
        long resultId = ((Number) as(v.inspector).body(Map.of("householdId", sample(check).get(0), "matches", true))
                .post("/api/spot-checks/" + check.get("id") + "/results").then().statusCode(201).extract().path("id")).longValue();
        String url = "/api/spot-check-results/" + resultId + "/photos";
        Number photoId = Api.as(v.inspector).contentType(ContentType.MULTIPART).multiPart("photo", "p.png", PNG, "image/png")
                .post(url).then().statusCode(201).body("sha256", equalTo(org.jifen.common.Photos.sha256(PNG))).extract().path("id");
        byte[] back = as(v.officer).get("/api/oversight-photos/" + photoId).then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertArrayEquals(PNG, back);
        Api.as(v.inspector).contentType(ContentType.MULTIPART).multiPart("photo", "p.png", "hello".getBytes(), "image/png")
                .post(url).then().statusCode(415).body("code", equalTo("oversight.photo-type"));
        Api.as(v.inspector).contentType(ContentType.MULTIPART).multiPart("photo", "p.jpg", new byte[6 * 1024 * 1024], "image/jpeg")
                .post(url).then().statusCode(413);
        Api.as(v.officer).contentType(ContentType.MULTIPART).multiPart("photo", "p.png", PNG, "image/png")
                .post(url).then().statusCode(403);
        String otherOfficer = Api.staff("OFFICER", Api.village());
        as(otherOfficer).get("/api/oversight-photos/" + photoId).then().statusCode(403);
    }

    @Test
    void shouldPrefillTheShopChecklistWithAnExpiredBatchAndAStaleLabel() {
        Village v = village(1);
        long milk = Shop.goods(v.officer, v.id, "纯牛奶", 8);
        long rice = Shop.goods(v.officer, v.id, "东北大米", 30);
        Shop.purchase(v.officer, v.id, milk, 6, Shop.today().minusDays(2));
        Shop.purchase(v.officer, v.id, rice, 40, Shop.today().plusYears(1));

        Map<String, Object> notExpired = point(v, "not-expired");
        assertEquals(List.of(Map.of("level", "FAIL", "text", "纯牛奶 6袋 已于 " + Shop.today().minusDays(2) + " 过期")),
                notExpired.get("findings"));
        assertEquals(true, notExpired.get("suggestsFail"));
        assertEquals(List.of("UNKNOWN", "UNKNOWN"), levels(point(v, "labelled")), "no label printed since printing is recorded");
        assertEquals(List.of(), point(v, "clean").get("findings"));

        // the officer prints the labels; then the rice gets dearer: its label is stale, the milk's is right
        Api.page(v.officer).get("/villages/" + v.id + "/shop/labels").then().statusCode(200);
        assertEquals(List.of(), point(v, "labelled").get("findings"));
        as(v.officer).body(Map.of("pointsPrice", 35)).put("/api/goods/" + rice + "/price").then().statusCode(200);
        Map<String, Object> labelled = point(v, "labelled");
        assertEquals(List.of("FAIL"), levels(labelled));
        assertTrue(labelled.get("findings").toString().contains("东北大米：价签印的是 30 积分，现价 35 积分"), labelled.toString());
        // an inspector looking at the labels page records no printing
        Api.page(v.inspector).get("/villages/" + v.id + "/shop/labels").then().statusCode(200);
        assertEquals(List.of("FAIL"), levels(point(v, "labelled")));

        // the inspector fails two points: two 整改 items of the village, from the inspection
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (String code : ShopChecklist.POINTS.keySet()) {
            boolean failed = code.equals("not-expired") || code.equals("labelled");
            verdicts.add(Map.of("code", code, "passed", !failed, "note", failed ? "现场核实" : ""));
        }
        Map<String, Object> inspection = as(v.inspector).body(Map.of("note", "例行检查", "points", verdicts))
                .post("/api/villages/" + v.id + "/shop-inspections").then().statusCode(201).extract().path("");
        long inspectionId = ((Number) inspection.get("id")).longValue();
        List<Map<String, Object>> items = as(v.secretary).get("/api/villages/" + v.id + "/rectifications").then().statusCode(200)
                .extract().path("");
        assertEquals(2, items.size());
        assertTrue(items.stream().allMatch(i -> i.get("source").equals("SHOP_INSPECTION") && i.get("status").equals("OPEN")));
        assertTrue(items.stream().anyMatch(i -> i.get("detail").toString().contains("无过期商品 不合格")
                && i.get("detail").toString().contains("纯牛奶 6袋 已于")), items.toString());
        Api.as(v.inspector).contentType(ContentType.MULTIPART).multiPart("photo", "p.png", PNG, "image/png")
                .post("/api/shop-inspections/" + inspectionId + "/points/not-expired/photos").then().statusCode(201);
        Api.as(v.inspector).contentType(ContentType.MULTIPART).multiPart("photo", "p.png", PNG, "image/png")
                .post("/api/shop-inspections/" + inspectionId + "/points/nonsense/photos").then().statusCode(404);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> point(Village v, String code) {
        List<Map<String, Object>> points = as(v.inspector).get("/api/villages/" + v.id + "/shop-inspections/checklist")
                .then().statusCode(200).extract().path("");
        assertEquals(List.copyOf(ShopChecklist.POINTS.keySet()), points.stream().map(p -> p.get("code")).toList());
        return points.stream().filter(p -> p.get("code").equals(code)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<String> levels(Map<String, Object> point) {
        return ((List<Map<String, Object>>) point.get("findings")).stream().map(f -> (String) f.get("level")).toList();
    }

    static long adjust(String secretary, long householdId, int points, String reason) {
        return ((Number) as(secretary).body(Map.of("points", points, "month", Shop.thisMonth(), "reason", reason))
                .post("/api/households/" + householdId + "/adjustments").then().statusCode(201).extract().path("id")).longValue();
    }

    static int openItems(String token, long villageId, String field) {
        List<Map<String, Object>> counts = as(token).get("/api/town/rectifications/open").then().statusCode(200).extract().path("");
        return counts.stream().filter(c -> ((Number) c.get("villageId")).longValue() == villageId)
                .map(c -> ((Number) c.get(field)).intValue()).findFirst().orElse(0);
    }

}
