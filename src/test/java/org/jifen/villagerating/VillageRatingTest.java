package org.jifen.villagerating;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;
import org.jifen.town.TownSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Village ratings (文明信用村) over HTTP: two villages built through the API, their measures and scores recomputed here
 * by hand; publishing freezes a year; the exports; who may read and publish.
 */
@QuarkusTest
class VillageRatingTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Inject
    TownSettings settings;

    @Inject
    Pool pool;

    @Inject
    VillageRatings service;

    /** A village with an officer, a reviewer and a secretary, and {@code n} households. */
    record V(long id, String name, String officer, String reviewer, String secretary, List<Long> households) {
        static V create(int n) {
            long id = Api.village();
            String officer = Api.staff("OFFICER", id);
            List<Long> hs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                hs.add(Api.household(officer, id));
            }
            String name = as(Api.admin()).get("/api/villages").then().statusCode(200).extract().jsonPath()
                    .getString("find { it.id == " + id + " }.name");
            return new V(id, name, officer, Api.staff("REVIEWER", id), Api.staff("SECRETARY", id), hs);
        }
    }

    static String item() {
        String code = Api.unique("VR").replaceAll("[^A-Za-z0-9_.-]", "");
        as(Api.admin()).body(Map.of("code", code, "category", "测试类", "title", "文明村测试" + code, "points", 1, "unit", "次"))
                .post("/api/catalog").then().statusCode(201);
        return code;
    }

    /** Registers and approves an entry of the household on {@code day}. */
    static void earn(V v, long household, String item, LocalDate day) {
        Number entry = as(v.officer).body(Map.of("householdId", household, "itemCode", item, "quantity", 5,
                        "occurredOn", day.toString(), "note", "测试"))
                .post("/api/villages/" + v.id + "/entries").then().statusCode(201).extract().path("id");
        as(v.reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + entry + "/review").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    static List<Long> spotCheck(long villageId, int year, int size) {
        Map<String, Object> check = as(Api.admin()).body(Map.of("from", year + "-01-01", "to", year + "-12-31", "size", size))
                .post("/api/villages/" + villageId + "/spot-checks").then().statusCode(201).extract().path("");
        List<Long> sample = ((List<Map<String, Object>>) check.get("households")).stream()
                .map(h -> ((Number) h.get("householdId")).longValue()).toList();
        List<Long> out = new ArrayList<>(List.of(((Number) check.get("id")).longValue()));
        out.addAll(sample);
        return out;
    }

    static void result(long checkId, long household, boolean matches) {
        as(Api.admin()).body(Map.of("householdId", household, "matches", matches, "note", "核查"))
                .post("/api/spot-checks/" + checkId + "/results").then().statusCode(201);
    }

    static JsonPath ratings(int year) {
        return as(Api.admin()).get("/api/town/village-ratings?year=" + year).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> village(JsonPath p, long villageId) {
        Map<String, Object> v = p.getMap("villages.find { it.villageId == " + villageId + " }");
        assertNotNull(v, "village " + villageId + " rated");
        return v;
    }

    @SuppressWarnings("unchecked")
    static void assertMeasure(Map<String, Object> v, String code, int done, int of) {
        Map<String, Object> m = ((Map<String, Map<String, Object>>) v.get("measures")).get(code);
        assertEquals(List.of(done, of), List.of(m.get("done"), m.get("of")), code + " of " + v.get("name"));
        assertEquals(of == 0, m.get("missing"), code + " missing");
        if (of == 0) {
            assertNull(m.get("percent"));
        } else {
            assertEquals(BigDecimal.valueOf(done * 100.0 / of).setScale(1, RoundingMode.HALF_UP),
                    new BigDecimal(m.get("percent").toString()).setScale(1, RoundingMode.UNNECESSARY), code + " percent");
        }
    }

    static BigDecimal round(double score) {
        return BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP);
    }

    static BigDecimal score(Map<String, Object> v) {
        return v.get("score") == null ? null : new BigDecimal(v.get("score").toString()).setScale(1, RoundingMode.UNNECESSARY);
    }

    @Test
    void shouldRateTwoVillagesFromTheirRecordsAndExportTheTable() throws Exception {
        LocalDate today = LocalDate.now(CHINA);
        int year = today.getYear();
        int ended = YearMonth.from(today).getMonthValue() - 1;     // months of this year that have ended
        int parts = ended + ended / 3;                              // ledger parts due: ended months and quarters
        String item = item();

        // village A: three households, one takes part, one's entry was reversed, one did nothing
        V a = V.create(3);
        earn(a, a.households.get(0), item, today);
        earn(a, a.households.get(1), item, today);
        long earned = ((Number) as(a.secretary).get("/api/households/" + a.households.get(1) + "/postings?year=" + year)
                .then().statusCode(200).extract().path("find { it.type == 'EARN' }.id")).longValue();
        as(a.secretary).body(Map.of("reason", "误登，冲正")).post("/api/postings/" + earned + "/reverse").then().statusCode(201);
        // a spot check of two households: the first was recorded 不符 and then 相符 (the latest counts), the second 不符
        List<Long> check = spotCheck(a.id, year, 2);
        result(check.get(0), check.get(1), false);
        result(check.get(0), check.get(1), true);
        result(check.get(0), check.get(2), false);
        // a shop inspection: four points of five passed
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (String code : List.of("clean", "not-expired", "tidy", "labelled", "stocked")) {
            verdicts.add(Map.of("code", code, "passed", !code.equals("stocked"), "note", ""));
        }
        as(Api.admin()).body(Map.of("note", "例行检查", "points", verdicts)).post("/api/villages/" + a.id + "/shop-inspections")
                .then().statusCode(201);
        // the first quarter's notice; three objections: answered the same day, never answered, answered 10 days late
        TestMonths.closeQuarter(a.id, year, 1);
        Map<String, Object> draft = new HashMap<>(Map.of("year", year, "quarter", 1, "statisticsDate", today.minusDays(2).toString(),
                "noticeFrom", today.minusDays(1).toString(), "noticeTo", today.plusDays(5).toString(), "signatory", "王书记",
                "contact", "村委会 0571-88886666"));
        long notice = ((Number) as(a.secretary).body(draft).post("/api/villages/" + a.id + "/notices").then().statusCode(201)
                .extract().path("id")).longValue();
        as(a.secretary).post("/api/notices/" + notice + "/publish").then().statusCode(200);
        long answered = objection(notice, "积分算错了");
        objection(notice, "我家的分少了");
        long late = lateObjection(notice);
        for (long o : List.of(answered, late)) {
            as(a.secretary).body(Map.of("answer", "已核实，积分无误", "upheld", false)).post("/api/objections/" + o + "/answer")
                    .then().statusCode(200);
        }

        // village B: two households, both take part; January closed and signed; nothing checked, inspected or objected
        V b = V.create(2);
        earn(b, b.households.get(0), item, today);
        earn(b, b.households.get(1), item, today);
        if (ended >= 1) {
            String january = year + "-01";
            TestMonths.close(b.id, january);
            as(b.reviewer).body(Map.of()).post("/api/villages/" + b.id + "/months/" + january + "/confirmations").then().statusCode(201);
            as(b.secretary).body(Map.of()).post("/api/villages/" + b.id + "/months/" + january + "/confirmations").then().statusCode(201);
        }

        JsonPath p = ratings(year);
        assertEquals(year, p.getInt("year"));
        assertEquals(false, p.getBoolean("published"));
        assertEquals(Map.of("participation", 30, "ledger", 25, "spotChecks", 20, "objections", 10, "shopInspections", 15),
                p.getMap("weights"));

        Map<String, Object> ra = village(p, a.id);
        assertMeasure(ra, "participation", 1, 3);
        assertMeasure(ra, "ledger", 0, parts);
        assertMeasure(ra, "spotChecks", 1, 2);
        assertMeasure(ra, "objections", 1, 3);
        assertMeasure(ra, "shopInspections", 4, 5);
        // 30·1/3 + 25·0 + 20·1/2 + 10·1/3 + 15·4/5 = 10 + 0 + 10 + 3.33 + 12 = 35.33 (of 100); without a due ledger part, of 75
        BigDecimal expectedA = parts > 0 ? round((30.0 / 3 + 0 + 20.0 / 2 + 10.0 / 3 + 15.0 * 4 / 5) / 100 * 100)
                : round((30.0 / 3 + 20.0 / 2 + 10.0 / 3 + 15.0 * 4 / 5) / 75 * 100);
        assertEquals(expectedA, score(ra));
        assertEquals(parts > 0 ? new BigDecimal("35.3") : new BigDecimal("49.3"), expectedA);
        assertEquals("IMPROVE", ra.get("grade"));
        assertEquals("待改进", ra.get("gradeLabel"));
        assertEquals(false, ra.get("published"));

        Map<String, Object> rb = village(p, b.id);
        assertMeasure(rb, "participation", 2, 2);
        assertMeasure(rb, "ledger", parts > 0 ? 1 : 0, parts);
        assertMeasure(rb, "spotChecks", 0, 0);
        assertMeasure(rb, "objections", 0, 0);
        assertMeasure(rb, "shopInspections", 0, 0);
        // only participation and the ledger count: (30·1 + 25·1/parts) / 55
        BigDecimal expectedB = parts > 0 ? round((30.0 + 25.0 / parts) / 55 * 100) : new BigDecimal("100.0");
        assertEquals(expectedB, score(rb));
        assertEquals(expectedB.compareTo(new BigDecimal(75)) >= 0 ? "GOOD" : "IMPROVE", rb.get("grade"));

        // the page (未发布) and forTown agree with the API
        String page = Api.page(Api.admin()).get("/town/village-ratings?year=" + year).then().statusCode(200).extract().asString();
        assertTrue(page.contains("未发布"), "the live computation is marked 未发布");
        assertTrue(page.contains(a.name) && page.contains(b.name));
        assertTrue(page.contains(">" + expectedA + "<"), "A's score on the page");
        List<VillageRating> forTown = service.forTown(pool, townId(), year).await().indefinitely();
        assertEquals(expectedA, forTown.stream().filter(r -> r.villageId() == a.id).findFirst().orElseThrow().score());

        // XLSX parsed back
        byte[] xlsx = as(Api.admin()).get("/api/town/village-ratings.xlsx?year=" + year).then().statusCode(200)
                .contentType(VillageRatingFiles.XLSX).extract().asByteArray();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheet("文明信用村评定");
            assertNotNull(s);
            DataFormatter f = new DataFormatter();
            assertTrue(f.formatCellValue(s.getRow(0).getCell(0)).contains(year + " 年度文明信用村评定（未发布）"));
            assertEquals("参与率（%）", f.formatCellValue(s.getRow(1).getCell(1)));
            Map<String, List<String>> rows = new HashMap<>();
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                var row = s.getRow(r);
                if (row == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(row.getCell(c) == null ? "" : f.formatCellValue(row.getCell(c)));
                }
                rows.put(cells.get(0), cells);
            }
            List<String> rowA = rows.get(a.name);
            assertNotNull(rowA, "A in the sheet");
            assertEquals(List.of(a.name, "33.3", "1/3"), rowA.subList(0, 3));
            assertEquals(List.of("50", "1/2", "33.3", "1/3", "80", "4/5", expectedA.toPlainString(), "待改进"), rowA.subList(5, 13));
            assertEquals(List.of("不计", "—"), rows.get(b.name).subList(5, 7));
            assertEquals(expectedB.stripTrailingZeros().toPlainString(), rows.get(b.name).get(11));
        }

        // PDF: its text says what the table says
        byte[] pdf = as(Api.admin()).get("/api/town/village-ratings.pdf?year=" + year).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String text = pdfText(pdf).replaceAll("\\s+", "");
        assertTrue(text.contains(year + "年度文明信用村评定表"), text);
        assertTrue(text.contains("未发布"), text);
        assertTrue(text.contains("33.3%（1/3）") && text.contains("80.0%（4/5）"), text);
        assertTrue(text.contains(expectedA.toPlainString()) && text.contains(expectedB.toPlainString()), text);
    }

    @Test
    void shouldFreezeAPublishedYearWhateverChangesAfterwards() throws Exception {
        int year = 2003; // a year no other test rates: publishing is town-wide
        String item = item();
        V c = V.create(2);
        earn(c, c.households.get(0), item, LocalDate.of(year, 6, 15));
        List<Long> check = spotCheck(c.id, year, 2);
        result(check.get(0), check.get(1), true);
        result(check.get(0), check.get(2), true);
        // participation 1/2, ledger 0/16, spot checks 2/2, no objection, no inspection: (15 + 0 + 20) / 75 = 46.7
        BigDecimal expected = round((30.0 / 2 + 0 + 20.0) / 75 * 100);
        Map<String, Object> live = village(ratings(year), c.id);
        assertEquals(expected, score(live));
        assertMeasure(live, "ledger", 0, 16);

        String inspector = Api.staff("INSPECTOR", null);
        assertTrue(Api.page(Api.admin()).get("/town/village-ratings?year=" + year).then().statusCode(200).extract().asString()
                .contains("id=\"publish\""), "the town admin may publish an ended year");
        as(inspector).post("/api/town/village-ratings/" + year + "/publish").then().statusCode(403);
        as(c.officer).post("/api/town/village-ratings/" + year + "/publish").then().statusCode(403);
        as(Api.admin()).post("/api/town/village-ratings/" + year + "/publish").then().statusCode(200)
                .body("published", equalTo(true)).body("publishedAt", org.hamcrest.Matchers.notNullValue());
        as(Api.admin()).post("/api/town/village-ratings/" + year + "/publish").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("village-rating.published"));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE entity = 'village_rating_year' AND action = 'publish' AND entity_id = ?",
                String.valueOf(year)));

        // afterwards: the other household takes part and the town doubles the participation weight
        earn(c, c.households.get(1), item, LocalDate.of(year, 7, 15));
        long townId = townId();
        try {
            pool.withTransaction(tx -> settings.change(tx, "test", townId,
                    Map.of(VillageRatingSettings.PARTICIPATION.name(), BigDecimal.valueOf(60)))).await().indefinitely();
            JsonPath frozen = ratings(year);
            assertEquals(true, frozen.getBoolean("published"));
            assertEquals(30, frozen.getInt("weights.participation"));
            Map<String, Object> after = village(frozen, c.id);
            assertEquals(true, after.get("published"));
            assertMeasure(after, "participation", 1, 2);
            assertMeasure(after, "spotChecks", 2, 2);
            assertEquals(expected, score(after));
            // the live computation of an unpublished year does see the change
            assertEquals(60, ratings(year + 1).getInt("weights.participation"));
            String page = Api.page(inspector).get("/town/village-ratings?year=" + year).then().statusCode(200).extract().asString();
            assertTrue(page.contains("已发布") && !page.contains("id=\"publish\""), "published, and the inspector has no publish button");
        } finally {
            pool.withTransaction(tx -> settings.change(tx, "test", townId,
                    Map.of(VillageRatingSettings.PARTICIPATION.name(), BigDecimal.valueOf(30)))).await().indefinitely();
        }
    }

    @Test
    void shouldPublishFromThePage() {
        int year = 2005; // a year no other test rates
        Api.page(Api.admin()).contentType(ContentType.URLENC).post("/town/village-ratings/" + year + "/publish").then().statusCode(303)
                .header("Location", containsString("/town/village-ratings?year=" + year + "&ok=published"));
        String page = Api.page(Api.admin()).get("/town/village-ratings?year=" + year + "&ok=published").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains(year + " 年度评定已发布") && page.contains("已发布") && !page.contains("id=\"publish\""), page);
        Api.page(Api.admin()).contentType(ContentType.URLENC).post("/town/village-ratings/" + year + "/publish").then().statusCode(409);
    }

    @Test
    void shouldLeaveTheTownsOtherPagesAndCallsWhereTheyWere() {
        // the resources share the class paths "/" and "/api": a class path "/town" would hide /town/ratings and the like
        Api.page(Api.admin()).get("/town/ratings").then().statusCode(200);
        as(Api.admin()).get("/api/town/rectifications/open").then().statusCode(200);
        as(Api.admin()).get("/api/town/years/2003/ratings.xlsx").then().statusCode(200);
    }

    @Test
    void shouldRefuseVillageRolesAndBadYears() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        int year = LocalDate.now(CHINA).getYear();
        for (String path : List.of("/api/town/village-ratings?year=" + year, "/api/town/village-ratings.xlsx?year=" + year,
                "/api/town/village-ratings.pdf?year=" + year)) {
            as(officer).get(path).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            as(secretary).get(path).then().statusCode(403);
        }
        as(officer).get("/api/town/village-ratings?year=abc").then().statusCode(403);
        Api.page(officer).get("/town/village-ratings").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/town/village-ratings?year=" + year).then().statusCode(401);

        for (String bad : List.of("abc", "1999", String.valueOf(year + 1), "20266", "-1")) {
            as(Api.admin()).get("/api/town/village-ratings?year=" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("fields", equalTo(List.of("year")));
            as(Api.admin()).get("/api/town/village-ratings.xlsx?year=" + bad).then().statusCode(400);
        }
        as(Api.admin()).post("/api/town/village-ratings/abc/publish").then().statusCode(400);
        // a year still running is not published
        as(Api.admin()).post("/api/town/village-ratings/" + year + "/publish").then().statusCode(409)
                .body("code", equalTo("village-rating.year-open"));
        assertEquals(false, ratings(year).getBoolean("published"));
        as(Api.admin()).post("/api/town/village-ratings/" + (year + 1) + "/publish").then().statusCode(400);
        // no year: the year of the last ended month
        int expected = YearMonth.now(CHINA).minusMonths(1).getYear();
        as(Api.admin()).get("/api/town/village-ratings").then().statusCode(200).body("year", equalTo(expected));
        as(Api.admin()).contentType(ContentType.JSON).get("/api/town/village-ratings?year=" + year).then().statusCode(200)
                .body("villages.find { it.villageId == " + v + " }.name", containsString("测试村"));
    }

    // ---------------------------------------------------------------- fixtures

    static long objection(long notice, String text) {
        return ((Number) io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("text", text, "contact", "13900000000"))
                .post("/api/notices/" + notice + "/objections").then().statusCode(201).extract().path("id")).longValue();
    }

    /** An objection filed ten days ago (inserted by SQL: the API files it now). */
    static long lateObjection(long notice) throws Exception {
        try (var c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO objection (notice_id, text, contact, filed_at) VALUES (?, '十天前的异议', '13900000001', now() - interval '10 days')
                     RETURNING id""")) {
            ps.setLong(1, notice);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong("id");
            }
        }
    }

    static int count(String sql, String param) throws Exception {
        try (var c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static long townId() {
        return ((Number) io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)).post("/api/login")
                .then().statusCode(200).extract().path("townId")).longValue();
    }

    static String pdfText(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("village-ratings", ".pdf");
        try {
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftotext", file.toString(), "-").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            return text;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
