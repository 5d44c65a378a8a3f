package org.jifen.ledgerbook;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.hamcrest.Matchers.is;
import static org.jifen.ledgerbook.LedgerFixture.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class LedgerBookTest {

    /** Index of each needle in {@code text}, searched one after the other; fails naming the first one missing. */
    static void assertInOrder(String text, List<String> needles) {
        int at = 0;
        for (String n : needles) {
            int i = text.indexOf(n, at);
            assertTrue(i >= 0, "expected \"" + n + "\" after position " + at + " (the one before it came earlier)");
            at = i + n.length();
        }
    }

    @Test
    void shouldPrintTheLedgerWithTitlePagesAndItsPartsMonthsAndQuartersInOrder() throws Exception {
        int year = lastYear();
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        long h1 = Api.household(officer, v);
        String item = item(false);
        approve(reviewer, entry(officer, v, h1, item, LocalDate.of(year, 3, 9)));
        approve(reviewer, entry(officer, v, h1, item, LocalDate.of(year, 11, 2)));
        for (int m = 1; m <= 12; m++) {
            TestMonths.close(v, String.format("%d-%02d", year, m));
        }
        long q1 = notice(secretary, v, year, 1, LocalDate.of(year, 4, 2), LocalDate.of(year, 4, 9));
        long day = day(officer, v, LocalDate.of(year, 5, 20));
        dayPhoto(officer, day);
        as(reviewer).post("/api/villages/" + v + "/months/" + year + "-03/confirmations").then().statusCode(201)
                .body("capacity", is("REVIEWER"));

        String text = text(ledgerPdf(secretary, v, year));
        List<String> order = new ArrayList<>(List.of(year + " 年度积分制管理三合一总台账", "不完整", "第一部分"));
        for (int m = 1; m <= 12; m++) {
            order.add(String.format("%d-%02d 月度积分明细", year, m));
        }
        order.add("第二部分");
        for (int q = 1; q <= 4; q++) {
            order.add("第" + q + "季度积分公示");
        }
        order.add("第三部分");
        for (int m = 1; m <= 12; m++) {
            order.add(String.format("%d-%02d 积分兑换", year, m));
        }
        assertInOrder(text, order);
        // the entries with household, item, points and the reviewer's confirmation on March's pages
        assertInOrder(text, List.of(year + "-03 月度积分明细", year + "-03-09", "帮扶邻里" + item, year + "-11 月度积分明细", year + "-11-02"));
        assertTrue(text.contains("测试REVIEWER（账号"), "March shows who confirmed it");
        assertTrue(text.contains("SHA-256"), "notice hash printed");
        assertInOrder(text, List.of(String.format("%d-05 积分兑换", year), "兑换日 " + year + "-05-20", "图文佐证"));
        // every page carries village, statistics date and a page number
        int pages = text.split("\f", -1).length - 1;  // each page ends with a form feed
        assertTrue(pages >= 1 + 3 + 12 + 4 + 12, "cover, 3 title pages, 12 months, 4 quarters, 12 months: " + pages);
        String[] each = text.split("\f");
        for (int p = 0; p < each.length; p++) {
            assertTrue(each[p].contains("统计时间"), "page " + (p + 1) + " lacks 统计时间");
            assertTrue(each[p].contains("第 " + (p + 1) + " 页"), "page " + (p + 1) + " lacks its number");
            assertTrue(each[p].contains("测试村"), "page " + (p + 1) + " lacks the village");
        }
        assertTrue(q1 > 0);
    }

    @Test
    void shouldFindEveryKindOfGapAndListThemOnTheCover() throws Exception {
        int year = lastYear();
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        // money of the year without vouchers: a purchase and a fund receipt
        long goods = org.jifen.shop.Shop.goods(officer, v, "肥皂", 5);
        as(officer).body(Map.of("supplier", "供销社", "purchasedOn", LocalDate.of(year, 3, 2).toString(),
                        "items", List.of(Map.of("goodsId", goods, "quantity", 10, "unitCostCents", 250))))
                .post("/api/villages/" + v + "/purchases").then().statusCode(201);
        as(secretary).body(Map.of("source", "上级拨款", "amountCents", 500000, "receivedOn", LocalDate.of(year, 2, 1).toString(),
                        "note", "年度资金")).post("/api/villages/" + v + "/funds").then().statusCode(201);
        long h = Api.household(officer, v);
        // a photo-required entry without its photo, in an open month
        long entry = entry(officer, v, h, item(true), LocalDate.of(year, 6, 3));
        TestMonths.closeQuarter(v, year, 1);  // Q1 closed and not confirmed; the other months open
        long q1 = notice(secretary, v, year, 1, today().minusDays(1), today().plusDays(5));  // no stamp, no photo
        as(Api.admin()).body(Map.of("text", "我家三月的分数算少了", "contact", "13800000000"))
                .post("/api/notices/" + q1 + "/objections").then().statusCode(201);
        long day = day(officer, v, LocalDate.of(year, 7, 1));  // no photo

        Map<String, Object> report = as(secretary).get("/api/villages/" + v + "/years/" + year + "/completeness")
                .then().statusCode(200).body("complete", is(false)).extract().path("");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> gaps = (List<Map<String, String>>) report.get("gaps");
        Set<String> kinds = new TreeSet<>();
        gaps.forEach(g -> kinds.add(g.get("kind")));
        assertEquals(new TreeSet<>(Completeness.LABELS.keySet()), kinds);
        assertTrue(gaps.contains(Map.of("kind", "entry-photo-missing", "ref", "entry-" + entry,
                "detail", gaps.stream().filter(g -> g.get("kind").equals("entry-photo-missing")).findFirst().orElseThrow().get("detail"))));
        assertTrue(gaps.stream().anyMatch(g -> g.get("kind").equals("month-not-confirmed") && g.get("ref").equals(year + "-02")));
        assertTrue(gaps.stream().anyMatch(g -> g.get("kind").equals("month-not-closed") && g.get("ref").equals(year + "-04")));
        assertTrue(gaps.stream().anyMatch(g -> g.get("kind").equals("notice-missing") && g.get("ref").equals(year + "-Q2")));
        assertTrue(gaps.stream().anyMatch(g -> g.get("kind").equals("notice-stamp-missing") && g.get("ref").equals("notice-" + q1)));
        assertTrue(gaps.stream().anyMatch(g -> g.get("kind").equals("redemption-day-photo-missing")
                && g.get("ref").equals("redemption-day-" + day)));

        // the cover: the pages before January's detail (a long list of gaps may take more than one; part 1's title
        // page between them lists no gap)
        String book = text(ledgerPdf(secretary, v, year));
        String cover = book.substring(0, book.indexOf(year + "-01 月度积分明细"));
        assertTrue(cover.contains("不完整"), cover);
        // a label may wrap inside its table cell (how wide the columns are depends on the village's name)
        String unwrapped = cover.replaceAll("\\s+", "");
        for (String label : Completeness.LABELS.values()) {
            assertTrue(unwrapped.contains(label), "the cover lists " + label + ":\n" + cover);
        }

        // confirming both lines of February removes its gap
        String reviewer = Api.staff("REVIEWER", v);
        as(reviewer).post("/api/villages/" + v + "/months/" + year + "-02/confirmations").then().statusCode(201);
        as(secretary).post("/api/villages/" + v + "/months/" + year + "-02/confirmations").then().statusCode(201)
                .body("capacity", is("SECRETARY")).body("month", is(year + "-02"));
        List<String> notConfirmed = as(secretary).get("/api/villages/" + v + "/years/" + year + "/completeness")
                .then().statusCode(200).extract().path("gaps.findAll { it.kind == 'month-not-confirmed' }.ref");
        assertEquals(List.of(year + "-01", year + "-03"), notConfirmed);
    }

    @Test
    void shouldRefuseConfirmationsOutsideRoleScopeOrState() throws Exception {
        int year = lastYear();
        long v = Api.village();
        long other = Api.village();
        String reviewer = Api.staff("REVIEWER", v);
        String officer = Api.staff("OFFICER", v);
        String otherReviewer = Api.staff("REVIEWER", other);
        TestMonths.close(v, year + "-01");
        String url = "/api/villages/" + v + "/months/" + year + "-01/confirmations";
        as(officer).post(url).then().statusCode(403);
        as(otherReviewer).post(url).then().statusCode(403).body("code", is("auth.forbidden"));
        as(otherReviewer).body("{").post(url).then().statusCode(403);
        as(reviewer).body(Map.of("as", "SECRETARY")).post(url).then().statusCode(403);
        as(Api.admin()).post(url).then().statusCode(400).body("fields", is(List.of("as")));
        as(reviewer).post("/api/villages/" + v + "/months/2026-13/confirmations").then().statusCode(400);
        as(reviewer).post("/api/villages/" + v + "/months/junk%00/confirmations").then().statusCode(400);
        as(reviewer).post("/api/villages/" + v + "/months/" + year + "-02/confirmations").then().statusCode(409)
                .body("code", is("ledger.month-open"));
        as(reviewer).post(url).then().statusCode(201).body("username", org.hamcrest.Matchers.startsWith("reviewer"));
        as(reviewer).post(url).then().statusCode(409).body("code", is("ledger.already-confirmed"));
        as(Api.admin()).body(Map.of("as", "SECRETARY")).post(url).then().statusCode(201).body("role", is("TOWN_ADMIN"));

        long future = day(officer, v, today().plusDays(3));
        as(reviewer).post("/api/redemption-days/" + future + "/confirmations").then().statusCode(409).body("code", is("ledger.day-not-held"));
        long held = day(officer, v, today().minusDays(3));
        as(reviewer).post("/api/redemption-days/" + held + "/confirmations").then().statusCode(201).body("redemptionDayId", is((int) held));
        as(otherReviewer).post("/api/redemption-days/" + held + "/confirmations").then().statusCode(403);
        as(reviewer).post("/api/redemption-days/999999999/confirmations").then().statusCode(404);

        // reads: other village 403, junk year 400, clerks and reviewers are not ledger readers of the PDF
        String otherOfficer = Api.staff("OFFICER", other);
        as(otherOfficer).get("/api/villages/" + v + "/years/" + year + "/completeness").then().statusCode(403);
        as(otherOfficer).get("/api/villages/" + v + "/years/" + year + "/ledger.pdf").then().statusCode(403);
        as(officer).get("/api/villages/" + v + "/years/abcd/completeness").then().statusCode(400);
        as(officer).get("/api/villages/" + v + "/years/99999/ledger.pdf").then().statusCode(400);
        as(Api.staff("CLERK", v)).get("/api/villages/" + v + "/years/" + year + "/ledger.pdf").then().statusCode(403);
        as(Api.staff("INSPECTOR", null)).get("/api/villages/" + v + "/years/" + year + "/completeness").then().statusCode(200);
        List<String> months = as(officer).get("/api/villages/" + v + "/years/" + year + "/confirmations").then().statusCode(200)
                .extract().path("findAll { it.subject == 'MONTH' }.capacity");
        assertEquals(List.of("REVIEWER", "SECRETARY"), months);
        List<String> days = as(officer).get("/api/villages/" + v + "/years/" + today().minusDays(3).getYear() + "/confirmations")
                .then().statusCode(200).extract().path("findAll { it.subject == 'REDEMPTION_DAY' }.capacity");
        assertEquals(List.of("REVIEWER"), days);
    }
}
