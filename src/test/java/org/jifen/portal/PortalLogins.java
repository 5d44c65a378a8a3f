package org.jifen.portal;

import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** Villagers' portal logins over HTTP as the mini-program and the card page make them (test phone 8000, card v1). */
public final class PortalLogins {

    private PortalLogins() {
    }

    /** A first mini-program login of {@code openid}: not bound yet, it gets a bind ticket. */
    public static String bindTicket(String openid) {
        return given().contentType(ContentType.JSON).body(Map.of("code", "good-" + openid))
                .post("/api/portal/wechat/mini-login").then().statusCode(200).body("bound", is(false))
                .extract().path("bindTicket");
    }

    /** The card + phone login of {@code householdId}, binding {@code ticket} when not null; its session token. */
    public static String cardLogin(long householdId, String ticket) {
        Map<String, Object> body = new HashMap<>(Map.of("qrText", PortalCardsFixture.qrText(householdId, 1), "phoneLast4", "8000"));
        if (ticket != null) {
            body.put("bindTicket", ticket);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/portal/login").then().statusCode(200)
                .body("householdId", is((int) householdId)).extract().path("token");
    }

    /** Binds a mini-program user to the household (ticket, then card login with it); the card login's token. */
    public static String bindMini(long householdId, String openid) {
        return cardLogin(householdId, bindTicket(openid));
    }

    /** A mini-program login of a bound {@code openid}; its session token. */
    public static String weChatLogin(String openid, long householdId) {
        return given().contentType(ContentType.JSON).body(Map.of("code", "good-" + openid))
                .post("/api/portal/wechat/mini-login").then().statusCode(200)
                .body("bound", is(true)).body("householdId", is((int) householdId)).extract().path("token");
    }
}
