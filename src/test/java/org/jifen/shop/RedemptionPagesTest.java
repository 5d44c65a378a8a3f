package org.jifen.shop;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.shop.ShopStaffPagesTest.image;
import static org.jifen.support.Api.page;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** Redemption days (季兑换) with their photos, and the redemptions list (page and API) with its reverse form. */
@QuarkusTest
class RedemptionPagesTest {

    record Setup(long village, String officer, String clerk, long household, String number, long goods, String qrText) {
    }

    static Setup setup(String goodsName, int points) throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String clerk = Api.staff("CLERK", v);
        String number = Api.unique("R").replaceAll("[^A-Za-z0-9-]", "");
        Number h = as(officer).body(Map.of("number", number, "headName", "<b>李</b>桂兰", "phone", "13800138000", "group", "一组"))
                .post("/api/villages/" + v + "/households").then().statusCode(201).extract().path("id");
        TestLedger.give(h.longValue(), points, Shop.thisMonth());
        long goods = Shop.goods(officer, v, goodsName, 10);
        Shop.purchase(officer, v, goods, 50, null);
        return new Setup(v, officer, clerk, h.longValue(), number, goods, Shop.qrText(officer, h.longValue()));
    }

    static long redeem(Setup s, int quantity) {
        Number id = as(s.clerk()).body(Shop.redemption(s.qrText(), s.goods(), quantity)).post("/api/redemptions").then().statusCode(201)
                .extract().path("id");
        return id.longValue();
    }

    static void shiftBack(long redemptionId, int days) throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE redemption SET created_at = created_at - interval '" + days + " days' WHERE id = " + redemptionId));
        }
    }

    @Test
    void shouldOpenARedemptionDayShowItsSummaryAndTakePhotos() throws Exception {
        Setup s = setup("食用油", 100);
        page(s.officer()).get("/villages/" + s.village() + "/redemption-days").then().statusCode(200)
                .body(containsString("还没有兑换日")).body(containsString("新增兑换日"));

        page(s.officer()).formParam("day", "").formParam("title", "x").post("/villages/" + s.village() + "/redemption-days")
                .then().statusCode(400).contentType(containsString("text/html")).body(containsString("兑换日期"));
        page(s.officer()).formParam("day", "2026-13-40").post("/villages/" + s.village() + "/redemption-days")
                .then().statusCode(400).body(containsString("兑换日期"));
        page(s.clerk()).formParam("day", Shop.today().toString()).post("/villages/" + s.village() + "/redemption-days").then().statusCode(403);
        String location = page(s.officer()).formParam("day", Shop.today().toString()).formParam("title", "<script>alert(2)</script>第四季度兑换日")
                .formParam("note", "村委会门前").post("/villages/" + s.village() + "/redemption-days").then().statusCode(303)
                .extract().header("Location");
        long day = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertTrue(location.endsWith("/shop/redemption-days/" + day));
        page(s.officer()).formParam("day", Shop.today().toString()).post("/villages/" + s.village() + "/redemption-days")
                .then().statusCode(409).body(containsString("该日期已是兑换日"));

        redeem(s, 2);
        redeem(s, 1);
        page(s.officer()).get("/villages/" + s.village() + "/redemption-days").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(2)&lt;/script&gt;第四季度兑换日")).body(not(containsString("<script>alert")))
                .body(containsString("data-label=\"服务户数\">1</td>")).body(containsString("data-label=\"兑换笔数\">2</td>"))
                .body(containsString("data-label=\"消耗积分\">30</td>"))
                .body(containsString("食用油 3袋"));
        page(s.clerk()).get("/shop/redemption-days/" + day).then().statusCode(200)
                .body(containsString("村委会门前")).body(containsString("<div class=\"big\">30</div>"))
                .body(containsString("还没有照片")).body(containsString("capture=\"environment\""));

        page(s.clerk()).multiPart("photo", "x.jpg", "<html>".getBytes(), "image/jpeg").post("/shop/redemption-days/" + day + "/photos")
                .then().statusCode(415);
        byte[] jpeg = image("jpg");
        page(s.clerk()).multiPart("photo", "scene.jpg", jpeg, "image/jpeg").multiPart(new MultiPartSpecBuilder("<i>发放现场</i>").controlName("caption").charset(StandardCharsets.UTF_8).build())
                .post("/shop/redemption-days/" + day + "/photos").then().statusCode(303)
                .header("Location", endsWith("/shop/redemption-days/" + day));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));
        long photo;
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, content_type, sha256, caption FROM redemption_day_photo WHERE redemption_day_id = " + day)) {
            assertTrue(rs.next());
            photo = rs.getLong(1);
            assertEquals("image/jpeg", rs.getString(2));
            assertEquals(sha, rs.getString(3));
            assertEquals("<i>发放现场</i>", rs.getString(4));
            assertFalse(rs.next());
        }
        page(s.officer()).get("/shop/redemption-days/" + day).then().statusCode(200)
                .body(containsString("<img src=\"/api/redemption-days/" + day + "/photos/" + photo + "\""))
                .body(containsString("&lt;i&gt;发放现场&lt;/i&gt;")).body(containsString(sha));
        as(s.officer()).get("/api/redemption-days/" + day).then().body("photoIds", contains((int) photo));

        String stranger = Api.staff("OFFICER", Api.village());
        page(stranger).get("/shop/redemption-days/" + day).then().statusCode(403);
        page(stranger).get("/villages/" + s.village() + "/redemption-days").then().statusCode(403);
        page(stranger).multiPart("photo", "p.jpg", jpeg, "image/jpeg").post("/shop/redemption-days/" + day + "/photos").then().statusCode(403);
    }

    @Test
    void shouldListRedemptionsOfARangeDefaultingToTodayWithinTheVillage() throws Exception {
        Setup s = setup("挂面", 200);
        long old = redeem(s, 1);
        shiftBack(old, 10);
        long today = redeem(s, 3);
        LocalDate now = Shop.today();

        List<Map<String, Object>> list = as(s.officer()).get("/api/villages/" + s.village() + "/redemptions").then().statusCode(200)
                .body("size()", is(1)).body("[0].id", is((int) today)).body("[0].householdId", is((int) s.household()))
                .body("[0].householdNumber", is(s.number())).body("[0].headName", is("<b>李</b>桂兰"))
                .body("[0].totalPoints", is(30)).body("[0].items[0].name", is("挂面")).body("[0].items[0].quantity", is(3))
                .body("[0].items[0].points", is(30)).body("[0].items[0].pointsPrice", is(10))
                .body("[0].actor", startsWith("clerk")).body("[0].reversed", is(false)).body("[0].reverseReason", nullValue())
                .body("[0].createdAt", endsWith("+08:00")).extract().path("");
        assertEquals(1, list.size());

        String range = "?from=" + now.minusDays(10) + "&to=" + now;
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions" + range).then().statusCode(200)
                .body("id", contains((int) today, (int) old));
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions?from=" + now.minusDays(10) + "&to=" + now.minusDays(10))
                .then().statusCode(200).body("id", contains((int) old));
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions?to=" + now.minusDays(1)).then().statusCode(200)
                .body("size()", is(0));
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions?from=" + now.minusDays(92) + "&to=" + now)
                .then().statusCode(400).body("code", is("request.invalid")).body("fields", hasItems("from", "to"));
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions?from=" + now.minusDays(91) + "&to=" + now)
                .then().statusCode(200).body("size()", is(2));
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions?from=" + now + "&to=" + now.minusDays(1))
                .then().statusCode(400);
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions?from=yesterday").then().statusCode(400)
                .body("fields", contains("from"));

        as(Api.staff("INSPECTOR", null)).get("/api/villages/" + s.village() + "/redemptions" + range).then().statusCode(200)
                .body("size()", is(2));
        as(s.clerk()).get("/api/villages/" + s.village() + "/redemptions").then().statusCode(200).body("size()", is(1));
        as(Api.staff("OFFICER", Api.village())).get("/api/villages/" + s.village() + "/redemptions").then().statusCode(403)
                .body("code", is("auth.forbidden"));
    }

    @Test
    void shouldShowRedemptionsAndReverseOneWithAReasonFromThePage() throws Exception {
        Setup s = setup("<script>alert(3)</script>毛巾", 100);
        long id = redeem(s, 2);
        assertEquals(80, Shop.available(s.officer(), s.household()));
        String list = "/villages/" + s.village() + "/redemptions";
        page(s.clerk()).get(list).then().statusCode(200)
                .body(containsString(s.number())).body(containsString("&lt;b&gt;李&lt;/b&gt;桂兰"))
                .body(containsString("&lt;script&gt;alert(3)&lt;/script&gt;毛巾 × 2袋（20）")).body(not(containsString("<script>alert")))
                .body(containsString("1 笔兑换，1 户，共 20 积分")).body(not(containsString("确认撤销")));
        page(s.officer()).get(list).then().statusCode(200).body(containsString("action=\"/shop/redemptions/" + id + "/reverse\""));

        String reverse = "/shop/redemptions/" + id + "/reverse";
        page(s.officer()).formParam("reason", " ").post(reverse).then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("撤销原因"));
        page(s.clerk()).formParam("reason", "x").post(reverse).then().statusCode(403);
        page(Api.staff("SECRETARY", Api.village())).formParam("reason", "x").post(reverse).then().statusCode(403);
        assertEquals(80, Shop.available(s.officer(), s.household()));
        assertEquals(48, Shop.stock(s.officer(), s.village(), s.goods()));

        String today = Shop.today().toString();
        page(s.officer()).formParam("reason", "<script>alert(4)</script>拿错了").formParam("from", today).formParam("to", today)
                .post(reverse).then().statusCode(303).header("Location", endsWith(list + "?from=" + today + "&to=" + today));
        assertEquals(100, Shop.available(s.officer(), s.household()));
        assertEquals(50, Shop.stock(s.officer(), s.village(), s.goods()));
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT r.reverse_reason, p.type, p.points FROM redemption r "
                     + "JOIN posting p ON p.cause_id = r.id AND p.cause_type = 'REDEMPTION' AND p.type = 'REFUND' WHERE r.id = " + id)) {
            assertTrue(rs.next());
            assertEquals("<script>alert(4)</script>拿错了", rs.getString(1));
            assertEquals(20, rs.getInt(3));
        }
        as(s.officer()).get("/api/villages/" + s.village() + "/redemptions").then()
                .body("[0].reversed", is(true)).body("[0].reverseReason", is("<script>alert(4)</script>拿错了"))
                .body("[0].reversedBy", startsWith("officer")).body("[0].reversedAt", endsWith("+08:00"));
        page(s.officer()).get(list).then().statusCode(200).body(containsString("已撤销"))
                .body(containsString("&lt;script&gt;alert(4)&lt;/script&gt;拿错了")).body(not(containsString("<script>alert")))
                .body(containsString("0 笔兑换，0 户，共 0 积分；另有 1 笔已撤销"))
                .body(not(containsString("action=\"/shop/redemptions/" + id + "/reverse\"")));
        page(s.officer()).formParam("reason", "again").post(reverse).then().statusCode(409).body(containsString("该兑换已撤销"));
        assertEquals(100, Shop.available(s.officer(), s.household()));

        page(s.officer()).get(list + "?from=2026-01-01&to=2026-12-31").then().statusCode(400).body(containsString("92"));
        page(Api.staff("OFFICER", Api.village())).get(list).then().statusCode(403);
    }
}
