package org.jifen.portal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.common.security.Tokens;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.jifen.support.Api.as;

/**
 * A reissued card (lost card) ends the portal sessions opened with the old card (card + phone), at once on this
 * instance; a session of a bound WeChat user of the same household is about the person and stays.
 */
@QuarkusTest
class CardReissueSessionTest {

    /** A mini-program user bound to the household; answers a session opened by that WeChat login (no card). */
    static String weChatSession(long householdId, String openid) {
        PortalLogins.bindMini(householdId, openid);
        return PortalLogins.weChatLogin(openid, householdId);
    }

    @Test
    void shouldEndCardSessionsOnReissueAndKeepWeChatSessions() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String byCard = PortalApiTest.login(h);
        String byWeChat = weChatSession(h, "o-reissue-" + h);

        // both are live and remembered in this instance's session cache
        as(byCard).get("/api/portal/me").then().statusCode(200).body("householdId", is((int) h));
        as(byWeChat).get("/api/portal/me").then().statusCode(200);
        given().redirects().follow(false).accept("text/html").cookie("jifen_portal", byCard).get("/portal").then().statusCode(200);

        String newCard = as(officer).post("/api/households/" + h + "/card/reissue").then().statusCode(200)
                .body("cardVersion", is(2)).extract().path("qrText");

        as(byCard).get("/api/portal/me").then().statusCode(401);
        given().redirects().follow(false).accept("text/html").cookie("jifen_portal", byCard).get("/portal")
                .then().statusCode(303).header("Location", endsWith("/portal/login")).cookie("jifen_portal", "");
        as(byWeChat).get("/api/portal/me").then().statusCode(200).body("householdId", is((int) h));
        given().redirects().follow(false).accept("text/html").cookie("jifen_portal", byWeChat).get("/portal").then().statusCode(200);

        // the old card no longer logs in, the new one does
        given().contentType(ContentType.JSON).body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(403).body("code", is("card.revoked"));
        String byNewCard = given().contentType(ContentType.JSON).body(Map.of("qrText", newCard, "phoneLast4", "8000"))
                .post("/api/portal/login").then().statusCode(200).extract().path("token");
        as(byNewCard).get("/api/portal/me").then().statusCode(200);

        // the reissue is in the audit trail with the number of sessions it ended
        as(officer).queryParam("entity", "household").queryParam("entityId", h).get("/api/villages/" + v + "/audit")
                .then().statusCode(200).body("items.find { it.action == 'reissue-card' }.after.endedSessions", is(2));
    }

    @Test
    void shouldRefuseASessionOpenedWithAnOldCardEvenIfItWasNeverRevoked() throws Exception {
        // e.g. a card login that raced with the reissue and committed after it, or another instance's cached view
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        as(officer).post("/api/households/" + h + "/card/reissue").then().statusCode(200).body("cardVersion", is(2));
        String late = Tokens.newToken();
        String current = Tokens.newToken();
        try (var c = TestDatabase.connect(); var s = c.prepareStatement("""
                INSERT INTO auth_session (token_hash, household_id, expires_at, card_version)
                VALUES (?, ?, now() + interval '1 day', ?)""")) {
            s.setString(1, Tokens.hash(late));
            s.setLong(2, h);
            s.setInt(3, 1);
            s.executeUpdate();
            s.setString(1, Tokens.hash(current));
            s.setInt(3, 2);
            s.executeUpdate();
        }
        as(late).get("/api/portal/me").then().statusCode(401);
        as(current).get("/api/portal/me").then().statusCode(200).body("householdId", is((int) h));
    }
}
