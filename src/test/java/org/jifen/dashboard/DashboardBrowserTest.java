package org.jifen.dashboard;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The dashboard page in a real Chromium, on a 360 px phone and on a 1280 px PC: every chart is drawn (its canvas has
 * many painted pixels), the table holds the same figures, nothing scrolls sideways, and the script runs under the
 * Content-Security-Policy. Screenshots: {@code target/dashboard-360.png}, {@code target/dashboard-1280.png}.
 */
@QuarkusTest
class DashboardBrowserTest {

    static final String CSP_LISTENER = """
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(
                e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));""";

    /** Per chart: its name, the canvas's CSS width, and how many of its pixels are painted (not transparent, not white). */
    static final String PAINTED = """
            return Array.from(document.querySelectorAll('[data-chart]')).map(c => {
              const canvas = c.querySelector('canvas');
              if (!canvas) return c.getAttribute('data-chart') + ' 0 0';
              const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = 0;
              for (let i = 0; i < px.length; i += 4) {
                if (px[i + 3] > 0 && !(px[i] > 250 && px[i + 1] > 250 && px[i + 2] > 250)) painted++;
              }
              return c.getAttribute('data-chart') + ' ' + Math.round(canvas.getBoundingClientRect().width) + ' ' + painted;
            });""";

    @TestHTTPResource("/")
    URL base;

    PhoneBrowser phone;
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        phone = new PhoneBrowser(base);
        driver = (ChromeDriver) phone.driver;
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (phone != null) {
            phone.close();
        }
    }

    @Test
    void shouldDrawEveryChartOnAPhoneAndOnAPcWithoutSidewaysScroll() throws Exception {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        for (int i = 0; i < 3; i++) {
            long v = Api.village();
            String officer = Api.staff("OFFICER", v);
            for (int h = 0; h <= i; h++) {
                long household = Api.household(officer, v);
                org.jifen.support.TestLedger.post(household, "ADJUST", 50 + 100 * h, month);
                org.jifen.support.TestLedger.post(household, "REDEEM", -20, month);
            }
        }
        String inspector = Api.staff("INSPECTOR", null);
        driver.get(phone.url("/login"));
        driver.manage().addCookie(new Cookie("jifen_staff", inspector));

        open();
        assertCharts(300);
        phone.assertNoSidewaysScroll();
        screenshot("target/dashboard-360.png");

        // a PC: a browser of its own at 1280 × 900 (the phone's emulated metrics hold for every page it opens)
        phone.close();
        phone = null;
        Path profile = Files.createTempDirectory("jifen-chrome-pc");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=zh-CN", "--force-device-scale-factor=1");
        driver = new ChromeDriver(service, options);
        try {
            wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
            driver.get(base.toString().replaceAll("/$", "") + "/login");
            driver.manage().addCookie(new Cookie("jifen_staff", inspector));
            open();
            JavascriptExecutor js = driver;
            assertEquals(1280L, ((Number) js.executeScript("return window.innerWidth")).longValue());
            assertCharts(500);
            assertEquals(Boolean.TRUE, js.executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                    "no sideways scroll at 1280 px");
            screenshot("target/dashboard-1280.png");
        } finally {
            driver.quit();
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Opens the dashboard and waits until its script has drawn the three charts. */
    private void open() {
        driver.get(base.toString().replaceAll("/$", "") + "/town/dashboard");
        wait.until(d -> "3".equals(d.findElement(By.cssSelector("[data-dashboard]")).getAttribute("data-drawn")));
        assertEquals("", ((JavascriptExecutor) driver).executeScript("return window.__csp.join(' | ')"), "Content-Security-Policy");
        List<WebElement> rows = driver.findElements(By.cssSelector("table.dash-villages tbody tr[data-village]"));
        assertTrue(rows.size() >= 3, "a row per village: " + rows.size());
    }

    /** Each chart is about as wide as the page allows (at least {@code minWidth} CSS px on a PC) and has painted many pixels. */
    @SuppressWarnings("unchecked")
    private void assertCharts(int minWidth) {
        List<String> charts = (List<String>) ((JavascriptExecutor) driver).executeScript(PAINTED);
        assertEquals(3, charts.size(), charts.toString());
        long viewport = ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth")).longValue();
        for (String c : charts) {
            String[] f = c.split(" ");
            int width = Integer.parseInt(f[1]), painted = Integer.parseInt(f[2]);
            assertTrue(width >= Math.min(minWidth, viewport - 80) && width <= viewport, "chart width " + c + " in " + viewport);
            assertTrue(painted > 2000, "chart drawn: " + c);
        }
    }

    @SuppressWarnings("unchecked")
    private void screenshot(String file) throws Exception {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                        "height", ((Number) size.get("height")).doubleValue(), "scale", 1)));
        Files.write(Path.of(file), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
