package org.jifen.funds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.common.Photos;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.hamcrest.Matchers.is;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** The yearly audit archive: its files in order, every voucher and photo in it, and a manifest whose sums hold. */
@QuarkusTest
class ArchiveTest {

    static final byte[] JPEG = bytes(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, "jpeg-body");
    static final byte[] PNG = bytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "png-body");
    static final byte[] PDF = "%PDF-1.4\n% a scanned invoice\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    static byte[] bytes(byte[] head, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + t.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(t, 0, out, head.length, t.length);
        return out;
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static io.restassured.specification.RequestSpecification multipart(String token, String fileName, byte[] data, String type) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .multiPart("file", fileName, data, type);
    }

    @Test
    void shouldHoldEveryVoucherAndPhotoInOrderWithAManifestWhoseSumsHold() throws Exception {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        String officer = Api.staff("OFFICER", v);
        long rice = FundAccountTest.goods(officer, v);
        long purchase = FundAccountTest.purchase(officer, v, rice, 10, 500, "2025-03-10");
        long receipt = FundAccountTest.receive(secretary, v, "上级拨款", 500_000, "2025-02-20");
        FundAccountTest.receive(secretary, v, "村集体", 1_000, "2024-12-31");   // another year: not in it

        multipart(officer, "invoice.pdf", PDF, "application/pdf").formParam("kind", "INVOICE")
                .post("/api/purchases/" + purchase + "/vouchers").then().statusCode(201).body("sha256", is(Photos.sha256(PDF)));
        multipart(officer, "pay.jpg", JPEG, "image/jpeg")
                .post("/api/purchases/" + purchase + "/vouchers").then().statusCode(201).body("contentType", is("image/jpeg"));
        multipart(secretary, "receipt.png", PNG, "image/png")
                .post("/api/fund-receipts/" + receipt + "/vouchers").then().statusCode(201).body("size", is(PNG.length));

        Number day = as(officer).body(Map.of("day", "2025-03-15", "title", "一季度兑换日"))
                .post("/api/villages/" + v + "/redemption-days").then().statusCode(201).extract().path("id");
        for (byte[] photo : List.of(JPEG, PNG)) {
            io.restassured.RestAssured.given().header("Authorization", "Bearer " + officer).contentType(Photos.type(photo))
                    .body(photo).post("/api/redemption-days/" + day + "/photos").then().statusCode(201);
        }

        byte[] zip = as(secretary).accept("application/zip").get("/api/villages/" + v + "/years/2025/archive.zip")
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, byte[]> files = unzip(zip);

        assertEquals(List.of(
                "0-总台账.pdf",
                "1-积分/积分登记明细.xlsx",
                "2-公示/季度公示.xlsx",
                "3-兑换/兑换记录.xlsx",
                "3-兑换/2025-03/2025-03-15-兑换日-01.jpg",
                "3-兑换/2025-03/2025-03-15-兑换日-02.png",
                "4-采购/采购记录.xlsx",
                "4-采购/2025-03/2025-03-10-采购" + purchase + "-发票-01.pdf",
                "4-采购/2025-03/2025-03-10-采购" + purchase + "-付款凭证-01.jpg",
                "5-资金/资金台账.xlsx",
                "5-资金/2025-02/2025-02-20-资金" + receipt + "-收款凭证-01.png",
                "6-评定/星级评定.xlsx",
                "6-评定/评优评先-前10户.xlsx",
                "manifest.sha256"), new ArrayList<>(files.keySet()));
        assertTrue(new String(files.get("0-总台账.pdf"), 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"), "the ledger is a PDF");
        assertArrayEquals(PDF, files.get("4-采购/2025-03/2025-03-10-采购" + purchase + "-发票-01.pdf"));
        assertArrayEquals(PNG, files.get("5-资金/2025-02/2025-02-20-资金" + receipt + "-收款凭证-01.png"));
        assertArrayEquals(JPEG, files.get("3-兑换/2025-03/2025-03-15-兑换日-01.jpg"));

        // the manifest: one "sha256  path" line per file, each sum recomputed from the bytes in the zip
        List<String> lines = new String(files.get("manifest.sha256"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(files.size() - 1, lines.size());
        for (String line : lines) {
            assertTrue(line.matches("[0-9a-f]{64}  .+"), line);
            String path = line.substring(66);
            assertTrue(files.containsKey(path), path);
            assertEquals(Photos.sha256(files.get(path)), line.substring(0, 64), path);
        }

        // the funds table holds the year's receipt, in fen and in yuan
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(files.get("5-资金/资金台账.xlsx")))) {
            var receipts = book.getSheet("资金到账");
            assertEquals(2, receipts.getPhysicalNumberOfRows());
            assertEquals("上级拨款", receipts.getRow(1).getCell(2).getStringCellValue());
            assertEquals("5000.00", receipts.getRow(1).getCell(3).getStringCellValue());
            assertEquals(500_000d, receipts.getRow(1).getCell(4).getNumericCellValue());
        }
    }

    @Test
    void shouldListPurchasesAndReceiptsWithoutVouchersForTheCompletenessCheck() {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        String officer = Api.staff("OFFICER", v);
        long rice = FundAccountTest.goods(officer, v);
        long bare = FundAccountTest.purchase(officer, v, rice, 2, 150, "2025-04-01");
        long photographed = FundAccountTest.purchase(officer, v, rice, 2, 150, "2025-04-02");
        long paid = FundAccountTest.purchase(officer, v, rice, 2, 150, "2025-04-03");
        long unproven = FundAccountTest.receive(secretary, v, "社会捐赠", 12_345, "2025-05-01");
        long proven = FundAccountTest.receive(secretary, v, "上级拨款", 100, "2025-05-02");
        long reversed = FundAccountTest.receive(secretary, v, "村集体", 100, "2025-05-03");
        as(secretary).body(Map.of("reason", "重复登记")).post("/api/fund-receipts/" + reversed + "/reverse").then().statusCode(201);
        multipart(officer, "goods.jpg", JPEG, "image/jpeg").formParam("kind", "GOODS")
                .post("/api/purchases/" + photographed + "/vouchers").then().statusCode(201);
        multipart(officer, "pay.jpg", JPEG, "image/jpeg").post("/api/purchases/" + paid + "/vouchers").then().statusCode(201);
        multipart(secretary, "r.pdf", PDF, "application/pdf").post("/api/fund-receipts/" + proven + "/vouchers").then().statusCode(201);

        List<VoucherGaps.Gap> gaps = io.quarkus.arc.Arc.container().instance(VoucherGaps.class).get().find(v, 2025)
                .await().indefinitely();
        assertEquals(List.of("purchase-voucher-missing purchase:" + bare, "purchase-voucher-missing purchase:" + photographed,
                "fund-voucher-missing fund:" + unproven), gaps.stream().map(g -> g.kind() + " " + g.ref()).toList());
        assertTrue(gaps.get(2).detail().contains("社会捐赠") && gaps.get(2).detail().contains("123.45 元"), gaps.get(2).detail());
        assertTrue(gaps.get(0).detail().contains("2025-04-01") && gaps.get(0).detail().contains("3.00 元"), gaps.get(0).detail());
    }

    @Test
    void shouldRefuseBadVouchersAndKeepTheArchiveToItsReaders() {
        long v = Api.village();
        long other = Api.village();
        String officer = Api.staff("OFFICER", v);
        long receipt = FundAccountTest.receive(officer, v, "上级拨款", 100, "2025-01-01");
        multipart(officer, "x.txt", "hello".getBytes(), "text/plain").post("/api/fund-receipts/" + receipt + "/vouchers")
                .then().statusCode(415).body("code", is("funds.voucher-type"));
        multipart(officer, "big.jpg", bytes(JPEG, "x".repeat(11 * 1024 * 1024)), "image/jpeg")
                .post("/api/fund-receipts/" + receipt + "/vouchers").then().statusCode(413);
        multipart(officer, "a.jpg", JPEG, "image/jpeg").formParam("kind", "NOPE")
                .post("/api/fund-receipts/" + receipt + "/vouchers").then().statusCode(400).body("fields[0]", is("kind"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + officer).contentType(ContentType.JSON).body("{}")
                .post("/api/fund-receipts/" + receipt + "/vouchers").then().statusCode(415);
        multipart(Api.staff("OFFICER", other), "a.jpg", JPEG, "image/jpeg")
                .post("/api/fund-receipts/" + receipt + "/vouchers").then().statusCode(403);
        multipart(officer, "a.jpg", JPEG, "image/jpeg").post("/api/fund-receipts/999999999/vouchers").then().statusCode(404);

        as(officer).get("/api/villages/" + v + "/years/2025/archive.zip").then().statusCode(403);
        as(Api.staff("SECRETARY", other)).get("/api/villages/" + v + "/years/2025/archive.zip").then().statusCode(403);
        as(Api.staff("INSPECTOR", null)).get("/api/villages/" + v + "/years/2025/archive.zip").then().statusCode(200);
        as(Api.admin()).get("/api/villages/" + v + "/years/1/archive.zip").then().statusCode(400);
        as(Api.admin()).get("/api/villages/999999999/years/2025/archive.zip").then().statusCode(404);
    }
}
