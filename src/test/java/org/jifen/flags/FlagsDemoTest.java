package org.jifen.flags;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.jifen.demo.DemoData;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo town (everything {@link DemoData} loads) on a database of its own gives few flags, each explained:
 * <ul>
 *   <li>{@code large-adjustment} in 桃源村 (TYC): the demo's one deliberate anomaly ({@code FlagsDemo}), its secretary's
 *       +60 adjustment of this month with its reason.</li>
 * </ul>
 * And why the rest is quiet: every closed month of every village has entries (80-120 households, up to three deeds
 * each) and the month in progress does not count yet ({@code no-registration}); one reviewer approved every entry of
 * a village spread over all its households, far below half for the top three ({@code concentrated-approvals}); the
 * one notice (龙泉村's last full quarter) has no household reaching 50 points of entries in its last month
 * ({@code spike-before-notice}); the redemptions happen today, which is the villages' redemption day
 * ({@code redeemed-outside-days}); every household with points has approved entries ({@code points-without-entries});
 * every month is sealed by the real month close and the ledger checks ({@code chain-broken}).
 */
@QuarkusTest
@TestProfile(FlagsDemoTest.OwnDatabase.class)
class FlagsDemoTest {

    /** A profile of its own: the app restarts on a fresh database whose town has no village yet. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jifen.demo", "false");
        }
    }

    @Inject
    DemoData demo;

    @Test
    void shouldGiveTheDemoTownOneExplainedFlag() throws Throwable {
        long town = longOf("SELECT id FROM town ORDER BY id LIMIT 1");
        VertxContextSupport.subscribeAndAwait(() -> demo.loadOnce(town));
        long tyc = longOf("SELECT id FROM village WHERE code = 'TYC'");
        long household = longOf("SELECT min(id) FROM household WHERE village_id = " + tyc + " AND status = 'ACTIVE'");
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

        String admin = Api.admin();
        long started = System.nanoTime();
        List<Map<String, Object>> flags = as(admin).get("/api/town/flags?year=" + year).then().statusCode(200)
                .extract().jsonPath().getList("$");
        long first = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        as(admin).get("/api/town/flags?year=" + year).then().statusCode(200);
        System.out.printf("flags of the demo town (%d postings): first call %d ms, second %d ms%n",
                longOf("SELECT count(*) FROM posting"), first, (System.nanoTime() - started) / 1_000_000);
        assertEquals(List.of(Map.of("kind", "large-adjustment", "villageId", (int) tyc, "evidence", "/households/" + household + "/ledger")),
                flags.stream().map(f -> Map.of("kind", f.get("kind"), "villageId", f.get("villageId"), "evidence", f.get("evidence"))).toList(),
                "the demo's flags: " + flags);
        assertTrue(flags.get(0).get("detail").toString().contains("+60"), flags.toString());
        assertTrue(flags.get(0).get("detail").toString().contains("扑救山火"), flags.toString());
        // the evidence shows it: the household's postings with the adjustment's reason
        Api.page(Api.admin()).get("/households/" + household + "/ledger").then().statusCode(200).body(containsString("扑救山火"));
        // last year the demo had nothing at all (its history starts at most five months back, in this year or the last)
        List<Object> lastYear = as(Api.admin()).get("/api/town/flags?year=" + (year - 1)).then().statusCode(200)
                .extract().jsonPath().getList("kind");
        assertEquals(List.of(), lastYear);
    }

    private static long longOf(String sql) throws Exception {
        try (var c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
