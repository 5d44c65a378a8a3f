package org.jifen.portal;

import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jifen.shop.Shop;
import org.jifen.support.Api;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.jifen.support.Api.as;

/**
 * The portal keeps a household's figures a few seconds (jifen.portal.cache-seconds). Tests run with the cache off;
 * this one turns it on with a clock of its own: a change written elsewhere (another replica, here straight into the
 * database) shows once the entry expires; a write through this replica (a redemption, an approval of another
 * household's points that changes the rank) shows at once.
 */
@QuarkusTest
class PortalCacheTest {

    @Inject
    PortalService portal;

    final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void cacheOff() {
        portal.keepFor(Duration.ZERO, Ticker.systemTicker());
    }

    @Test
    void shouldServeKeptFiguresUntilTheyExpireOrAWriteHereChangesThem() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        TestLedger.give(h, 100, Shop.thisMonth());
        String token = PortalApiTest.login(h);
        portal.keepFor(Duration.ofSeconds(2), nanos::get);

        given().auth().oauth2(token).get("/api/portal/me").then().statusCode(200).body("availablePoints", is(100));
        given().auth().oauth2(token).get("/portal").then().statusCode(200).body(containsString("id=\"balance\">100<"));
        TestLedger.give(h, 20, Shop.thisMonth());   // as if another replica wrote it
        given().auth().oauth2(token).get("/api/portal/me").then().statusCode(200).body("availablePoints", is(100));
        given().auth().oauth2(token).get("/portal").then().statusCode(200).body(containsString("id=\"balance\">100<"));
        nanos.addAndGet(Duration.ofMillis(2001).toNanos());
        given().auth().oauth2(token).get("/api/portal/me").then().statusCode(200).body("availablePoints", is(120));

        long goods = Shop.goods(officer, v, "肥皂", 30);
        Shop.purchase(officer, v, goods, 5, null);
        as(Api.staff("CLERK", v)).body(Shop.redemption(Shop.qrText(officer, h), goods, 1)).post("/api/redemptions")
                .then().statusCode(201);
        given().auth().oauth2(token).get("/api/portal/me").then().statusCode(200).body("availablePoints", is(90))
                .body("rankThisYear", is(1));

        // another household of the village overtakes this one through the API of this replica: the rank moves at once
        long other = Api.household(officer, v);
        as(Api.staff("SECRETARY", v)).body(java.util.Map.of("points", 500, "month", Shop.thisMonth(), "reason", "补录"))
                .post("/api/households/" + other + "/adjustments").then().statusCode(201);
        given().auth().oauth2(token).get("/api/portal/me").then().statusCode(200).body("rankThisYear", is(2));
    }
}
