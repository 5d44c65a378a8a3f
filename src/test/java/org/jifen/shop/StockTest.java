package org.jifen.shop;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class StockTest {

    @Test
    void shouldListGoodsWithStockOfUnexpiredBatchesAndNextExpiry() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        as(Api.staff("CLERK", v)).body(Map.of("name", "x", "unit", "个", "pointsPrice", 1)).post("/api/villages/" + v + "/goods")
                .then().statusCode(403);
        as(officer).body(Map.of("name", "", "unit", "个", "pointsPrice", 0)).post("/api/villages/" + v + "/goods")
                .then().statusCode(400).body("fields", hasItems("name", "pointsPrice"));
        long g = Shop.goods(officer, v, "面条", 12);
        Shop.purchase(officer, v, g, 4, Shop.today().plusDays(20));
        Shop.purchase(officer, v, g, 6, null);
        Shop.purchase(officer, v, g, 9, Shop.today().minusDays(2));
        as(officer).get("/api/villages/" + v + "/goods").then().statusCode(200)
                .body("find { it.id == " + g + " }.stock", is(10))
                .body("find { it.id == " + g + " }.pointsPrice", is(12))
                .body("find { it.id == " + g + " }.unit", is("袋"))
                .body("find { it.id == " + g + " }.name", is("面条"))
                .body("find { it.id == " + g + " }.nextExpiry", is(Shop.today().plusDays(20).toString()));
    }

    @Test
    void shouldWarnAboutExpiringExpiredAndLowStockAndWriteOffWithReason() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long soon = Shop.goods(officer, v, "牛奶", 5);
        long low = Shop.goods(officer, v, "毛巾", 10);
        long soonBatch = Shop.purchase(officer, v, soon, 30, Shop.today().plusDays(3));
        long expiredBatch = Shop.purchase(officer, v, soon, 5, Shop.today().minusDays(1));
        Shop.purchase(officer, v, low, 2, null);
        as(officer).get("/api/villages/" + v + "/stock/warnings?days=7").then().statusCode(200)
                .body("expiring.id", contains((int) soonBatch))
                .body("expired.id", contains((int) expiredBatch))
                .body("lowStock.id", hasItem((int) low)).body("lowStock.id", not(hasItem((int) soon)));
        as(officer).body(Map.of("quantity", 5)).post("/api/batches/" + expiredBatch + "/write-off").then().statusCode(400);
        as(officer).body(Map.of("quantity", 6, "reason", "过期")).post("/api/batches/" + expiredBatch + "/write-off")
                .then().statusCode(409).body("code", is("shop.insufficient-stock"));
        as(officer).body(Map.of("quantity", 5, "reason", "过期报损")).post("/api/batches/" + expiredBatch + "/write-off")
                .then().statusCode(200).body("remaining", is(0));
        as(officer).get("/api/villages/" + v + "/stock/warnings?days=7").then().statusCode(200).body("expired", hasSize(0));
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT reason, quantity FROM write_off WHERE batch_id = " + expiredBatch)) {
            assertTrue(rs.next());
            assertEquals("过期报损", rs.getString(1));
            assertEquals(5, rs.getInt(2));
        }
        long other = Api.village();
        as(Api.staff("OFFICER", other)).body(Map.of("quantity", 1, "reason", "x")).post("/api/batches/" + soonBatch + "/write-off")
                .then().statusCode(403);
    }

    @Test
    void shouldTransferStockToAnotherVillageOfTheTown() {
        long a = Api.village();
        long b = Api.village();
        String officerA = Api.staff("OFFICER", a);
        String officerB = Api.staff("OFFICER", b);
        long g = Shop.goods(officerA, a, "大米", 40);
        Shop.purchase(officerA, a, g, 10, Shop.today().plusDays(100));
        Shop.purchase(officerA, a, g, 10, Shop.today().plusDays(10));
        int toGoods = as(officerA).body(Map.of("goodsId", g, "toVillageId", b, "quantity", 12))
                .post("/api/villages/" + a + "/transfers").then().statusCode(201).extract().path("toGoodsId");
        assertEquals(8, Shop.stock(officerA, a, g));
        assertEquals(12, Shop.stock(officerB, b, toGoods));
        as(officerB).get("/api/villages/" + b + "/goods").then()
                .body("find { it.id == " + toGoods + " }.nextExpiry", is(Shop.today().plusDays(10).toString()))
                .body("find { it.id == " + toGoods + " }.pointsPrice", is(40));
        as(officerA).body(Map.of("goodsId", g, "toVillageId", b, "quantity", 9))
                .post("/api/villages/" + a + "/transfers").then().statusCode(409).body("code", is("shop.insufficient-stock"));
        as(officerB).body(Map.of("goodsId", g, "toVillageId", b, "quantity", 1))
                .post("/api/villages/" + a + "/transfers").then().statusCode(403);
    }
}
