package org.jifen.shop;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The clerk's live camera where the browser has no {@code BarcodeDetector} (iOS Safari, WeChat's own browser): the
 * page decodes the camera's frames with jsQR, served by the app. Chromium's fake camera plays a video made here from
 * the card's QR image, and the test deletes {@code BarcodeDetector} before any script of the page runs.
 */
@QuarkusTest
class CameraScanBrowserTest {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    @TestHTTPResource("/")
    URL base;

    PhoneBrowser phone;
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        if (phone != null) {
            phone.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldReadTheCardFromTheLiveCameraWithTheAppsOwnDecoderWhenTheBrowserHasNoBarcodeDetector() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        TestLedger.give(h, 64, Shop.thisMonth());
        Shop.purchase(officer, v, Shop.goods(officer, v, "挂面", 4), 3, null);
        Map<String, Object> household = as(officer).get("/api/households/" + h).then().statusCode(200).extract().path("");
        byte[] png = as(officer).get("/api/households/" + h + "/card.png?size=400").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();

        dir = Files.createTempDirectory("jifen-camera");
        Path video = dir.resolve("card.y4m");
        writeY4m(ImageIO.read(new ByteArrayInputStream(png)), video);
        phone = new PhoneBrowser(base, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video);
        WebDriver driver = phone.driver;
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "delete window.BarcodeDetector;"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        JavascriptExecutor js = (JavascriptExecutor) driver;

        Shop.logInAsClerk(phone, v);
        assertEquals(false, js.executeScript("return 'BarcodeDetector' in window"));
        assertEquals("undefined", js.executeScript("return typeof window.jsQR"), "the decoder loads only when needed");

        // the camera button is there all the same; the fake camera shows the card
        driver.findElement(By.id("camera-btn")).click();
        try {
            wait.until(ExpectedConditions.textToBe(By.id("hh-number"), (String) household.get("number")));
        } catch (RuntimeException e) {
            fail("no household from the camera; scan message: " + driver.findElement(By.id("scan-msg")).getText(), e);
        }
        assertEquals(household.get("headName"), driver.findElement(By.id("hh-name")).getText());
        assertEquals("64", driver.findElement(By.id("hh-points")).getText());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("goods-box")));
        assertEquals("function", js.executeScript("return typeof window.jsQR"), "read by jsQR");
        // the camera is closed after the read
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("video")));
        assertEquals(true, js.executeScript("return document.getElementById('video').srcObject === null"));
        phone.assertNoSidewaysScroll();
    }

    /**
     * Writes a short YUV4MPEG2 video (I420, what Chromium's fake camera reads) of the image centred on white: Y from
     * the BT.601 luma in studio range, no colour.
     */
    static void writeY4m(BufferedImage card, Path file) throws Exception {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int side = Math.min(card.getWidth(), HEIGHT - 40);
        g.drawImage(card, (WIDTH - side) / 2, (HEIGHT - side) / 2, side, side, null);
        g.dispose();

        byte[] luma = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = frame.getRGB(x, y);
                double r = (rgb >> 16) & 0xff, gr = (rgb >> 8) & 0xff, b = rgb & 0xff;
                luma[y * WIDTH + x] = (byte) Math.round(16 + (65.481 * r + 128.553 * gr + 24.966 * b) / 255);
            }
        }
        byte[] chroma = new byte[WIDTH * HEIGHT / 4];
        Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 10; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma); // U
                out.write(chroma); // V
            }
        }
    }
}
