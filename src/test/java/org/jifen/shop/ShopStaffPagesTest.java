package org.jifen.shop;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;
import static org.jifen.support.Api.page;

/** The shop overview's stock forms over HTTP: write-off (报损), transfer (调拨), settings, and the goods page (price, photo). */
@QuarkusTest
class ShopStaffPagesTest {

    static byte[] image(String format) throws Exception {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 2, 0xB3261E);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    static int remaining(long batchId) throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT remaining FROM batch WHERE id = " + batchId)) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    @Test
    void shouldWriteOffAnExpiredBatchOnlyWithAReason() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long goods = Shop.goods(officer, v, "酸奶", 5);
        long expired = Shop.purchase(officer, v, goods, 10, Shop.today().minusDays(2));
        long expiring = Shop.purchase(officer, v, goods, 6, Shop.today().plusDays(3));
        page(officer).get("/villages/" + v + "/shop").then().statusCode(200)
                .body(containsString("action=\"/shop/batches/" + expired + "/write-off\""))
                .body(containsString("action=\"/shop/batches/" + expiring + "/write-off\""));

        page(officer).formParam("quantity", "3").formParam("reason", "  ").post("/shop/batches/" + expired + "/write-off")
                .then().statusCode(400).contentType(containsString("text/html")).body(containsString("报损原因"));
        page(officer).formParam("quantity", "11").formParam("reason", "过期").post("/shop/batches/" + expired + "/write-off")
                .then().statusCode(409).contentType(containsString("text/html")).body(containsString("库存不足"));
        page(officer).formParam("quantity", "x").formParam("reason", "过期").post("/shop/batches/" + expired + "/write-off")
                .then().statusCode(400).body(containsString("报损数量"));
        assertEquals(10, remaining(expired));

        page(officer).formParam("quantity", "10").formParam("reason", "<script>alert(1)</script>已过期")
                .post("/shop/batches/" + expired + "/write-off").then().statusCode(303)
                .header("Location", endsWith("/villages/" + v + "/shop"));
        assertEquals(0, remaining(expired));
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT quantity, reason, village_id FROM write_off WHERE batch_id = " + expired)) {
            assertTrue(rs.next());
            assertEquals(10, rs.getInt(1));
            assertEquals("<script>alert(1)</script>已过期", rs.getString(2));
            assertEquals(v, rs.getLong(3));
            assertFalse(rs.next());
        }
        page(officer).get("/villages/" + v + "/shop").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;已过期")).body(not(containsString("<script>alert")))
                .body(not(containsString("action=\"/shop/batches/" + expired + "/write-off\"")));

        page(officer).formParam("quantity", "2").formParam("reason", "包装破损").formParam("back", "goods")
                .post("/shop/batches/" + expiring + "/write-off").then().statusCode(303)
                .header("Location", endsWith("/shop/goods/" + goods));
        assertEquals(4, remaining(expiring));

        page(Api.staff("CLERK", v)).formParam("quantity", "1").formParam("reason", "x")
                .post("/shop/batches/" + expiring + "/write-off").then().statusCode(403);
        long other = Api.village();
        page(Api.staff("OFFICER", other)).formParam("quantity", "1").formParam("reason", "x")
                .post("/shop/batches/" + expiring + "/write-off").then().statusCode(403);
        assertEquals(4, remaining(expiring));
    }

    @Test
    void shouldTransferStockToAnotherVillageOfTheTownFromTheShopPage() {
        long from = Api.village();
        long to = Api.village();
        String officer = Api.staff("OFFICER", from);
        String toOfficer = Api.staff("OFFICER", to);
        long goods = Shop.goods(officer, from, "大米", 40);
        Shop.purchase(officer, from, goods, 10, Shop.today().plusDays(30));
        String toName = as(Api.admin()).get("/api/villages").then().extract().path("find { it.id == " + to + " }.name");
        String fromName = as(Api.admin()).get("/api/villages").then().extract().path("find { it.id == " + from + " }.name");
        page(officer).get("/villages/" + from + "/shop").then().statusCode(200)
                .body(containsString("<option value=\"" + to + "\">" + toName + "</option>"))
                .body(not(containsString("<option value=\"" + from + "\">" + fromName + "</option>")));  // (a goods may share the id)

        page(officer).formParam("goodsId", goods).formParam("toVillageId", to).formParam("quantity", "11")
                .post("/villages/" + from + "/shop/transfers").then().statusCode(409).body(containsString("库存不足"));
        page(officer).formParam("goodsId", goods).formParam("toVillageId", to).formParam("quantity", "")
                .post("/villages/" + from + "/shop/transfers").then().statusCode(400).body(containsString("调拨数量"));
        page(toOfficer).formParam("goodsId", goods).formParam("toVillageId", to).formParam("quantity", "5")
                .post("/villages/" + from + "/shop/transfers").then().statusCode(403);
        assertEquals(10, Shop.stock(officer, from, goods));

        page(officer).formParam("goodsId", goods).formParam("toVillageId", to).formParam("quantity", "4")
                .post("/villages/" + from + "/shop/transfers").then().statusCode(303)
                .header("Location", endsWith("/villages/" + from + "/shop"));
        assertEquals(6, Shop.stock(officer, from, goods));
        as(toOfficer).get("/api/villages/" + to + "/goods").then().statusCode(200)
                .body("size()", is(1)).body("[0].name", is("大米")).body("[0].stock", is(4)).body("[0].pointsPrice", is(40));
        page(officer).get("/villages/" + from + "/shop").then().body(containsString("调出到 " + toName));
    }

    @Test
    void shouldSaveShopSettingsFromTheShopPage() {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        page(secretary).get("/villages/" + v + "/shop").then().statusCode(200).body(containsString("保存设置"))
                .body(not(containsString("新增商品")));
        page(secretary).formParam("mode", "days").formParam("lowStockThreshold", "2").formParam("expiryWarningDays", "30")
                .post("/villages/" + v + "/shop/settings").then().statusCode(303);
        as(secretary).get("/api/villages/" + v + "/shop-settings").then().statusCode(200)
                .body("redemptionDaysOnly", is(true)).body("lowStockThreshold", is(2)).body("expiryWarningDays", is(30));
        page(secretary).get("/villages/" + v + "/shop").then().body(containsString("只在本村兑换日兑换"))
                .body(containsString("<option value=\"days\" selected>"));

        page(secretary).formParam("mode", "days").formParam("lowStockThreshold", "2").formParam("expiryWarningDays", "400")
                .post("/villages/" + v + "/shop/settings").then().statusCode(400).body(containsString("临期提醒天数"));
        page(secretary).formParam("lowStockThreshold", "2").formParam("expiryWarningDays", "3")
                .post("/villages/" + v + "/shop/settings").then().statusCode(400).body(containsString("兑换方式"));
        page(Api.staff("CLERK", v)).formParam("mode", "every").formParam("lowStockThreshold", "1").formParam("expiryWarningDays", "1")
                .post("/villages/" + v + "/shop/settings").then().statusCode(403);
        as(secretary).get("/api/villages/" + v + "/shop-settings").then()
                .body("redemptionDaysOnly", is(true)).body("expiryWarningDays", is(30));

        page(secretary).formParam("mode", "every").formParam("lowStockThreshold", "0").formParam("expiryWarningDays", "7")
                .post("/villages/" + v + "/shop/settings").then().statusCode(303);
        as(secretary).get("/api/villages/" + v + "/shop-settings").then()
                .body("redemptionDaysOnly", is(false)).body("lowStockThreshold", is(0)).body("expiryWarningDays", is(7));
    }

    @Test
    void shouldChangeThePriceAndTakeAPhotoOnTheGoodsPage() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        Number id = as(officer).body(Map.of("name", "<script>x</script>香皂", "unit", "块", "pointsPrice", 8))
                .post("/api/villages/" + v + "/goods").then().statusCode(201).extract().path("id");
        long goods = id.longValue();
        page(officer).get("/shop/goods/" + goods).then().statusCode(200)
                .body(containsString("&lt;script&gt;x&lt;/script&gt;香皂")).body(not(containsString("<script>x")))
                .body(containsString("还没有商品照片")).body(containsString("capture=\"environment\""));

        page(officer).formParam("pointsPrice", "0").post("/shop/goods/" + goods + "/price").then().statusCode(400)
                .body(containsString("积分价"));
        page(officer).formParam("pointsPrice", "12").post("/shop/goods/" + goods + "/price").then().statusCode(303)
                .header("Location", endsWith("/shop/goods/" + goods));
        as(officer).get("/api/villages/" + v + "/goods").then().body("[0].pointsPrice", is(12));

        page(officer).multiPart("photo", "fake.png", "not an image".getBytes(StandardCharsets.UTF_8), "image/png")
                .post("/shop/goods/" + goods + "/photo").then().statusCode(415).contentType(containsString("text/html"))
                .body(containsString("JPEG、PNG 或 WebP"));
        page(officer).multiPart("photo", "empty.jpg", new byte[0], "image/jpeg")
                .post("/shop/goods/" + goods + "/photo").then().statusCode(400);
        byte[] png = image("png");
        page(officer).multiPart("photo", "photo.jpg", png, "image/jpeg").post("/shop/goods/" + goods + "/photo").then().statusCode(303);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT photo_type, photo_sha256, length(photo) FROM goods WHERE id = " + goods)) {
            assertTrue(rs.next());
            assertEquals("image/png", rs.getString(1), "the type is the image's own, not what the browser claimed");
            assertEquals(sha, rs.getString(2));
            assertEquals(png.length, rs.getInt(3));
        }
        byte[] served = as(officer).get("/api/goods/" + goods + "/photo").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertArrayEquals(png, served);
        page(officer).get("/shop/goods/" + goods).then().body(containsString("/api/goods/" + goods + "/photo?v=" + sha.substring(0, 12)));
        page(officer).get("/villages/" + v + "/shop").then().body(containsString("class=\"thumb\" src=\"/api/goods/" + goods
                + "/photo?v=" + sha.substring(0, 12)));

        String stranger = Api.staff("OFFICER", Api.village());
        page(stranger).get("/shop/goods/" + goods).then().statusCode(403);
        page(stranger).formParam("pointsPrice", "1").post("/shop/goods/" + goods + "/price").then().statusCode(403);
        page(stranger).multiPart("photo", "p.png", png, "image/png").post("/shop/goods/" + goods + "/photo").then().statusCode(403);
        page(Api.staff("CLERK", v)).get("/shop/goods/" + goods).then().statusCode(200).body(not(containsString("修改积分价")));
        as(officer).get("/api/villages/" + v + "/goods").then().body("[0].pointsPrice", is(12));
    }
}
