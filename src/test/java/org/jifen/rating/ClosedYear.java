package org.jifen.rating;

import org.jifen.support.Api;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.jifen.support.Api.as;

/**
 * A village with a past year (last year, China time) whose twelve months are closed through the API, and households
 * that earned given points in its December. Ten households with 1000 points each take the month's ten bonus places
 * (tied first), so the households of a test keep exactly the points it gave them.
 */
final class ClosedYear {

    final long village;
    final String secretary;
    final String officer;
    final int year = lastYear();
    final List<Long> households = new ArrayList<>();

    ClosedYear(int... points) {
        this(true, points);
    }

    ClosedYear(boolean closeDecember, int... points) {
        village = Api.village();
        secretary = Api.staff("SECRETARY", village);
        officer = Api.staff("OFFICER", village);
        for (int i = 0; i < 10; i++) {
            adjust(Api.household(officer, village), 1000);
        }
        for (int p : points) {
            long h = Api.household(officer, village);
            adjust(h, p);
            households.add(h);
        }
        for (int m = 1; m <= (closeDecember ? 12 : 11); m++) {
            as(secretary).post("/api/villages/" + village + "/months/" + String.format("%d-%02d", year, m) + "/close")
                    .then().statusCode(200);
        }
    }

    long household(int i) {
        return households.get(i);
    }

    private void adjust(long household, int points) {
        as(secretary).body(Map.of("points", points, "month", year + "-12", "reason", "年度测试"))
                .post("/api/households/" + household + "/adjustments").then().statusCode(201);
    }

    static int lastYear() {
        return ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;
    }
}
