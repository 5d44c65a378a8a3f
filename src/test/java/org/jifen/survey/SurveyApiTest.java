package org.jifen.survey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.portal.PortalLogins;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** Needs surveys over HTTP: visits, portal wishes, the quarter's ranking, the due rule, scope and limits. */
@QuarkusTest
class SurveyApiTest {

    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static String quarter() {
        return SurveyRules.Quarter.of(today()).toString();
    }

    record Village(long id, String officer, String secretary) {
        static Village create() {
            long v = Api.village();
            return new Village(v, Api.staff("OFFICER", v), Api.staff("SECRETARY", v));
        }

        long household(String... tags) {
            long h = Api.household(officer, id);
            if (tags.length > 0) {
                as(officer).body(Map.of("tags", List.of(tags))).put("/api/households/" + h + "/tags").then().statusCode(200);
            }
            return h;
        }
    }

    static Map<String, Object> visitBody(long householdId, Object... wished) {
        Map<String, Object> body = new HashMap<>(Map.of("householdId", householdId, "visitedOn", today().toString(),
                "metWhom", "户主本人", "needsHeard", "冬天缺棉被"));
        List<Map<String, Object>> goods = new java.util.ArrayList<>();
        for (Object w : wished) {
            goods.add(w instanceof Long id ? Map.of("goodsId", id) : Map.of("text", w));
        }
        body.put("wishedGoods", goods);
        return body;
    }

    static long visit(String token, long villageId, Map<String, Object> body) {
        return ((Number) as(token).body(body).post("/api/villages/" + villageId + "/survey-visits").then().statusCode(201)
                .extract().path("id")).longValue();
    }

    static String portal(long householdId) {
        return PortalLogins.cardLogin(householdId, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> wanted(List<Map<String, Object>> rows, String name) {
        return rows.stream().filter(r -> name.equals(r.get("name"))).findFirst().orElse(null);
    }

    @Test
    void shouldRankAPortalWishAndAVisitsWishedGoodsCountedPerHousehold() {
        Village v = Village.create();
        long rice = Shop.goods(v.officer, v.id, "东北大米", 30);
        Shop.purchase(v.officer, v.id, rice, 10, null);
        long oil = Shop.goods(v.officer, v.id, "菜籽油", 40);
        long a = v.household("留守老人");
        long b = v.household("困难户");
        long c = v.household();

        // a: visit wishes rice and 老花镜; the same household also taps rice on the portal: counted once
        visit(v.officer, v.id, visitBody(a, rice, "老花镜"));
        String pa = portal(a);
        as(pa).body(Map.of("goodsId", rice)).post("/api/portal/wishes").then().statusCode(201).body("name", is("东北大米"));
        // b: wishes rice on the portal, and types 老花镜 (another spelling of case/space: trimmed)
        String pb = portal(b);
        as(pb).body(Map.of("goodsId", rice)).post("/api/portal/wishes").then().statusCode(201);
        as(pb).body(Map.of("text", " 老花镜 ")).post("/api/portal/wishes").then().statusCode(201).body("text", is("老花镜"));
        // c: a typed text equal to a goods name counts as that goods
        String pc = portal(c);
        as(pc).body(Map.of("text", "菜籽油")).post("/api/portal/wishes").then().statusCode(201);
        // c also wished something, then withdrew it: not counted
        long gone = ((Number) as(pc).body(Map.of("text", "收音机")).post("/api/portal/wishes").then().statusCode(201)
                .extract().path("id")).longValue();
        as(pc).delete("/api/portal/wishes/" + gone).then().statusCode(204);

        // a redemption of 2 rice this quarter
        String qr = Shop.qrText(v.officer, a);
        try {
            org.jifen.support.TestLedger.give(a, 500, today().toString().substring(0, 7));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        as(v.officer).body(Shop.redemption(qr, rice, 2)).post("/api/redemptions").then().statusCode(201);

        List<Map<String, Object>> rows = as(v.secretary).get("/api/villages/" + v.id + "/survey-ranking?quarter=" + quarter())
                .then().statusCode(200).extract().path("wanted");
        Map<String, Object> r = wanted(rows, "东北大米");
        assertNotNull(r, rows.toString());
        assertEquals(2, ((Number) r.get("households")).intValue(), "a (visit + portal) and b: two households");
        assertEquals(1, ((Number) r.get("byVisit")).intValue());
        assertEquals(2, ((Number) r.get("byPortal")).intValue());
        assertEquals(8, ((Number) r.get("stock")).intValue());
        assertEquals(2, ((Number) r.get("redeemed")).intValue());
        assertEquals(rice, ((Number) r.get("goodsId")).longValue());
        Map<String, Object> glasses = wanted(rows, "老花镜");
        assertEquals(2, ((Number) glasses.get("households")).intValue(), "a by visit, b on the portal");
        assertNull(glasses.get("goodsId"));
        assertNull(glasses.get("stock"));
        Map<String, Object> o = wanted(rows, "菜籽油");
        assertEquals(oil, ((Number) o.get("goodsId")).longValue(), "typed name of a goods counts as the goods");
        assertNull(wanted(rows, "收音机"), "a withdrawn wish is not counted");
        assertEquals("东北大米", rows.get(0).get("name"));
        as(v.officer).get("/api/villages/" + v.id + "/survey-ranking?quarter=" + quarter()).then().statusCode(200)
                .body("needs.text", hasItem("冬天缺棉被"))
                .body("shop.find { it.name == '东北大米' }.households", is(2));
        // another quarter is empty
        SurveyRules.Quarter previous = SurveyRules.Quarter.of(today()).previous();
        as(v.officer).get("/api/villages/" + v.id + "/survey-ranking?quarter=" + previous).then().statusCode(200)
                .body("wanted", empty());
        as(v.officer).get("/api/villages/" + v.id + "/survey-ranking?quarter=2026-Q5").then().statusCode(400)
                .body("fields", hasItem("quarter"));
    }

    /** The home page's figure "N 户待走访", which links to the due list. */
    static int dueOnHomePage(Village v) {
        String html = Api.browser(v.officer).get("/villages/" + v.id).then().statusCode(200).extract().asString();
        var m = java.util.regex.Pattern.compile("<a href=\"/villages/" + v.id
                + "/surveys/due\" data-figure=\"surveys-due\">\\s*<span class=\"what\">走访调研</span><span class=\"n[^\"]*\">(\\d+)</span>")
                .matcher(html);
        assertTrue(m.find(), html);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void shouldListDueTaggedHouseholdsOnTheHomePageUntilVisited() {
        Village v = Village.create();
        long elder = v.household("留守老人");
        long child = v.household("留守儿童", "脱贫户");
        long plain = v.household("五保户");

        as(v.officer).get("/api/villages/" + v.id + "/surveys-due").then().statusCode(200)
                .body("dueDays", is(90)).body("households.householdId", containsInAnyOrder((int) elder, (int) child));
        assertEquals(2, dueOnHomePage(v));

        // an untagged household may be visited: recorded, but never due work
        visit(v.officer, v.id, visitBody(plain));
        visit(v.secretary, v.id, visitBody(elder, "棉被"));
        as(v.officer).get("/api/villages/" + v.id + "/surveys-due").then().statusCode(200)
                .body("households.householdId", contains((int) child));
        assertEquals(1, dueOnHomePage(v));
        Api.browser(v.officer).get("/villages/" + v.id + "/surveys/due").then().statusCode(200)
                .body(containsString("data-household=\"" + child + "\""))
                .body(not(containsString("data-household=\"" + elder + "\"")));

        // a visit long ago does not count any more
        long old = v.household("困难户");
        Map<String, Object> body = visitBody(old);
        body.put("visitedOn", today().minusDays(120).toString());
        visit(v.officer, v.id, body);
        as(v.officer).get("/api/villages/" + v.id + "/surveys-due").then().statusCode(200)
                .body("households.householdId", containsInAnyOrder((int) child, (int) old))
                .body("households.find { it.householdId == " + old + " }.lastVisit", is(today().minusDays(120).toString()));
    }

    @Test
    void shouldKeepAVillagesVisitsFromAnotherVillagesOfficer() {
        Village a = Village.create();
        Village b = Village.create();
        long h = a.household("留守老人");
        long visitId = visit(a.officer, a.id, visitBody(h));

        as(b.officer).get("/api/villages/" + a.id + "/survey-visits").then().statusCode(403).body("code", is("auth.forbidden"));
        as(b.officer).get("/api/survey-visits/" + visitId).then().statusCode(403);
        as(b.officer).get("/api/villages/" + a.id + "/survey-ranking").then().statusCode(403);
        as(b.officer).get("/api/villages/" + a.id + "/surveys-due").then().statusCode(403);
        as(b.officer).body(visitBody(h)).post("/api/villages/" + a.id + "/survey-visits").then().statusCode(403);
        // a household of village A recorded under village B: not found there
        as(b.officer).body(visitBody(h)).post("/api/villages/" + b.id + "/survey-visits").then().statusCode(404);
        Api.browser(b.officer).get("/villages/" + a.id + "/surveys").then().statusCode(403);
        // a clerk or a reviewer does not record visits; an inspector reads but does not record
        as(Api.staff("CLERK", a.id)).body(visitBody(h)).post("/api/villages/" + a.id + "/survey-visits").then().statusCode(403);
        String inspector = Api.staff("INSPECTOR", null);
        as(inspector).body(visitBody(h)).post("/api/villages/" + a.id + "/survey-visits").then().statusCode(403);
        as(inspector).get("/api/villages/" + a.id + "/survey-visits").then().statusCode(200).body("id", contains((int) visitId));
        as(a.officer).get("/api/survey-visits/" + visitId).then().statusCode(200).body("householdId", is((int) h))
                .body("tagged", is(true)).body("officer", notNullValue());
        // a household session reads no staff data
        as(portal(h)).get("/api/villages/" + a.id + "/survey-visits").then().statusCode(403);
        as(portal(h)).get("/api/survey-visits/" + visitId).then().statusCode(403);
    }

    @Test
    void shouldRefuseFutureDatesLongTextsAndGoodsOfAnotherVillage() {
        Village v = Village.create();
        Village other = Village.create();
        long foreign = Shop.goods(other.officer, other.id, "别村的米", 10);
        long h = v.household("留守儿童");
        String url = "/api/villages/" + v.id + "/survey-visits";

        Map<String, Object> future = visitBody(h);
        future.put("visitedOn", today().plusDays(1).toString());
        as(v.officer).body(future).post(url).then().statusCode(400).body("fields", hasItem("visitedOn"));
        Map<String, Object> badDate = visitBody(h);
        badDate.put("visitedOn", "昨天");
        as(v.officer).body(badDate).post(url).then().statusCode(400).body("fields", hasItem("visitedOn"));
        Map<String, Object> noOne = visitBody(h);
        noOne.remove("metWhom");
        as(v.officer).body(noOne).post(url).then().statusCode(400).body("fields", hasItem("metWhom"));
        Map<String, Object> longNeeds = visitBody(h);
        longNeeds.put("needsHeard", "需".repeat(2001));
        as(v.officer).body(longNeeds).post(url).then().statusCode(400).body("fields", hasItem("needsHeard"));
        as(v.officer).body(visitBody(h, "长".repeat(51))).post(url).then().statusCode(400).body("fields", hasItem("wishedGoods"));
        as(v.officer).body(visitBody(h, foreign)).post(url).then().statusCode(400).body("code", is("survey.unknown-goods"));
        as(v.officer).body(Map.of("householdId", h, "metWhom", "本人", "wishedGoods", List.of(Map.of()))).post(url)
                .then().statusCode(400);
        as(v.officer).body(visitBody(999_999_999L)).post(url).then().statusCode(404);
        as(v.officer).get(url).then().statusCode(200).body("", empty());

        // photos: JPEG/PNG only, of a visit in scope
        long visitId = visit(v.officer, v.id, visitBody(h));
        given().header("Authorization", "Bearer " + v.officer).multiPart("photo", "a.png", PNG, "image/png")
                .post("/api/survey-visits/" + visitId + "/photos").then().statusCode(201).body("bytes", is(PNG.length));
        given().header("Authorization", "Bearer " + v.officer).multiPart("photo", "a.png", "not an image".getBytes(), "image/png")
                .post("/api/survey-visits/" + visitId + "/photos").then().statusCode(415).body("code", is("survey.photo-type"));
        given().header("Authorization", "Bearer " + other.officer).multiPart("photo", "a.png", PNG, "image/png")
                .post("/api/survey-visits/" + visitId + "/photos").then().statusCode(403);
        int photoId = as(v.officer).get("/api/survey-visits/" + visitId).then().statusCode(200).extract().path("photos[0].id");
        byte[] back = given().header("Authorization", "Bearer " + v.officer).get("/api/survey-photos/" + photoId).then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        assertArrayEquals(PNG, back);
        given().header("Authorization", "Bearer " + other.officer).get("/api/survey-photos/" + photoId).then().statusCode(403);
    }

    @Test
    void shouldLimitOpenWishesAndLetOnlyTheHouseholdWithdrawItsOwn() {
        Village v = Village.create();
        long rice = Shop.goods(v.officer, v.id, "大米", 30);
        long h = v.household();
        long other = v.household();
        String me = portal(h);

        as(me).body(Map.of("text", "字".repeat(51))).post("/api/portal/wishes").then().statusCode(400).body("fields", hasItem("text"));
        as(me).body(Map.of()).post("/api/portal/wishes").then().statusCode(400);
        Village elsewhere = Village.create();
        as(me).body(Map.of("goodsId", Shop.goods(elsewhere.officer, elsewhere.id, "别村的米", 1))).post("/api/portal/wishes")
                .then().statusCode(400).body("code", is("survey.unknown-goods"));
        long first = ((Number) as(me).body(Map.of("goodsId", rice)).post("/api/portal/wishes").then().statusCode(201)
                .extract().path("id")).longValue();
        as(me).body(Map.of("goodsId", rice)).post("/api/portal/wishes").then().statusCode(409).body("code", is("survey.wish-exists"));
        for (int i = 1; i < 5; i++) {
            as(me).body(Map.of("text", "心愿" + i)).post("/api/portal/wishes").then().statusCode(201);
        }
        as(me).body(Map.of("text", "第六个")).post("/api/portal/wishes").then().statusCode(409).body("code", is("survey.too-many-wishes"));
        as(me).get("/api/portal/wishes").then().statusCode(200).body("size()", is(5));

        // another household cannot withdraw it; the household can, and then has room again
        as(portal(other)).delete("/api/portal/wishes/" + first).then().statusCode(404);
        as(me).delete("/api/portal/wishes/" + first).then().statusCode(204);
        as(me).body(Map.of("text", "第六个")).post("/api/portal/wishes").then().statusCode(201);
        as(me).get("/api/portal/wishes").then().body("size()", is(5)).body("text", hasItem("第六个"));
        as(me).get("/api/portal/wish-suggestions").then().statusCode(200).body("text", hasItems("大米", "老花镜"))
                .body("find { it.text == '大米' }.goodsId", is((int) rice));
        // staff sessions are no household
        as(v.officer).get("/api/portal/wishes").then().statusCode(403);
        given().contentType(ContentType.JSON).get("/api/portal/wishes").then().statusCode(401);
    }

    @Test
    void shouldEscapeAWishesTextOnTheRankingPage() {
        Village v = Village.create();
        long h = v.household("留守老人");
        as(portal(h)).body(Map.of("text", "<script>alert(1)</script>")).post("/api/portal/wishes").then().statusCode(201);
        Map<String, Object> body = visitBody(h, "<b>被子</b>");
        body.put("needsHeard", "<img src=x onerror=alert(2)>");
        visit(v.officer, v.id, body);
        String html = Api.browser(v.secretary).get("/villages/" + v.id + "/surveys/ranking?quarter=" + quarter()).then()
                .statusCode(200).extract().asString();
        assertFalse(html.contains("<script>alert(1)"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("<b>被子"), html);
        // the secretary's link proposes a points item, the pre-filled title url-encoded
        assertTrue(html.contains("/villages/" + v.id + "/catalog?title=%3Cimg"), html);
        String list = Api.browser(v.officer).get("/villages/" + v.id + "/surveys?quarter=" + quarter()).then().statusCode(200)
                .extract().asString();
        assertFalse(list.contains("<img src=x"), list);
        assertTrue(list.contains("&lt;b&gt;被子&lt;/b&gt;"), list);
        // the officer's link to add the goods, and the shop form it opens, pre-filled and escaped
        String officerView = Api.browser(v.officer).get("/villages/" + v.id + "/surveys/ranking?quarter=" + quarter()).then()
                .statusCode(200).extract().asString();
        assertTrue(officerView.contains("/villages/" + v.id + "/shop?goodsName=%3Cscript%3E"), officerView);
        String shop = Api.browser(v.officer).queryParam("goodsName", "<script>alert(1)</script>").get("/villages/" + v.id + "/shop").then()
                .statusCode(200).extract().asString();
        assertTrue(shop.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), shop);
        String catalog = Api.browser(v.secretary).queryParam("title", "棉被").get("/villages/" + v.id + "/catalog").then()
                .statusCode(200).extract().asString();
        assertTrue(catalog.contains("value=\"棉被\""), catalog);
    }

    /** A text part of a form as a phone's browser sends it (UTF-8). */
    static io.restassured.specification.MultiPartSpecification text(String name, String value) {
        return new io.restassured.builder.MultiPartSpecBuilder(value).controlName(name).charset("UTF-8").build();
    }

    @Test
    void shouldRecordAVisitFromThePhoneForm() {
        Village v = Village.create();
        long rice = Shop.goods(v.officer, v.id, "挂面", 10);
        long h = v.household("留守儿童");
        Api.browser(v.officer).get("/villages/" + v.id + "/surveys/new?householdId=" + h).then().statusCode(200)
                .body(containsString("value=\"" + h + "\" selected"));
        String location = Api.browser(v.officer).multiPart(text("householdId", String.valueOf(h)))
                .multiPart(text("visitedOn", today().toString())).multiPart(text("metWhom", "奶奶和孙子"))
                .multiPart(text("needsHeard", "孩子缺书包")).multiPart(text("goodsId", String.valueOf(rice)))
                .multiPart(text("otherGoods", "书包、台灯")).multiPart("photo", "p.png", PNG, "image/png")
                .post("/villages/" + v.id + "/surveys").then().statusCode(303).extract().header("Location");
        assertTrue(location.contains("/villages/" + v.id + "/surveys?quarter=" + quarter()), location);
        as(v.officer).get("/api/villages/" + v.id + "/survey-visits").then().statusCode(200)
                .body("[0].metWhom", is("奶奶和孙子"))
                .body("[0].wishedGoods.goodsId", hasItem((int) rice))
                .body("[0].wishedGoods.text", hasItems("书包", "台灯"))
                .body("[0].photos", hasSize(1));
        Api.browser(v.officer).multiPart("householdId", String.valueOf(h)).multiPart("metWhom", "本人")
                .multiPart("visitedOn", today().plusDays(3).toString())
                .post("/villages/" + v.id + "/surveys").then().statusCode(400);
    }
}
