package org.jifen.oversight;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** The inspector's phone: the sample of a spot check and its result form, in a real headless Chromium at 360 px. */
@QuarkusTest
class SpotCheckBrowserTest {

    @TestHTTPResource("/")
    URL base;

    PhoneBrowser phone;
    WebDriver driver;
    WebDriverWait wait;
    Path photo;

    @BeforeEach
    void start() throws Exception {
        phone = new PhoneBrowser(base);
        driver = phone.driver;
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        photo = Files.createTempFile("field", ".png");
        Files.write(photo, OversightApiTest.PNG);
    }

    @AfterEach
    void stop() throws Exception {
        if (phone != null) {
            phone.close();
        }
        Files.deleteIfExists(photo);
    }

    @Test
    void shouldRecordAMismatchWithNoteAndPhotoOnAPhoneAndOpenARectification() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        for (int i = 0; i < 5; i++) {
            Api.household(officer, v);
        }
        String username = Api.unique("insp").replaceAll("[^A-Za-z0-9_.@-]", "");
        as(Api.admin()).body(new HashMap<>(Map.of("username", username, "password", "pw-" + username, "displayName", "镇督查",
                "role", "INSPECTOR"))).post("/api/staff").then().statusCode(201);
        String inspector = Api.login(username, "pw-" + username);
        Map<String, Object> check = as(inspector).body(Map.of("from", "2026-01-01", "to", "2026-03-31", "size", 3, "seed", 11))
                .post("/api/villages/" + v + "/spot-checks").then().statusCode(201).extract().path("");
        long id = ((Number) check.get("id")).longValue();
        @SuppressWarnings("unchecked")
        long first = ((Number) ((List<Map<String, Object>>) check.get("households")).get(0).get("householdId")).longValue();

        driver.get(phone.url("/login?next=/spot-checks/" + id));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("pw-" + username);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login") && d.getCurrentUrl().contains("/spot-checks/" + id));  // /login?next=... names it too
        assertEquals("11", driver.findElement(By.id("seed")).getText());
        assertEquals(3, driver.findElements(By.cssSelector("form.result-form")).size());
        phone.assertNoSidewaysScroll();

        WebElement card = driver.findElement(By.id("h" + first));
        card.findElement(By.xpath(".//label[normalize-space()='不符']")).click();
        card.findElement(By.name("note")).sendKeys("台账记有 3 月义务劳动 10 分，户主说没有参加");
        card.findElement(By.name("photo")).sendKeys(photo.toString());
        phone.assertNoSidewaysScroll();
        card.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(d -> d.getCurrentUrl().contains("saved=" + first));
        WebElement saved = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#h" + first + " .result")));
        assertTrue(saved.getText().contains("不符"), saved.getText());
        assertTrue(saved.getText().contains("户主说没有参加"), saved.getText());
        assertEquals("1 / 3 户", driver.findElement(By.id("recorded")).getText());
        assertEquals(1, driver.findElements(By.cssSelector("#h" + first + " .thumbs img")).size());
        phone.assertNoSidewaysScroll();

        // what the server holds: one mismatch with its 整改 item and the photo
        List<Map<String, Object>> items = as(inspector).get("/api/villages/" + v + "/rectifications").then().statusCode(200).extract().path("");
        assertEquals(1, items.size());
        assertEquals("OPEN", items.get(0).get("status"));
        assertTrue(items.get(0).get("detail").toString().contains("户主说没有参加"));
        String link = saved.findElement(By.tagName("a")).getAttribute("href");
        assertTrue(link.endsWith("#r" + items.get(0).get("id")), link);

        // the sheets and the village's 整改 page fit the phone too
        driver.get(phone.url("/spot-checks/" + id + "/sheets"));
        assertEquals(3, driver.findElements(By.cssSelector("section.sheet")).size());
        phone.assertNoSidewaysScroll();
        driver.get(phone.url("/villages/" + v + "/rectifications"));
        assertTrue(driver.findElement(By.id("r" + items.get(0).get("id"))).getText().contains("待整改"));
        phone.assertNoSidewaysScroll();
    }
}
