package org.jifen.oversight;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** The oversight pages as browsers send them: the start form, the 整改 answer and close forms, the shop checklist form. */
@QuarkusTest
class OversightPagesTest {

    @Test
    void shouldDrawFromTheStartPageAndLeadTheItemFromAnswerToClose() {
        var v = OversightApiTest.village(4);
        Api.browser(v.inspector()).get("/oversight").then().statusCode(200)
                .body(containsString("开始一次抽查"), containsString("测试村"));
        Api.browser(v.officer()).get("/oversight").then().statusCode(403);
        String location = Api.browser(v.inspector()).formParams(Map.of("villageId", v.id(), "from", "2026-01-01", "to", "2026-03-31",
                "size", "2", "seed", "")).post("/oversight/spot-checks").then().statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*/spot-checks/", ""));
        Map<String, Object> check = as(v.inspector()).get("/api/spot-checks/" + id).then().statusCode(200).extract().path("spotCheck");
        @SuppressWarnings("unchecked")
        long first = ((Number) ((List<Map<String, Object>>) check.get("households")).get(0).get("householdId")).longValue();
        Api.browser(v.inspector()).get("/spot-checks/" + id).then().statusCode(200)
                .body(containsString(String.valueOf(check.get("seed"))), containsString("相符"));
        Api.browser(v.inspector()).formParams(Map.of("villageId", "x", "from", "2026-01-01", "to", "2026-03-31", "size", "2"))
                .post("/oversight/spot-checks").then().statusCode(400);

        Api.browser(v.inspector()).multiPart("householdId", String.valueOf(first)).multiPart("matches", "false")
                .multiPart(utf8("note", "门口张贴的公示与台账不一致")).post("/spot-checks/" + id + "/results").then().statusCode(303);
        Api.browser(v.inspector()).multiPart("householdId", String.valueOf(first)).multiPart("matches", "maybe")
                .post("/spot-checks/" + id + "/results").then().statusCode(400);
        long item = ((Number) as(v.secretary()).get("/api/villages/" + v.id() + "/rectifications").then().statusCode(200)
                .extract().path("[0].id")).longValue();
        Api.browser(v.secretary()).get("/villages/" + v.id() + "/rectifications").then().statusCode(200)
                .body(containsString("门口张贴的公示与台账不一致"), containsString("提交整改情况"), not(containsString("整改到位，关闭")));

        Api.browser(v.secretary()).formParams(Map.of("answer", "已重新张贴公示", "postingIds", "abc"))
                .post("/rectifications/" + item + "/answer").then().statusCode(400);
        Api.browser(v.secretary()).formParams(Map.of("answer", "已重新张贴公示", "postingIds", ""))
                .post("/rectifications/" + item + "/answer").then().statusCode(303)
                .header("Location", endsWith("/villages/" + v.id() + "/rectifications#r" + item));
        Api.browser(v.inspector()).get("/villages/" + v.id() + "/rectifications").then().statusCode(200)
                .body(containsString("待审核"), containsString("整改到位，关闭"), not(containsString("提交整改情况")));
        Api.browser(v.inspector()).formParams(Map.of("note", "已复查")).post("/rectifications/" + item + "/close").then().statusCode(303);
        as(v.officer()).get("/api/rectifications/" + item).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("closeNote", equalTo("已复查"));
    }

    @Test
    void shouldPreselectAFailForAnExpiredBatchAndSaveTheChecklistForm() {
        var v = OversightApiTest.village(1);
        long milk = Shop.goods(v.officer(), v.id(), "纯牛奶", 8);
        Shop.purchase(v.officer(), v.id(), milk, 6, Shop.today().minusDays(1));
        String html = Api.browser(v.inspector()).get("/villages/" + v.id() + "/shop-inspections/new").then().statusCode(200)
                .extract().asString();
        assertTrue(html.contains("纯牛奶 6袋 已于 " + Shop.today().minusDays(1) + " 过期"), html);
        assertTrue(html.matches("(?s).*name=\"passed_not-expired\" value=\"false\" required checked.*"), "不合格 pre-selected");
        assertTrue(html.matches("(?s).*name=\"passed_clean\" value=\"true\" required checked.*"), "合格 pre-selected");

        var form = Api.browser(v.inspector()).multiPart(utf8("note", "例行检查"));
        for (String code : ShopChecklist.POINTS.keySet()) {
            form = form.multiPart("passed_" + code, code.equals("not-expired") ? "false" : "true");
        }
        form = form.multiPart("photo_not-expired", "shelf.png", OversightApiTest.PNG, "image/png");
        String location = form.post("/villages/" + v.id() + "/shop-inspections").then().statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*/shop-inspections/", ""));
        Map<String, Object> inspection = as(v.officer()).get("/api/shop-inspections/" + id).then().statusCode(200).extract().path("");
        assertEquals("例行检查", inspection.get("note"));
        Api.browser(v.officer()).get("/shop-inspections/" + id).then().statusCode(200)
                .body(containsString("不合格"), containsString("/api/oversight-photos/"));
        as(v.secretary()).get("/api/villages/" + v.id() + "/rectifications").then().statusCode(200)
                .body("", hasSize(1)).body("[0].source", equalTo("SHOP_INSPECTION"));
        Api.browser(v.inspector()).multiPart("passed_clean", "true").post("/villages/" + v.id() + "/shop-inspections")
                .then().statusCode(400);
    }

    /** A text part as a browser sends it: UTF-8. */
    static io.restassured.specification.MultiPartSpecification utf8(String name, String value) {
        return new io.restassured.builder.MultiPartSpecBuilder(value).controlName(name).charset("UTF-8").build();
    }
}
