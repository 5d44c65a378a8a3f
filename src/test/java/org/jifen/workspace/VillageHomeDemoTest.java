package org.jifen.workspace;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.jifen.demo.DemoData;
import org.jifen.support.Api;
import org.jifen.support.PhoneBrowser;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo town (everything {@link DemoData} loads with {@code jifen.demo=true}) on a database of its own: every demo
 * village's home page, opened by its own officer, and the village list of the town admin show what the database says.
 */
@QuarkusTest
@TestProfile(VillageHomeDemoTest.OwnDatabase.class)
class VillageHomeDemoTest {

    /** A profile of its own: the app restarts on a fresh database whose town has no village yet, as on a first start. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jifen.demo", "false");
        }
    }

    @Inject
    DemoData demo;

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldShowEachDemoVillagesWorkAsTheDatabaseHasIt() throws Throwable {
        long town = longOf("SELECT id FROM town ORDER BY id LIMIT 1");
        VertxContextSupport.subscribeAndAwait(() -> demo.loadOnce(town));
        List<Long> villages = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (var c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, code FROM village WHERE town_id = " + town + " ORDER BY code")) {
            while (rs.next()) {
                villages.add(rs.getLong(1));
                codes.add(rs.getString(2).toLowerCase());
            }
        }
        assertTrue(villages.size() >= 4, "demo villages " + villages);
        long waiting = longOf("SELECT count(*) FROM entry WHERE status = 'PENDING'");
        long stocked = longOf("SELECT count(*) FROM batch WHERE remaining > 0");
        assertTrue(waiting > 0 && stocked > 0, "the demo has work to show: entries " + waiting + ", batches " + stocked);
        long visits = longOf("SELECT count(*) FROM survey_visit");
        long wishes = longOf("SELECT count(*) FROM survey_wish");
        long wished = longOf("SELECT count(*) FROM survey_visit_goods");
        assertTrue(visits > 0 && wishes > 0 && wished > 0, "needs surveys: visits " + visits + ", wishes " + wishes + ", wished " + wished);
        String admin = Api.login("admin", Api.ADMIN_PASSWORD);
        try (PhoneBrowser phone = new PhoneBrowser(base)) {
            for (int i = 0; i < villages.size(); i++) {
                long v = villages.get(i);
                String officer = Api.login(codes.get(i) + "-officer", org.jifen.demo.HouseholdDemo.DEMO_PASSWORD);
                Map<String, String> expected = VillageHomeTest.expected(v, officer);
                assertEquals(expected, VillageHomeTest.homePage(phone, officer, v), "home page of demo village " + codes.get(i));
                assertEquals(expected, VillageHomeTest.villageList(phone, admin, v), "village list row of " + codes.get(i));
            }
        }
    }

    private static long longOf(String sql) throws Exception {
        try (var c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
