package org.jifen.shop;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;


import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.jifen.support.Api.page;

/** An officer stocks the village shop from its page: new goods, then a purchased batch with an expiry date. */
@QuarkusTest
class ShopPagesTest {

    @Test
    void shouldAddGoodsAndPurchaseABatchFromTheShopPage() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        page(officer).get("/villages/" + v + "/shop").then().statusCode(200).body(containsString("请先新增商品"));
        page(officer).formParam("name", "<b>金龙鱼</b>食用油").formParam("category", "粮油").formParam("unit", "瓶").formParam("pointsPrice", "30")
                .post("/villages/" + v + "/shop/goods").then().statusCode(303);
        Number goodsId = as(officer).get("/api/villages/" + v + "/goods").then().statusCode(200)
                .body("[0].pointsPrice", is(30)).body("[0].stock", is(0)).extract().path("[0].id");
        page(officer).get("/villages/" + v + "/shop").then().statusCode(200)
                .body(containsString("&lt;b&gt;金龙鱼&lt;/b&gt;食用油")).body(containsString("采购入库"));

        String expiresOn = Shop.today().plusDays(200).toString();
        page(officer).formParam("supplier", "镇供销社").formParam("purchasedOn", Shop.today().toString()).formParam("goodsId", goodsId.toString())
                .formParam("quantity", "24").formParam("unitCostYuan", "45.50").formParam("expiresOn", expiresOn)
                .post("/villages/" + v + "/shop/purchases").then().statusCode(303);
        as(officer).get("/api/villages/" + v + "/goods").then().body("[0].stock", is(24)).body("[0].nextExpiry", is(expiresOn));
        as(officer).get("/api/villages/" + v + "/batches").then().body("[0].unitCostCents", is(4550));

        page(officer).formParam("supplier", "x").formParam("purchasedOn", Shop.today().toString()).formParam("goodsId", goodsId.toString())
                .formParam("quantity", "1").formParam("unitCostYuan", "abc").post("/villages/" + v + "/shop/purchases")
                .then().statusCode(400).contentType(containsString("text/html"));
        page(officer).formParam("name", "肥皂").formParam("unit", "块").formParam("pointsPrice", "十")
                .post("/villages/" + v + "/shop/goods").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("积分价请填写整数"));
        String clerk = Api.staff("CLERK", v);
        page(clerk).formParam("name", "x").formParam("unit", "个").formParam("pointsPrice", "1")
                .post("/villages/" + v + "/shop/goods").then().statusCode(403);
    }
}
