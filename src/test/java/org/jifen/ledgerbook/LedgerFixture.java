package org.jifen.ledgerbook;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jifen.support.Api;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.jifen.support.Api.as;

/** Builds a village's year for the ledger tests over the HTTP API (closed months by SQL, as other tests do). */
final class LedgerFixture {

    private LedgerFixture() {
    }

    static int lastYear() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static String item(boolean photoRequired) {
        String code = Api.unique("L").replaceAll("[^A-Za-z0-9_.-]", "");
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "category", "美德", "title", "帮扶邻里" + code,
                "points", 5, "unit", "次"));
        body.put("photoRequired", photoRequired);
        as(Api.admin()).body(body).post("/api/catalog").then().statusCode(201);
        return code;
    }

    static long entry(String officer, long villageId, long householdId, String itemCode, LocalDate on) {
        Number id = as(officer).body(Map.of("householdId", householdId, "itemCode", itemCode, "quantity", 1,
                        "occurredOn", on.toString(), "note", "测试"))
                .post("/api/villages/" + villageId + "/entries").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    static void approve(String reviewer, long entryId) {
        as(reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + entryId + "/review").then().statusCode(200);
    }

    static long notice(String secretary, long villageId, int year, int quarter, LocalDate from, LocalDate to) {
        Map<String, Object> m = new HashMap<>();
        m.put("year", year);
        m.put("quarter", quarter);
        m.put("statisticsDate", from.minusDays(1).toString());
        m.put("noticeFrom", from.toString());
        m.put("noticeTo", to.toString());
        m.put("signatory", "王书记");
        m.put("contact", "0571-88886666");
        Number id = as(secretary).body(m).post("/api/villages/" + villageId + "/notices").then().statusCode(201).extract().path("id");
        as(secretary).post("/api/notices/" + id + "/publish").then().statusCode(200);
        return id.longValue();
    }

    static long day(String officer, long villageId, LocalDate day) {
        Number id = as(officer).body(Map.of("day", day.toString(), "title", "季度兑换日"))
                .post("/api/villages/" + villageId + "/redemption-days").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    static void dayPhoto(String officer, long dayId) throws Exception {
        as(officer).contentType("image/png").body(png()).post("/api/redemption-days/" + dayId + "/photos").then().statusCode(201);
    }

    static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static String text(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setPageEnd("\f");
            return stripper.getText(doc);
        }
    }

    static byte[] ledgerPdf(String token, long villageId, int year) {
        return as(token).accept("application/pdf").get("/api/villages/" + villageId + "/years/" + year + "/ledger.pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
    }
}
