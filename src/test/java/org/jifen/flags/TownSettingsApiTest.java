package org.jifen.flags;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The town settings API and page: the anomaly flags' thresholds listed with defaults and ranges, changed by the town admin only. */
@QuarkusTest
class TownSettingsApiTest {

    static final String NAME = "flags.spike-before-notice.ratio";
    static final String PATH = "groups.find { it.title == '异常预警' }.settings.find { it.name == '" + NAME + "' }";

    @Test
    void shouldListEverySettingWithItsDefaultAndRange() {
        as(Api.staff("INSPECTOR", null)).get("/api/town/settings").then().statusCode(200)
                .body("groups.title", hasItem("异常预警"))
                .body(PATH + ".default", is(3))
                .body(PATH + ".min", is(1))
                .body(PATH + ".max", is(100))
                .body(PATH + ".unit", is("倍"))
                .body("groups.find { it.title == '异常预警' }.settings.name", hasItem("flags.large-adjustment.points"));
        as(Api.staff("OFFICER", Api.village())).get("/api/town/settings").then().statusCode(403);
    }

    @Test
    void shouldChangeAValueWithAnAuditRowAndRefuseJunk() throws Exception {
        String admin = Api.admin();
        try {
            as(admin).body(Map.of(NAME, 7)).put("/api/town/settings").then().statusCode(200).body(PATH + ".value", is(7));
            as(admin).get("/api/town/settings").then().statusCode(200).body(PATH + ".value", is(7));
            assertTrue(count("SELECT count(*) FROM audit_log WHERE entity = 'town_setting' AND entity_id = '" + NAME + "'") >= 1);

            as(admin).body(Map.of("flags.no-such", 1)).put("/api/town/settings").then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("code", is("town.unknown-setting")).body("fields", is(List.of("flags.no-such")));
            as(admin).body(Map.of(NAME, 0)).put("/api/town/settings").then().statusCode(400)
                    .body("code", is("town.setting-out-of-range")).body("fields", is(List.of(NAME)));
            as(admin).body(Map.of(NAME, 101)).put("/api/town/settings").then().statusCode(400).body("code", is("town.setting-out-of-range"));
            as(admin).body(Map.of(NAME, "five")).put("/api/town/settings").then().statusCode(400).body("code", is("town.setting-wrong-type"));
            as(admin).body(Map.of(NAME, 2.5)).put("/api/town/settings").then().statusCode(400).body("code", is("town.setting-wrong-type"));
            as(admin).body("[1, 2]").put("/api/town/settings").then().statusCode(400);
            as(admin).body("{\"" + NAME + "\": ").put("/api/town/settings").then().statusCode(400);
            // one refused value: nothing of the call is saved
            as(admin).body(Map.of("flags.large-adjustment.points", 9, NAME, -1)).put("/api/town/settings").then().statusCode(400);
            as(admin).get("/api/town/settings").then().statusCode(200).body(PATH + ".value", is(7))
                    .body("groups.find { it.title == '异常预警' }.settings.find { it.name == 'flags.large-adjustment.points' }.value", is(50));
            // an inspector reads but never changes, whatever the body
            String inspector = Api.staff("INSPECTOR", null);
            as(inspector).body(Map.of(NAME, 4)).put("/api/town/settings").then().statusCode(403);
            as(inspector).body("junk").put("/api/town/settings").then().statusCode(403);
        } finally {
            as(admin).body(Map.of(NAME, 3)).put("/api/town/settings").then().statusCode(200);
        }
    }

    @Test
    void shouldShowTheSettingsPageAndSaveItsForm() {
        String admin = Api.admin();
        try {
            Api.page(admin).get("/town/settings").then().statusCode(200).body(containsString("异常预警"))
                    .body(containsString("name=\"" + NAME + "\"")).body(containsString("id=\"save\""));
            Api.page(admin).formParam(NAME, "6").post("/town/settings").then().statusCode(303)
                    .header("Location", containsString("/town/settings?ok=1"));
            as(admin).get("/api/town/settings").then().body(PATH + ".value", is(6));
            Api.page(admin).formParam(NAME, "abc").post("/town/settings").then().statusCode(303)
                    .header("Location", containsString("error="));
            Api.page(admin).formParam(NAME, "1000").post("/town/settings").then().statusCode(303)
                    .header("Location", containsString("error="));
            as(admin).get("/api/town/settings").then().body(PATH + ".value", is(6));
            String inspector = Api.staff("INSPECTOR", null);
            Api.page(inspector).get("/town/settings").then().statusCode(200).body(containsString("disabled"))
                    .body(not(containsString("id=\"save\"")));
            Api.page(inspector).formParam(NAME, "5").post("/town/settings").then().statusCode(403);
            Api.page(Api.staff("SECRETARY", Api.village())).get("/town/settings").then().statusCode(403);
        } finally {
            as(admin).body(Map.of(NAME, 3)).put("/api/town/settings").then().statusCode(200);
        }
    }

    private static long count(String sql) throws Exception {
        try (var c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
