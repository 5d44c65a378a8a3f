package org.jifen.shop;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** The clerk's redemption screen {@code /shop/redeem} in a real headless Chromium at 360×740. */
@QuarkusTest
class RedeemBrowserTest {

    @TestHTTPResource("/")
    URL base;

    PhoneBrowser phone;
    WebDriver driver;
    WebDriverWait wait;
    final List<Path> temp = new ArrayList<>();

    @BeforeEach
    void startBrowser() throws Exception {
        phone = new PhoneBrowser(base);
        driver = phone.driver;
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (phone != null) {
            phone.close();
        }
        for (Path dir : temp) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldRedeemACardReadByUsbScannerAndShowTheReceiptAndNewBalance() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        TestLedger.give(h, 100, Shop.thisMonth());
        long rice = Shop.goods(officer, v, "东北大米", 7);
        long soap = Shop.goods(officer, v, "洗衣皂", 5);
        Shop.purchase(officer, v, rice, 10, null);
        Shop.purchase(officer, v, soap, 4, null);
        Map<String, Object> household = as(officer).get("/api/households/" + h).then().statusCode(200).extract().path("");

        logInAsClerk(v);
        // a USB scanner types into whatever has the focus: the scanner field has it from the start
        wait.until(d -> "scanner".equals(d.switchTo().activeElement().getAttribute("id")));
        driver.switchTo().activeElement().sendKeys(Shop.qrText(officer, h) + Keys.ENTER);

        waitForHousehold((String) household.get("number"));
        assertEquals(household.get("headName"), text("hh-name"));
        assertEquals("100", text("hh-points"));
        wait.until(d -> "".equals(d.findElement(By.id("scanner")).getDomProperty("value"))); // ready for the next card
        assertNoSidewaysScroll();

        goodsButton("东北大米").click();
        goodsButton("东北大米").click();
        goodsButton("洗衣皂").click();
        wait.until(ExpectedConditions.textToBe(By.id("cart-total"), "19"));
        List<WebElement> lines = driver.findElements(By.cssSelector("#cart li"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).getText().contains("东北大米 × 2袋"), lines.get(0).getText());
        assertTrue(lines.get(1).getText().contains("洗衣皂 × 1袋"), lines.get(1).getText());
        assertFalse(driver.findElement(By.id("cart-msg")).isDisplayed());
        assertTrue(driver.findElement(By.id("confirm")).isEnabled());
        assertNoSidewaysScroll();

        driver.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt")));
        assertEquals("19", text("receipt-total"));
        assertEquals("81", text("receipt-after"));
        assertEquals("81", text("hh-points"));
        assertTrue(text("receipt-items").contains("东北大米 × 2袋（14 积分）"), text("receipt-items"));
        assertTrue(text("receipt-items").contains("洗衣皂 × 1袋（5 积分）"), text("receipt-items"));
        assertFalse(driver.findElement(By.id("cart-box")).isDisplayed());
        assertNoSidewaysScroll();

        // what the database says: exactly that much less points and stock, one redemption
        assertEquals(81, Shop.available(officer, h));
        assertEquals(8, Shop.stock(officer, v, rice));
        assertEquals(3, Shop.stock(officer, v, soap));
        List<Map<String, Object>> redemptions = redemptions(h);
        assertEquals(1, redemptions.size());
        assertEquals(19, redemptions.get(0).get("total_points"));
        assertEquals(81, redemptions.get(0).get("available_after"));
        assertTrue(text("receipt-no").contains(String.valueOf(redemptions.get(0).get("id"))), text("receipt-no"));
        List<Map<String, Object>> postings = as(officer).get("/api/households/" + h + "/postings").then().statusCode(200).extract().path("");
        assertEquals(1, postings.stream().filter(p -> "REDEEM".equals(p.get("type"))).count());
        assertEquals(-19, postings.stream().filter(p -> "REDEEM".equals(p.get("type"))).findFirst().orElseThrow().get("points"));

        // next household: the screen clears and the scanner field has the focus again
        driver.findElement(By.id("next")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("household")));
        wait.until(d -> "scanner".equals(d.switchTo().activeElement().getAttribute("id")));
    }

    @Test
    void shouldReadTheCardFromAPhotoOnTheServer() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        TestLedger.give(h, 42, Shop.thisMonth());
        Shop.purchase(officer, v, Shop.goods(officer, v, "酱油", 6), 3, null);
        String number = as(officer).get("/api/households/" + h).then().statusCode(200).extract().path("number");
        byte[] png = as(officer).get("/api/households/" + h + "/card.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        Path card = tempFile("card", ".png");
        Files.write(card, png);
        Path blank = tempFile("blank", ".png");
        BufferedImage white = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 200; x++) {
            for (int y = 0; y < 200; y++) {
                white.setRGB(x, y, 0xffffff);
            }
        }
        ImageIO.write(white, "png", blank.toFile());

        logInAsClerk(v);
        // a photo without a QR code: the server's Chinese hint, no household
        driver.findElement(By.id("photo")).sendKeys(blank.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-msg")));
        assertTrue(text("scan-msg").contains("请对准积分卡上的二维码重新拍照"), text("scan-msg"));
        assertFalse(driver.findElement(By.id("household")).isDisplayed());
        assertNoSidewaysScroll();

        // the card's own PNG, as a photo: decoded by ZXing on the server, then the household panel
        driver.findElement(By.id("photo")).sendKeys(card.toString());
        waitForHousehold(number);
        assertEquals("42", text("hh-points"));
        assertFalse(driver.findElement(By.id("scan-msg")).isDisplayed(), "the earlier problem is gone");
        wait.until(d -> d.findElements(By.cssSelector("#goods .goods-item")).size() == 1);
        assertTrue(goodsButton("酱油").getText().contains("库存 3"), goodsButton("酱油").getText());
        assertNoSidewaysScroll();
    }

    @Test
    void shouldShowTheProblemWhenPointsRanOutMeanwhileAndChangeNothing() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        TestLedger.give(h, 20, Shop.thisMonth());
        long oil = Shop.goods(officer, v, "花生油", 15);
        Shop.purchase(officer, v, oil, 5, null);
        String qrText = Shop.qrText(officer, h);
        String number = as(officer).get("/api/households/" + h).then().statusCode(200).extract().path("number");

        logInAsClerk(v);
        wait.until(d -> "scanner".equals(d.switchTo().activeElement().getAttribute("id")));
        driver.switchTo().activeElement().sendKeys(qrText + Keys.ENTER);
        waitForHousehold(number);
        assertEquals("20", text("hh-points"));

        // more than the household has: the screen says so before anything is sent
        goodsButton("花生油").click();
        goodsButton("花生油").click();
        wait.until(ExpectedConditions.textToBe(By.id("cart-total"), "30"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cart-msg")));
        assertTrue(text("cart-msg").contains("积分不足"), text("cart-msg"));
        assertFalse(driver.findElement(By.id("confirm")).isEnabled());
        assertNoSidewaysScroll();
        driver.findElement(By.cssSelector("#cart li .qty button")).click(); // − one
        wait.until(ExpectedConditions.textToBe(By.id("cart-total"), "15"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cart-msg")));

        // meanwhile the household spends 15 elsewhere (another counter); this screen still shows 20
        as(officer).body(Shop.redemption(qrText, oil, 1)).post("/api/redemptions").then().statusCode(201);
        assertEquals(5, Shop.available(officer, h));
        assertEquals(4, Shop.stock(officer, v, oil));

        driver.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cart-msg"), "可用积分只有 5"));
        assertTrue(driver.findElement(By.id("cart-msg")).isDisplayed());
        assertTrue(text("cart-msg").contains("本次兑换需要 15 积分"), text("cart-msg"));
        assertFalse(driver.findElement(By.id("receipt")).isDisplayed());
        assertNoSidewaysScroll();
        // the panel catches up with the real balance, and the problem stays in view
        wait.until(ExpectedConditions.textToBe(By.id("hh-points"), "5"));
        wait.until(d -> !d.findElement(By.id("confirm")).isEnabled());
        assertTrue(text("cart-msg").contains("可用积分只有 5"), text("cart-msg"));

        // nothing changed: points, stock, and only the other counter's redemption
        assertEquals(5, Shop.available(officer, h));
        assertEquals(4, Shop.stock(officer, v, oil));
        assertEquals(1, redemptions(h).size());
    }

    @Test
    void shouldOpenTheCardUrlOnTheRedemptionScreenWithTheHouseholdLoaded() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        TestLedger.give(h, 30, Shop.thisMonth());
        long tea = Shop.goods(officer, v, "绿茶", 10);
        Shop.purchase(officer, v, tea, 2, null);
        String qrText = Shop.qrText(officer, h);
        String number = as(officer).get("/api/households/" + h).then().statusCode(200).extract().path("number");
        int at = qrText.lastIndexOf("/c/");
        assertTrue(at > 0, qrText);

        logInAsClerk(v);
        // the card's URL on this server (the printed base URL is the production one)
        driver.get(url(qrText.substring(at)));
        wait.until(d -> d.getCurrentUrl().contains("/shop/redeem?card="));
        waitForHousehold(number);
        assertEquals("30", text("hh-points"));
        assertNoSidewaysScroll();

        // and the redemption goes through from there
        goodsButton("绿茶").click();
        wait.until(ExpectedConditions.textToBe(By.id("cart-total"), "10"));
        driver.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt")));
        assertEquals("20", text("receipt-after"));
        assertEquals(20, Shop.available(officer, h));
        assertEquals(1, Shop.stock(officer, v, tea));
        assertEquals(1, redemptions(h).size());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    String url(String path) {
        return phone.url(path);
    }

    void logInAsClerk(long villageId) {
        Shop.logInAsClerk(phone, villageId);
    }

    void waitForHousehold(String number) {
        try {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("household")));
            wait.until(ExpectedConditions.textToBe(By.id("hh-number"), number));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("goods-box")));
        } catch (RuntimeException e) {
            fail("no household panel at " + driver.getCurrentUrl() + ", scan message: "
                    + driver.findElement(By.id("scan-msg")).getText(), e);
        }
    }

    WebElement goodsButton(String name) {
        return wait.until(d -> d.findElements(By.cssSelector("#goods .goods-item")).stream()
                .filter(b -> b.findElement(By.tagName("strong")).getText().equals(name)).findFirst().orElse(null));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    void assertNoSidewaysScroll() {
        phone.assertNoSidewaysScroll();
    }

    Path tempFile(String prefix, String suffix) throws Exception {
        Path dir = Files.createTempDirectory("jifen-redeem");
        temp.add(dir);
        return dir.resolve(prefix + suffix);
    }

    static List<Map<String, Object>> redemptions(long householdId) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (var c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, total_points, available_after FROM redemption WHERE household_id = ? ORDER BY id")) {
            ps.setLong(1, householdId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.of("id", rs.getLong(1), "total_points", rs.getInt(2), "available_after", rs.getInt(3)));
                }
            }
        }
        return out;
    }
}
