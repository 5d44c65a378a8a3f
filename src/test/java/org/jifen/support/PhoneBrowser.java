package org.jifen.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cheap phone for the browser tests: Debian's headless Chromium at 360×740, driven through the system
 * {@code /usr/bin/chromedriver} (given explicitly, so Selenium Manager downloads nothing), with a profile of its own
 * that {@link #close()} deletes. Extra Chromium flags (e.g. a fake camera) may be given.
 */
public final class PhoneBrowser implements AutoCloseable {

    private final Path profile;
    private final ChromeDriverService service;
    private final String base;
    public final WebDriver driver;

    public PhoneBrowser(URL base, String... chromiumFlags) throws Exception {
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        profile = Files.createTempDirectory("jifen-chrome");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // Chromium keeps windows at least 500 px wide; phone metrics give the page a real 360 px viewport.
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", 360, "height", 740, "pixelRatio", 2.0)));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=360,740", "--lang=zh-CN");
        options.addArguments(chromiumFlags);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** The absolute URL of {@code path} on the app under test. */
    public String url(String path) {
        return base + path;
    }

    /** The page fits the phone: nothing scrolls sideways. */
    public void assertNoSidewaysScroll() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
        assertTrue(innerWidth <= 400, "a phone-sized viewport, got " + innerWidth);
        assertTrue(scrollWidth <= clientWidth, driver.getCurrentUrl() + " scrolls sideways: " + scrollWidth + " > " + clientWidth);
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
