package org.jifen.card;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jifen.common.QrDecoder;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class CardTest {

    @Test
    void shouldGiveCardUrlUnderPublicBaseUrl() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        as(officer).get("/api/households/" + h + "/card").then().statusCode(200)
                .body("cardVersion", is(1))
                .body("qrText", startsWith("http://localhost:8080/c/" + Long.toString(h, 36) + ".1."));
        long other = Api.village();
        as(Api.staff("CLERK", other)).get("/api/households/" + h + "/card").then().statusCode(403);
        RestAssured.get("/api/households/" + h + "/card").then().statusCode(401);
    }

    @Test
    void shouldDrawCardPngThatDecodesToQrText() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String qrText = Shop.qrText(officer, h);
        byte[] png = as(officer).get("/api/households/" + h + "/card.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertEquals(qrText, QrDecoder.decode(ImageIO.read(new ByteArrayInputStream(png))).orElseThrow());
    }

    @Test
    void shouldPrintSheetPdfWhoseCodesDecodeToEveryCard() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            expected.add(Shop.qrText(officer, Api.household(officer, v)));
        }
        as(Api.staff("CLERK", v)).get("/api/villages/" + v + "/cards.pdf").then().statusCode(403);
        byte[] pdf = as(officer).get("/api/villages/" + v + "/cards.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        Set<String> found = new HashSet<>();
        try (var doc = Loader.loadPDF(pdf)) {
            assertEquals(2, doc.getNumberOfPages(), "10 cards per A4 page");
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("家庭积分卡"), text);
            assertTrue(text.contains("户主"), text);
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                found.addAll(decodeAll(renderer.renderImageWithDPI(p, 150)));
            }
        }
        assertEquals(expected, found);
    }

    @Test
    void shouldPrintSingleReplacementCardAfterReissue() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String fresh = as(officer).post("/api/households/" + h + "/card/reissue").then().statusCode(200).extract().path("qrText");
        byte[] pdf = as(officer).get("/api/households/" + h + "/card.pdf").then().statusCode(200).extract().asByteArray();
        try (var doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(Set.of(fresh), Set.copyOf(decodeAll(new PDFRenderer(doc).renderImageWithDPI(0, 150))));
            assertTrue(new PDFTextStripper().getText(doc).contains("第 2 版"));
        }
        String html = as(officer).accept("text/html").get("/households/" + h + "/card/print").then().statusCode(200).extract().asString();
        assertTrue(html.contains("data-print") && html.contains("/static/staff.js"), "a print button, no inline script");
    }

    @Test
    void shouldDecodePhotosOfOurCardUploadedByTheClerk() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String clerk = Api.staff("CLERK", v);
        long h = Api.household(officer, v);
        String qrText = Shop.qrText(officer, h);
        BufferedImage card = ImageIO.read(new ByteArrayInputStream(as(officer).get("/api/households/" + h + "/card.png?size=600")
                .then().statusCode(200).extract().asByteArray()));
        BufferedImage photo = onDesk(card);
        Map<String, BufferedImage> corpus = new LinkedHashMap<>();
        corpus.put("rotated-20", rotate(photo, 20));
        corpus.put("blurred", blur(photo, 5));
        corpus.put("quarter-size", scale(photo, 0.25));
        corpus.put("low-contrast", lowContrast(photo));
        for (var e : corpus.entrySet()) {
            byte[] jpeg = encode(e.getValue(), "jpg");
            RestAssured.given().header("Authorization", "Bearer " + clerk).contentType("image/jpeg").body(jpeg)
                    .post("/api/cards/decode").then().statusCode(200).body("qrText", is(qrText));
        }
        RestAssured.given().header("Authorization", "Bearer " + clerk)
                .multiPart("image", "photo.png", encode(corpus.get("rotated-20"), "png"), "image/png")
                .post("/api/cards/decode").then().statusCode(200).body("qrText", is(qrText));
        BufferedImage blank = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        RestAssured.given().header("Authorization", "Bearer " + clerk).contentType("image/png").body(encode(blank, "png"))
                .post("/api/cards/decode").then().statusCode(422).body("code", is("card.unreadable"));
    }

    @Test
    void shouldOpenRedemptionForClerkAndOnlyVillageNameForOthers() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String clerk = Api.staff("CLERK", v);
        long h = Api.household(officer, v);
        String headName = as(officer).get("/api/households/" + h).then().extract().path("headName");
        String village = as(officer).get("/api/villages").then().extract().path("find { it.id == " + v + " }.name");
        String qrText = Shop.qrText(officer, h);
        String path = qrText.substring(qrText.indexOf("/c/"));
        String page = RestAssured.given().accept("text/html").redirects().follow(false).get(path).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains(village), page);
        assertFalse(page.contains(headName), "no name for strangers");
        assertFalse(page.contains("可用积分"), "no balance for strangers");
        RestAssured.given().accept("text/html").cookie("jifen_staff", clerk).redirects().follow(false).get(path).then()
                .statusCode(303).header("Location", containsString("/shop/redeem?card="));
        String otherClerk = Api.staff("CLERK", Api.village());
        RestAssured.given().accept("text/html").cookie("jifen_staff", otherClerk).redirects().follow(false).get(path).then()
                .statusCode(200).body(not(containsString(headName)));
        RestAssured.given().accept("text/html").redirects().follow(false).get(path + "x").then().statusCode(400)
                .body(containsString("无效的积分卡"));
        String redeem = RestAssured.given().accept("text/html").cookie("jifen_staff", clerk)
                .get("/shop/redeem?card=" + path.substring(3)).then().statusCode(200).extract().asString();
        assertTrue(redeem.contains("id=\"scanner\""));
        assertTrue(redeem.contains("capture=\"environment\""));
        assertFalse(redeem.contains("jweixin"), "WeChat script only inside WeChat with a configured JS-SDK");
        RestAssured.given().accept("text/html").redirects().follow(false).get("/shop/redeem").then().statusCode(303);
    }

    @Test
    void shouldShowSheetPrintViewAndShelfLabels() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String qrText = Shop.qrText(officer, h);
        Shop.goods(officer, v, "洗衣粉", 25);
        String sheet = RestAssured.given().accept("text/html").cookie("jifen_staff", officer).get("/villages/" + v + "/cards")
                .then().statusCode(200).extract().asString();
        assertTrue(sheet.contains("data:image/png;base64,"));
        assertTrue(sheet.contains(qrText));
        RestAssured.given().accept("text/html").cookie("jifen_staff", officer).get("/villages/" + v + "/shop/labels")
                .then().statusCode(200).body(containsString("洗衣粉"), containsString("label-points\">25<"));
        RestAssured.given().accept("text/html").cookie("jifen_staff", officer).get("/villages/" + v + "/shop")
                .then().statusCode(200).body(containsString("洗衣粉"));
    }

    // ---- image helpers: a photo of our card, and what phones do to it --------------------------------------

    static BufferedImage onDesk(BufferedImage card) {
        BufferedImage out = new BufferedImage(card.getWidth() + 400, card.getHeight() + 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(205, 190, 170));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(card, 200, 150, null);
        g.dispose();
        return out;
    }

    static BufferedImage rotate(BufferedImage in, double degrees) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(205, 190, 170));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), in.getWidth() / 2.0, in.getHeight() / 2.0);
        g.drawImage(in, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage blur(BufferedImage in, int size) {
        float[] kernel = new float[size * size];
        java.util.Arrays.fill(kernel, 1f / (size * size));
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        new ConvolveOp(new Kernel(size, size, kernel), ConvolveOp.EDGE_NO_OP, null).filter(in, out);
        return out;
    }

    static BufferedImage scale(BufferedImage in, double factor) {
        int w = (int) (in.getWidth() * factor);
        int h = (int) (in.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static BufferedImage lowContrast(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                int rgb = in.getRGB(x, y);
                int lum = ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3;
                int v = 110 + lum * 40 / 255;
                out.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    static List<String> decodeAll(BufferedImage page) throws Exception {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        Result[] results = new QRCodeMultiReader().decodeMultiple(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))), hints);
        List<String> texts = new ArrayList<>();
        for (Result r : results) {
            texts.add(r.getText());
        }
        return texts;
    }
}
