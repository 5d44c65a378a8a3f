package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jifen.common.QrDecoder;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.notice.NoticeFixture.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class NoticePosterTest {


    @Test
    void shouldRenderPosterOfAThousandHouseholdsWithAWorkingQrCode() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        bulkHouseholds(v, 1000, 2025, 2);
        Published p = published(v, secretary, 2025, 2);
        String url = as(secretary).get("/api/notices/" + p.noticeId()).then().statusCode(200)
                .body("rows", hasSize(1000)).extract().path("publicUrl");
        assertTrue(url.endsWith("/notices/" + p.noticeId()));

        byte[] pdf = given().get("/notices/" + p.noticeId() + "/poster.pdf").then().statusCode(200)
                .contentType("application/pdf").header("ETag", not(emptyOrNullString())).extract().asByteArray();
        try (var doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() > 10, "1,000 rows take many pages: " + doc.getNumberOfPages());
            float widthMm = doc.getPage(0).getMediaBox().getWidth() / 72f * 25.4f;
            float heightMm = doc.getPage(0).getMediaBox().getHeight() / 72f * 25.4f;
            assertEquals(210, widthMm, 2);
            assertEquals(297, heightMm, 2);
            BufferedImage page1 = new PDFRenderer(doc).renderImageWithDPI(0, 150);
            assertEquals(url, QrDecoder.decode(page1).orElseThrow(() -> new AssertionError("no QR code on page 1")));
        }
        Path file = Files.createTempFile("notice-poster", ".pdf");
        try {
            Files.write(file, pdf);
            Process pdftotext = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true).start();
            String text = new String(pdftotext.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(pdftotext.waitFor(60, TimeUnit.SECONDS));
            assertTrue(text.contains("2025年第二季度积分公示"), text.substring(0, Math.min(400, text.length())));
            String[] pages = text.split("\f");
            assertTrue(pages.length > 10);
            java.util.List<String> printed = java.util.Arrays.stream(pages).filter(pg -> !pg.isBlank()).toList();
            long withHeader = printed.stream().filter(pg -> pg.contains("排名") && pg.contains("户主")).count();
            // every page with rows repeats the header; the signature block may take a last page of its own
            assertTrue(withHeader >= printed.size() - 1, withHeader + " of " + printed.size());
            // 1,000 rows at 24 a page (16 on the first): no page overflows into an extra one
            assertTrue(printed.size() <= 44, "pages: " + printed.size());
            assertTrue(text.contains("（盖章）") && text.contains("王书记"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldRenderA3PosterAndPrintView() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "韩一");
        Published p = published(v, secretary, 2025, 3);
        byte[] pdf = given().queryParam("size", "A3").get("/notices/" + p.noticeId() + "/poster.pdf").then().statusCode(200)
                .extract().asByteArray();
        try (var doc = Loader.loadPDF(pdf)) {
            assertEquals(297, doc.getPage(0).getMediaBox().getWidth() / 72f * 25.4f, 2);
            assertEquals(420, doc.getPage(0).getMediaBox().getHeight() / 72f * 25.4f, 2);
        }
        given().queryParam("size", "B5").get("/notices/" + p.noticeId() + "/poster.pdf").then().statusCode(400);
        given().get("/notices/" + p.noticeId() + "/poster").then().statusCode(200)
                .body(containsString("韩一"), containsString("table-header-group"), containsString("data:image/png;base64,"));
    }
}
