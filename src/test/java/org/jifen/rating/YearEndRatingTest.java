package org.jifen.rating;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class YearEndRatingTest {

    @Test
    void shouldConfirmStarsAtEachThresholdOfAClosedYear() {
        ClosedYear y = new ClosedYear(199, 200, 249, 250, 299, 300);
        JsonPath confirmed = as(y.secretary).post(confirmPath(y)).then().statusCode(200)
                .body("year", is(y.year)).body("confirmedAt", notNullValue()).extract().jsonPath();
        int[] expected = {0, 3, 3, 4, 4, 5};
        int[] points = {199, 200, 249, 250, 299, 300};
        for (int i = 0; i < expected.length; i++) {
            String line = "ratings.find { it.householdId == " + y.household(i) + " }";
            assertEquals(points[i], confirmed.getInt(line + ".yearPoints"), "points of household " + i);
            assertEquals(expected[i], confirmed.getInt(line + ".stars"), points[i] + " points");
        }
        assertTrue(confirmed.getString("confirmedBy").startsWith("secretary"), confirmed.getString("confirmedBy"));
        // stored: the officer reads the same list back, with no differences
        JsonPath read = as(y.officer).get(confirmedPath(y)).then().statusCode(200)
                .body("confirmationId", is(confirmed.getInt("confirmationId"))).body("differences", empty()).extract().jsonPath();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], read.getInt("ratings.find { it.householdId == " + y.household(i) + " }.stars"));
        }
        assertEquals(16, read.getList("ratings").size(), "ten bonus households and six of the test");
        // the stars show on the household page and, as last year's, on the villager's portal home
        Api.page(y.officer).get("/households/" + y.household(3)).then().statusCode(200)
                .body(containsString(y.year + " 年度星级（已确认）")).body(containsString("★★★★ 4星"));
        String villager = org.jifen.portal.PortalLogins.cardLogin(y.household(5), null);
        io.restassured.RestAssured.given().accept("text/html").cookie("jifen_portal", villager).get("/portal").then().statusCode(200)
                .body(containsString(y.year + " 年度评定：★★★★★ 5星文明信用户"));
    }

    @Test
    void shouldRefuseToConfirmAYearThatIsOpen() {
        ClosedYear y = new ClosedYear(false, 220);
        as(y.secretary).post(confirmPath(y)).then().statusCode(409).body("code", is("rating.year-open"))
                .body("detail", containsString(y.year + "-12"));
        int thisYear = y.year + 1;
        as(y.secretary).post("/api/villages/" + y.village + "/years/" + thisYear + "/ratings/confirm").then().statusCode(409)
                .body("code", is("rating.year-open"));
        as(y.officer).get(confirmedPath(y)).then().statusCode(404).body("code", is("rating.not-confirmed"));
        // the officer may not confirm, nor may a secretary of another village read this one's list
        as(y.officer).post(confirmPath(y)).then().statusCode(403);
        long other = Api.village();
        as(Api.staff("SECRETARY", other)).get(confirmedPath(y)).then().statusCode(403);
        as(Api.staff("SECRETARY", other)).post(confirmPath(y)).then().statusCode(403);
        as(y.secretary).post("/api/villages/" + y.village + "/years/1999/ratings/confirm").then().statusCode(400);
        as(y.secretary).post("/api/villages/" + y.village + "/years/abc/ratings/confirm").then().statusCode(404);
    }

    @Test
    void shouldShowAReversalAfterConfirmationAsADifferenceUntilConfirmedAgain() throws Exception {
        ClosedYear y = new ClosedYear(200, 260);
        long three = y.household(0);
        as(y.secretary).post(confirmPath(y)).then().statusCode(200);
        long posting = longOf("SELECT id FROM posting WHERE household_id = " + three + " AND type = 'ADJUST'");
        // reversed in this month (the year's months are closed), it still belongs to last year's rating
        as(y.secretary).body(Map.of("reason", "重复登记")).post("/api/postings/" + posting + "/reverse").then().statusCode(201);
        as(y.officer).get(confirmedPath(y)).then().statusCode(200)
                .body("ratings.find { it.householdId == " + three + " }.stars", is(3))
                .body("differences", hasSize(1))
                .body("differences[0].householdId", is((int) three))
                .body("differences[0].confirmedStars", is(3))
                .body("differences[0].stars", is(0))
                .body("differences[0].yearPoints", is(0));
        // the year-to-date rating of last year is unchanged (it counts by the month posted)
        as(y.secretary).post("/api/villages/" + y.village + "/years/" + y.year + "/ratings").then().statusCode(200)
                .body("find { it.householdId == " + three + " }.stars", is(3));
        as(y.secretary).post(confirmPath(y)).then().statusCode(200)
                .body("ratings.find { it.householdId == " + three + " }.stars", is(0));
        as(y.officer).get(confirmedPath(y)).then().statusCode(200).body("differences", empty())
                .body("ratings.find { it.householdId == " + three + " }.yearPoints", is(0));
        assertEquals(2, longOf("SELECT count(*) FROM rating_confirmation WHERE village_id = " + y.village));
        assertEquals(2, longOf("SELECT count(*) FROM audit_log WHERE entity = 'star-rating' AND action = 'confirm' AND village_id = " + y.village));
    }

    @Test
    void shouldListEveryVillageForTheTownAndSubmitAndExportIt() throws Exception {
        ClosedYear a = new ClosedYear(310, 205);
        ClosedYear b = new ClosedYear(255);
        ClosedYear unconfirmed = new ClosedYear(280);
        as(a.secretary).post(confirmPath(a)).then().statusCode(200);
        as(b.secretary).post(confirmPath(b)).then().statusCode(200);
        int year = a.year;
        String admin = Api.admin();
        JsonPath table = as(admin).get("/api/town/years/" + year + "/ratings/confirmed").then().statusCode(200).extract().jsonPath();
        assertEquals(5, table.getInt("rows.find { it.householdId == " + a.household(0) + " }.confirmedStars"));
        assertEquals(3, table.getInt("rows.find { it.householdId == " + a.household(1) + " }.confirmedStars"));
        assertEquals(4, table.getInt("rows.find { it.householdId == " + b.household(0) + " }.confirmedStars"));
        assertEquals((int) b.village, table.getInt("rows.find { it.householdId == " + b.household(0) + " }.villageId"));
        assertNull(table.get("rows.find { it.householdId == " + unconfirmed.household(0) + " }"));
        assertEquals(1, table.getInt("villages.find { it.villageId == " + a.village + " }.counts.three"));
        assertEquals(11, table.getInt("villages.find { it.villageId == " + a.village + " }.counts.five"));
        assertNull(table.get("villages.find { it.villageId == " + unconfirmed.village + " }.confirmationId"));
        // the inspector reads, a village's staff may not
        as(Api.staff("INSPECTOR", null)).get("/api/town/years/" + year + "/ratings.xlsx").then().statusCode(200);
        as(a.secretary).get("/api/town/years/" + year + "/ratings.xlsx").then().statusCode(403);
        as(a.secretary).post("/api/town/years/" + year + "/report").then().statusCode(403);

        byte[] xlsx = as(admin).get("/api/town/years/" + year + "/ratings.xlsx").then().statusCode(200)
                .contentType(containsString("spreadsheetml")).extract().asByteArray();
        List<List<String>> list = sheet(xlsx, "星级名单");
        assertEquals(List.of("村（社区）", "户号", "户主", "年度积分", "星级", "现星级（确认后变动）"), list.get(0));
        String numberB = table.getString("rows.find { it.householdId == " + b.household(0) + " }.number");
        assertTrue(list.stream().anyMatch(r -> r.get(1).equals(numberB) && r.get(3).equals("255") && r.get(4).equals("4星")), list.toString());
        List<List<String>> summary = sheet(xlsx, "汇总");
        String unconfirmedName = "测试村" + table.getString("villages.find { it.villageId == " + unconfirmed.village + " }.code");
        assertTrue(summary.stream().anyMatch(r -> r.get(0).equals(unconfirmedName) && r.get(1).equals("未确认")), summary.toString());

        Map<String, Object> report = as(admin).body(Map.of("note", "第一次上报")).post("/api/town/years/" + year + "/report")
                .then().statusCode(201).body("submittedBy", is("admin")).body("note", is("第一次上报"))
                .extract().jsonPath().getMap("$");
        assertNotNull(report.get("submittedAt"));
        as(Api.staff("INSPECTOR", null)).get("/api/town/years/" + year + "/report").then().statusCode(200)
                .body("villages.villageId", hasItems((int) a.village, (int) b.village))
                .body("villages.villageId", not(hasItem((int) unconfirmed.village)))
                .body("missing.villageId", hasItem((int) unconfirmed.village));
        as(admin).post("/api/town/years/" + (year + 1) + "/report").then().statusCode(409).body("code", is("rating.year-open"));

        byte[] pdf = as(admin).get("/api/town/years/" + year + "/ratings.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String text;
        try (var doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc);
        }
        assertTrue(text.contains(year + " 年度星级文明信用户评定汇总表"), text.substring(0, Math.min(300, text.length())));
        assertTrue(text.contains("已上报"), "the submission is printed");
        assertTrue(text.contains(numberB), "village b's four-star household is listed");
        assertTrue(text.contains("（盖章）"));
    }

    @Test
    void shouldExportTheVillagesBestHouseholdsOfTheYear() throws Exception {
        ClosedYear y = new ClosedYear(120, 300, 120, 50);
        byte[] xlsx = as(y.officer).get("/api/villages/" + y.village + "/years/" + y.year + "/top-households.xlsx?top=12")
                .then().statusCode(200).extract().asByteArray();
        List<List<String>> rows = sheet(xlsx, y.year + "年度积分排名");
        assertEquals(List.of("村（社区）", "名次", "户号", "户主", "组", "年度积分", "星级"), rows.get(0));
        // ten households of 1010 points (1000 + bonus) share first place, then 300, then two tied at 120; 50 is 14th
        assertEquals(14, rows.size(), rows.toString());
        assertEquals(List.of("11", "300", "5星"), List.of(rows.get(11).get(1), rows.get(11).get(5), rows.get(11).get(6)));
        assertEquals(List.of("12", "12"), List.of(rows.get(12).get(1), rows.get(13).get(1)));
        as(y.officer).get("/api/villages/" + y.village + "/years/" + y.year + "/top-households.xlsx?top=0").then().statusCode(400);
        as(Api.staff("CLERK", y.village)).get("/api/villages/" + y.village + "/years/" + y.year + "/top-households.xlsx").then().statusCode(403);
        as(Api.admin()).get("/api/town/years/" + y.year + "/top-households.xlsx?top=3").then().statusCode(200);
    }

    @Test
    void shouldAnswerJunkWithA4xxNeverA500() {
        String admin = Api.admin();
        int year = ClosedYear.lastYear();
        as(admin).body("not json").post("/api/town/years/" + year + "/report").then().statusCode(400);
        as(admin).body(Map.of("note", "长".repeat(501))).post("/api/town/years/" + year + "/report").then().statusCode(400);
        as(admin).body(List.of(1, 2)).post("/api/town/years/" + year + "/report").then().statusCode(400);
        as(admin).get("/api/town/years/abc/ratings.pdf").then().statusCode(404);
        as(admin).get("/api/town/years/99999999999/ratings.xlsx").then().statusCode(404);
        as(admin).get("/api/town/years/3000/ratings.xlsx").then().statusCode(400);
        as(admin).get("/api/villages/999999999/years/" + year + "/ratings/confirmed").then().statusCode(404);
        as(admin).get("/api/villages/-1/years/" + year + "/top-households.xlsx").then().statusCode(404);
        as(admin).get("/api/town/years/" + year + "/top-households.xlsx?top=abc").then().statusCode(both4xx());
        as(admin).get("/api/town/years/" + year + "/top-households.xlsx?top=100000").then().statusCode(400);
        Api.page(admin).get("/town/ratings?year=" + year + "&village=x&stars=zz&sort=%27").then().statusCode(200);
        Api.page(admin).get("/town/ratings?year=1").then().statusCode(400);
        Api.page(admin).get("/villages/999999999/ratings").then().statusCode(404);
    }

    private static org.hamcrest.Matcher<Integer> both4xx() {
        return allOf(greaterThanOrEqualTo(400), lessThan(500));
    }

    static String confirmPath(ClosedYear y) {
        return "/api/villages/" + y.village + "/years/" + y.year + "/ratings/confirm";
    }

    static String confirmedPath(ClosedYear y) {
        return "/api/villages/" + y.village + "/years/" + y.year + "/ratings/confirmed";
    }

    static List<List<String>> sheet(byte[] xlsx, String name) throws Exception {
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheet(name);
            assertNotNull(s, "sheet " + name);
            DataFormatter f = new DataFormatter();
            List<List<String>> out = new ArrayList<>();
            s.forEach(r -> {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < r.getLastCellNum(); c++) {
                    cells.add(r.getCell(c) == null ? "" : f.formatCellValue(r.getCell(c)));
                }
                out.add(cells);
            });
            return out;
        }
    }

    static long longOf(String sql) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
