package org.jifen.funds;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** The funds page in a real headless Chromium at 360×740: add a receipt, upload its voucher, see the year's account. */
@QuarkusTest
class FundPagesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldAddAReceiptUploadItsVoucherAndShowTheAccount() throws Exception {
        long v = Api.village();
        String username = Api.unique("sec").replaceAll("[^A-Za-z0-9_.@-]", "");
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", "pw-" + username,
                "displayName", "测试书记", "role", "SECRETARY", "villageId", v));
        as(Api.admin()).body(body).post("/api/staff").then().statusCode(201);
        String officer = Api.staff("OFFICER", v);
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        long rice = FundAccountTest.goods(officer, v);
        long purchase = FundAccountTest.purchase(officer, v, rice, 4, 1_250, year + "-01-02");   // 50.00 yuan

        Path voucher = Files.createTempFile("voucher", ".jpg");
        Files.write(voucher, ArchiveTest.JPEG);
        try (PhoneBrowser phone = new PhoneBrowser(base)) {
            WebDriver driver = phone.driver;
            var wait = new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            driver.get(phone.url("/login?next=/villages/" + v + "/funds"));
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys("pw-" + username);
            driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/login") && d.getCurrentUrl().contains("/villages/" + v + "/funds"));  // /login?next=... names it too
phone.assertNoSidewaysScroll();
            assertTrue(driver.findElement(By.id("purchase-" + purchase)).getText().contains("缺少付款凭证或发票"));

            driver.findElement(By.id("f-source")).sendKeys("上级拨款");
            driver.findElement(By.id("f-amount")).sendKeys("1200.50");
            driver.findElement(By.cssSelector("#add-receipt button[type=submit]")).click();
            wait.until(d -> d.findElement(By.id("received")).getText().equals("1200.50 元"));
            assertEquals("50.00 元", driver.findElement(By.id("spent")).getText());
            assertEquals("1150.50 元", driver.findElement(By.id("balance")).getText());
            assertEquals("50.00 元", driver.findElement(By.id("stock")).getText());

            var receipt = driver.findElement(By.cssSelector(".receipt"));
            assertTrue(receipt.getText().contains("缺少收款凭证"), receipt.getText());
            String id = receipt.getAttribute("id").substring("receipt-".length());
            driver.findElement(By.id("rv-" + id)).sendKeys(voucher.toString());
            driver.findElement(By.cssSelector("form[action='/staff/fund-receipts/" + id + "/vouchers'] button")).click();
            wait.until(d -> d.findElement(By.id("receipt-" + id)).getText().contains("1 份"));
            phone.assertNoSidewaysScroll();

            driver.findElement(By.id("pv-" + purchase)).sendKeys(voucher.toString());
            driver.findElement(By.cssSelector("form[action='/staff/purchases/" + purchase + "/vouchers'] button")).click();
            wait.until(d -> d.findElement(By.id("purchase-" + purchase)).getText().contains("1 份"));
            assertNotNull(driver.findElement(By.id("archive")));
        } finally {
            Files.deleteIfExists(voucher);
        }
        List<Map<String, Object>> vouchers = as(officer).get("/api/purchases/" + purchase + "/vouchers").then().statusCode(200).extract().path("");
        assertEquals(1, vouchers.size());
        assertEquals("PAYMENT", vouchers.get(0).get("kind"));
    }
}
