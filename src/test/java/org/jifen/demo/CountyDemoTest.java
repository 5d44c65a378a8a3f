package org.jifen.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The county part of the demo: a second town whose admin logs in and sees its two villages only, with points in them. */
@QuarkusTest
class CountyDemoTest {

    @Inject
    CountyDemo county;

    @Inject
    Pool pool;

    @Test
    void shouldLoadASecondTownWithItsAdminVillagesHouseholdsAndPostings() throws Throwable {
        long firstTown = longOf("SELECT town_id FROM village WHERE id = " + Api.village());
        Api.as(Api.admin()).body(Map.of("code", Api.unique("CD").replaceAll("[^A-Za-z0-9_.-]", ""), "category", "测试类",
                "title", "演示项目", "points", 3, "unit", "次")).post("/api/catalog").then().statusCode(201);
        for (int run = 0; run < 2; run++) { // a second run finds the town and does nothing
            VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(tx -> county.load(tx, new DemoContext(firstTown))));
        }
        assertEquals(1, longOf("SELECT count(*) FROM town WHERE name = '" + CountyDemo.TOWN + "'"));

        String admin = Api.login("qs-admin", HouseholdDemo.DEMO_PASSWORD);
        List<String> names = as(admin).get("/api/villages").then().statusCode(200).extract().path("name");
        assertEquals(List.of("岩口村", "溪口村"), names.stream().sorted(java.util.Comparator.comparing(n -> n.equals("岩口村") ? 0 : 1)).toList());
        long village = longOf("SELECT v.id FROM village v JOIN town t ON t.id = v.town_id WHERE t.name = '" + CountyDemo.TOWN + "' AND v.code = 'YKC'");
        assertTrue(longOf("SELECT count(*) FROM household WHERE village_id = " + village) >= 80, "households");
        assertTrue(longOf("SELECT count(*) FROM posting WHERE village_id = " + village + " AND type = 'EARN'") > 10, "postings");
        as(Api.login("yk-officer", HouseholdDemo.DEMO_PASSWORD)).get("/api/villages/" + village + "/catalog").then().statusCode(200);
        as(admin).get("/api/villages/" + longOf("SELECT min(id) FROM village WHERE town_id = " + firstTown)).then().statusCode(403);

        as(Api.login("county", "county-test-pw")).get("/api/county/towns").then().statusCode(200).body("name", hasItem(CountyDemo.TOWN));
        Api.as(admin).get("/api/staff").then().statusCode(200).body("size()", equalTo(7));
    }

    private static long longOf(String sql) throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
