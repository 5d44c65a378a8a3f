package org.jifen.workspace;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The village home page's figures are what the database says: counted here through the API (and SQL where no API
 * answers), then read off the home page and the village list in a phone-sized Chromium.
 */
@QuarkusTest
class VillageHomeTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldShowThisMonthsWorkAsTheDatabaseHasIt() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        String reviewer = Api.staff("REVIEWER", v);
        long h1 = Api.household(officer, v);
        long h2 = Api.household(officer, v);
        String item = WorkspaceData.onePointItem();
        LocalDate today = WorkspaceData.today();
        // waiting: two this month, one last month; two months ago decided but not closed; three months ago closed
        WorkspaceData.entry(officer, v, h1, item, today);
        WorkspaceData.entry(officer, v, h2, item, today);
        WorkspaceData.entry(officer, v, h1, item, LocalDate.parse(WorkspaceData.month(1) + "-15"));
        WorkspaceData.approve(reviewer, WorkspaceData.entry(officer, v, h2, item, LocalDate.parse(WorkspaceData.month(2) + "-15")));
        WorkspaceData.approve(reviewer, WorkspaceData.entry(officer, v, h2, item, LocalDate.parse(WorkspaceData.month(3) + "-15")));
        TestMonths.close(v, WorkspaceData.month(3));
        as(secretary).body(Map.of("registrationDay", 10, "twoApprovals", false)).put("/api/villages/" + v + "/points-settings")
                .then().statusCode(200);
        // stock: one batch expiring soon in low stock, one expired batch, one plenty
        long rice = Shop.goods(officer, v, "大米", 7);
        Shop.purchase(officer, v, rice, 3, today.plusDays(3));
        long oil = Shop.goods(officer, v, "菜籽油", 9);
        Shop.purchase(officer, v, oil, 50, null);
        Shop.purchase(officer, v, oil, 4, today.minusDays(2));
        long soap = Shop.goods(officer, v, "肥皂", 2);
        Shop.purchase(officer, v, soap, 100, today.plusDays(60));
        for (LocalDate day : List.of(today.minusDays(3), today.plusDays(4), today.plusDays(20))) {
            as(officer).body(Map.of("day", day.toString())).post("/api/villages/" + v + "/redemption-days").then().statusCode(201);
        }
        long notice = WorkspaceData.publishedNotice(v, h1, secretary);
        WorkspaceData.objection(notice, "我家上季度的积分少算了");
        long answered = WorkspaceData.objection(notice, "请核对第三户");
        as(secretary).body(Map.of("answer", "已核对，无误", "upheld", false)).post("/api/objections/" + answered + "/answer")
                .then().statusCode(200);

        Map<String, String> expected = expected(v, officer);
        assertEquals("3", expected.get("entries-waiting"));
        assertEquals(WorkspaceData.month(2) + "、" + WorkspaceData.month(1), expected.get("months-open"));
        assertEquals("3", expected.get("stock-warnings"));
        assertEquals(today.plusDays(4).toString(), expected.get("next-redemption"));
        assertEquals(String.valueOf(notice), expected.get("open-notice"));
        assertEquals("1", expected.get("objections-waiting"));
        assertEquals("2", expected.get("households"));

        try (PhoneBrowser phone = new PhoneBrowser(base)) {
            assertEquals(expected, homePage(phone, officer, v));
            assertEquals(expected, villageList(phone, Api.admin(), v));
        }
    }

    /** The figures of the village as the API (and, for months and entries, SQL) has them, as the pages print them. */
    static Map<String, String> expected(long village, String token) throws Exception {
        LocalDate today = WorkspaceData.today();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("entries-waiting", String.valueOf(longOf("SELECT count(*) FROM entry WHERE village_id = ? AND status = 'PENDING'", village)));
        List<String> open = new ArrayList<>();
        try (var c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT month FROM entry WHERE village_id = ? AND month < ?
                EXCEPT SELECT month FROM month_close WHERE village_id = ? ORDER BY 1""")) {
            ps.setLong(1, village);
            ps.setString(2, WorkspaceData.month(0));
            ps.setLong(3, village);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                open.add(rs.getString(1));
            }
        }
        m.put("months-open", String.join("、", open));
        Object next = as(token).get("/api/villages/" + village + "/points-settings").then().statusCode(200).extract().path("nextRegistrationDate");
        m.put("next-registration", next == null ? "" : next.toString());
        List<String> days = as(token).get("/api/villages/" + village + "/redemption-days").then().statusCode(200).extract().path("day");
        m.put("next-redemption", days.stream().filter(d -> !LocalDate.parse(d).isBefore(today)).sorted().findFirst().orElse(""));
        Map<String, List<?>> warnings = as(token).get("/api/villages/" + village + "/stock/warnings").then().statusCode(200).extract().path("");
        m.put("stock-warnings", String.valueOf(warnings.get("expired").size() + warnings.get("expiring").size() + warnings.get("lowStock").size()));
        List<Map<String, Object>> notices = as(token).get("/api/villages/" + village + "/notices").then().statusCode(200).extract().path("");
        m.put("open-notice", notices.stream()
                .filter(n -> "PUBLISHED".equals(n.get("status")) && !LocalDate.parse((String) n.get("noticeFrom")).isAfter(today)
                        && !LocalDate.parse((String) n.get("noticeTo")).isBefore(today))
                .map(n -> n.get("id").toString()).findFirst().orElse(""));
        m.put("objections-waiting", String.valueOf(notices.stream().mapToLong(n -> ((Number) n.get("unansweredObjections")).longValue()).sum()));
        m.put("households", String.valueOf(longOf("SELECT count(*) FROM household WHERE village_id = ? AND status = 'ACTIVE'", village)));
        return m;
    }

    /** The figures as the village's home page shows them to {@code token}. */
    static Map<String, String> homePage(PhoneBrowser phone, String token, long village) {
        signIn(phone, token);
        phone.driver.get(phone.url("/villages/" + village));
        phone.assertNoSidewaysScroll();
        Map<String, String> m = new LinkedHashMap<>();
        for (String figure : List.of("entries-waiting", "months-open", "next-registration", "next-redemption", "stock-warnings",
                "open-notice", "objections-waiting", "households")) {
            WebElement e = phone.driver.findElement(By.cssSelector("[data-figure='" + figure + "']"));
            m.put(figure, switch (figure) {
                case "months-open" -> e.findElement(By.cssSelector("[data-months]")).getText().trim();
                case "next-registration", "next-redemption" -> firstWord(e.findElement(By.className("n")).getText());
                case "open-notice" -> e.findElement(By.cssSelector("[data-notice]")).getAttribute("data-notice");
                default -> e.findElement(By.className("n")).getText().trim();
            });
        }
        return m;
    }

    /** The same figures in the village's row of the village list. */
    static Map<String, String> villageList(PhoneBrowser phone, String token, long village) {
        signIn(phone, token);
        phone.driver.get(phone.url("/villages"));
        phone.assertNoSidewaysScroll();
        WebElement row = phone.driver.findElement(By.cssSelector("tr[data-village='" + village + "']"));
        Map<String, String> m = new LinkedHashMap<>();
        for (String figure : List.of("entries-waiting", "months-open", "next-registration", "next-redemption", "stock-warnings",
                "open-notice", "objections-waiting", "households")) {
            WebElement e = row.findElement(By.cssSelector("[data-figure='" + figure + "']"));
            m.put(figure, switch (figure) {
                case "months-open" -> "0".equals(e.getAttribute("data-count")) ? "" : e.getAttribute("textContent").trim();
                case "open-notice" -> e.getAttribute("data-notice");
                default -> e.getAttribute("textContent").trim();
            });
        }
        return m;
    }

    private static String firstWord(String s) {
        String t = s.trim();
        return t.matches("\\d{4}-\\d{2}-\\d{2}.*") ? t.substring(0, 10) : "";
    }

    static void signIn(PhoneBrowser phone, String token) {
        phone.driver.get(phone.url("/login"));
        phone.driver.manage().deleteAllCookies();
        phone.driver.manage().addCookie(new Cookie("jifen_staff", token, "/"));
    }

    static long longOf(String sql, long id) throws Exception {
        try (var c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
