package org.jifen.ledger;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench/county_gen.py writes its chains, balances, earned figures and month seals itself and loads them with the
 * database's triggers off: the app's ledger verifier must find every generated village whole, and the app must go on
 * writing after it (identity sequences set, a redemption's posting chained onto a generated head).
 */
@QuarkusTest
class CountyGeneratorTest {

    @Test
    void generatedVillagesPassTheLedgerVerifier() throws Exception {
        URI db = URI.create(ConfigProvider.getConfig().getValue("jifentest.jdbc-url", String.class).substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder("python3", "bench/county_gen.py", db.getPath().substring(1)).redirectErrorStream(true);
        pb.environment().putAll(Map.of("TOWNS", "1", "VILLAGES", "2", "HOUSEHOLDS", "6", "YEARS", "1", "NEW_TOWNS", "1",
                "PGHOST", db.getHost(), "PGPORT", String.valueOf(db.getPort()), "PGUSER", "postgres"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);

        List<long[]> villages = new ArrayList<>();   // village id, household count
        String townAdmin;
        try (Connection c = TestDatabase.connect()) {
            ResultSet r = c.createStatement().executeQuery("""
                    SELECT v.id, (SELECT count(*) FROM household h WHERE h.village_id = v.id) AS n FROM village v
                    WHERE v.town_id = (SELECT town_id FROM staff WHERE username = 'town01-admin') ORDER BY v.id""");
            while (r.next()) {
                villages.add(new long[] {r.getLong("id"), r.getLong("n")});
            }
            townAdmin = "town01-admin";
        }
        assertEquals(2, villages.size());
        // every generated staff user has the bootstrap admin's password
        String token = Api.login(townAdmin, "admin-test-pw");
        for (long[] v : villages) {
            assertEquals(6, v[1]);
            Api.as(token).get("/api/villages/{id}/ledger/verify", v[0]).then().statusCode(200)
                    .body("ok", equalTo(true))
                    .body("households", equalTo(6))
                    .body("seals", equalTo(11))           // twelve months, the last one left open
                    .body("postings", greaterThan(6));
        }
        // the dashboard's figures of each generated closed month are those the month_close trigger counts
        try (Connection c = TestDatabase.connect()) {
            ResultSet r = c.createStatement().executeQuery("""
                    SELECT count(*) AS months,
                           count(*) FILTER (WHERE (k.issued, k.deducted, k.redeemed, k.refunded, k.earners, k.postings)
                                            IS NOT DISTINCT FROM (f.issued, f.deducted, f.redeemed, f.refunded, f.earners, f.postings)) AS same,
                           sum(k.postings) AS postings
                      FROM month_close c
                      JOIN village_month_points k ON k.village_id = c.village_id AND k.month = c.month
                     CROSS JOIN LATERAL village_month_figures(c.village_id, c.month) f
                     WHERE c.village_id IN (%d, %d)""".formatted(villages.get(0)[0], villages.get(1)[0]));
            r.next();
            assertEquals(22, r.getInt("months"), "a row per closed month of the two villages");
            assertEquals(22, r.getInt("same"));
            assertTrue(r.getLong("postings") > 12, "the rows count postings");
        }
        // the app writes on: a new posting is chained onto a generated head, and the chain still verifies
        long village = villages.get(0)[0];
        try (Connection c = TestDatabase.connect()) {
            ResultSet r = c.createStatement().executeQuery("SELECT min(id) AS h FROM household WHERE village_id = " + village);
            r.next();
            long household = r.getLong("h");
            String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
            Api.as(token).body(Map.of("points", 5, "month", month, "reason", "县域数据生成检查"))
                    .post("/api/households/{id}/adjustments", household).then().statusCode(201);
        }
        Api.as(token).get("/api/villages/{id}/ledger/verify", village).then().statusCode(200).body("ok", equalTo(true));
        // and a village of the app's own, created after, gets an id past the generated ones
        long created = Api.village();
        assertTrue(created > villages.get(1)[0], "village id " + created + " after the generated " + villages.get(1)[0]);
    }
}
