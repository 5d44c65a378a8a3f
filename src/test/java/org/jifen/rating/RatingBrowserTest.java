package org.jifen.rating;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** The secretary's rating page and the town table in a headless Chromium at 360×740, in Chinese. */
@QuarkusTest
class RatingBrowserTest {

    @TestHTTPResource("/")
    URL base;

    PhoneBrowser phone;
    WebDriver driver;
    WebDriverWait wait;

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
    }

    @Test
    void shouldLetTheSecretaryConfirmAndSeeADifferenceThenTheTownFilterAndSubmit() throws Exception {
        ClosedYear y = new ClosedYear(205, 310);
        Api.village(); // a village of the town that confirms nothing
        long three = y.household(0);
        signIn(y.secretary);
        driver.get(phone.url("/villages/" + y.village + "/ratings?year=" + y.year));
        assertTrue(text("status").contains("全年已结账，星级名单尚未确认"), text("status"));
        assertTrue(text("ratings").contains("205"), "the preview lists the household's points");
        phone.assertNoSidewaysScroll();
        driver.findElement(By.id("confirm")).click();
        wait.until(d -> d.getCurrentUrl().contains("ok=confirmed"));
        assertTrue(driver.getPageSource().contains("星级名单已确认"));
        assertTrue(text("status").startsWith("已确认"), text("status"));
        assertEquals("1", driver.findElement(By.cssSelector("#counts > div:nth-child(3) .big")).getText(), "one three-star household");
        assertEquals("重新确认星级名单", driver.findElement(By.id("confirm")).getText());
        assertTrue(driver.findElements(By.id("differences")).isEmpty());

        // a reversal after the confirmation: the page lists the household as changed
        var posting = YearEndRatingTest.longOf("SELECT id FROM posting WHERE household_id = " + three + " AND type = 'ADJUST'");
        as(y.secretary).body(Map.of("reason", "误登")).post("/api/postings/" + posting + "/reverse").then().statusCode(201);
        driver.navigate().refresh();
        String differences = text("differences");
        assertTrue(differences.contains("确认后变动（1 户）"), differences);
        assertTrue(differences.contains("3 星") && differences.contains("无"), differences);
        phone.assertNoSidewaysScroll();

        // the household page shows the confirmed stars
        driver.get(phone.url("/households/" + y.household(1)));
        assertTrue(text("stars").contains(y.year + " 年度星级（已确认）"), text("stars"));
        assertTrue(text("stars").contains("5星"), text("stars"));
        phone.assertNoSidewaysScroll();

        // the town: every village in one table, filtered to this village's three-star households, then submitted
        signIn(Api.admin());
        driver.get(phone.url("/town/ratings?year=" + y.year));
        phone.assertNoSidewaysScroll();
        assertTrue(text("villages").contains("未确认"), "other villages of the town are listed as not confirmed");
        new Select(driver.findElement(By.id("fvillage"))).selectByValue(String.valueOf(y.village));
        new Select(driver.findElement(By.id("fstars"))).selectByValue("3");
        driver.findElement(By.cssSelector("#filter button")).click();
        wait.until(d -> d.getCurrentUrl().contains("stars=3"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#rows tbody tr"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText().contains("205") && rows.get(0).getText().contains("现 无"), rows.get(0).getText());
        assertEquals("共 1 户", text("shown"));
        new Select(driver.findElement(By.id("fstars"))).selectByValue("5");
        driver.findElement(By.cssSelector("#filter button")).click();
        wait.until(d -> d.getCurrentUrl().contains("stars=5"));
        assertEquals("共 11 户", text("shown"));
        driver.findElement(By.id("note")).sendKeys("年终上报");
        driver.findElement(By.id("submit")).click();
        wait.until(d -> d.getCurrentUrl().contains("ok=submitted"));
        assertTrue(text("report").contains("已上报镇农办") && text("report").contains("年终上报"), text("report"));
        phone.assertNoSidewaysScroll();
    }

    private void signIn(String token) {
        driver.get(phone.url("/login"));
        driver.manage().deleteAllCookies();
        driver.manage().addCookie(new Cookie("jifen_staff", token));
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }
}
