package org.jifen.household;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class HouseholdImportTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "户号,户主姓名,联系电话,村民小组";

    static Response importFile(String token, long village, String contentType, byte[] body, boolean dryRun) {
        return as(token).contentType(contentType).body(body)
                .post("/api/villages/" + village + "/households/import" + (dryRun ? "?dryRun=true" : "?dryRun="));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(List<List<Object>> rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("花名册");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    static long count(String sql) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldImportCsvWithBomMembersAndTagsThenUpdateByNumber() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String csv = "\uFEFF" + HEADER + ",家庭成员,标签\r\n"
                + "001,李桂兰,13912345678,一组,王强(子);李梅（女）,留守老人;困难户\r\n"
                + "002,王建国,138 0000 1111,二组,,\r\n"
                + "003,\"张三, 小名阿三\",,二组,张小三(子),\r\n";
        importFile(officer, v, "text/csv", utf8(csv), false).then().statusCode(200)
                .body("created", is(3)).body("updated", is(0)).body("errors", empty());
        as(officer).get("/api/villages/" + v + "/households?q=李桂兰").then().statusCode(200)
                .body("total", is(1)).body("items[0].tags", contains("留守老人", "困难户")).body("items[0].memberCount", is(2));
        long id = ((Number) as(officer).get("/api/villages/" + v + "/households?q=001").then().extract().path("items[0].id")).longValue();
        as(officer).get("/api/households/" + id).then().statusCode(200)
                .body("phone", is("13912345678")).body("group", is("一组"))
                .body("members.name", contains("王强", "李梅")).body("members.relation", contains("子", "女"));
        as(officer).get("/api/villages/" + v + "/households?q=002").then().body("items[0].phone", is("13800001111"));
        as(officer).get("/api/villages/" + v + "/households?q=003").then().body("items[0].headName", is("张三, 小名阿三"));

        // the yearly refresh: an existing number updates that household (members replaced, account kept)
        String refresh = HEADER + ",家庭成员\n001,李桂兰,13912345679,三组,王强(子)\n004,刘新,,一组,\n";
        importFile(officer, v, "text/csv; charset=UTF-8", utf8(refresh), false).then().statusCode(200)
                .body("created", is(1)).body("updated", is(1));
        as(officer).get("/api/households/" + id).then().statusCode(200)
                .body("phone", is("13912345679")).body("group", is("三组")).body("members.name", contains("王强"))
                .body("tags", contains("留守老人", "困难户"));
        assertEquals(4, count("SELECT count(*) FROM household WHERE village_id = " + v));
        assertEquals(4, count("SELECT count(*) FROM account WHERE village_id = " + v));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE village_id = " + v
                + " AND action = 'import-update' AND before->>'phone' = '13912345678' AND after->>'phone' = '13912345679'"));
        assertEquals(4, count("SELECT count(*) FROM audit_log WHERE village_id = " + v + " AND action = 'import-create'"));
        assertEquals(2, count("SELECT count(*) FROM audit_log WHERE village_id = " + v + " AND action = 'import'"));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE village_id = " + v + " AND action = 'import'"
                + " AND after->>'rows' = '2' AND after->>'created' = '1' AND after->>'updated' = '1'"));
        assertEquals(5, count("SELECT count(*) FROM audit_log a JOIN household h ON h.id::text = a.entity_id"
                + " WHERE a.village_id = " + v + " AND a.entity = 'household' AND a.action LIKE 'import-%'"));
    }

    @Test
    void shouldImportXlsxBuiltWithPoiIncludingNumericCells() throws Exception {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        byte[] file = xlsx(List.of(
                List.of("户号", "户主姓名", "联系电话", "村民小组", "家庭成员"),
                List.of(101, "罗文", 13712345678L, "四组", "罗小文(女)"),
                List.of("0102", "唐丽", "", "四组", ""),
                List.of(),
                List.of("0103", "宋江", "0851-6123456", "五组", "")));
        importFile(secretary, v, XLSX, file, true).then().statusCode(200)
                .body("created", is(3)).body("updated", is(0)).body("errors", empty()).body("dryRun", is(true));
        assertEquals(0, count("SELECT count(*) FROM household WHERE village_id = " + v));
        importFile(secretary, v, "application/octet-stream", file, false).then().statusCode(200)
                .body("created", is(3)).body("dryRun", is(false));
        as(secretary).get("/api/villages/" + v + "/households?q=101").then()
                .body("items[0].phone", is("13712345678")).body("items[0].headName", is("罗文"));
        as(secretary).get("/api/villages/" + v + "/households?q=宋江").then().body("items[0].phone", is("0851-6123456"));
    }

    @Test
    void shouldAcceptGbkCsvAsExcelSavesIt() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        byte[] gbk = (HEADER + "\r\nG1,欧阳修,13512345678,六组\r\n").getBytes(Charset.forName("GBK"));
        importFile(officer, v, "text/csv", gbk, false).then().statusCode(200).body("created", is(1));
        as(officer).get("/api/villages/" + v + "/households?q=G1").then().body("items[0].headName", is("欧阳修"))
                .body("items[0].group", is("六组"));
    }

    @Test
    void shouldReportEveryBadRowAndWriteNothingEvenWithoutDryRun() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        Api.household(officer, v);
        String csv = HEADER + "\n"
                + "B1,贺一,13912345678,一组\n"     // row 2 ok
                + "B2,,13912345678,一组\n"         // row 3 missing name
                + "B3,贺三,12345,一组\n"           // row 4 bad phone
                + "B1,贺四,,二组\n"                // row 5 duplicate of row 2
                + ",贺五,,二组\n"                  // row 6 missing number
                + "B6,贺六,,二组\n";               // row 7 ok
        for (boolean dryRun : List.of(true, false)) {
            importFile(officer, v, "text/csv", utf8(csv), dryRun).then().statusCode(200)
                    .body("created", is(0)).body("updated", is(0))
                    .body("errors.row", contains(2, 3, 4, 5, 6))
                    .body("errors.message", contains("户号在文件中重复", "缺少户主姓名", "联系电话格式不正确", "户号在文件中重复", "缺少户号"));
        }
        assertEquals(1, count("SELECT count(*) FROM household WHERE village_id = " + v));
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE village_id = " + v + " AND action LIKE 'import%'"));
        // a bad row in an Excel file is reported with its spreadsheet row too
        byte[] file = xlsx(List.of(List.of("户号", "户主姓名", "联系电话", "村民小组"), List.of("X1", "", "", "一组")));
        importFile(officer, v, XLSX, file, false).then().statusCode(200)
                .body("errors[0].row", is(2)).body("errors[0].message", is("缺少户主姓名"));
    }

    @Test
    void shouldRefuseMalformedFilesWith4xx() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        importFile(officer, v, "text/csv", new byte[0], false).then().statusCode(400).body("code", is("household.import-empty"));
        importFile(officer, v, "text/csv", utf8(HEADER + "\n"), false).then().statusCode(400).body("code", is("household.import-empty"));
        importFile(officer, v, "text/csv", utf8("number,name\n1,x\n"), false).then().statusCode(400)
                .body("code", is("household.import-bad-header")).body("fields", hasItems("户号", "户主姓名"));
        importFile(officer, v, "text/csv", utf8(HEADER + "\n1,\"unterminated,,\n"), false).then().statusCode(400)
                .body("code", is("household.import-bad-file"));
        importFile(officer, v, "text/csv", new byte[]{0, 1, 2, (byte) 0xff, (byte) 0xfe, 0}, false).then().statusCode(400);
        importFile(officer, v, XLSX, new byte[]{'P', 'K', 3, 4, 1, 2, 3, 4, 5}, false).then().statusCode(400)
                .body("code", is("household.import-bad-file"));
        importFile(officer, v, "application/json", utf8("{\"a\":1}"), false).then().statusCode(415)
                .body("code", is("request.unsupported-media-type"));
        importFile(officer, v, "image/png", new byte[]{1, 2, 3}, false).then().statusCode(415);
        byte[] big = new byte[HouseholdImport.MAX_BYTES + 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        importFile(officer, v, "text/csv", big, false).then().statusCode(413).body("code", is("request.too-large"));
        assertEquals(0, count("SELECT count(*) FROM household WHERE village_id = " + v));
    }

    @Test
    void shouldExportCsvAndXlsxThatImportBackUnchanged() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String csv = HEADER + ",家庭成员,标签\n"
                + "E1,韩梅梅,13912345678,一组,李雷(配偶);韩小(子),留守儿童\n"
                + "E2,\"=cmd|' /C calc'!A0\",,二组,,\n";
        importFile(officer, v, "text/csv", utf8(csv), false).then().statusCode(200).body("created", is(2));

        Response exported = as(officer).get("/api/villages/" + v + "/households/export?format=csv");
        exported.then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition", containsString("attachment"));
        byte[] csvOut = exported.asByteArray();
        String text = new String(csvOut, StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("\uFEFF户号,户主姓名,联系电话,村民小组,家庭成员,标签"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("E1,韩梅梅,13912345678,一组,李雷(配偶);韩小(子),留守儿童"), text);

        byte[] xlsxOut = as(officer).get("/api/villages/" + v + "/households/export?format=xlsx").then().statusCode(200)
                .contentType(startsWith(XLSX)).extract().asByteArray();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsxOut))) {
            assertEquals("户号", wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue());
            assertEquals("韩梅梅", wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue());
        }
        as(officer).get("/api/villages/" + v + "/households/export?format=pdf").then().statusCode(400);

        // same village: every row updates; another village: the same roster is created
        importFile(officer, v, "text/csv", csvOut, false).then().statusCode(200).body("created", is(0)).body("updated", is(2));
        importFile(officer, v, XLSX, xlsxOut, false).then().statusCode(200).body("created", is(0)).body("updated", is(2));
        long w = Api.village();
        importFile(Api.admin(), w, XLSX, xlsxOut, false).then().statusCode(200).body("created", is(2));
        as(Api.admin()).get("/api/villages/" + w + "/households?q=E1").then().body("items[0].tags", contains("留守儿童"))
                .body("items[0].memberCount", is(2));
        byte[] again = as(Api.admin()).get("/api/villages/" + w + "/households/export?format=csv").asByteArray();
        assertEquals(text, new String(again, StandardCharsets.UTF_8));
    }

    @Test
    void shouldSerializeConcurrentImportsAndCreatesWithoutErrors() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        StringBuilder csv = new StringBuilder(HEADER + "\n");
        for (int i = 1; i <= 200; i++) {
            csv.append("C").append(i).append(",户主").append(i).append(",,一组\n");
        }
        byte[] body = utf8(csv.toString());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Response>> imports = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<Response>> creates = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                imports.add(pool.submit(() -> importFile(officer, v, "text/csv", body, false)));
                creates.add(pool.submit(() -> as(officer).body(Map.of("number", "SAME", "headName", "同号"))
                        .post("/api/villages/" + v + "/households")));
            }
            int created = 0;
            for (var f : imports) {
                Response r = f.get();
                assertEquals(200, r.statusCode(), r.asString());
                created += r.jsonPath().getInt("created");
            }
            assertEquals(200, created);
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : creates) {
                Response r = f.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 409) {
                    assertEquals("household.duplicate-number", r.jsonPath().getString("code"));
                }
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(201, count("SELECT count(*) FROM household WHERE village_id = " + v));
    }

    /** Prints the time of a 2,000-row import (no timed assertion: the machine is shared). */
    @Test
    void shouldImportTwoThousandRowsInOneGo() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        StringBuilder csv = new StringBuilder(HEADER + ",家庭成员,标签\n");
        for (int i = 1; i <= 2000; i++) {
            csv.append(String.format("%04d,户主%d,139%08d,%s组,成员甲%d(配偶);成员乙%d(子),%s%n", i, i, i,
                    List.of("一", "二", "三", "四", "五", "六").get(i % 6), i, i, i % 10 == 0 ? "困难户" : ""));
        }
        byte[] body = utf8(csv.toString());
        long t0 = System.nanoTime();
        importFile(officer, v, "text/csv", body, true).then().statusCode(200).body("created", is(2000));
        long t1 = System.nanoTime();
        importFile(officer, v, "text/csv", body, false).then().statusCode(200).body("created", is(2000)).body("errors", empty());
        long t2 = System.nanoTime();
        importFile(officer, v, "text/csv", body, false).then().statusCode(200).body("updated", is(2000));
        long t3 = System.nanoTime();
        System.out.printf("BENCH household import 2000 rows (%d KB CSV): dry run %d ms, create %d ms, update %d ms%n",
                body.length / 1024, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        assertEquals(2000, count("SELECT count(*) FROM household WHERE village_id = " + v));
        assertEquals(4000, count("SELECT count(*) FROM member m JOIN household h ON h.id = m.household_id WHERE h.village_id = " + v));
        assertEquals(200, count("SELECT count(*) FROM household WHERE village_id = " + v + " AND '困难户' = ANY (tags)"));
        as(officer).get("/api/villages/" + v + "/households?page=100&size=20").then().body("total", is(2000))
                .body("items[19].number", is("2000"));
    }
}
