package org.jifen.portal;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The villager's walk through the portal in a real headless Chromium at 360×740. */
@QuarkusTest
class PortalBrowserTest {

    @TestHTTPResource("/")
    URL base;

    PhoneBrowser phone;
    WebDriver driver;

    @BeforeEach
    void startBrowser() throws Exception {
        phone = new PhoneBrowser(base);
        driver = phone.driver;
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (phone != null) {
            phone.close();
        }
    }

    String url(String path) {
        return phone.url(path);
    }

    void assertNoSidewaysScroll() {
        phone.assertNoSidewaysScroll();
    }

    boolean elder() {
        return driver.findElement(By.tagName("body")).getAttribute("class").contains("elder");
    }

    @Test
    void shouldLogInSeeBalanceOpenRankingSwitchToElderModeWithoutSidewaysScroll() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        TestLedger.give(h, 263, month);
        for (int i = 0; i < 12; i++) {
            TestLedger.give(Api.household(officer, v), i == 11 ? 300 : 100 + i * 10, month);
        }
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        // the card link (as opened from the QR code) pre-fills the card; the villager types the phone's last 4
        driver.get(url("/portal/login?card=" + URLEncoder.encode(PortalCardsFixture.qrText(h, 1), StandardCharsets.UTF_8)));
        assertNoSidewaysScroll();
        driver.findElement(By.id("phoneLast4")).sendKeys("8000");
        driver.findElement(By.id("enter")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("balance")));
        assertEquals("263", driver.findElement(By.id("balance")).getText());
        assertEquals("263", driver.findElement(By.id("earned")).getText());
        assertTrue(driver.findElement(By.id("stars")).getText().contains("4星"));
        assertEquals("第 2 名", driver.findElement(By.id("rank")).getText());
        assertTrue(driver.findElement(By.id("speak")).isDisplayed());
        assertNoSidewaysScroll();

        driver.findElement(By.id("to-ranking")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-rank")));
        assertTrue(driver.findElement(By.id("my-rank")).getText().contains("您排第 2 名"), driver.findElement(By.id("my-rank")).getText());
        assertEquals(10, driver.findElements(By.cssSelector("#top li")).size());
        assertNoSidewaysScroll();

        // 长辈版: one tap, remembered
        assertFalse(elder());
        driver.findElement(By.id("elder")).click();
        wait.until(d -> elder());
        driver.navigate().refresh();
        assertTrue(elder(), "elder mode remembered after reload");
        assertNoSidewaysScroll();
        for (String page : List.of("/portal", "/portal/history", "/portal/ranking?period=month", "/portal/ranking?period=quarter",
                "/portal/goods", "/portal/notices", "/portal/report", "/portal/bindings")) {
            driver.get(url(page));
            assertTrue(elder(), page + " in elder mode");
            assertNoSidewaysScroll();
        }
        driver.get(url("/portal"));
        String bigSize = (String) ((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.getElementById('balance')).fontSize");
        assertTrue(Double.parseDouble(bigSize.replace("px", "")) >= 80, "very large balance in elder mode: " + bigSize);

        // and back to normal
        driver.findElement(By.id("elder")).click();
        wait.until(d -> !elder());
        for (String page : List.of("/portal", "/portal/history", "/portal/ranking?period=year", "/portal/report", "/portal/bindings")) {
            driver.get(url(page));
            assertFalse(elder());
            assertNoSidewaysScroll();
        }
    }

    @Test
    void shouldShowErrorForWrongPhoneAndSendStrangersToLogin() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        driver.get(url("/portal"));
        assertTrue(driver.getCurrentUrl().endsWith("/portal/login"), driver.getCurrentUrl());
        driver.findElement(By.id("qrText")).sendKeys(PortalCardsFixture.qrText(h, 1));
        driver.findElement(By.id("phoneLast4")).sendKeys("9999");
        driver.findElement(By.id("enter")).click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        } catch (RuntimeException e) {
            fail("no error shown at " + driver.getCurrentUrl() + ": " + driver.getPageSource());
        }
        assertTrue(driver.findElement(By.id("error")).getText().contains("不正确"));
        assertNoSidewaysScroll();
    }
}
