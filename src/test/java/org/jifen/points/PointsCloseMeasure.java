package org.jifen.points;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

import static org.jifen.points.Points.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures (prints, asserts no time) a month close and a ledger verification for a village of 1,000
 * households, each with a month of approved entries. Run with
 * {@code ./mvnw -B test -Dtest=PointsCloseMeasure -Dpointsmeasure=true} (the line goes to target/points-measure.txt).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "pointsmeasure", matches = "true")
class PointsCloseMeasure {

    @Test
    void measureCloseAndVerifyOfAThousandHouseholds() throws Exception {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        String code = item(1);
        String month = pastMonth(1);
        long itemId = intOf("SELECT id FROM catalog_item WHERE code = ?", code);
        // 1,000 households, each with 3 approved entries and their EARN postings (by SQL: this measures the close)
        sql("""
                INSERT INTO household (village_id, number, head_name) SELECT %d, 'M' || g, '户主' || g FROM generate_series(1, 1000) g;
                INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity, points, occurred_on,
                                   month, status, approvals, recorded_by, recorded_by_id)
                SELECT h.village_id, h.id, %d, '%s', 't', 1, (h.id %% 37) + k, (h.id %% 37) + k, DATE '%s-10', '%s', 'APPROVED', 1, 'm', 0
                FROM household h, generate_series(1, 3) k WHERE h.village_id = %d;
                INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, actor, seq, prev_hash, hash)
                SELECT household_id, village_id, 'EARN', points, month, 'entry', id, 'm', 0, '', '' FROM entry WHERE village_id = %d ORDER BY id;
                """.formatted(v, itemId, code, month, month, v, v));
        long t0 = System.nanoTime();
        List<Integer> bonuses = as(secretary).post("/api/villages/" + v + "/months/" + month + "/close").then().statusCode(200)
                .extract().jsonPath().getList("bonuses.points");
        long closeMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        as(secretary).get("/api/villages/" + v + "/ledger/verify").then().statusCode(200);
        long verifyMs = (System.nanoTime() - t1) / 1_000_000;
        long t2 = System.nanoTime();
        as(secretary).get("/api/households/" + intOf("SELECT min(id) FROM household WHERE village_id = ?", v) + "/ranks").then().statusCode(200);
        long rankMs = (System.nanoTime() - t2) / 1_000_000;
        String line = String.format("points measure: close of %s for 1000 households (3000 postings): %d ms, %d bonuses; verify (%d postings): %d ms; ranks read: %d ms%n",
                month, closeMs, bonuses.size(), intOf("SELECT count(*) FROM posting WHERE village_id = ?", v), verifyMs, rankMs);
        System.err.print(line);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "points-measure.txt"), line,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1000, intOf("SELECT count(*) FROM month_seal_head WHERE village_id = ?", v));
        assertBalanced(v);
    }
}
