package org.jifen.ledgerbook;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.net.URL;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.*;

/** The completeness page and the print view in a real headless Chromium at 360 px; a secretary signs a month there. */
@QuarkusTest
class LedgerPagesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldListGapsLetTheSecretarySignAMonthAndPrintTheBookOnAPhone() throws Exception {
        int year = LedgerFixture.lastYear();
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        long h = Api.household(officer, v);
        LedgerFixture.approve(Api.staff("REVIEWER", v),
                LedgerFixture.entry(officer, v, h, LedgerFixture.item(false), LocalDate.of(year, 2, 4)));
        TestMonths.close(v, year + "-02");
        long day = LedgerFixture.day(officer, v, LocalDate.of(year, 8, 8));

        try (PhoneBrowser phone = new PhoneBrowser(base)) {
            var driver = phone.driver;
            driver.get(phone.url("/login"));
            driver.manage().addCookie(new Cookie("jifen_staff", secretary, "/"));
            driver.get(phone.url("/villages/" + v + "/years/" + year + "/completeness"));
            phone.assertNoSidewaysScroll();
            assertTrue(driver.findElement(By.id("state")).getText().startsWith("不完整"));
            String gaps = driver.findElement(By.id("gaps")).getText();
            assertTrue(gaps.contains(year + "-01"), gaps);
            assertTrue(gaps.contains("兑换日缺少图文佐证"), gaps);
            assertFalse(driver.findElements(By.cssSelector("tr[data-kind='month-not-confirmed']")).isEmpty());
            // February is closed: the secretary's line has a button, the reviewer's does not
            driver.findElement(By.cssSelector("form[action='/villages/" + v + "/months/" + year + "-02/confirmations'] button")).click();
            assertTrue(driver.getCurrentUrl().endsWith("/villages/" + v + "/years/" + year + "/completeness"), driver.getCurrentUrl());
            assertTrue(driver.getPageSource().contains("测试SECRETARY"), "the page shows who signed");
            assertTrue(driver.findElements(By.cssSelector("form[action='/villages/" + v + "/months/" + year + "-02/confirmations']")).isEmpty());

            driver.get(phone.url("/villages/" + v + "/years/" + year + "/ledger"));
            phone.assertNoSidewaysScroll();
            String book = driver.findElement(By.tagName("body")).getText();
            LedgerBookTest.assertInOrder(book, java.util.List.of("不完整", "第一部分", year + "-02 月度积分明细", "测试SECRETARY",
                    "第二部分", "第4季度积分公示", "第三部分", year + "-08 积分兑换", "兑换日 " + year + "-08-08"));
            assertTrue(day > 0);
        }
    }
}
