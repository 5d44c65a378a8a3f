package org.jifen.ledgerbook;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

import static org.jifen.support.Api.as;

/**
 * Not part of the test suite (no *Test name): {@code bench/ledger.sh} runs it. Seeds by SQL a village of
 * {@code bench.households} households with a year of approved entries (two per household and month, each with its
 * review), postings, twelve closed months, four published notices, twelve redemption days (one photo each, every
 * household redeeming once a day), then times the three-in-one ledger PDF over HTTP and reads the app's peak RSS
 * (this JVM runs the app: {@code VmHWM}).
 */
@QuarkusTest
class LedgerBenchmark {

    static final int HOUSEHOLDS = Integer.getInteger("bench.households", 1000);

    @Test
    void measure() throws Exception {
        int year = LedgerFixture.lastYear();
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        String item = LedgerFixture.item(false);
        long t = System.nanoTime();
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            st.execute("INSERT INTO household (village_id, number, head_name) SELECT " + v
                    + ", lpad(g::text, 4, '0'), (ARRAY['张','王','李','赵','刘','陈','杨','黄'])[1 + g % 8] || '户主' || g"
                    + " FROM generate_series(1, " + HOUSEHOLDS + ") g");
            st.execute("""
                    INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity, points,
                                       occurred_on, month, status, approvals, recorded_by, recorded_by_id, decided_at)
                    SELECT h.village_id, h.id, i.id, i.code, i.title, i.points, 1, i.points, make_date(%d, m, (1 + (h.id + k) %% 27)::int),
                           to_char(make_date(%d, m, 1), 'YYYY-MM'), 'APPROVED', 1, s.username, s.id, now()
                      FROM household h CROSS JOIN generate_series(1, 12) m CROSS JOIN generate_series(1, 2) k
                      JOIN catalog_item i ON i.code = '%s'
                      JOIN staff s ON s.village_id = h.village_id AND s.role = 'OFFICER'
                     WHERE h.village_id = %d""".formatted(year, year, item, v));
            st.execute("""
                    INSERT INTO entry_review (entry_id, reviewer, reviewer_id, decision)
                    SELECT e.id, s.username, s.id, 'APPROVE' FROM entry e JOIN staff s ON s.village_id = e.village_id AND s.role = 'REVIEWER'
                     WHERE e.village_id = %d""".formatted(v));
            st.execute("""
                    INSERT INTO posting (household_id, village_id, type, points, month, reason, actor, seq, prev_hash, hash)
                    SELECT h.id, h.village_id, 'EARN', 10, to_char(make_date(%d, m, 1), 'YYYY-MM'), 'bench', 'test', 0, '', ''
                      FROM household h CROSS JOIN generate_series(1, 12) m WHERE h.village_id = %d ORDER BY m, h.id""".formatted(year, v));
            st.execute("INSERT INTO goods (village_id, name, unit, points_price) VALUES (" + v + ", '洗衣粉', '袋', 2)");
            st.execute("""
                    INSERT INTO redemption_day (village_id, day, title, created_by)
                    SELECT %d, make_date(%d, m, 15), m || '月兑换日', 'bench' FROM generate_series(1, 12) m""".formatted(v, year));
            st.execute("""
                    INSERT INTO redemption (village_id, household_id, idempotency_key, card_version, total_points, available_after,
                                            month, actor, created_at)
                    SELECT h.village_id, h.id, 'bench-' || h.id || '-' || m, 1, 2, 0, to_char(make_date(%d, m, 15), 'YYYY-MM'),
                           'clerk', (make_date(%d, m, 15) + time '09:00' + (h.id %% 400) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai'
                      FROM household h CROSS JOIN generate_series(1, 12) m WHERE h.village_id = %d""".formatted(year, year, v));
            st.execute("""
                    INSERT INTO redemption_item (redemption_id, goods_id, quantity, points_price)
                    SELECT r.id, g.id, 1, 2 FROM redemption r JOIN goods g ON g.village_id = r.village_id WHERE r.village_id = %d""".formatted(v));
        }
        for (int m = 1; m <= 12; m++) {
            TestMonths.close(v, String.format("%d-%02d", year, m));
        }
        for (int q = 1; q <= 4; q++) {
            LedgerFixture.notice(secretary, v, year, q, LocalDate.of(year, q * 3, 28), LocalDate.of(year, q * 3, 28).plusDays(7));
        }
        var days = as(officer).get("/api/villages/" + v + "/redemption-days").then().statusCode(200).extract().<Integer>jsonPath().getList("id");
        for (Object d : days) {
            LedgerFixture.dayPhoto(officer, ((Number) d).longValue());
        }
        double seed = (System.nanoTime() - t) / 1e9;

        long rssBefore = hwm();
        Path out = Files.createTempFile("ledger-bench", ".pdf");
        t = System.nanoTime();
        try (InputStream in = as(secretary).config(io.restassured.RestAssured.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 600_000)))
                .get("/api/villages/" + v + "/years/" + year + "/ledger.pdf")
                .then().statusCode(200).extract().asInputStream()) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        long rssAfter = hwm();
        int pages;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
            pages = doc.getNumberOfPages();
        }
        System.out.printf("BENCH ledger households=%d entries=%d redemptions=%d (seeded in %.1f s)%n", HOUSEHOLDS, HOUSEHOLDS * 24,
                HOUSEHOLDS * 12, seed);
        System.out.printf("BENCH ledger.pdf: %.1f s, %d pages, %d KB; JVM peak RSS (VmHWM) %d MB before, %d MB after; max heap %d MB%n",
                seconds, pages, Files.size(out) / 1024, rssBefore / 1024, rssAfter / 1024, Runtime.getRuntime().maxMemory() / 1024 / 1024);
        Files.delete(out);
    }

    /** The peak resident set of this JVM (which runs the app under test), in KB. */
    static long hwm() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
