package org.jifen.points;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jifen.demo.DemoContext;
import org.jifen.demo.PointsDemo;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.hamcrest.Matchers.hasItems;
import static org.jifen.points.Points.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PointsDemoTest {

    @Inject
    PointsDemo demo;

    @Inject
    Pool pool;

    @Test
    void shouldLoadACatalogAndCloseTheLastFullQuarterWithBonuses() throws Throwable {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        for (int i = 0; i < 15; i++) {
            Api.household(officer, v);
        }
        long townId = intOf("SELECT town_id FROM village WHERE id = ?", v);
        DemoContext context = new DemoContext(townId);
        context.villageIds.add(v);
        VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(tx -> demo.load(tx, context)));

        as(officer).get("/api/villages/" + v + "/catalog").then().statusCode(200)
                .body("category", hasItems("人居环境整治", "志愿服务", "关爱留守老人儿童", "义务植树", "义诊义剪", "调解矛盾纠纷", "移风易俗", "扣分"));
        // closed: every month from the first month of the previous full quarter up to last month, nothing else
        YearMonth now = YearMonth.parse(pastMonth(0));
        YearMonth quarterStart = now.minusMonths((now.getMonthValue() - 1) % 3);
        YearMonth firstClosed = quarterStart.minusMonths(3);
        int expected = 0;
        for (YearMonth m = firstClosed; m.isBefore(now); m = m.plusMonths(1)) {
            expected++;
            assertEquals(1, intOf("SELECT count(*) FROM month_close WHERE village_id = ? AND month = ?", v, m.toString()), "closed " + m);
        }
        assertTrue(expected >= 3 && expected <= 5, "months to close " + expected);
        assertEquals(expected, intOf("SELECT count(*) FROM month_close WHERE village_id = ?", v));
        assertEquals(expected, intOf("SELECT count(DISTINCT month) FROM posting WHERE village_id = ? AND type = 'BONUS'", v),
                "bonuses in every closed month");
        assertTrue(intOf("SELECT count(*) FROM posting WHERE village_id = ? AND type = 'BONUS'", v) >= 10);
        assertEquals(0, intOf("SELECT count(*) FROM entry WHERE village_id = ? AND status = 'PENDING' AND month <> ?", v, pastMonth(0)));
        assertBalanced(v);
    }
}
