package org.jifen.survey;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.portal.PortalCardsFixture;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** The villager's 心愿 page in a real headless Chromium at 360×740, as the portal's own browser test walks its pages. */
@QuarkusTest
class WishPortalBrowserTest {

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

    private List<String> mine() {
        // read in one script: the list is replaced when the page reloads after a tap
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#mine li > span')].filter(e => !e.classList.contains('muted')).map(e => e.textContent)");
        return texts;
    }

    @Test
    void shouldWishWithOneTapOrAFewWordsAndWithdrawWithoutSidewaysScroll() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        Shop.goods(officer, v, "东北大米（五常稻花香，十公斤装）", 30);
        long h = Api.household(officer, v);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        driver.get(phone.url("/portal/login?card=" + URLEncoder.encode(PortalCardsFixture.qrText(h, 1), StandardCharsets.UTF_8)));
        driver.findElement(By.id("phoneLast4")).sendKeys("8000");
        driver.findElement(By.id("enter")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("to-wishes")));
        driver.findElement(By.id("to-wishes")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("taps")));
        phone.assertNoSidewaysScroll();

        // one tap on the shop's goods
        driver.findElement(By.xpath("//form[@id='taps']/button[contains(., '东北大米')]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertTrue(mine().stream().anyMatch(t -> t.contains("东北大米")), mine().toString());
        // a few words typed, escaped as text
        driver.findElement(By.id("text")).sendKeys("<b>老花镜</b>");
        driver.findElement(By.cssSelector("#typed button[type=submit]")).click();
        wait.until(d -> mine().stream().anyMatch(t -> t.contains("<b>老花镜</b>")));
        assertEquals(0, driver.findElements(By.cssSelector("#mine b")).size(), "typed text is shown as text");
        // the tap buttons are big enough for a thumb
        WebElement tap = driver.findElement(By.cssSelector("#taps button"));
        assertTrue(tap.getSize().getHeight() >= 44, "tap target height " + tap.getSize().getHeight());

        // withdraw the first one
        driver.findElement(By.cssSelector("#mine form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "已撤回"));
        wait.until(d -> mine().size() == 1);
        assertTrue(mine().get(0).contains("东北大米"), mine().toString());
        as(org.jifen.portal.PortalLogins.cardLogin(h, null)).get("/api/portal/wishes").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1));

        // 长辈版: the page stays inside the phone's width
        driver.findElement(By.id("elder")).click();
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("class").contains("elder"));
        driver.get(phone.url("/portal/wishes"));
        assertTrue(driver.findElement(By.tagName("body")).getAttribute("class").contains("elder"));
        phone.assertNoSidewaysScroll();
    }
}
