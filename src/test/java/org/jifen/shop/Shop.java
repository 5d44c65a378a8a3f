package org.jifen.shop;

import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.jifen.support.Api.as;

/** Test helpers for the shop: goods, purchases, cards and redemptions over HTTP; a clerk's login in the browser. */
public final class Shop {

    private Shop() {
    }

    public static String thisMonth() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    public static long goods(String officer, long villageId, String name, int price) {
        Number id = as(officer).body(Map.of("name", name, "unit", "袋", "pointsPrice", price, "category", "日用品"))
                .post("/api/villages/" + villageId + "/goods").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** Buys {@code quantity} of the goods in one batch (expiry may be null) and returns the batch id. */
    public static long purchase(String officer, long villageId, long goodsId, int quantity, LocalDate expiresOn) {
        Map<String, Object> item = new HashMap<>(Map.of("goodsId", goodsId, "quantity", quantity, "unitCostCents", 250));
        item.put("expiresOn", expiresOn == null ? null : expiresOn.toString());
        Number id = as(officer).body(Map.of("supplier", "供销社", "purchasedOn", today().toString(), "items", List.of(item)))
                .post("/api/villages/" + villageId + "/purchases").then().statusCode(201).extract().path("batches[0].id");
        return id.longValue();
    }

    public static String qrText(String token, long householdId) {
        return as(token).get("/api/households/" + householdId + "/card").then().statusCode(200).extract().path("qrText");
    }

    public static Map<String, Object> redemption(String qrText, long goodsId, int quantity) {
        return Map.of("qrText", qrText, "items", List.of(Map.of("goodsId", goodsId, "quantity", quantity)),
                "idempotencyKey", UUID.randomUUID().toString());
    }

    public static int stock(String token, long villageId, long goodsId) {
        List<Map<String, Object>> goods = as(token).get("/api/villages/" + villageId + "/goods").then().statusCode(200)
                .extract().path("");
        return goods.stream().filter(g -> ((Number) g.get("id")).longValue() == goodsId)
                .map(g -> ((Number) g.get("stock")).intValue()).findFirst().orElseThrow();
    }

    public static int available(String token, long householdId) {
        return as(token).get("/api/households/" + householdId).then().statusCode(200).extract().path("availablePoints");
    }

    /** Creates a CLERK of the village and logs it in on the staff login page, which leads on to {@code /shop/redeem}. */
    public static void logInAsClerk(PhoneBrowser phone, long villageId) {
        String username = Api.unique("clerk").replaceAll("[^A-Za-z0-9_.@-]", "");
        String password = "pw-" + username;
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", password,
                "displayName", "测试店员", "role", "CLERK", "villageId", villageId));
        as(Api.admin()).body(body).post("/api/staff").then().statusCode(201);

        WebDriver driver = phone.driver;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(phone.url("/login?next=/shop/redeem"));
        phone.assertNoSidewaysScroll();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/shop/redeem"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scanner")));
        phone.assertNoSidewaysScroll();
    }

    static long village() {
        return Api.village();
    }
}
