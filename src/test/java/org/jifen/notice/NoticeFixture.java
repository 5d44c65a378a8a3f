package org.jifen.notice;

import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.jifen.support.Api.as;

/** Builds villages, households, postings and notices for the notice tests (ledger rows straight by SQL). */
final class NoticeFixture {

    private NoticeFixture() {
    }

    /** A household with a chosen number and head name, created over HTTP. */
    static long household(String token, long villageId, String number, String headName) {
        Number id = as(token).body(Map.of("number", number, "headName", headName, "phone", "13800138000", "group", "一组"))
                .post("/api/villages/" + villageId + "/households").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** A ledger posting of any type, inserted by SQL (the trigger keeps account, chain and earned points). */
    static void post(long householdId, String type, int points, String month) throws Exception {
        org.jifen.support.TestLedger.post(householdId, type, points, month);
    }

    /** {@code count} active households numbered 0001.. with points in each month of the quarter, by SQL. */
    static void bulkHouseholds(long villageId, int count, int year, int quarter) throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            st.execute("INSERT INTO household (village_id, number, head_name) SELECT " + villageId
                    + ", lpad(g::text, 4, '0'), (ARRAY['张','王','李','赵','刘','陈','杨','黄'])[1 + g % 8] || '户主' || g"
                    + " FROM generate_series(1, " + count + ") g");
            for (int m = (quarter - 1) * 3 + 1; m <= quarter * 3; m++) {
                st.execute("INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)"
                        + " SELECT id, village_id, 'EARN', (id % 37)::int, '" + String.format("%d-%02d", year, m)
                        + "', 'bulk', 'test', 0, '', '' FROM household WHERE village_id = " + villageId);
            }
        }
    }

    static Map<String, Object> body(int year, int quarter, LocalDate statisticsDate, LocalDate from, LocalDate to,
                                    String signatory, String contact) {
        Map<String, Object> m = new HashMap<>();
        m.put("year", year);
        m.put("quarter", quarter);
        m.put("statisticsDate", statisticsDate == null ? null : statisticsDate.toString());
        m.put("noticeFrom", from == null ? null : from.toString());
        m.put("noticeTo", to == null ? null : to.toString());
        m.put("signatory", signatory);
        m.put("contact", contact);
        return m;
    }

    /** A complete draft whose notice period runs from {@code from} to {@code to}. */
    static long draft(String token, long villageId, int year, int quarter, LocalDate from, LocalDate to) {
        Number id = as(token).body(body(year, quarter, from.minusDays(1), from, to, "王书记", "村委会 0571-88886666"))
                .post("/api/villages/" + villageId + "/notices").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    static void publish(String secretary, long noticeId) {
        as(secretary).post("/api/notices/" + noticeId + "/publish").then().statusCode(200);
    }

    /** A village with one secretary, the quarter closed, and a published notice running from yesterday to in 5 days. */
    record Published(long villageId, String secretary, long noticeId) {
    }

    static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    static Published published(long villageId, String secretary, int year, int quarter) throws Exception {
        TestMonths.closeQuarter(villageId, year, quarter);
        long id = draft(secretary, villageId, year, quarter, today().minusDays(1), today().plusDays(5));
        publish(secretary, id);
        return new Published(villageId, secretary, id);
    }

    static String secretary(long villageId) {
        return Api.staff("SECRETARY", villageId);
    }
}
