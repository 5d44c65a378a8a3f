package org.jifen.points;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.jifen.points.Points.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PointsConcurrencyTest {

    /** Fires all calls at once from parallel threads; returns "status code" strings in call order. */
    private static List<String> parallel(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldPostOneEarnWhenReviewersApproveTheSameEntryAtOnce() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        List<String> reviewers = List.of(Api.staff("REVIEWER", v), Api.staff("REVIEWER", v), Api.staff("REVIEWER", v),
                Api.staff("REVIEWER", v), Api.staff("REVIEWER", v), Api.staff("REVIEWER", v));
        long h = Api.household(officer, v);
        String code = item(7);
        long e = entry(officer, v, h, code, 1, pastMonth(1));
        List<Callable<String>> calls = new ArrayList<>();
        for (String r : reviewers) {
            calls.add(() -> {
                var res = as(r).body(Map.of("decision", "APPROVE")).post("/api/entries/" + e + "/review");
                return res.statusCode() + " " + res.jsonPath().getString("code");
            });
        }
        List<String> results = parallel(calls);
        assertEquals(1, results.stream().filter(s -> s.startsWith("200")).count(), results.toString());
        assertEquals(5, results.stream().filter(s -> s.equals("409 points.already-decided")).count(), results.toString());
        assertEquals(1, intOf("SELECT count(*) FROM posting WHERE household_id = ? AND type = 'EARN'", h));
        assertEquals(7, available(h));
        assertBalanced(v);
    }

    @Test
    void shouldPostBonusesOnceWhenTheSameMonthIsClosedAtOnce() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        String one = item(1);
        String month = pastMonth(1);
        long[] hs = new long[4];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = Api.household(officer, v);
            earn(officer, reviewer, v, hs[i], one, 10 - i, month);
        }
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String token = i % 2 == 0 ? reviewer : secretary;
            calls.add(() -> {
                var res = as(token).post("/api/villages/" + v + "/months/" + month + "/close");
                return res.statusCode() + " " + res.jsonPath().getString("code");
            });
        }
        List<String> results = parallel(calls);
        assertEquals(1, results.stream().filter(s -> s.startsWith("200")).count(), results.toString());
        assertEquals(7, results.stream().filter(s -> s.equals("409 points.month-closed")).count(), results.toString());
        assertEquals(4, intOf("SELECT count(*) FROM posting WHERE village_id = ? AND type = 'BONUS'", v));
        assertEquals(10 + 10, available(hs[0]));
        assertEquals(7 + 7, available(hs[3]));
        assertEquals(1, intOf("SELECT count(*) FROM month_close WHERE village_id = ?", v));
        assertBalanced(v);
    }

    @Test
    void shouldSerializeApprovalsWithACloseOfTheSameMonth() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        String one = item(1);
        String month = pastMonth(2);
        List<Long> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(entry(officer, v, Api.household(officer, v), one, 5 + i, month));
        }
        List<Callable<String>> calls = new ArrayList<>();
        for (long e : entries) {
            calls.add(() -> {
                var res = as(reviewer).body(Map.of("decision", "APPROVE")).post("/api/entries/" + e + "/review");
                return "review " + res.statusCode();
            });
        }
        for (int i = 0; i < 3; i++) {
            calls.add(() -> {
                var res = as(secretary).post("/api/villages/" + v + "/months/" + month + "/close");
                return "close " + res.statusCode() + " " + res.jsonPath().getString("code");
            });
        }
        List<String> results = parallel(calls);
        assertTrue(results.subList(0, 4).stream().allMatch(s -> s.equals("review 200")), results.toString());
        long closed = results.stream().filter(s -> s.startsWith("close 200")).count();
        assertTrue(closed <= 1, results.toString());
        assertTrue(results.stream().filter(s -> s.startsWith("close 409")).allMatch(s ->
                s.endsWith("points.pending-entries") || s.endsWith("points.month-closed")), results.toString());
        if (closed == 0) {
            as(secretary).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200);
        }
        // a close that ran saw all four approvals: a bonus for each of the four households
        assertEquals(4, intOf("SELECT count(*) FROM posting WHERE village_id = ? AND type = 'BONUS'", v));
        assertBalanced(v);
    }
}
