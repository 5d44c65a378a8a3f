package org.jifen.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the households demo step into a town of its own and looks at what it made. */
@QuarkusTest
class HouseholdDemoTest {

    @Inject
    HouseholdDemo demo;

    @Inject
    Pool pool;

    @Test
    void shouldLoadABelievableTownWithStaffWhoCanLogIn() throws Throwable {
        long townId;
        try (var c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO town (name) VALUES ('演示镇" + System.nanoTime() + "') RETURNING id")) {
            rs.next();
            townId = rs.getLong(1);
        }
        DemoContext context = new DemoContext(townId);
        VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(tx -> demo.load(tx, context)));
        {
            assertEquals(4, context.villageIds.size());
            try (var c = TestDatabase.connect(); Statement s = c.createStatement()) {
                for (long v : context.villageIds) {
                    ResultSet rs = s.executeQuery("""
                            SELECT count(*), count(DISTINCT number), min(m.c), max(m.c),
                                   count(*) FILTER (WHERE cardinality(tags) > 0), count(DISTINCT group_name),
                                   (SELECT count(*) FROM account a WHERE a.village_id = h.village_id)
                            FROM household h JOIN (SELECT household_id, count(*) AS c FROM member GROUP BY household_id) m
                                 ON m.household_id = h.id
                            WHERE h.village_id = %d GROUP BY h.village_id""".formatted(v));
                    rs.next();
                    int households = rs.getInt(1);
                    assertTrue(households >= 80 && households <= 120, "households " + households);
                    assertEquals(households, rs.getInt(2));
                    assertTrue(rs.getInt(3) >= 2 && rs.getInt(4) <= 4, "members per household");
                    assertTrue(rs.getInt(5) > 0, "some tags");
                    assertTrue(rs.getInt(6) >= 4, "groups");
                    assertEquals(households, rs.getInt(7), "accounts");
                }
                ResultSet names = s.executeQuery("SELECT head_name, phone FROM household WHERE village_id = "
                        + context.villageIds.get(0) + " ORDER BY id LIMIT 1");
                names.next();
                assertTrue(names.getString(1).matches("\\p{IsHan}{2,3}"), names.getString(1));
                assertTrue(names.getString(2).matches("1[3-9][0-9]{9}"), names.getString(2));
            }
        }
        {
            long lqc = context.villageIds.get(0);
            String officer = Api.login("lqc-officer", HouseholdDemo.DEMO_PASSWORD);
            as(officer).get("/api/villages/" + lqc + "/households?size=5").then().statusCode(200)
                    .body("total", greaterThanOrEqualTo(80)).body("items", hasSize(5));
            as(Api.login("qsc-clerk", HouseholdDemo.DEMO_PASSWORD)).get("/api/villages/" + lqc + "/households").then().statusCode(403);
            as(Api.login("inspector", HouseholdDemo.DEMO_PASSWORD)).get("/api/villages/" + context.villageIds.get(3) + "/households")
                    .then().statusCode(200).body("total", greaterThanOrEqualTo(80));
        }
    }
}
