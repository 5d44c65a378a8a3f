package org.jifen.workspace;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.jifen.common.security.Roles;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.lang.reflect.Method;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every staff page, opened by every role that may open it in a real Chromium at 360 px: the same header everywhere (who,
 * which village, the same places with the current one marked) and nothing scrolls sideways. The pages are found by
 * reflection (every {@code @GET} producing HTML behind staff roles), so a new page cannot be left out of this test.
 */
@QuarkusTest
class StaffWorkspaceBrowserTest {

    static final List<String> ROLES = List.of("TOWN_ADMIN", "INSPECTOR", "SECRETARY", "OFFICER", "REVIEWER", "CLERK");

    static final Map<String, String> ROLE_NAMES = Map.of("TOWN_ADMIN", "镇管理员", "INSPECTOR", "镇督查员", "SECRETARY", "村党支部书记",
            "OFFICER", "乡村振兴专干", "REVIEWER", "评议组", "CLERK", "超市管理员");

    /** The places of the header each role sees, in order. */
    static final Map<String, List<String>> PLACES = Map.of(
            "TOWN_ADMIN", List.of("home", "households", "registration", "review", "close", "shop", "notices", "audit", "ledger-book", "oversight"),
            "INSPECTOR", List.of("home", "households", "review", "close", "shop", "notices", "audit", "ledger-book", "oversight"),
            "SECRETARY", List.of("home", "households", "review", "close", "shop", "notices", "audit", "ledger-book", "oversight"),
            "OFFICER", List.of("home", "households", "registration", "review", "close", "shop", "notices", "audit", "ledger-book", "oversight"),
            "REVIEWER", List.of("home", "households", "review", "close", "notices", "ledger-book", "oversight"),
            "CLERK", List.of("home", "households", "shop", "oversight"));

    /**
     * Pages a role may open whose place its header does not show, so nothing is marked: the clerk may read the funds
     * page (every role may) but not the ledger book it belongs to.
     */
    static final Map<String, Set<String>> UNMARKED = Map.of("/villages/{villageId}/funds", Set.of("CLERK"));

    /** Places with a town-wide page a town role opens when no village is chosen. */
    static final Set<String> TOWN_PLACES = Set.of("oversight");

    /** Print views: a sheet to print (cards, field sheets), not a page to work in; they keep no header. */
    static final Set<String> PRINT_VIEWS = Set.of("/villages/{villageId}/cards", "/households/{householdId}/card/print",
            "/spot-checks/{spotCheckId}/sheets", "/villages/{villageId}/years/{year}/ledger");

    /**
     * Counts the Content-Security-Policy violations of the page from before its first script on (a Chromium DevTools
     * script runs on every new document, exempt from the policy itself).
     */
    static final String CSP_LISTENER = """
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(
                e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));""";

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
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (phone != null) {
            phone.close();
        }
    }

    /** A page to open: its address, and the place of the header it belongs to. */
    record Page(String url, String place) {
    }

    @Test
    void shouldShowTheSameHeaderOnEveryStaffPageToEveryRoleAndNeverScrollSideways() throws Exception {
        Town town = Town.build();
        Map<String, Page> pages = pages(town);
        Map<String, Set<String>> allowed = staffHtmlPages();
        Set<String> missing = new TreeSet<>(allowed.keySet());
        missing.removeAll(pages.keySet());
        missing.removeAll(PRINT_VIEWS);
        assertEquals(Set.of(), missing, "staff pages this test does not open yet: add them to pages()");
        assertEquals(Set.of(), diff(pages.keySet(), allowed.keySet()), "pages this test opens that are no staff pages any more");
        Map<String, String> printViews = printViews(town);
        assertEquals(PRINT_VIEWS, printViews.keySet(), "every print view is opened");
        assertEquals(Set.of(), diff(PRINT_VIEWS, allowed.keySet()), "print views that are no staff pages any more");

        for (String role : ROLES) {
            Staff me = town.staff.get(role);
            logIn(me);
            boolean townRole = role.equals("TOWN_ADMIN") || role.equals("INSPECTOR");
            String landing = townRole ? "/villages" : "/villages/" + town.village;
            wait.until(d -> d.getCurrentUrl().endsWith(landing));
            List<String> firstHeader = null;
            int opened = 0;
            for (var page : pages.entrySet()) {
                if (!allowed.get(page.getKey()).contains(role)) {
                    continue;
                }
                driver.get(phone.url(page.getValue().url()));
                String where = role + " on " + page.getValue().url();
                List<WebElement> headers = driver.findElements(By.cssSelector("header.ws"));
                assertEquals(1, headers.size(), where + ": one staff header\n" + text(driver.findElement(By.tagName("body"))));
                WebElement header = headers.get(0);
                assertEquals(me.displayName(), text(header.findElement(By.className("ws-name"))), where);
                assertEquals(ROLE_NAMES.get(role), text(header.findElement(By.className("ws-role"))), where);
                assertEquals(1, header.findElements(By.cssSelector("form[action='/logout'] button")).size(), where + ": logout");

                List<WebElement> items = header.findElements(By.cssSelector("nav.ws-nav > [data-place]"));
                List<String> places = items.stream().map(e -> e.getAttribute("data-place")).toList();
                assertEquals(PLACES.get(role), places, where + ": the places of the role");
                List<String> labels = items.stream().map(StaffWorkspaceBrowserTest::text).toList();
                if (firstHeader == null) {
                    firstHeader = labels;
                }
                assertEquals(firstHeader, labels, where + ": the same header as on every other page");
                for (WebElement item : items) {
                    String place = item.getAttribute("data-place");
                    boolean opens = hasVillage(page.getValue(), role) || townRole && TOWN_PLACES.contains(place);
                    assertEquals(opens, item.getTagName().equals("a"), where + ": " + place + " opens");
                }

                List<String> current = header.findElements(By.cssSelector("[aria-current=page]")).stream()
                        .map(e -> e.getAttribute("data-place") == null ? "villages" : e.getAttribute("data-place")).toList();
                String expected = page.getValue().place().equals("villages") && !townRole ? "home" : page.getValue().place();
                boolean unmarked = UNMARKED.getOrDefault(page.getKey(), Set.of()).contains(role);
                assertEquals(unmarked ? List.of() : List.of(expected), current, where + ": the current place is marked");

                if (hasVillage(page.getValue(), role)) {
                    String shown = townRole
                            ? new Select(header.findElement(By.className("ws-switch"))).getFirstSelectedOption().getText()
                            : text(header.findElement(By.className("ws-here")));
                    assertEquals(town.villageName, shown, where + ": the village worked on");
                }
                if (townRole) {
                    List<String> choices = new Select(header.findElement(By.className("ws-switch"))).getOptions().stream()
                            .map(o -> o.getAttribute("value")).toList();
                    assertTrue(choices.contains("/villages/" + town.village) && choices.contains("/villages/" + town.otherVillage),
                            where + ": the switcher offers the town's villages " + choices);
                }
                assertFits(where);
                assertNoInlineScript(where);
                opened++;
            }
            assertTrue(opened >= 10, role + " opened " + opened + " pages");

            for (var view : printViews.entrySet()) {
                if (!allowed.get(view.getKey()).contains(role)) {
                    continue;
                }
                driver.get(phone.url(view.getValue()));
                String where = role + " on the print view " + view.getValue();
                assertEquals(0, driver.findElements(By.cssSelector("header.ws")).size(), where + ": no staff header");
                assertEquals(1, driver.findElements(By.cssSelector("button[data-print]")).size(), where + ": a print button");
                assertNoInlineScript(where);
            }

            // every place the header offers opens for this role (for a town role also from the village list)
            List<String> from = townRole ? List.of("/villages/" + town.village, "/villages") : List.of("/villages/" + town.village);
            for (String start : from) {
                driver.get(phone.url(start));
                for (WebElement a : driver.findElements(By.cssSelector("nav.ws-nav a[href]"))) {
                    String href = new URL(a.getAttribute("href")).getPath();
                    Api.browser(me.token()).get(href).then().statusCode(200);
                }
            }
            driver.manage().deleteAllCookies();
        }
    }

    /** The county admin's pages (it belongs to no town, so the town roles' sweep above leaves them out). */
    static final Set<String> COUNTY_PAGES = Set.of("/county", "/county/dashboard");

    @Test
    void shouldShowTheCountyPageToTheCountyAdminOnAPhone() throws Exception {
        Api.as(Api.login("county", "county-test-pw")).body(Map.of("name", "测试镇" + Api.unique("c"))).post("/api/towns")
                .then().statusCode(201);
        logIn(new Staff("county", "county-test-pw", "县级管理员", null));
        wait.until(d -> d.getCurrentUrl().endsWith("/county"));
        for (String page : COUNTY_PAGES) {
            driver.get(phone.url(page));
            String where = "COUNTY_ADMIN on " + page;
            WebElement header = driver.findElement(By.cssSelector("header.ws"));
            assertEquals("县级管理员", text(header.findElement(By.className("ws-role"))), where);
            assertEquals(List.of(), header.findElements(By.cssSelector("nav.ws-nav > [data-place]")), where + ": no town places");
            assertFits(where);
            assertNoInlineScript(where);
        }
    }

    @Test
    void shouldSwitchVillagesForTownRoles() throws Exception {
        Town town = Town.build();
        logIn(town.staff.get("INSPECTOR"));
        wait.until(d -> d.getCurrentUrl().endsWith("/villages"));
        driver.get(phone.url("/villages/" + town.village + "/households"));
        new Select(driver.findElement(By.className("ws-switch"))).selectByValue("/villages/" + town.otherVillage);
        wait.until(d -> d.getCurrentUrl().endsWith("/villages/" + town.otherVillage));
        assertEquals(town.otherVillageName, new Select(driver.findElement(By.className("ws-switch"))).getFirstSelectedOption().getText());
        assertEquals("home", driver.findElement(By.cssSelector("header.ws [aria-current=page]")).getAttribute("data-place"));
    }

    @Test
    void shouldNoticeAContentSecurityPolicyViolation() throws Exception {
        Town town = Town.build();
        logIn(town.staff.get("OFFICER"));
        driver.get(phone.url("/villages/" + town.village));
        assertNoInlineScript("the home page");
        // a negative control: an inline handler the policy blocks when it runs, and one the scan sees in the page
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.body.insertAdjacentHTML('beforeend', '<img src=\\'/static/none.png\\' onerror=\\'window.ran = 1\\'>')");
        wait.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return window.__csp.length")).intValue() > 0);
        assertNull(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.ran"), "the handler was blocked");
        AssertionError seen = assertThrows(AssertionError.class, () -> assertNoInlineScript("the page with an inline handler"));
        assertTrue(seen.getMessage().contains("script-src"), seen.getMessage());
    }

    /**
     * The browser reported no Content-Security-Policy violation, and nothing in the page would be blocked once used: no
     * inline handler ({@code onclick=} runs, and is refused, only when clicked), no inline script, no {@code javascript:}.
     */
    private void assertNoInlineScript(String where) {
        Object found = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                const out = (window.__csp || []).slice();
                if (!window.__csp) out.push('no CSP listener in the page');
                for (const e of document.querySelectorAll('*')) {
                  for (const a of e.attributes) {
                    if (/^on/i.test(a.name)) out.push('inline handler ' + e.tagName + ' ' + a.name);
                    if (/^\\s*javascript:/i.test(a.value)) out.push('javascript: in ' + e.tagName + ' ' + a.name);
                  }
                }
                for (const s of document.scripts) if (!s.src) out.push('inline script');
                return out.join(' | ');""");
        assertEquals("", found, where + ": Content-Security-Policy");
    }

    /** Nothing scrolls sideways; else the message names the elements that stick out. */
    private void assertFits(String where) {
        Object wide = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                const w = document.documentElement.clientWidth, out = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > w + 0.5 && !e.closest('.table-wrap')) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
                }
                return out.slice(0, 8).join(' | ');""");
        assertEquals("", wide, where + ": sticks out at 360 px");
        phone.assertNoSidewaysScroll();
    }

    /** Whether the page is about a village (a town role's clerk screen, village list and oversight page are not). */
    private static boolean hasVillage(Page page, String role) {
        if (page.place().equals("villages")) {
            return !role.equals("TOWN_ADMIN") && !role.equals("INSPECTOR");
        }
        return !(page.url().equals("/shop/redeem") && role.equals("TOWN_ADMIN")) && !page.url().equals("/oversight");
    }

    private void logIn(Staff me) {
        driver.manage().deleteAllCookies();
        driver.get(phone.url("/login"));
        driver.findElement(By.id("username")).sendKeys(me.username());
        driver.findElement(By.id("password")).sendKeys(me.password());
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Every staff HTML page by path template, with the roles it admits. */
    static Map<String, Set<String>> staffHtmlPages() throws Exception {
        Map<String, Set<String>> pages = new HashMap<>();
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<String> names;
        try (var files = java.nio.file.Files.walk(classes.resolve("org/jifen"))) {
            names = files.map(f -> classes.relativize(f).toString()).filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, StaffWorkspaceBrowserTest.class.getClassLoader());
            if (!type.isAnnotationPresent(Path.class)) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                        : type.getAnnotation(RolesAllowed.class);
                Produces produces = m.isAnnotationPresent(Produces.class) ? m.getAnnotation(Produces.class) : type.getAnnotation(Produces.class);
                if (!m.isAnnotationPresent(GET.class) || roles == null || produces == null
                        || Arrays.stream(produces.value()).noneMatch(p -> p.startsWith("text/html"))) {
                    continue;
                }
                // endpoints name permission sets (Roles); a set stands for the staff roles in it
                Set<String> staff = new TreeSet<>();
                for (String set : roles.value()) {
                    Roles.SETS.getOrDefault(set, Set.of()).forEach(r -> staff.add(r.name()));
                }
                staff.retainAll(ROLES);
                if (!staff.isEmpty()) {
                    pages.put(path(type.getAnnotation(Path.class).value(), m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : ""), staff);
                }
            }
        }
        return pages;
    }

    private static String path(String classPath, String methodPath) {
        String p = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** The address each staff page is opened at, with the town's ids, and its place in the header. */
    static Map<String, Page> pages(Town t) {
        Map<String, Page> p = new LinkedHashMap<>();
        String v = "/villages/" + t.village;
        p.put("/villages", new Page("/villages", "villages"));
        p.put("/villages/{villageId}", new Page(v, "home"));
        p.put("/villages/{villageId}/households", new Page(v + "/households", "households"));
        p.put("/households/{householdId}", new Page("/households/" + t.household, "households"));
        p.put("/villages/{villageId}/households/import", new Page(v + "/households/import", "households"));
        p.put("/households/{householdId}/wechat", new Page("/households/" + t.household + "/wechat", "households"));
        p.put("/households/{householdId}/ledger", new Page("/households/" + t.household + "/ledger", "households"));
        p.put("/villages/{villageId}/audit", new Page(v + "/audit", "audit"));
        p.put("/villages/{villageId}/catalog", new Page(v + "/catalog", "home"));
        p.put("/villages/{villageId}/registration", new Page(v + "/registration", "registration"));
        p.put("/villages/{villageId}/review", new Page(v + "/review", "review"));
        p.put("/villages/{villageId}/months/{month}/close", new Page(v + "/months/" + t.lastMonth + "/close", "close"));
        p.put("/shop/redeem", new Page("/shop/redeem", "shop"));
        p.put("/villages/{villageId}/shop", new Page(v + "/shop", "shop"));
        p.put("/villages/{villageId}/shop/labels", new Page(v + "/shop/labels", "shop"));
        p.put("/shop/goods/{goodsId}", new Page("/shop/goods/" + t.goods, "shop"));
        p.put("/villages/{villageId}/redemption-days", new Page(v + "/redemption-days", "shop"));
        p.put("/shop/redemption-days/{redemptionDayId}", new Page("/shop/redemption-days/" + t.redemptionDay, "shop"));
        p.put("/villages/{villageId}/redemptions", new Page(v + "/redemptions", "shop"));
        p.put("/villages/{villageId}/notices", new Page(v + "/notices", "notices"));
        p.put("/staff/notices/{noticeId}", new Page("/staff/notices/" + t.notice, "notices"));
        p.put("/oversight", new Page("/oversight", "oversight"));
        p.put("/spot-checks/{spotCheckId}", new Page("/spot-checks/" + t.spotCheck, "oversight"));
        p.put("/villages/{villageId}/rectifications", new Page(v + "/rectifications", "oversight"));
        p.put("/villages/{villageId}/shop-inspections/new", new Page(v + "/shop-inspections/new", "oversight"));
        p.put("/shop-inspections/{shopInspectionId}", new Page("/shop-inspections/" + t.shopInspection, "oversight"));
        p.put("/villages/{villageId}/ratings", new Page(v + "/ratings", "home"));
        p.put("/town/ratings", new Page("/town/ratings", "villages"));
        p.put("/town/settings", new Page("/town/settings", "villages"));
        p.put("/town/village-ratings", new Page("/town/village-ratings", "villages"));
        p.put("/town/dashboard", new Page("/town/dashboard", "villages"));
        p.put("/villages/{villageId}/ledger", new Page(v + "/ledger", "ledger-book"));
        p.put("/villages/{villageId}/years/{year}/completeness", new Page(v + "/years/" + t.lastMonth.substring(0, 4) + "/completeness", "ledger-book"));
        p.put("/villages/{villageId}/funds", new Page(v + "/funds", "ledger-book"));
        p.put("/villages/{villageId}/surveys", new Page(v + "/surveys", "households"));
        p.put("/villages/{villageId}/surveys/new", new Page(v + "/surveys/new?householdId=" + t.household, "households"));
        p.put("/villages/{villageId}/surveys/due", new Page(v + "/surveys/due", "households"));
        p.put("/villages/{villageId}/surveys/ranking", new Page(v + "/surveys/ranking", "households"));
        return p;
    }

    /** The address each print view is opened at. */
    static Map<String, String> printViews(Town t) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("/villages/{villageId}/cards", "/villages/" + t.village + "/cards");
        p.put("/households/{householdId}/card/print", "/households/" + t.household + "/card/print");
        p.put("/spot-checks/{spotCheckId}/sheets", "/spot-checks/" + t.spotCheck + "/sheets");
        p.put("/villages/{villageId}/years/{year}/ledger", "/villages/" + t.village + "/years/" + t.lastMonth.substring(0, 4) + "/ledger");
        return p;
    }

    record Staff(String username, String password, String displayName, String token) {
    }

    /** A village with one staff member of each role, a second village, and something on every page. */
    static final class Town {
        long village;
        long otherVillage;
        String villageName;
        String otherVillageName;
        long household;
        long goods;
        long redemptionDay;
        long notice;
        long spotCheck;
        long shopInspection;
        String lastMonth;
        final Map<String, Staff> staff = new HashMap<>();

        static Town build() throws Exception {
            Town t = new Town();
            t.village = Api.village();
            t.otherVillage = Api.village();
            t.villageName = as(Api.admin()).get("/api/villages/" + t.village).then().extract().path("name");
            t.otherVillageName = as(Api.admin()).get("/api/villages/" + t.otherVillage).then().extract().path("name");
            for (String role : ROLES) {
                t.staff.put(role, staff(role, role.equals("TOWN_ADMIN") || role.equals("INSPECTOR") ? null : t.village));
            }
            String officer = t.staff.get("OFFICER").token();
            String secretary = t.staff.get("SECRETARY").token();
            t.household = Api.household(officer, t.village);
            t.goods = org.jifen.shop.Shop.goods(officer, t.village, "东北大米（五常稻花香，十公斤装，适合全家）", 7);
            org.jifen.shop.Shop.purchase(officer, t.village, t.goods, 3, org.jifen.shop.Shop.today().plusDays(3));
            t.redemptionDay = ((Number) as(officer).body(Map.of("day", org.jifen.shop.Shop.today().plusDays(7).toString(),
                    "title", "季度积分兑换日")).post("/api/villages/" + t.village + "/redemption-days").then().statusCode(201)
                    .extract().path("id")).longValue();
            t.lastMonth = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
            t.notice = WorkspaceData.publishedNotice(t.village, t.household, secretary);
            org.jifen.shop.Shop.qrText(officer, t.household);

            // oversight: a spot check whose household does not match (an open 整改 item) and a shop inspection with a
            // failed point (a second one, answered by the secretary, so a town role sees the close form)
            String inspector = t.staff.get("INSPECTOR").token();
            LocalDate today = WorkspaceData.today();
            t.spotCheck = ((Number) as(inspector).body(Map.of("from", today.minusMonths(3).toString(), "to", today.toString(), "size", 1))
                    .post("/api/villages/" + t.village + "/spot-checks").then().statusCode(201).extract().path("id")).longValue();
            as(inspector).body(Map.of("householdId", t.household, "matches", false, "note", "门前三包未落实，与登记不符（现场核实，说明较长以检查折行）"))
                    .post("/api/spot-checks/" + t.spotCheck + "/results").then().statusCode(201);
            List<Map<String, Object>> verdicts = new ArrayList<>();
            for (String code : org.jifen.oversight.ShopChecklist.POINTS.keySet()) {
                verdicts.add(Map.of("code", code, "passed", !code.equals("labelled"), "note", ""));
            }
            t.shopInspection = ((Number) as(inspector).body(Map.of("note", "例行检查", "points", verdicts))
                    .post("/api/villages/" + t.village + "/shop-inspections").then().statusCode(201).extract().path("id")).longValue();
            List<Number> items = as(secretary).get("/api/villages/" + t.village + "/rectifications").then().statusCode(200)
                    .extract().path("id");
            assertEquals(2, items.size(), "two 整改 items");
            as(secretary).body(Map.of("answer", "已重新打印价签")).post("/api/rectifications/" + items.get(0) + "/answer")
                    .then().statusCode(200);

            // needs surveys: a tagged household visited (with wished goods and a long need), another one due
            as(officer).body(Map.of("tags", List.of("留守老人"))).put("/api/households/" + t.household + "/tags").then().statusCode(200);
            as(officer).body(Map.of("tags", List.of("留守儿童"))).put("/api/households/" + Api.household(officer, t.village) + "/tags")
                    .then().statusCode(200);
            as(officer).body(Map.of("householdId", t.household, "metWhom", "户主本人和老伴", "needsHeard",
                            "冬天取暖缺棉被，希望有人每周帮忙代购常用药品（说明较长以检查折行）ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ",
                            "wishedGoods", List.of(Map.of("goodsId", t.goods), Map.of("text", "老花镜（二百度，带眼镜盒和擦镜布）"))))
                    .post("/api/villages/" + t.village + "/survey-visits").then().statusCode(201);
            return t;
        }

        private static Staff staff(String role, Long villageId) {
            String username = Api.unique(role.toLowerCase()).replaceAll("[^A-Za-z0-9_.@-]", "");
            String password = "pw-" + username;
            String displayName = "测试" + ROLE_NAMES.get(role) + username.substring(username.length() - 3);
            Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", password, "displayName", displayName,
                    "role", role));
            body.put("villageId", villageId);
            as(Api.admin()).body(body).post("/api/staff").then().statusCode(201);
            return new Staff(username, password, displayName, Api.login(username, password));
        }
    }

    private static String text(WebElement e) {
        return e.getText().trim();
    }
}
